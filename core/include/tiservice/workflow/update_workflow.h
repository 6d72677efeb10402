#pragma once
// The guided update, what the vendor's "Updates und Upgrades" menu does, for any host:
//
//   check → sign in (→ change an expired password) → plan (terminals before the connector;
//   now or at a time; warn in practice hours) → download → confirm → start → follow through
//   the reboots → verify through connector.sds → record in the history.
//
// Each step is written to the journal first, so the next start finishes the story after
// the tool, the host or the PC was switched off. Credentials are asked each time and never
// stored. It runs on the calling thread and talks to people only through the Ui port.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/connector_access.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/konnektor/driver.h"
#include "tiservice/settings.h"
#include "tiservice/workflow/journal.h"
#include "tiservice/workflow/practice_hours.h"
#include "tiservice/workflow/ui.h"

namespace tiservice::workflow {

struct WorkflowOptions {
    std::filesystem::path stateDir;  ///< journal/ and history.jsonl live here
    PracticeHours practiceHours;
    std::chrono::milliseconds pollInitial{2'000};   ///< status polling while following
    std::chrono::milliseconds pollMax{30'000};      ///< capped backoff while the connector is away
    std::chrono::milliseconds followTimeout{std::chrono::minutes(90)};  ///< generous but finite
    std::chrono::milliseconds downloadTimeout{std::chrono::minutes(120)};
    std::chrono::seconds connectorInstallDuration{20 * 60};  ///< for "time left"
    std::chrono::seconds terminalInstallDuration{5 * 60};
    /// Polled while waiting; when it returns true the workflow stops (CouldNotStart) and
    /// leaves the journal, so the next start follows up. [thread-safe]
    std::function<bool()> stopRequested;
    /// Workplaces signed in to the practice software right now besides this one (-1: unknown),
    /// when the host can tell; "now" is then questioned like a start in practice hours. [thread-safe]
    std::function<int()> workplacesSignedIn;
    /// How the connector is reached; empty: over the network as the settings say.
    konnektor::ConnectorAccessFactory connectorAccess;
};

/// The options the settings ask for.
TISERVICE_CORE_EXPORT WorkflowOptions workflowOptionsFrom(const ConnectionSettings& settings,
                                                          const std::filesystem::path& stateDir);

enum class Outcome {
    Succeeded,         ///< installed and verified
    Planned,           ///< the connector will install at the chosen time
    PlanCancelled,     ///< the planned installations were cancelled, as the person asked
    NothingToDo,       ///< no update offered
    Cancelled,         ///< the person stopped before anything started
    OtherWorkstation,  ///< another client system or workplace runs or planned an update
    Failed,            ///< the installation failed; the old version stays; try again later
    NeedsSupport,      ///< not back, or back broken: do not unplug, call support now
    NoDriver,          ///< tiservice cannot start updates on this connector
    CouldNotStart,     ///< unreachable, wrong settings, locked account, …
};

TISERVICE_CORE_EXPORT std::string_view outcomeId(Outcome o);

/// While an installation may be running, the one thing a person must not do is switch the
/// connector off: this puts that first into any Error, and for "cannot be reached" replaces
/// "check that it is switched on" by "it is probably rebooting".
TISERVICE_CORE_EXPORT Error withInstallationWarning(Error e);

/// What to do with the installations the connector has planned (tiservice plan, the
/// adapters' "Geplantes Update ändern"): from any workstation, whoever planned them.
struct PlanChange {
    enum class Kind {
        Ask,     ///< show the plan and ask: move, cancel or keep
        Move,    ///< to `to` (asked for when not given)
        Cancel,  ///< cancel every planned installation
    };
    Kind kind = Kind::Ask;
    std::optional<TimePoint> to;
};

struct WorkflowResult {
    Outcome outcome = Outcome::CouldNotStart;
    LocalizedText message;
    std::optional<Error> error;
};

class TISERVICE_CORE_EXPORT UpdateWorkflow {
public:
    UpdateWorkflow(ConnectionSettings settings, net::ClientOptions connectorOptions, Ui& ui, const Clock& clock,
                   WorkflowOptions options);
    ~UpdateWorkflow();

    /// The whole guided update; `plannedAt` answers "when" in advance (tiservice update --at).
    WorkflowResult run(std::optional<TimePoint> plannedAt = std::nullopt);
    /// Only finishes a story the journal tells (at start of a host); NothingToDo without one.
    WorkflowResult resume();
    /// One look at the connector, no waiting, no questions: records what it says of an update
    /// the journal still follows (a status check that sees the new version records it).
    WorkflowResult reconcile();
    /// Changes the connector's admin password alone (tiservice password).
    WorkflowResult changePassword();
    /// Moves or cancels what the connector has planned (after signing in), records it in the
    /// archive and in this workstation's journal. Planned when moved, PlanCancelled when
    /// cancelled, Cancelled when left as it was, NothingToDo when nothing is planned (or it
    /// already runs).
    WorkflowResult changePlan(PlanChange change);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tiservice::workflow
