#pragma once
// Where the approval catalog comes from: the vendor's update server through the TUF client,
// kept in the state folder so the check still works offline — and says how old it is.

#include <filesystem>
#include <optional>
#include <string>

#include "tiservice/catalog/approval_catalog.h"
#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/settings.h"
#include "tiservice/trust/tuf_client.h"

namespace tiservice::catalog {

/// The TUF target path of the catalog on the update server.
inline constexpr const char* kCatalogTarget = "catalog/approval-catalog.json";

struct LoadedCatalog {
    ApprovalCatalog catalog;
    TimePoint verifiedAt{};   ///< when it was last verified against the update server
    bool fresh = false;       ///< verified in this run
    std::optional<Error> refreshError;  ///< why the update server could not be used this time
};

/// The vendor's update server as the settings name it, its metadata refreshed through TUF into
/// <stateDir>/<metadataFolder> (the settings' trusted_root is trusted on first use): where the
/// catalog, mobile-terminal firmware and tiservice's own releases come from. `http` sets timeouts
/// and attempts; the CA file comes from the settings. Work that may run beside another refresh
/// (the look for a new release at start) uses a folder of its own.
TISERVICE_CORE_EXPORT Result<std::unique_ptr<trust::TufClient>> openUpdateServer(
    const ConnectionSettings& settings, const std::filesystem::path& stateDir, const Clock& clock,
    net::ClientOptions http = {}, const std::string& metadataFolder = "trust");

/// Refreshes the catalog through TUF into <stateDir>/trust and <stateDir>/cache; when the
/// update server cannot be used, falls back to the last verified catalog. An Error only
/// when there is no verified catalog at all.
/// With `refresh` false the update server is not asked (another process owns the state folder).
TISERVICE_CORE_EXPORT Result<LoadedCatalog> loadApprovalCatalog(const ConnectionSettings& settings,
                                                                const std::filesystem::path& stateDir, const Clock& clock,
                                                                bool refresh = true);

/// The last catalog verified by loadApprovalCatalog, from the state folder, without asking
/// the update server (for names and facts while the network is busy with something else).
TISERVICE_CORE_EXPORT Result<ApprovalCatalog> loadVerifiedCatalog(const std::filesystem::path& stateDir);

}  // namespace tiservice::catalog
