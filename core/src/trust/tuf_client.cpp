#include "tiservice/trust/tuf_client.h"

#include "tiservice/trust/envelope.h"

#include <fstream>
#include <functional>
#include <set>

#include <openssl/evp.h>

#include "tiservice/logger.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::trust {
namespace {

std::string withSlash(std::string url) {
    if (!url.empty() && url.back() != '/') url += '/';
    return url;
}

bool sameKeys(const Root& a, const Root& b, const std::string& role) {
    const auto& ra = a.roles.at(role);
    const auto& rb = b.roles.at(role);
    if (ra.threshold != rb.threshold) return false;
    std::set<std::string> ka(ra.keyids.begin(), ra.keyids.end()), kb(rb.keyids.begin(), rb.keyids.end());
    return ka == kb;
}

Error expired(const std::string& role, TimePoint expires) {
    return trustError(
        errors::kExpired, role,
        TIS_TEXT("tuf_client", "sie ist seit %1 abgelaufen (möglicher Einfrier-Angriff)").arg(formatUtc(expires)));
}

Error rollback(const std::string& role, std::int64_t trusted, std::int64_t offered) {
    return trustError(
        errors::kRollback, role,
        TIS_TEXT("tuf_client", "angeboten wird Version %1, vertraut ist schon %2 (möglicher Rückfall-Angriff)")
            .arg(offered, trusted));
}

Error signatureFailure(const std::string& role) {
    return trustError(errors::kSignature, role, TIS_TEXT("tuf_client", "die Signaturen reichen nicht aus"));
}

bool hashesMatch(const std::map<std::string, std::string>& expected, std::string_view data, std::string& bad) {
    for (const auto& [algorithm, value] : expected) {
        const auto actual = hashHex(algorithm, data);
        if (actual.empty()) continue;  // an algorithm we do not know: others must match
        if (actual != value) {
            bad = algorithm;
            return false;
        }
    }
    return true;
}

}  // namespace

std::string escapeRoleName(std::string_view name) {
    std::string out;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (out == "." || out == "..") out = "%2E" + out.substr(1);
    return out;
}

struct TufClient::Impl {
    TufClientOptions options;
    net::HttpClient http;
    std::optional<Root> root;
    std::optional<Timestamp> timestamp;
    std::optional<Snapshot> snapshot;
    std::optional<Targets> targets;
    std::map<std::string, Targets> delegated;
    TimePoint referenceTime{};
    bool refreshed = false;
    bool lastCached = false;

    explicit Impl(TufClientOptions o) : options(std::move(o)), http(options.http) {
        if (!options.clock) options.clock = SystemClock::shared();
        options.metadataUrl = withSlash(options.metadataUrl);
        options.targetBaseUrl = withSlash(options.targetBaseUrl);
    }

    std::filesystem::path file(const std::string& name) const { return options.metadataDir / name; }

    /// Downloads a metadata file; nullopt with `missing` true on 404.
    Result<std::string> fetch(const std::string& name, std::size_t cap, const std::string& role, bool* missing = nullptr) {
        net::Request req{.method = "GET", .url = options.metadataUrl + name};
        req.maxResponseBytes = cap;
        // A large file on a slow line gets longer: at least 16 KiB a second for the whole cap.
        req.totalTimeout = options.limits.metadataTime + std::chrono::seconds(cap / (16 * 1024));
        auto r = http.send(req);
        if (!r.ok()) {
            if (r.error().code == net::errors::kResponseTooLarge)
                return trustError(errors::kTooLarge, role,
                                  TIS_TEXT("tuf_client", "die Datei ist größer als erlaubt (%1 Bytes)").arg(cap));
            return r.error();
        }
        if (r->status == 404 && missing) {
            *missing = true;
            return std::string();
        }
        if (r->status != 200)
            return trustError(errors::kDownload, role,
                              TIS_TEXT("tuf_client", "der Update-Server antwortet mit HTTP %1").arg(r->status), name);
        return std::move(r->body);
    }

