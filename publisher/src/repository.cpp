#include "tiservice/trust/repository.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "tiservice/store/atomic_file.h"
#include "tiservice/trust/canonical_json.h"
#include "tiservice/trust/envelope.h"
#include "tiservice/trust/tuf_client.h"

namespace tiservice::trust {
namespace {

constexpr const char* kSpecVersion = "1.0.31";
const char* const kTopRoles[] = {"root", "timestamp", "snapshot", "targets"};

Error repoError(const std::string& what) {
    return Error{.code = "trust.repository",
                 .message = TIS_TEXT("repository", "Das Update-Repository kann nicht bearbeitet werden: %1").arg(what),
                 .action = TIS_TEXT("repository", "Pfad und Rechte des Repository-Ordners prüfen."),
                 .detail = what};
}

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string keyTypeId(SigningKey::Type t) {
    switch (t) {
        case SigningKey::Type::Ed25519: return "ed25519";
        case SigningKey::Type::EcdsaP256: return "ecdsa";
        case SigningKey::Type::RsaPss: return "rsa";
    }
    return "ed25519";
}

SigningKey::Type keyTypeFrom(const std::string& s) {
    if (s == "ecdsa") return SigningKey::Type::EcdsaP256;
    if (s == "rsa") return SigningKey::Type::RsaPss;
    return SigningKey::Type::Ed25519;
}

QJsonObject keyJson(const PublicKey& k) {
    return QJsonObject{{"keytype", q(k.keytype)}, {"scheme", q(k.scheme)}, {"keyval", QJsonObject{{"public", q(k.publicValue)}}}};
}

}  // namespace

std::string signMetadata(const QJsonObject& signedObject, const std::vector<SigningKey>& keys) {
    const auto canonical = *canonicalJson(signedObject);
    QJsonArray signatures;
    for (const auto& k : keys) signatures.append(QJsonObject{{"keyid", q(k.keyId())}, {"sig", q(k.sign(canonical))}});
    const QJsonObject envelope{{"signed", signedObject}, {"signatures", signatures}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Indented).toStdString();
}

struct Repository::Impl {
    std::filesystem::path dir;
    std::shared_ptr<const Clock> clock;
    QJsonObject state;
    std::map<std::string, SigningKey> keyCache;

    std::filesystem::path published() const { return dir / "published"; }
    std::filesystem::path metadata() const { return published() / "metadata"; }
    std::filesystem::path targets() const { return published() / "targets"; }

    Status save() {
        return store::writeAtomically(dir / "repository.json", QJsonDocument(state).toJson().toStdString());
    }

    QJsonObject role(const std::string& name) const {
        const auto roles = state.value("roles").toObject();
        if (roles.contains(q(name))) return roles.value(q(name)).toObject();
        return state.value("delegated").toObject().value(q(name)).toObject();
    }
    bool isDelegated(const std::string& name) const { return state.value("delegated").toObject().contains(q(name)); }
    void setRole(const std::string& name, const QJsonObject& r) {
        const char* section = isDelegated(name) ? "delegated" : "roles";
        auto all = state.value(section).toObject();
        all.insert(q(name), r);
        state.insert(section, all);
    }

    /// The role's metadata changed: publish() signs a new version of it.
    void markChanged(const std::string& name) {
        auto r = role(name);
        r.insert("dirty", true);
        setRole(name, r);
    }

    /// Edits the target list of `roleName` ("targets" or a delegated role), marks the role
    /// changed and saves the repository state; `edit` may refuse with an Error.
    template <typename Edit>
    Status editTargets(const std::string& roleName, Edit&& edit) {
        auto all = state.value("targets").toObject();
        auto list = all.value(q(roleName)).toObject();
        if (auto refused = edit(list)) return *refused;
        all.insert(q(roleName), list);
        state.insert("targets", all);
        markChanged(roleName);
        return save();
    }

