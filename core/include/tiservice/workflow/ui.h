#pragma once
// How the guided update talks to people: notices, questions and progress. The standalone
// tool renders them in a terminal (or answers from a file); a practice software renders
// them in its own window through the plugin ABI. Every item has a stable id, so answers
// files and hosts can refer to it.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/i18n.h"
#include "tiservice/password_policy.h"

namespace tiservice::workflow {

enum class Severity { Info, Warning, Critical };

struct Choice {
    std::string id;  ///< e.g. "now", "evening", "cancel"
    LocalizedText label;
};

struct Notice {
    std::string id;  ///< e.g. "plan.summary", "warning.do-not-switch-off"
    Severity severity = Severity::Info;
    LocalizedText title;
    LocalizedText text;
    /// What a person can do about it ("update", "later"); a host shows them as buttons.
    std::vector<Choice> actions = {};
};

struct Question {
    enum class Kind { Choice, Text, Secret };
    std::string id;  ///< e.g. "login.password", "plan.when"
    Kind kind = Kind::Text;
    LocalizedText text;
    std::vector<Choice> choices;  ///< for Kind::Choice
    std::string defaultValue;
    /// A new password's rules, one per line, and what the answer typed so far breaks: a window
    /// ticks each rule off as the person types, before the connector is asked. Empty for other
    /// questions. checkAsTyped may only be called while the question is open (until ask()
    /// returns); it is pure and quick, and it names no secret.
    std::vector<PasswordRuleLine> rules = {};
    std::function<std::vector<PasswordViolation>(std::string_view typed)> checkAsTyped = {};
};

struct Progress {
    std::string id;  ///< "download", "install", "reboot"
    LocalizedText what;
    std::optional<int> percent;
    std::optional<std::chrono::seconds> timeLeft;
};

/// Called on the thread that runs the workflow; ask() may block until a person answers.
class TISERVICE_CORE_EXPORT Ui {
public:
    virtual ~Ui();
    virtual void notice(const Notice& notice) = 0;
    /// The answer (a choice id for Kind::Choice), or nullopt when the person cancels.
    virtual std::optional<std::string> ask(const Question& question) = 0;
    virtual void progress(const Progress& progress) = 0;
    /// The notice with this id, shown before, no longer holds (the update it asked for is
    /// installed): take it away. A terminal has printed it already and does nothing.
    virtual void withdraw(const std::string& noticeId) { (void)noticeId; }
};

/// A Ui that shows nothing and asks nobody (every question counts as cancelled): for work that
/// must not talk to a person, such as a check's follow-up or reading the connector's list.
class TISERVICE_CORE_EXPORT SilentUi final : public Ui {
public:
    void notice(const Notice&) override {}
    std::optional<std::string> ask(const Question&) override { return std::nullopt; }
    void progress(const Progress&) override {}
};

/// The Ui as the workflow uses it: the answer to a choice is one of its choices or nothing.
/// Anything else — a password typed into "When?", a mistyped word — is asked again with a word
/// why (three times at most, then it counts as cancelled); it is never taken for a choice.
class TISERVICE_CORE_EXPORT CheckedChoices final : public Ui {
public:
    explicit CheckedChoices(Ui& inner) : inner_(inner) {}
    void notice(const Notice& n) override { inner_.notice(n); }
    std::optional<std::string> ask(const Question& q) override;
    void progress(const Progress& p) override { inner_.progress(p); }
    void withdraw(const std::string& id) override { inner_.withdraw(id); }

private:
    Ui& inner_;
};

}  // namespace tiservice::workflow
