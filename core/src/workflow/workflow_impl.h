#pragma once
// The guided update's inside, shared by its parts (internal, not installed):
//   workflow_context.cpp  journal, archive, reading the connector, messages every part uses
//   sign_in.cpp           signing in, changing an expired password
//   planning.cpp          when to install, the download
//   follow_install.cpp    starting, following through the reboots, verifying, resuming a journal
//   update_workflow.cpp   the order of it all (run) and the public entry points
// Item states move only as the journal's state table allows (journal.h, kItemTransitions).

#include "tiservice/workflow/update_workflow.h"

#include <algorithm>
#include <map>
#include <cstdlib>
#include <random>
#include <thread>

#include "tiservice/assess/assessment.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/log.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::workflow {
using konnektor::Installation;
using konnektor::LoginAnswer;
using konnektor::ManagedUpdate;
using konnektor::PasswordChangeAnswer;
using SteadyClock = std::chrono::steady_clock;

namespace detail {
std::string megabytes(std::uint64_t bytes);
/// "28.11.2026 um 19:30" in local time.
LocalizedText clockText(TimePoint t);
/// The evening choice as a person reads it at `now`: "Heute Abend, 19:00", "Morgen Abend,
/// 19:00", or "Am 07.12.2026 abends, 19:00".
LocalizedText eveningText(TimePoint evening, TimePoint now);
/// Whom to call: the support contact for the practice's customer type, from the catalog.
LocalizedText supportText(const catalog::ApprovalCatalog* catalog, CustomerType customerType);
std::string newRunId();
/// Test builds only (TISERVICE_FAULT_HOOKS): pauses at `step` when TISERVICE_FAULT_PAUSE_AT names
/// it ("installing", "installing:2" for its second time), so kill-and-resume tests can strike there.
void pauseForFaultInjection(const std::string& step, std::map<std::string, int>& counts);
}  // namespace detail
using detail::clockText;
using detail::eveningText;
using detail::megabytes;
using detail::newRunId;
using detail::pauseForFaultInjection;
using detail::supportText;

struct UpdateWorkflow::Impl {
    ConnectionSettings settings;
    net::ClientOptions connectorOptions;
    CheckedChoices checkedUi;  ///< what the person answers, checked against the choices offered
    Ui& ui;
    const Clock& clock;
    WorkflowOptions opt;
    std::unique_ptr<konnektor::ConnectorAccess> access;
    std::optional<konnektor::ConnectorSnapshot> snapshot;
    std::optional<catalog::ApprovalCatalog> catalog;  ///< the last verified one, for names only
    std::unique_ptr<konnektor::Driver> driver;
    std::string connectorId;
    std::filesystem::path journalPath;
    UpdateHistory history;
    std::optional<UpdateJournal> journal;
    std::optional<UpdateJournal> journalBeforeReading;  ///< read before the connector (for the warning)
    std::map<std::string, int> stepCounts;  ///< for TISERVICE_FAULT_PAUSE_AT

    Impl(ConnectionSettings s, net::ClientOptions o, Ui& u, const Clock& c, WorkflowOptions w)
        : settings(std::move(s)),
          connectorOptions(std::move(o)),
          checkedUi(u),
          ui(checkedUi),
          clock(c),
          opt(std::move(w)),
          history(opt.stateDir / "history.jsonl") {}

    // --- small helpers -----------------------------------------------------------------

    WorkflowResult result(Outcome o, LocalizedText message, std::optional<Error> error = std::nullopt);

    /// While the journal says an installation may be running, the one thing a person must
    /// not do is switch the connector off: every error says that first.
    bool underway() const { return (journal && journal->installationUnderway()) || (journalBeforeReading && journalBeforeReading->installationUnderway()); }

    Error withUnderwayWarning(Error e) const { return underway() ? withInstallationWarning(std::move(e)) : e; }

    WorkflowResult failure(const Error& original);

    /// The archive could not take an entry: say so, never claim it is recorded; the journal
    /// keeps the story so the next start writes it.
    WorkflowResult archiveFailure(const Error& e);

    WorkflowResult cancelled();

    bool stopping() const { return opt.stopRequested && opt.stopRequested(); }

    /// Sleeps in short slices so a host shutting down is never kept waiting.
    void sleepFor(std::chrono::milliseconds d);

    /// Writes the journal, then honours the fault-injection pause the kill-and-resume tests use.
    Status checkpoint(Step at);

    void dropJournal();

    /// Writes one archive entry for `item` unless it is there already (its id is checked), and
    /// notes it in the item, so the journal always says what the archive holds.
    Status record(JournalItem& item, const std::string& event);

    /// Writes every archive entry the journal's states call for that is not written yet
    /// (a run killed between journal and archive), then saves the journal.
    Status archiveWhatTheJournalKnows();