    Result<std::vector<std::string>> newKeys(const std::string& roleName, int count) {
        std::vector<std::string> files;
        int counter = state.value("keyCounter").toInt(0);
        for (int i = 0; i < count; ++i) {
            auto key = SigningKey::generate(keyTypeFrom(state.value("keyType").toString().toStdString()));
            if (!key.ok()) return key.error();
            const std::string file = "keys/" + roleName + "-" + std::to_string(++counter) + ".pem";
            std::filesystem::create_directories(dir / "keys");
            if (auto s = key->save(dir / file); !s.ok()) return s.error();
            keyCache.emplace(file, *key);
            files.push_back(file);
        }
        state.insert("keyCounter", counter);
        return files;
    }

    Result<std::vector<SigningKey>> signingKeys(const QJsonObject& r) {
        std::vector<SigningKey> out;
        for (const auto& f : r.value("keys").toArray()) {
            const auto file = f.toString().toStdString();
            auto it = keyCache.find(file);
            if (it == keyCache.end()) {
                auto k = SigningKey::load(dir / file);
                if (!k.ok()) return k.error();
                it = keyCache.emplace(file, *k).first;
            }
            out.push_back(it->second);
        }
        return out;
    }

    QJsonObject roleKeysJson(const QJsonObject& r, QJsonObject& keysOut) {
        QJsonArray ids;
        auto keys = signingKeys(r);
        for (const auto& k : keys.ok() ? *keys : std::vector<SigningKey>{}) {
            ids.append(q(k.keyId()));
            keysOut.insert(q(k.keyId()), keyJson(k.publicKey()));
        }
        return QJsonObject{{"keyids", ids}, {"threshold", r.value("threshold").toInt(1)}};
    }

    std::string expires(const QJsonObject& r) const {
        return tufTime(clock->now() + std::chrono::hours(24) * r.value("expiresDays").toInt(1));
    }

    Status write(const std::string& name, const std::string& bytes, std::optional<std::int64_t> version) {
        if (version) {
            if (auto s = store::writeAtomically(metadata() / (std::to_string(*version) + "." + name), bytes); !s.ok()) return s;
        }
        return store::writeAtomically(metadata() / name, bytes);
    }

    Status publishRoot(const std::vector<SigningKey>& extraSigners) {
        auto r = role("root");
        const auto version = r.value("version").toInt(0) + 1;
        r.insert("version", version);
        setRole("root", r);
        QJsonObject keys, roles;
        for (const char* name : kTopRoles) roles.insert(name, roleKeysJson(role(name), keys));
        const QJsonObject signedRoot{{"_type", "root"},
                                     {"spec_version", kSpecVersion},
                                     {"consistent_snapshot", state.value("consistentSnapshot").toBool(true)},
                                     {"version", version},
                                     {"expires", q(expires(r))},
                                     {"keys", keys},
                                     {"roles", roles}};
        auto signers = signingKeys(r);
        if (!signers.ok()) return signers.error();
        auto all = *signers;
        for (const auto& extra : extraSigners) all.push_back(extra);
        return write("root.json", signMetadata(signedRoot, all), version);
    }

    Status publishTargetsRole(const std::string& name) {
        auto r = role(name);
        const auto version = r.value("version").toInt(0) + 1;
        r.insert("version", version);
        r.insert("dirty", false);
        setRole(name, r);
        QJsonObject signedTargets{{"_type", "targets"},
                                  {"spec_version", kSpecVersion},
                                  {"version", version},
                                  {"expires", q(expires(r))},
                                  {"targets", state.value("targets").toObject().value(q(name)).toObject()}};
        // Delegations made by this role, in the order they were made.
        QJsonObject keys;
        QJsonArray roles;
        const auto delegated = state.value("delegated").toObject();
        for (const auto& n : state.value("delegationOrder").toObject().value(q(name)).toArray()) {
            const auto d = delegated.value(n.toString()).toObject();
            auto entry = roleKeysJson(d, keys);
            entry.insert("name", n.toString());
            entry.insert("terminating", d.value("terminating").toBool(false));
            entry.insert("paths", d.value("paths").toArray());
            roles.append(entry);
        }
        if (!roles.isEmpty()) signedTargets.insert("delegations", QJsonObject{{"keys", keys}, {"roles", roles}});
        auto signers = signingKeys(r);
        if (!signers.ok()) return signers.error();
        return write(escapeRoleName(name) + ".json", signMetadata(signedTargets, *signers), version);
    }

