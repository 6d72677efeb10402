#pragma once
// The TUF client (specification 1.0, section 5 "client workflow"): everything tiservice
// downloads from the vendor's update server — the approval catalog, its own new versions,
// mobile-terminal firmware — is a target verified through root, timestamp, snapshot and
// targets metadata before anything believes it.
//
// Trusted metadata lives in one folder under plain names (root.json, timestamp.json,
// snapshot.json, targets.json, delegated roles by URL-escaped name); a file is written
// there only after it passed every check. Threads: use from one thread at a time.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/net/http_client.h"
#include "tiservice/trust/metadata.h"

namespace tiservice::trust {

struct TufLimits {
    std::size_t rootBytes = 512 * 1024;
    std::size_t timestampBytes = 16 * 1024;
    std::size_t snapshotBytes = 2 * 1024 * 1024;
    std::size_t targetsBytes = 5 * 1024 * 1024;
    int maxRootRotations = 256;
    int maxDelegatedRoles = 32;  ///< roles one target lookup may visit
    /// The longest one metadata file may take, plus a second per 16 KiB of its size cap (a 5 MiB
    /// targets file on a slow line), however long a target's transfer may (the client's
    /// totalTimeout): a server that trickles a byte now and then (slow retrieval) is given up
    /// after this, not after the half hour a large target is allowed.
    std::chrono::milliseconds metadataTime{60'000};
};

struct TufClientOptions {
    std::filesystem::path metadataDir;
    std::string metadataUrl;    ///< e.g. http://updates.example/metadata/
    std::string targetBaseUrl;  ///< e.g. http://updates.example/targets/
    net::ClientOptions http{
        .peerName = TIS_TEXT("tuf_client", "Der Update-Server"),
        .unreachableAction = TIS_TEXT("tuf_client",
                                      "Die Internetverbindung dieses PCs und die Adresse des Update-Servers in den "
                                      "Einstellungen prüfen."),
        .timeoutAction = TIS_TEXT(
            "tuf_client", "Später noch einmal versuchen; bleibt es so, die Internetverbindung dieses PCs prüfen.")};
    std::shared_ptr<const Clock> clock;  ///< null: the system clock
    TufLimits limits;
};

struct TargetInfo {
    std::string path;
    TargetFile file;
    std::string role;  ///< the role that listed it
};

class TISERVICE_CORE_EXPORT TufClient {
public:
    /// Trusts `rootFile` as the start of the chain: it must be a root metadata file signed
    /// by a threshold of its own root keys. It becomes metadataDir/root.json. No network.
    static Status trustRoot(const std::filesystem::path& metadataDir, const std::filesystem::path& rootFile);

    explicit TufClient(TufClientOptions options);
    ~TufClient();

    /// Runs the client workflow: root rotation, timestamp, snapshot, targets; one reference
    /// time for every expiry check. Nothing untrusted is kept on failure.
    Status refresh();

    /// Finds a target by path: pre-order depth-first through the delegations, as the
    /// specification orders it. Needs a successful refresh().
    Result<TargetInfo> findTarget(const std::string& path);

    /// Puts the verified target at `destination`. When the file there already has the
    /// target's length and hashes nothing is downloaded. Length is enforced while
    /// streaming; every listed hash is checked before the file appears at `destination`.
    Result<std::filesystem::path> download(const TargetInfo& target, const std::filesystem::path& destination);

    /// Root version trusted now (after refresh: the newest).
    [[nodiscard]] std::int64_t rootVersion() const;
    /// When the targets metadata was signed to expire — tells how fresh the data is.
    [[nodiscard]] std::optional<TimePoint> targetsExpiry() const;
    /// Whether the last download() used the file already there.
    [[nodiscard]] bool lastDownloadWasCached() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// "a/b c" → "a%2Fb%20c": how delegated role names become file names.
TISERVICE_CORE_EXPORT std::string escapeRoleName(std::string_view name);

}  // namespace tiservice::trust