    Status persist(const std::string& name, const std::string& bytes) {
        auto s = store::writeAtomically(file(name), bytes);
        if (!s.ok())
            return trustError(errors::kStorage, name, TIS_TEXT("tuf_client", "sie kann nicht gespeichert werden"),
                              s.error().detail);
        return Status::success();
    }

    void forget(const std::string& name) {
        std::error_code ec;
        std::filesystem::remove(file(name), ec);
    }

    template <typename T>
    std::optional<T> loadTrusted(const std::string& name, const std::function<Result<T>(std::string_view)>& parse,
                                 const std::string& role, std::size_t cap) {
        auto bytes = store::readFile(file(name), cap);
        if (!bytes.ok()) return std::nullopt;
        auto parsed = parse(*bytes);
        if (!parsed.ok()) return std::nullopt;
        if (!thresholdMet(parsed->envelope, root->keys, root->roles.at(role))) return std::nullopt;
        return std::move(parsed).value();
    }

    Status updateRoot() {
        const Root start = *root;
        for (int i = 0; i < options.limits.maxRootRotations; ++i) {
            bool missing = false;
            const std::string name = std::to_string(root->envelope.version + 1) + ".root.json";
            auto bytes = fetch(name, options.limits.rootBytes, "root", &missing);
            if (!bytes.ok()) return bytes.error();
            if (missing) break;
            auto next = parseRoot(*bytes);
            if (!next.ok()) return next.error();
            // Signed by a threshold of the old root keys and of its own.
            if (!thresholdMet(next->envelope, root->keys, root->roles.at("root")) ||
                !thresholdMet(next->envelope, next->keys, next->roles.at("root")))
                return signatureFailure("root");
            if (next->envelope.version != root->envelope.version + 1)
                return rollback("root", root->envelope.version, next->envelope.version);
            root = std::move(next).value();
            if (auto s = persist("root.json", *bytes); !s.ok()) return s;
            log::logger()->info("TUF: trusted root is now version {}", root->envelope.version);
        }
        if (root->envelope.expires <= referenceTime) return expired("root", root->envelope.expires);
        // Fast-forward recovery: new timestamp or snapshot keys void what they signed before.
        if (!sameKeys(start, *root, "timestamp") || !sameKeys(start, *root, "snapshot")) {
            forget("timestamp.json");
            forget("snapshot.json");
        }
        if (!sameKeys(start, *root, "targets")) forget("targets.json");
        return Status::success();
    }

    Status updateTimestamp() {
        timestamp = loadTrusted<Timestamp>("timestamp.json", parseTimestamp, "timestamp", options.limits.timestampBytes);
        auto bytes = fetch("timestamp.json", options.limits.timestampBytes, "timestamp");
        if (!bytes.ok()) return bytes.error();
        auto next = parseTimestamp(*bytes);
        if (!next.ok()) return next.error();
        if (!thresholdMet(next->envelope, root->keys, root->roles.at("timestamp"))) return signatureFailure("timestamp");
        if (timestamp) {
            if (next->envelope.version < timestamp->envelope.version)
                return rollback("timestamp", timestamp->envelope.version, next->envelope.version);
            if (next->snapshot.version < timestamp->snapshot.version)
                return rollback("snapshot", timestamp->snapshot.version, next->snapshot.version);
            if (next->envelope.version == timestamp->envelope.version) {
                // Nothing new; the trusted one must still be fresh.
                if (timestamp->envelope.expires <= referenceTime) return expired("timestamp", timestamp->envelope.expires);
                return Status::success();
            }
        }
        if (next->envelope.expires <= referenceTime) return expired("timestamp", next->envelope.expires);
        timestamp = std::move(next).value();
        return persist("timestamp.json", *bytes);
    }