    // --- reading the connector ---------------------------------------------------------

    std::optional<WorkflowResult> prepare();

    /// What people call a component: the product table's name (real terminals report none)
    /// with the terminal's own name as the place.
    std::string componentName(const std::string& component, const std::string& hint) const;

    const konnektor::CardTerminal* terminal(const std::string& ctId) const;

    // --- other workstations ------------------------------------------------------------

    bool ours(const Installation& i) const;

    WorkflowResult otherWorkstation(const Installation& i);

    // --- signing in --------------------------------------------------------------------

    std::optional<WorkflowResult> signIn(std::string& user, bool passwordChangeOnly = false);

    /// Asks for a new password until the connector takes one; nullopt when signed in after it.
    std::optional<WorkflowResult> changePasswordWith(const std::string& user, const std::string& oldPassword,
                                                     bool continueAfterwards);

    // --- planning ----------------------------------------------------------------------

    /// `autoUpdateAt`: the connector's auto-update will install the plan itself then.
    std::optional<WorkflowResult> decideWhen(std::optional<TimePoint>& plannedAt, bool askPerson,
                                             std::optional<TimePoint> autoUpdateAt = std::nullopt);

    /// A planned time inside practice hours: says so and offers the evening instead.
    std::optional<WorkflowResult> checkPlannedTime(std::optional<TimePoint>& plannedAt,
                                                   const std::optional<TimePoint>& evening);
    std::optional<WorkflowResult> ensureDownloaded(std::vector<ManagedUpdate>& updates);

    /// See UpdateWorkflow::changePlan (change_plan.cpp).
    WorkflowResult changePlan(PlanChange change);
    /// An archive entry for a change of the connector's plan ("planned" at its new time,
    /// "cancelled"), written once.
    Status recordPlanChange(const Installation& planned, const std::string& event, TimePoint plannedAt);

    // --- following an installation ------------------------------------------------------

    enum class Followed { Succeeded, Failed, Broken, NotBack, NotOnConnector, Stopped };

    static bool matches(const Installation& i, const JournalItem& item) { return i.updateId == item.updateId; }

    /// The version the connector reports for the item's component now (SDS or EventService);
    /// unknown when it cannot be read.
    FirmwareVersion versionNow(const JournalItem& item);

    Followed follow(JournalItem& item);

    bool verify(const JournalItem& item);

    /// Follows one started item to its end and records it; the outcome when it did not succeed.
    std::optional<WorkflowResult> finishItem(JournalItem& item);

    // --- starting ----------------------------------------------------------------------

    JournalItem itemFor(const ManagedUpdate& u) const;

    JournalItem itemFor(const Installation& inst) const;

    void newJournal(std::optional<TimePoint> plannedAt);

    static bool connectionTrouble(const Error& e) {
        return e.code == net::errors::kConnectionLost || e.code == net::errors::kTimeout || e.code == net::errors::kUnreachable;
    }

    static constexpr const char* kStartUnknown = "workflow.start-unknown";

    /// What the connector itself says of an item whose start request got no answer: running,
    /// planned or finished (ours), or no trace. Waits while it reboots, up to the follow timeout.
    enum class Trace { Found, None, Unknown };

    Trace traceOf(const JournalItem& item, std::optional<Installation>& found);

    /// Sends the start request. When its answer is lost on the way the outcome is unknown: the
    /// item is journalled as "maybe started" before the request goes out, and the connector's
    /// own status decides (it may reboot meanwhile and end every session); the request is sent
    /// again only when the connector shows no trace of it.
    Result<konnektor::InstallAnswer> startInstallation(const JournalItem& item, std::optional<TimePoint> plannedAt);

    /// Starts (or plans) the items in order; follows each when started now.
    WorkflowResult execute(std::optional<TimePoint> plannedAt);

    /// After a start that did not happen: the journal goes when nothing of it is open any more
    /// (planned or underway items stay followed).
    void finishOrDropJournal();

    // --- finishing a story the journal tells -----------------------------------------------

    /// nullopt: nothing left from the journal; continue as a fresh run.
    std::optional<WorkflowResult> continueJournal();

    /// A planned item the connector no longer plans is gone (cancelled), unless it runs or ran
    /// as ours; for continueJournal and reconcile alike.
    bool planGone(const JournalItem& item, const konnektor::ManagementStatus& st);
    /// Records a gone plan as "cancelled" once and leaves the item to a new run.
    Status recordPlanGone(JournalItem& item);

    /// One look, no waiting and no questions: records what the connector says of items the
    /// journal still follows (for a status check that sees the new version).
    WorkflowResult reconcile();

    WorkflowResult run(std::optional<TimePoint> plannedAt);
};

}  // namespace tiservice::workflow
