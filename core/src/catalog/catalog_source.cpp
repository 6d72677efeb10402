#include "tiservice/catalog/catalog_source.h"

#include "tiservice/logger.h"
#include "tiservice/store/atomic_file.h"
#include "tiservice/trust/tuf_client.h"

namespace tiservice::catalog {
Result<std::unique_ptr<trust::TufClient>> openUpdateServer(const ConnectionSettings& s,
                                                           const std::filesystem::path& stateDir, const Clock& clock,
                                                           net::ClientOptions http, const std::string& metadataFolder) {
    if (s.updateServer.metadataUrl.empty() || s.updateServer.targetsUrl.empty())
        return Error{.code = "catalog.no-update-server",
                     .message = TIS_TEXT("catalog_source", "Es ist kein Update-Server eingerichtet."),
                     .action = TIS_TEXT("catalog_source", "[update_server] metadata_url und targets_url setzen."),
                     .detail = "update_server"};
    const auto metadataDir = stateDir / metadataFolder;
    if (!std::filesystem::exists(metadataDir / "root.json")) {
        if (s.updateServer.trustedRoot.empty())
            return Error{
                .code = "catalog.no-trusted-root",
                .message = TIS_TEXT("catalog_source",
                                    "Es ist kein vertrauenswürdiger Startpunkt für die Update-Daten eingerichtet."),
                .action = TIS_TEXT(
                    "catalog_source",
                    "tiservice neu installieren oder [update_server] trusted_root in den Einstellungen setzen."),
                .detail = "trusted_root"};
        if (auto st = trust::TufClient::trustRoot(metadataDir, s.updateServer.trustedRoot); !st.ok()) return st.error();
    }
    trust::TufClientOptions o;
    o.metadataDir = metadataDir;
    o.metadataUrl = s.updateServer.metadataUrl;
    o.targetBaseUrl = s.updateServer.targetsUrl;
    http.peerName = o.http.peerName;  // the update server's name and advice, not a device's
    http.unreachableAction = o.http.unreachableAction;
    http.timeoutAction = o.http.timeoutAction;
    http.caFile = s.updateServer.caFile;
    o.http = std::move(http);
    o.clock = std::shared_ptr<const Clock>(&clock, [](const Clock*) {});
    auto client = std::make_unique<trust::TufClient>(o);
    if (auto st = client->refresh(); !st.ok()) return st.error();
    return client;
}

namespace {

Status refreshThroughTuf(const ConnectionSettings& s, const std::filesystem::path& stateDir, const Clock& clock,
                         const std::filesystem::path& cached) {
    auto client = openUpdateServer(s, stateDir, clock, net::ClientOptions{.maxAttempts = 2});
    if (!client.ok()) return client.error();
    auto target = (*client)->findTarget(kCatalogTarget);
    if (!target.ok()) return target.error();
    auto file = (*client)->download(*target, cached);
    if (!file.ok()) return file.error();
    return Status::success();
}

}  // namespace

Result<LoadedCatalog> loadApprovalCatalog(const ConnectionSettings& s, const std::filesystem::path& stateDir,
                                          const Clock& clock, bool refresh) {
    const auto cached = stateDir / "cache" / kCatalogTarget;
    const auto stamp = stateDir / "cache" / "approval-catalog.verified";
    LoadedCatalog loaded;
    if (!refresh) {
        loaded.refreshError =
            Error{.code = "catalog.not-refreshed",
                  .message = TIS_TEXT("catalog_source",
                                      "Der Katalog wurde diesmal nicht aktualisiert: tiservice arbeitet auf diesem PC "
                                      "gerade an einem Update."),
                  .action = TIS_TEXT("catalog_source", "Nach dem Update noch einmal prüfen."),
                  .detail = "busy"};
    } else if (s.updateServer.metadataUrl.empty() || s.updateServer.targetsUrl.empty()) {
        loaded.refreshError =
            Error{.code = "catalog.no-update-server",
                  .message = TIS_TEXT("catalog_source", "Es ist kein Update-Server eingerichtet."),
                  .action = TIS_TEXT("catalog_source", "[update_server] metadata_url und targets_url setzen."),
                  .detail = "update_server"};
    } else if (auto st = refreshThroughTuf(s, stateDir, clock, cached); st.ok()) {
        loaded.fresh = true;
        loaded.verifiedAt = clock.now();
        if (auto saved = store::writeAtomically(stamp, formatUtc(loaded.verifiedAt)); !saved.ok())
            log::logger()->warn("approval catalog verified but its time not saved: {}",
                                saved.error().describe(Language::English));
    } else {
        loaded.refreshError = st.error();
        log::logger()->warn("approval catalog not refreshed: {}", st.error().describe(Language::English));
    }

    auto text = store::readFile(cached, 16 * 1024 * 1024);
    if (!text.ok()) {
        if (loaded.refreshError) return *loaded.refreshError;
        return text.error();
    }
    auto parsed = parseApprovalCatalog(*text);
    if (!parsed.ok()) return parsed.error();
    loaded.catalog = std::move(parsed).value();
    if (!loaded.fresh) {
        auto when = store::readFile(stamp, 64);
        std::optional<TimePoint> t;
        if (when.ok()) t = parseUtc(*when);
        if (t) {
            loaded.verifiedAt = *t;
        } else {
            // The note of when it was verified is lost or damaged: the catalog file itself was
            // written when it was verified (at the latest), never 1970.
            std::error_code ec;
            const auto written = std::filesystem::last_write_time(cached, ec);
            // Never in the future (a wrong clock, a copied folder): "vor -3 Tagen" says nothing.
            loaded.verifiedAt = ec ? loaded.catalog.published
                                   : std::min(clock.now(), std::chrono::time_point_cast<TimePoint::duration>(
                                                               std::chrono::file_clock::to_sys(written)));
            log::logger()->warn("approval catalog: the time of its verification is unreadable; taken from the file");
        }
    }
    return loaded;
}

Result<ApprovalCatalog> loadVerifiedCatalog(const std::filesystem::path& stateDir) {
    auto text = store::readFile(stateDir / "cache" / kCatalogTarget, 16 * 1024 * 1024);
    if (!text.ok()) return text.error();
    return parseApprovalCatalog(*text);
}

}  // namespace tiservice::catalog