    Status updateSnapshot() {
        const auto& meta = timestamp->snapshot;
        auto trusted = loadTrusted<Snapshot>("snapshot.json", parseSnapshot, "snapshot", options.limits.snapshotBytes);
        if (trusted && trusted->envelope.version == meta.version) {
            if (trusted->envelope.expires <= referenceTime) return expired("snapshot", trusted->envelope.expires);
            snapshot = std::move(trusted);
            return Status::success();
        }
        const std::string name = root->consistentSnapshot ? std::to_string(meta.version) + ".snapshot.json" : "snapshot.json";
        auto bytes = fetch(name, meta.length.value_or(options.limits.snapshotBytes), "snapshot");
        if (!bytes.ok()) return bytes.error();
        if (auto e = checkLengthAndHashes(meta, *bytes, "snapshot")) return *e;
        auto next = parseSnapshot(*bytes);
        if (!next.ok()) return next.error();
        if (!thresholdMet(next->envelope, root->keys, root->roles.at("snapshot"))) return signatureFailure("snapshot");
        if (next->envelope.version != meta.version)
            return trustError(errors::kVersionMismatch, "snapshot",
                              TIS_TEXT("tuf_client", "Version %1 statt %2").arg(next->envelope.version, meta.version));
        if (trusted) {
            for (const auto& [file, old] : trusted->meta) {
                const auto it = next->meta.find(file);
                if (it == next->meta.end())
                    return trustError(errors::kRollback, "snapshot", TIS_TEXT("tuf_client", "%1 fehlt nun").arg(file));
                if (it->second.version < old.version) return rollback(file, old.version, it->second.version);
            }
        }
        if (next->envelope.expires <= referenceTime) return expired("snapshot", next->envelope.expires);
        snapshot = std::move(next).value();
        return persist("snapshot.json", *bytes);
    }

    std::optional<Error> checkLengthAndHashes(const MetaFile& meta, const std::string& bytes, const std::string& role) {
        if (meta.length && bytes.size() != *meta.length)
            return trustError(
                errors::kLengthMismatch, role,
                TIS_TEXT("tuf_client", "die Länge stimmt nicht (%1 statt %2 Bytes)").arg(bytes.size(), *meta.length));
        std::string bad;
        if (!hashesMatch(meta.hashes, bytes, bad))
            return trustError(errors::kHashMismatch, role,
                              TIS_TEXT("tuf_client", "die Prüfsumme (%1) stimmt nicht").arg(bad));
        return std::nullopt;
    }

    /// Loads (from the folder when current, else downloads) and verifies a targets role.
    Result<Targets> loadTargetsRole(const std::string& role, const std::map<std::string, PublicKey>& keys,
                                    const RoleKeys& roleKeys) {
        const std::string metaName = role + ".json";
        const auto it = snapshot->meta.find(metaName);
        if (it == snapshot->meta.end())
            return trustError(errors::kMalformed, role, TIS_TEXT("tuf_client", "sie fehlt im Snapshot"));
        const auto& meta = it->second;
        const std::string localName = (role == "targets" ? std::string("targets") : escapeRoleName(role)) + ".json";
        if (auto local = store::readFile(file(localName), options.limits.targetsBytes); local.ok()) {
            auto parsed = parseTargets(*local, role);
            if (parsed.ok() && parsed->envelope.version == meta.version && thresholdMet(parsed->envelope, keys, roleKeys)) {
                if (parsed->envelope.expires <= referenceTime) return expired(role, parsed->envelope.expires);
                return std::move(parsed).value();
            }
        }
        const std::string remoteName = root->consistentSnapshot
                                           ? std::to_string(meta.version) + "." + escapeRoleName(role) + ".json"
                                           : escapeRoleName(role) + ".json";
        auto bytes = fetch(remoteName, meta.length.value_or(options.limits.targetsBytes), role);
        if (!bytes.ok()) return bytes.error();
        if (auto e = checkLengthAndHashes(meta, *bytes, role)) return *e;
        auto parsed = parseTargets(*bytes, role);
        if (!parsed.ok()) return parsed.error();
        if (!thresholdMet(parsed->envelope, keys, roleKeys)) return signatureFailure(role);
        if (parsed->envelope.version != meta.version)
            return trustError(
                errors::kVersionMismatch, role,
                TIS_TEXT("tuf_client", "Version %1 statt %2").arg(parsed->envelope.version, meta.version));
        if (parsed->envelope.expires <= referenceTime) return expired(role, parsed->envelope.expires);
        if (auto s = persist(localName, *bytes); !s.ok()) return s.error();
        return std::move(parsed).value();
    }
};