    Result<QJsonObject> metaFor(const std::string& fileName, std::int64_t version) {
        auto bytes = store::readFile(metadata() / fileName, 64 * 1024 * 1024);
        if (!bytes.ok()) return bytes.error();
        return QJsonObject{{"version", static_cast<qint64>(version)},
                           {"length", static_cast<qint64>(bytes->size())},
                           {"hashes", QJsonObject{{"sha256", q(hashHex("sha256", *bytes))}}}};
    }

    Status publishSnapshotAndTimestamp() {
        QJsonObject meta;
        std::vector<std::string> roles{"targets"};
        for (const auto& n : state.value("delegated").toObject().keys()) roles.push_back(n.toStdString());
        for (const auto& name : roles) {
            auto m = metaFor(escapeRoleName(name) + ".json", role(name).value("version").toInt());
            if (!m.ok()) return m.error();
            meta.insert(q(name + ".json"), *m);
        }
        auto snap = role("snapshot");
        const auto snapVersion = snap.value("version").toInt(0) + 1;
        snap.insert("version", snapVersion);
        setRole("snapshot", snap);
        const QJsonObject signedSnapshot{{"_type", "snapshot"}, {"spec_version", kSpecVersion}, {"version", snapVersion},
                                         {"expires", q(expires(snap))}, {"meta", meta}};
        auto snapKeys = signingKeys(snap);
        if (!snapKeys.ok()) return snapKeys.error();
        if (auto s = write("snapshot.json", signMetadata(signedSnapshot, *snapKeys), snapVersion); !s.ok()) return s;
        return publishTimestamp();
    }

