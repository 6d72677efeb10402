#pragma once
// The exit codes of every tiservice command, in one place: the commands return these, the help
// texts and the README list them, scripts and the systemd timer read them.

#include "tiservice/assess/assessment.h"
#include "tiservice/workflow/update_workflow.h"

namespace tiservice::cli {

/// tiservice status
namespace status_exit {
inline constexpr int kCurrent = 0;           ///< everything is current
inline constexpr int kActionNeeded = 1;      ///< an update or another action is due
inline constexpr int kExpiredOrBlocked = 2;  ///< an approval expired or the TI access is blocked
inline constexpr int kNotPossible = 3;       ///< the check could not be done (why: on stderr)

[[nodiscard]] inline int forStatus(assess::ComponentStatus s) {
    using assess::ComponentStatus;
    switch (s) {
        case ComponentStatus::Blocked:
        case ComponentStatus::Expired: return kExpiredOrBlocked;
        case ComponentStatus::ApprovalEnds:
        case ComponentStatus::UpdateAvailable: return kActionNeeded;
        default: return kCurrent;
    }
}
}  // namespace status_exit

/// tiservice update, password and plan
namespace update_exit {
inline constexpr int kDoneOrPlanned = 0;  ///< installed, planned (or moved, or cancelled as asked), or nothing to do
inline constexpr int kCancelledOrElsewhere = 1;  ///< cancelled, started at another workplace, no driver
inline constexpr int kFailedOrSupport = 2;       ///< the installation failed, or support is needed now
inline constexpr int kNotPossible = 3;           ///< could not begin (settings, connection, another run)

[[nodiscard]] inline int forOutcome(workflow::Outcome o) {
    using workflow::Outcome;
    switch (o) {
        case Outcome::Succeeded:
        case Outcome::Planned:
        case Outcome::PlanCancelled:
        case Outcome::NothingToDo: return kDoneOrPlanned;
        case Outcome::Cancelled:
        case Outcome::OtherWorkstation:
        case Outcome::NoDriver: return kCancelledOrElsewhere;
        case Outcome::Failed:
        case Outcome::NeedsSupport: return kFailedOrSupport;
        case Outcome::CouldNotStart: return kNotPossible;
    }
    return kNotPossible;
}
}  // namespace update_exit

/// tiservice history, --help, --version, and any wrong command line
namespace general_exit {
inline constexpr int kDone = 0;
inline constexpr int kUsage = 3;  ///< an unknown command or option, a missing value
}  // namespace general_exit

}  // namespace tiservice::cli
