#pragma once
// The workflow's Ui in a terminal: notices and progress on stdout, questions on stdin
// (secrets without echo) — or every answer from a JSON answers file for automation.

#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/error.h"
#include "tiservice/workflow/answers.h"
#include "tiservice/workflow/ui.h"

namespace tiservice::cli {

class TerminalUi : public workflow::Ui {
public:
    TerminalUi(std::ostream& out, std::istream& in);
    void notice(const workflow::Notice& notice) override;
    std::optional<std::string> ask(const workflow::Question& question) override;
    void progress(const workflow::Progress& progress) override;

protected:
    std::ostream& out_;
    std::istream& in_;
    std::string lastProgress_;
};

/// Answers from a file: {"login.password": "…", "password.new": ["first try", "second"], "plan.when": "now"}.
/// A list answers the same question several times in order; a question without an answer
/// cancels. Answers are never printed.
class AnswersFileUi : public TerminalUi {
public:
    static Result<std::unique_ptr<AnswersFileUi>> load(const std::filesystem::path& file, std::ostream& out, std::istream& in);
    std::optional<std::string> ask(const workflow::Question& question) override;

private:
    AnswersFileUi(std::ostream& out, std::istream& in) : TerminalUi(out, in) {}
    workflow::Answers answers_;
    std::map<std::string, std::size_t> used_;
};

/// The Ui a command asks with: the answers file when one is given, else the terminal;
/// null (the reason on `err`) when the answers file cannot be read.
std::unique_ptr<TerminalUi> terminalUiFor(const std::optional<std::filesystem::path>& answers, std::ostream& out,
                                          std::ostream& err);

}  // namespace tiservice::cli