TufClient::TufClient(TufClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
TufClient::~TufClient() = default;

Status TufClient::trustRoot(const std::filesystem::path& metadataDir, const std::filesystem::path& rootFile) {
    auto bytes = store::readFile(rootFile, TufLimits{}.rootBytes);
    if (!bytes.ok()) return bytes.error();
    auto root = parseRoot(*bytes);
    if (!root.ok()) return root.error();
    if (!thresholdMet(root->envelope, root->keys, root->roles.at("root"))) return signatureFailure("root");
    auto s = store::writeAtomically(metadataDir / "root.json", *bytes);
    if (!s.ok()) return s;
    // A newly trusted root starts a new chain: older state of another chain must go.
    for (const char* name : {"timestamp.json", "snapshot.json", "targets.json"}) {
        std::error_code ec;
        std::filesystem::remove(metadataDir / name, ec);
    }
    return Status::success();
}

Status TufClient::refresh() {
    auto& d = *impl_;
    d.refreshed = false;
    d.delegated.clear();
    d.referenceTime = d.options.clock->now();  // one reference time for the whole refresh
    auto bytes = store::readFile(d.file("root.json"), d.options.limits.rootBytes);
    if (!bytes.ok())
        return trustError(errors::kNotInitialized, "root",
                          TIS_TEXT("tuf_client", "es ist kein vertrauenswürdiger Startpunkt (root.json) eingerichtet"));
    auto root = parseRoot(*bytes);
    if (!root.ok()) return root.error();
    d.root = std::move(root).value();
    if (auto s = d.updateRoot(); !s.ok()) return s;
    if (auto s = d.updateTimestamp(); !s.ok()) return s;
    if (auto s = d.updateSnapshot(); !s.ok()) return s;
    auto targets = d.loadTargetsRole("targets", d.root->keys, d.root->roles.at("targets"));
    if (!targets.ok()) return targets.error();
    d.targets = std::move(targets).value();
    d.refreshed = true;
    return Status::success();
}

Result<TargetInfo> TufClient::findTarget(const std::string& path) {
    auto& d = *impl_;
    if (!d.refreshed)
        return trustError(errors::kNotInitialized, "targets",
                          TIS_TEXT("tuf_client", "die Metadaten sind nicht aktuell"));
    std::set<std::string> visited;
    bool stop = false;
    std::optional<Error> failure;
    std::function<std::optional<TargetInfo>(const std::string&, const Targets&)> search =
        [&](const std::string& role, const Targets& t) -> std::optional<TargetInfo> {
        if (visited.contains(role) || static_cast<int>(visited.size()) >= d.options.limits.maxDelegatedRoles) return std::nullopt;
        visited.insert(role);
        if (const auto it = t.targets.find(path); it != t.targets.end()) return TargetInfo{path, it->second, role};
        for (const auto& delegation : t.delegations) {
            if (stop) return std::nullopt;
            if (!delegation.matches(path)) continue;
            auto loaded = d.loadTargetsRole(delegation.name, t.delegationKeys, delegation.keys);
            if (!loaded.ok()) {
                failure = loaded.error();
                stop = true;
                return std::nullopt;
            }
            d.delegated[delegation.name] = *loaded;
            if (auto found = search(delegation.name, d.delegated[delegation.name])) return found;
            if (delegation.terminating) {
                stop = true;
                return std::nullopt;
            }
        }
        return std::nullopt;
    };
    if (auto found = search("targets", *d.targets)) return *found;
    if (failure) return *failure;
    return trustError(errors::kUnknownTarget, "targets",
                      TIS_TEXT("tuf_client", "die Datei \"%1\" ist dort nicht verzeichnet").arg(path));
}

Result<std::filesystem::path> TufClient::download(const TargetInfo& target, const std::filesystem::path& destination) {
    auto& d = *impl_;
    d.lastCached = false;
    std::vector<std::string> algorithms;
    for (const auto& [algorithm, value] : target.file.hashes)
        if (!hashHex(algorithm, "").empty()) algorithms.push_back(algorithm);
    if (algorithms.empty())
        return trustError(errors::kHashMismatch, target.path, TIS_TEXT("tuf_client", "keine bekannte Prüfsummenart"));

    const auto verifyFile = [&](const std::filesystem::path& f) -> std::optional<Error> {
        std::error_code ec;
        const auto size = std::filesystem::file_size(f, ec);
        if (ec || size != target.file.length)
            return trustError(errors::kLengthMismatch, target.path, TIS_TEXT("tuf_client", "die Länge stimmt nicht"),
                              std::to_string(ec ? 0 : size) + " != " + std::to_string(target.file.length));
        // Hash in chunks: targets may be large.
        std::vector<std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>> ctx;
        for (const auto& a : algorithms) {
            ctx.emplace_back(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
            EVP_DigestInit_ex(ctx.back().get(), EVP_get_digestbyname(a.c_str()), nullptr);
        }
        std::ifstream in(f, std::ios::binary);
        std::vector<char> buf(1 << 16);
        while (in) {
            in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
            const auto n = static_cast<std::size_t>(in.gcount());
            for (auto& c : ctx) EVP_DigestUpdate(c.get(), buf.data(), n);
        }
        for (std::size_t i = 0; i < algorithms.size(); ++i) {
            unsigned char md[EVP_MAX_MD_SIZE];
            unsigned int len = 0;
            EVP_DigestFinal_ex(ctx[i].get(), md, &len);
            if (toHex(std::string_view(reinterpret_cast<const char*>(md), len)) != target.file.hashes.at(algorithms[i]))
                return trustError(errors::kHashMismatch, target.path,
                                  TIS_TEXT("tuf_client", "die Prüfsumme (%1) stimmt nicht").arg(algorithms[i]));
        }
        return std::nullopt;
    };

    if (std::filesystem::exists(destination) && !verifyFile(destination)) {
        d.lastCached = true;
        return destination;
    }
    std::error_code ec;
    if (destination.has_parent_path()) std::filesystem::create_directories(destination.parent_path(), ec);
    const auto part = destination.string() + ".part";
    std::string remote = target.path;
    if (d.root->consistentSnapshot) {
        const auto slash = remote.rfind('/');
        const std::string dir = slash == std::string::npos ? "" : remote.substr(0, slash + 1);
        const std::string base = slash == std::string::npos ? remote : remote.substr(slash + 1);
        const auto& hash = target.file.hashes.count("sha256") ? target.file.hashes.at("sha256")
                                                              : target.file.hashes.begin()->second;
        remote = dir + hash + "." + base;
    }
    auto r = d.http.download(d.options.targetBaseUrl + remote, part,
                             {.maxBytes = target.file.length, .hashAlgorithms = algorithms, .resume = false});
    const auto discard = [&] { std::filesystem::remove(part, ec); };
    if (!r.ok()) {
        discard();
        if (r.error().code == net::errors::kResponseTooLarge)
            return trustError(errors::kTooLarge, target.path,
                              TIS_TEXT("tuf_client", "es kommen mehr Daten als angekündigt"));
        return r.error();
    }
    if (r->bytes != target.file.length) {
        discard();
        return trustError(errors::kLengthMismatch, target.path, TIS_TEXT("tuf_client", "die Länge stimmt nicht"),
                          std::to_string(r->bytes) + " != " + std::to_string(target.file.length));
    }
    for (const auto& a : algorithms) {
        if (r->hashes[a] != target.file.hashes.at(a)) {
            discard();
            return trustError(errors::kHashMismatch, target.path,
                              TIS_TEXT("tuf_client", "die Prüfsumme (%1) stimmt nicht").arg(a));
        }
    }
    std::filesystem::rename(part, destination, ec);
    if (ec) {
        discard();
        return trustError(errors::kStorage, target.path, TIS_TEXT("tuf_client", "sie kann nicht gespeichert werden"),
                          ec.message());
    }
    return destination;
}

std::int64_t TufClient::rootVersion() const { return impl_->root ? impl_->root->envelope.version : 0; }

std::optional<TimePoint> TufClient::targetsExpiry() const {
    if (!impl_->targets) return std::nullopt;
    return impl_->targets->envelope.expires;
}

bool TufClient::lastDownloadWasCached() const { return impl_->lastCached; }

}  // namespace tiservice::trust
