#pragma once
// The engine room's front door. Every host — the `tiservice` command line, each practice
// software's adapter, the window — drives the same Engine:
//
//   settings ─▶ Engine ─▶ check()          status check + follow-up of a journal's story
//                      ─▶ update()         the guided update (workflow::UpdateWorkflow)
//                      ─▶ changePassword()
//                      ─▶ resume()         finish a story the journal tells, at start
//                      ─▶ history()        the update archive
//                 │
//                 └──▶ Ui port: every notice, question and progress, on the calling thread
//
// The Engine decides what things mean to a person: which notice a finding becomes (its id,
// severity, title and actions), what a locked state folder or a finished workflow says.
// It owns the state-folder lock for each operation. It runs on the calling thread; the
// EngineThread (engine_thread.h) runs it in the background for hosts with a UI thread.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/engine/status_check.h"
#include "tiservice/error.h"
#include "tiservice/settings.h"
#include "tiservice/workflow/journal.h"
#include "tiservice/workflow/ui.h"
#include "tiservice/workflow/update_workflow.h"

namespace tiservice::engine {

/// How a host names things in the notices about its equipment.
struct Wording {
    LocalizedText statusTitle;     ///< "TI-Komponenten", "TI-Wartung", "Konnektor-Service", …
    LocalizedText updateAction;    ///< the label of the action that starts the guided update
    std::string updateActionId = "update";  ///< its id (a host's menu entry id, e.g. "ti-service.update")

    TISERVICE_CORE_EXPORT static Wording standard();
};

struct EngineSetup {
    std::filesystem::path stateDir;  ///< journal/, history.jsonl, catalog/, logs/
    const Clock* clock = nullptr;    ///< the system clock when null
    workflow::Ui* ui = nullptr;      ///< required
    Wording wording = Wording::standard();
    /// How long an update or password change waits for another tiservice on this PC to finish
    /// (the command line: not at all; an adapter: a few seconds).
    std::chrono::milliseconds lockWait{0};
    /// See WorkflowOptions. [thread-safe]
    std::function<bool()> stopRequested;
    std::function<int()> workplacesSignedIn;
    /// How the connector is reached; empty: over the network as the settings say (tests bring a fake).
    konnektor::ConnectorAccessFactory connectorAccess;
};

/// What a status check found, with what it did on the way.
struct CheckOutcome {
    Result<StatusReport> report = Error{};
    /// An update the journal followed and the connector has now confirmed (recorded in the archive).
    std::optional<LocalizedText> followedUp;
};

/// How a person closed a notice a host showed.
enum class NoticeClosed {
    Dismissed,  ///< closed it: it comes back the next day, or at once when more urgent
    Postponed,  ///< "Später": it comes back in four hours, or at once when more urgent
};

struct HistoryView {
    std::vector<workflow::HistoryEntry> entries;
    int unreadableLines = 0;
    std::filesystem::path file;
    /// Whether the connector's own installation list was read into it; when it was asked and
    /// could not be, why (the archive then shows what this workstation knows).
    bool connectorListRead = false;
    std::optional<Error> connectorListError;
    int takenFromConnector = 0;  ///< installations the connector's list added now
};

/// The one thing a window offers for a device on its start page: its main button.
struct MainAction {
    std::string id;                      ///< "plan-evening", "update", "mobile-terminal-update", "support"
    LocalizedText label;                 ///< "Heute Abend um 19:00 einplanen", "Jetzt aktualisieren", …
    std::optional<TimePoint> plannedAt;  ///< for "plan-evening": the evening the practice hours leave
    LocalizedText advice = {};           ///< for "support": what the finding says to do, with whom to call
};

class TISERVICE_CORE_EXPORT Engine {
public:
    explicit Engine(EngineSetup setup);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// The settings to work with, or why there are none (every operation then says so).
    void useSettings(Result<ConnectionSettings> settings);
    [[nodiscard]] const std::optional<ConnectionSettings>& settings() const;
    [[nodiscard]] const std::filesystem::path& stateDir() const;

    /// Reads the connector and terminals, checks them against the verified catalog (refreshed
    /// unless another tiservice works with this PC's data), and lets an update the journal
    /// still follows record what the connector now says. While the connector cannot be read
    /// during an installation, the error says "do not switch it off" first.
    CheckOutcome check();
    /// The guided update; an Error when it could not even begin (settings, another run).
    Result<workflow::WorkflowResult> update(std::optional<TimePoint> plannedAt = std::nullopt);
    Result<workflow::WorkflowResult> changePassword();
    /// The guided update of the mobile card terminal the settings name, from this PC
    /// (workflow::updateMobileTerminal); an Error when it could not even begin.
    Result<workflow::WorkflowResult> updateMobileTerminal();
    /// Moves or cancels the connector's planned installations (workflow::UpdateWorkflow::changePlan).
    Result<workflow::WorkflowResult> changePlan(workflow::PlanChange change = {});
    /// Finishes a story the journal tells (at start of a host); NothingToDo without one or
    /// while another tiservice owns the state folder (it follows the story).
    workflow::WorkflowResult resume();
    /// Looks for a newer tiservice release for a host that embeds the engine (an adapter, the
    /// window): it never installs one, it only says that one is available and where it comes
    /// from, or that one offered was refused (release/self_update.h). Nothing while an update
    /// is underway or when the settings switch it off. True when it said something.
    bool lookForRelease();
    /// The update archive as this workstation holds it, without asking anybody.
    [[nodiscard]] HistoryView history() const;
    /// The practice's archive: first takes in what the connector's own installation list holds
    /// and this workstation does not know yet (a colleague's, the auto-update's), then reads it.
    /// Without settings, or while the connector cannot be read, the local archive with the reason.
    HistoryView practiceHistory();

    // What a host shows: the one road for notices. Each goes through the Ui port.
    /// The notices a check means: one per component that needs something, the catalog, or
    /// "everything current"; an error as "check not possible". A notice of the last check
    /// that no longer holds is withdrawn (no stale "expired" after the update); one a person
    /// closed or postponed is held back until its time, unless it became more urgent.
    void announce(const CheckOutcome& outcome);
    /// A person closed the notice with this id (the host tells it).
    void noticeClosed(const std::string& noticeId, NoticeClosed how);
    void announce(const workflow::WorkflowResult& result, bool passwordOnly = false);
    /// Why an operation could not begin (settings incomplete, another run on this PC).
    void announce(const Error& couldNotBegin);
    void announce(const HistoryView& history);
    /// What a window's start page offers for this finding: tonight after the practice hours
    /// while the deadline allows it, now when it does not (or the hours leave no evening), a
    /// call to the support when the connector blocks the TI; nothing when nothing is to do or
    /// nothing can be done from here (a device switched off, no update offered).
    [[nodiscard]] std::optional<MainAction> mainAction(const assess::Finding& finding) const;
    /// The notices a status report means, for hosts that present them themselves.
    [[nodiscard]] std::vector<workflow::Notice> noticesFor(const StatusReport& report) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tiservice::engine