    Status publishTimestamp() {
        auto snapMeta = metaFor("snapshot.json", role("snapshot").value("version").toInt());
        if (!snapMeta.ok()) return snapMeta.error();
        auto ts = role("timestamp");
        const auto version = ts.value("version").toInt(0) + 1;
        ts.insert("version", version);
        setRole("timestamp", ts);
        const QJsonObject signedTimestamp{{"_type", "timestamp"}, {"spec_version", kSpecVersion}, {"version", version},
                                          {"expires", q(expires(ts))},
                                          {"meta", QJsonObject{{"snapshot.json", *snapMeta}}}};
        auto keys = signingKeys(ts);
        if (!keys.ok()) return keys.error();
        if (auto s = write("timestamp.json", signMetadata(signedTimestamp, *keys), std::nullopt); !s.ok()) return s;
        return save();
    }
};

Repository::Repository() : impl_(std::make_unique<Impl>()) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::create(const std::filesystem::path& dir, const RepositoryOptions& options,
                                      std::shared_ptr<const Clock> clock) {
    if (std::filesystem::exists(dir / "repository.json")) return repoError(dir.string() + " already holds a repository");
    Repository repo;
    auto& d = *repo.impl_;
    d.dir = dir;
    d.clock = clock ? clock : SystemClock::shared();
    d.state.insert("consistentSnapshot", options.consistentSnapshot);
    d.state.insert("keyType", q(keyTypeId(options.keyType)));
    QJsonArray hashes;
    for (const auto& h : options.targetHashes) {
        if (h != "sha256" && h != "sha512") return repoError("unknown target hash " + h + " (sha256, sha512)");
        hashes.append(q(h));
    }
    if (!options.targetHashes.empty() && options.targetHashes.front() != "sha256")
        return repoError("the target hashes must start with sha256 (consistent snapshots name files by it)");
    if (hashes.isEmpty()) return repoError("at least one target hash (sha256)");
    d.state.insert("targetHashes", hashes);
    QJsonObject roles;
    const std::pair<const char*, RoleSettings> settings[] = {
        {"root", options.root}, {"timestamp", options.timestamp}, {"snapshot", options.snapshot}, {"targets", options.targets}};
    for (const auto& [name, s] : settings) {
        if (s.threshold < 1 || s.keyCount < s.threshold) return repoError(std::string("role ") + name + ": threshold");
        auto files = d.newKeys(name, s.keyCount);
        if (!files.ok()) return files.error();
        QJsonArray keys;
        for (const auto& f : *files) keys.append(q(f));
        roles.insert(name, QJsonObject{{"keys", keys}, {"threshold", s.threshold}, {"expiresDays", s.expiresDays},
                                       {"version", 0}, {"dirty", true}});
    }
    d.state.insert("roles", roles);
    d.state.insert("delegated", QJsonObject{});
    d.state.insert("targets", QJsonObject{{"targets", QJsonObject{}}});
    d.state.insert("delegationOrder", QJsonObject{{"targets", QJsonArray{}}});
    std::filesystem::create_directories(d.metadata());
    std::filesystem::create_directories(d.targets());
    if (auto s = d.publishRoot({}); !s.ok()) return s.error();
    if (auto s = repo.publish(); !s.ok()) return s.error();
    return repo;
}

Result<Repository> Repository::open(const std::filesystem::path& dir, std::shared_ptr<const Clock> clock) {
    auto bytes = store::readFile(dir / "repository.json", 64 * 1024 * 1024);
    if (!bytes.ok()) return repoError(dir.string() + " holds no repository (repository.json)");
    Repository repo;
    repo.impl_->dir = dir;
    repo.impl_->clock = clock ? clock : SystemClock::shared();
    repo.impl_->state = QJsonDocument::fromJson(QByteArray::fromStdString(*bytes)).object();
    if (!repo.impl_->state.contains("roles")) return repoError("repository.json is damaged");
    return repo;
}

Status Repository::addTarget(const std::filesystem::path& file, const std::string& targetPath, const QJsonObject& custom,
                             const std::string& role) {
    auto& d = *impl_;
    if (role != "targets" && !d.isDelegated(role)) return repoError("unknown role " + role);
    if (targetPath.empty() || targetPath.front() == '/' || targetPath.find("..") != std::string::npos)
        return repoError("target path \"" + targetPath + "\" must be relative without ..");
    auto bytes = store::readFile(file, 4ull * 1024 * 1024 * 1024);
    if (!bytes.ok()) return bytes.error();
    const auto sha256 = hashHex("sha256", *bytes);
    // Repositories made before the hashes were a choice listed SHA-256 and SHA-512.
    const auto listed = d.state.contains("targetHashes") ? d.state.value("targetHashes").toArray()
                                                         : QJsonArray{"sha256", "sha512"};
    QJsonObject hashes;
    for (const auto& h : listed) {
        const auto name = h.toString().toStdString();
        hashes.insert(h.toString(), q(name == "sha256" ? sha256 : hashHex(name, *bytes)));
    }
    QJsonObject info{{"length", static_cast<qint64>(bytes->size())}, {"hashes", hashes}};
    if (!custom.isEmpty()) info.insert("custom", custom);
    // Plain name and consistent-snapshot name <sha256>.<basename> in the same folder.
    const auto plain = d.targets() / targetPath;
    const auto hashed = plain.parent_path() / (sha256 + "." + plain.filename().string());
    if (auto s = store::writeAtomically(plain, *bytes); !s.ok()) return s;
    if (auto s = store::writeAtomically(hashed, *bytes); !s.ok()) return s;
    return d.editTargets(role, [&](QJsonObject& list) -> std::optional<Error> {
        list.insert(q(targetPath), info);
        return std::nullopt;
    });
}

Status Repository::removeTarget(const std::string& targetPath, const std::string& role) {
    return impl_->editTargets(role, [&](QJsonObject& list) -> std::optional<Error> {
        if (!list.contains(q(targetPath))) return repoError("no target " + targetPath + " in " + role);
        list.remove(q(targetPath));
        return std::nullopt;
    });
}

Status Repository::delegate(const std::string& name, const std::vector<std::string>& paths, bool terminating,
                            const RoleSettings& settings, const std::string& from) {
    auto& d = *impl_;
    if (name.empty() || d.role(name).contains("keys") || name == "targets") return repoError("role " + name + " exists");
    if (from != "targets" && !d.isDelegated(from)) return repoError("unknown role " + from);
    auto files = d.newKeys(name, settings.keyCount);
    if (!files.ok()) return files.error();
    QJsonArray keys, patterns;
    for (const auto& f : *files) keys.append(q(f));
    for (const auto& p : paths) patterns.append(q(p));
    auto delegated = d.state.value("delegated").toObject();
    delegated.insert(q(name), QJsonObject{{"keys", keys}, {"threshold", settings.threshold},
                                          {"expiresDays", settings.expiresDays}, {"version", 0}, {"dirty", true},
                                          {"paths", patterns}, {"terminating", terminating}, {"from", q(from)}});
    d.state.insert("delegated", delegated);
    auto order = d.state.value("delegationOrder").toObject();
    auto list = order.value(q(from)).toArray();
    list.append(q(name));
    order.insert(q(from), list);
    order.insert(q(name), order.value(q(name)).toArray());
    d.state.insert("delegationOrder", order);
    auto targets = d.state.value("targets").toObject();
    targets.insert(q(name), QJsonObject{});
    d.state.insert("targets", targets);
    d.markChanged(from);
    return d.save();
}

Status Repository::publish() {
    auto& d = *impl_;
    std::vector<std::string> roles{"targets"};
    for (const auto& n : d.state.value("delegated").toObject().keys()) roles.push_back(n.toStdString());
    for (const auto& name : roles)
        if (d.role(name).value("dirty").toBool(false) || d.role(name).value("version").toInt() == 0)
            if (auto s = d.publishTargetsRole(name); !s.ok()) return s;
    return d.publishSnapshotAndTimestamp();
}

Status Repository::rotateKeys(const std::string& roleName) {
    auto& d = *impl_;
    if (d.isDelegated(roleName) || !d.state.value("roles").toObject().contains(q(roleName)))
        return repoError("only top-level roles can be rotated here: " + roleName);
    auto r = d.role(roleName);
    auto oldRootKeys = d.signingKeys(d.role("root"));
    if (!oldRootKeys.ok()) return oldRootKeys.error();
    auto files = d.newKeys(roleName, static_cast<int>(r.value("keys").toArray().size()));
    if (!files.ok()) return files.error();
    QJsonArray keys;
    for (const auto& f : *files) keys.append(q(f));
    r.insert("keys", keys);
    if (roleName == "targets") r.insert("dirty", true);
    d.setRole(roleName, r);
    // The new root is signed by the old root keys too, so clients can follow the chain.
    if (auto s = d.publishRoot(roleName == "root" ? *oldRootKeys : std::vector<SigningKey>{}); !s.ok()) return s;
    return publish();
}

Status Repository::renewTimestamp() { return impl_->publishTimestamp(); }

std::filesystem::path Repository::metadataDir() const { return impl_->metadata(); }
std::filesystem::path Repository::targetsDir() const { return impl_->targets(); }
std::filesystem::path Repository::trustedRootFile() const { return impl_->metadata() / "1.root.json"; }

std::vector<SigningKey> Repository::keys(const std::string& role) const {
    auto k = impl_->signingKeys(impl_->role(role));
    return k.ok() ? *k : std::vector<SigningKey>{};
}

const QJsonObject& Repository::state() const { return impl_->state; }

}  // namespace tiservice::trust
