#pragma once
// The update archive is the practice's, not one PC's: the connector keeps its own list of
// installations (who started each, when it really started and finished, how it ended). Every
// check takes the finished ones this workstation does not know yet into its archive, so each
// workstation shows the same story — what a colleague, the connector's auto-update or the
// service partner at the connector's admin interface installed, beside its own runs.

#include <functional>
#include <string>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/driver.h"
#include "tiservice/workflow/journal.h"

namespace tiservice::workflow {

/// Whose list it is and who is asking.
struct ConnectorList {
    std::string connectorId;  ///< as the archive names the connector ("KOCOC-kocobox@host:port")
    /// What stays when the connector's address changes (its product, "KOCOC-kocobox"): the
    /// entries taken from its list are named by it, so a new address takes nothing in twice.
    std::string identity;
    /// This workstation: its own runs are recorded by its journal, not taken from the list
    /// (whatever the two say of the result, and however far the clocks are apart) — unless the
    /// archive does not hold them (a new PC, a lost state folder): then the list's are taken.
    std::string clientSystemId, workplaceId;
};

/// Adds each finished installation of the connector's list that the archive does not hold yet
/// (as "started" and "finished", with the connector's times and who started it), except this
/// workstation's own that its journal recorded (one recorded run for one listed installation,
/// matched by component and target version). Taking the same list again adds nothing; an entry half written before a
/// crash is completed. `nameOf` gives what people call a component ("connector", a terminal's
/// CtId). Returns how many installations were added.
TISERVICE_CORE_EXPORT Result<int> takeConnectorInstallations(
    UpdateHistory& history, const ConnectorList& list, const std::vector<konnektor::Installation>& installations,
    const std::function<std::string(const std::string& component)>& nameOf);

}  // namespace tiservice::workflow
