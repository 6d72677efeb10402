#pragma once
// One status check: read the connector (network), load the verified approval catalog (TUF),
// then assess (pure, assess/). The engine runs it for `tiservice status` and every adapter.

#include <filesystem>
#include <optional>
#include <vector>

#include "tiservice/assess/assessment.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/konnektor/connector_access.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/settings.h"

namespace tiservice::engine {

struct StatusReport {
    konnektor::ConnectorSnapshot snapshot;
    std::optional<catalog::LoadedCatalog> catalog;
    std::optional<Error> catalogError;  ///< no verified catalog at all
    /// The connector's own status (auto-update, installations) from its management interface,
    /// read without signing in; nullopt without a driver or when it did not answer.
    std::optional<konnektor::ManagementStatus> management;
    std::vector<assess::Finding> findings;
    assess::ComponentStatus overall = assess::ComponentStatus::Current;
    TimePoint checkedAt{};
};

struct StatusCheckOptions {
    /// false: use the last verified catalog without asking the update server (another process
    /// owns the state folder right now).
    bool refreshCatalog = true;
    /// With refreshCatalog false for another reason than another process at work (the state
    /// folder cannot be locked: no permission, a full disk): said instead of "busy", and
    /// instead of "no verified catalog yet" when there is none.
    std::optional<Error> notRefreshedBecause;
    /// How the connector is reached; empty: over the network as the settings say.
    konnektor::ConnectorAccessFactory connectorAccess;
    /// A catalog already verified for these settings' update server (the fleet check verifies
    /// it once for every practice); then neither the server nor the state folder is asked.
    const catalog::LoadedCatalog* catalog = nullptr;
};

/// An Error only when the connector could not be read; a missing catalog is reported in
/// the report (catalogError) and leaves components unknown.
TISERVICE_CORE_EXPORT Result<StatusReport> runStatusCheck(const ConnectionSettings& settings,
                                                          const net::ClientOptions& connectorOptions,
                                                          const std::filesystem::path& stateDir, const Clock& clock,
                                                          StatusCheckOptions options = {});

}  // namespace tiservice::engine
