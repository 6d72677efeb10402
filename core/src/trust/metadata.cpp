#include "tiservice/trust/envelope.h"

#include <set>

#include <QJsonArray>
#include <QJsonDocument>

#include "tiservice/trust/canonical_json.h"

namespace tiservice::trust {
namespace {

std::string str(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString().toStdString(); }

Error malformed(const std::string& role, const std::string& what) {
    // What exactly is wrong is for support (the detail, in the log), not for the practice.
    return trustError(errors::kMalformed, role, TIS_TEXT("metadata", "die Datei ist fehlerhaft"), what);
}

std::optional<std::int64_t> integer(const QJsonValue& v) {
    if (!v.isDouble()) return std::nullopt;
    const double d = v.toDouble();
    if (d != static_cast<double>(static_cast<std::int64_t>(d))) return std::nullopt;
    return v.toInteger();
}

Result<std::map<std::string, PublicKey>> parseKeys(const QJsonValue& v, const std::string& role) {
    if (!v.isObject()) return malformed(role, "keys");
    std::map<std::string, PublicKey> keys;
    const auto o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const auto k = it.value().toObject();
        PublicKey key{str(k, "keytype"), str(k, "scheme"), str(k.value("keyval").toObject(), "public")};
        if (key.keytype.empty() || key.scheme.empty() || key.publicValue.empty())
            return malformed(role, "key " + it.key().toStdString());
        keys.emplace(it.key().toStdString(), std::move(key));  // unknown types are kept: they simply never verify
    }
    return keys;
}

Result<RoleKeys> parseRoleKeys(const QJsonObject& o, const std::string& role) {
    RoleKeys r;
    if (!o.value("keyids").isArray()) return malformed(role, "keyids");
    for (const auto& k : o.value("keyids").toArray()) r.keyids.push_back(k.toString().toStdString());
    const auto threshold = integer(o.value("threshold"));
    if (!threshold || *threshold < 1) return malformed(role, "threshold");
    r.threshold = static_cast<int>(*threshold);
    return r;
}

Result<MetaFile> parseMetaFile(const QJsonObject& o, const std::string& role) {
    MetaFile m;
    const auto version = integer(o.value("version"));
    if (!version || *version < 1) return malformed(role, "meta version");
    m.version = *version;
    if (o.contains("length")) {
        const auto length = integer(o.value("length"));
        if (!length || *length < 0) return malformed(role, "meta length");
        m.length = static_cast<std::uint64_t>(*length);
    }
    const auto hashes = o.value("hashes").toObject();
    for (auto it = hashes.begin(); it != hashes.end(); ++it) m.hashes[it.key().toStdString()] = it.value().toString().toStdString();
    return m;
}

bool globMatch(std::string_view pattern, std::string_view text) {
    if (pattern.empty()) return text.empty();
    if (pattern.front() == '*') {
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (globMatch(pattern.substr(1), text.substr(i))) return true;
            if (i < text.size() && text[i] == '/') break;  // '*' does not cross a folder
        }
        return false;
    }
    if (text.empty()) return false;
    if (pattern.front() == '?' ? text.front() != '/' : pattern.front() == text.front())
        return globMatch(pattern.substr(1), text.substr(1));
    return false;
}

}  // namespace

Error trustError(const char* code, const std::string& role, const LocalizedText& why, const std::string& detail) {
    return Error{.code = code,
                 // The TUF role ("root", "timestamp") is a word for support: it goes to the detail.
                 .message = TIS_TEXT("metadata",
                                     "Die Update-Daten des Herstellers konnten nicht bestätigt werden: %1. Sie "
                                     "werden nicht verwendet.")
                                .arg(why),
                 .action = TIS_TEXT("metadata", "Später erneut versuchen; bleibt der Fehler, den Support anrufen."),
                 .detail = role + ": " + (detail.empty() ? why.en : detail)};
}

std::string tufTime(TimePoint t) { return formatUtc(t); }

bool DelegatedRole::matches(std::string_view targetPath) const {
    for (const auto& p : paths)
        if (globMatch(p, targetPath)) return true;
    if (!pathHashPrefixes.empty()) {
        const auto digest = hashHex("sha256", targetPath);
        for (const auto& prefix : pathHashPrefixes)
            if (std::string_view(digest).starts_with(prefix)) return true;
    }
    return false;
}

Result<Envelope> parseEnvelope(std::string_view bytes, std::string_view expectedType, const std::string& role) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())), &error);
    if (error.error != QJsonParseError::NoError) return malformed(role, "JSON: " + error.errorString().toStdString());
    if (!doc.isObject()) return malformed(role, "not an object");
    const auto root = doc.object();
    if (!root.value("signed").isObject() || !root.value("signatures").isArray()) return malformed(role, "signed/signatures");
    Envelope e;
    e.signedObject = root.value("signed").toObject();
    auto canonical = canonicalJson(e.signedObject);
    if (!canonical) return malformed(role, "not canonical JSON (floats)");
    e.canonicalSigned = std::move(*canonical);
    std::set<std::string> keyids;  // TUF 1.0: the keyids in `signatures` are unique
    for (const auto& s : root.value("signatures").toArray()) {
        const auto o = s.toObject();
        auto keyid = str(o, "keyid");
        if (!keyids.insert(keyid).second) return malformed(role, "signatures name keyid \"" + keyid + "\" twice");
        e.signatures.emplace_back(std::move(keyid), str(o, "sig"));
    }
    e.type = str(e.signedObject, "_type");
    if (e.type != expectedType) return malformed(role, "_type \"" + e.type + "\", expected \"" + std::string(expectedType) + "\"");
    if (!str(e.signedObject, "spec_version").starts_with("1.")) return malformed(role, "spec_version");
    const auto version = integer(e.signedObject.value("version"));
    if (!version || *version < 1) return malformed(role, "version");
    e.version = *version;
    const auto expires = str(e.signedObject, "expires");
    auto t = parseUtc(expires);
    if (!t || !expires.ends_with("Z")) return malformed(role, "expires \"" + expires + "\"");
    e.expires = *t;
    return e;
}

Result<Root> parseRoot(std::string_view bytes) {
    auto e = parseEnvelope(bytes, "root", "root");
    if (!e.ok()) return e.error();
    Root r;
    r.envelope = std::move(e).value();
    const auto& s = r.envelope.signedObject;
    r.consistentSnapshot = s.value("consistent_snapshot").toBool(false);
    auto keys = parseKeys(s.value("keys"), "root");
    if (!keys.ok()) return keys.error();
    r.keys = std::move(keys).value();
    const auto roles = s.value("roles").toObject();
    for (const char* name : {"root", "timestamp", "snapshot", "targets"}) {
        if (!roles.value(QLatin1String(name)).isObject()) return malformed("root", std::string("role ") + name);
        auto rk = parseRoleKeys(roles.value(QLatin1String(name)).toObject(), "root");
        if (!rk.ok()) return rk.error();
        r.roles[name] = std::move(rk).value();
    }
    return r;
}

Result<Timestamp> parseTimestamp(std::string_view bytes) {
    auto e = parseEnvelope(bytes, "timestamp", "timestamp");
    if (!e.ok()) return e.error();
    Timestamp t;
    t.envelope = std::move(e).value();
    const auto meta = t.envelope.signedObject.value("meta").toObject();
    if (!meta.value("snapshot.json").isObject()) return malformed("timestamp", "meta snapshot.json");
    auto m = parseMetaFile(meta.value("snapshot.json").toObject(), "timestamp");
    if (!m.ok()) return m.error();
    t.snapshot = std::move(m).value();
    return t;
}

Result<Snapshot> parseSnapshot(std::string_view bytes) {
    auto e = parseEnvelope(bytes, "snapshot", "snapshot");
    if (!e.ok()) return e.error();
    Snapshot s;
    s.envelope = std::move(e).value();
    const auto meta = s.envelope.signedObject.value("meta").toObject();
    if (!meta.value("targets.json").isObject()) return malformed("snapshot", "meta targets.json");
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        auto m = parseMetaFile(it.value().toObject(), "snapshot");
        if (!m.ok()) return m.error();
        s.meta[it.key().toStdString()] = std::move(m).value();
    }
    return s;
}

Result<Targets> parseTargets(std::string_view bytes, const std::string& role) {
    auto e = parseEnvelope(bytes, "targets", role);
    if (!e.ok()) return e.error();
    Targets t;
    t.envelope = std::move(e).value();
    const auto& s = t.envelope.signedObject;
    if (!s.value("targets").isObject()) return malformed(role, "targets");
    const auto targets = s.value("targets").toObject();
    for (auto it = targets.begin(); it != targets.end(); ++it) {
        const auto o = it.value().toObject();
        TargetFile f;
        const auto length = integer(o.value("length"));
        if (!length || *length < 0) return malformed(role, "length of " + it.key().toStdString());
        f.length = static_cast<std::uint64_t>(*length);
        const auto hashes = o.value("hashes").toObject();
        for (auto h = hashes.begin(); h != hashes.end(); ++h) f.hashes[h.key().toStdString()] = h.value().toString().toStdString();
        if (f.hashes.empty()) return malformed(role, "hashes of " + it.key().toStdString());
        f.customJson = QJsonDocument(o.value("custom").toObject()).toJson(QJsonDocument::Compact).toStdString();
        t.targets[it.key().toStdString()] = std::move(f);
    }
    if (s.contains("delegations")) {
        const auto d = s.value("delegations").toObject();
        auto keys = parseKeys(d.value("keys"), role);
        if (!keys.ok()) return keys.error();
        t.delegationKeys = std::move(keys).value();
        std::set<std::string> names;
        for (const auto& rv : d.value("roles").toArray()) {
            const auto o = rv.toObject();
            DelegatedRole dr;
            dr.name = str(o, "name");
            if (dr.name.empty() || !names.insert(dr.name).second) return malformed(role, "delegated role name");
            auto rk = parseRoleKeys(o, role);
            if (!rk.ok()) return rk.error();
            dr.keys = std::move(rk).value();
            dr.terminating = o.value("terminating").toBool(false);
            for (const auto& p : o.value("paths").toArray()) dr.paths.push_back(p.toString().toStdString());
            for (const auto& p : o.value("path_hash_prefixes").toArray()) dr.pathHashPrefixes.push_back(p.toString().toStdString());
            t.delegations.push_back(std::move(dr));
        }
    }
    return t;
}

bool thresholdMet(const Envelope& envelope, const std::map<std::string, PublicKey>& keys, const RoleKeys& role) {
    std::set<std::string> counted;  // by key material: a key listed twice or signing twice counts once
    for (const auto& [keyid, sig] : envelope.signatures) {
        if (std::find(role.keyids.begin(), role.keyids.end(), keyid) == role.keyids.end()) continue;
        const auto it = keys.find(keyid);
        if (it == keys.end()) continue;
        const std::string fingerprint = it->second.scheme + "|" + it->second.publicValue;
        if (counted.contains(fingerprint)) continue;
        if (it->second.verify(envelope.canonicalSigned, sig)) counted.insert(fingerprint);
    }
    return static_cast<int>(counted.size()) >= role.threshold;
}

}  // namespace tiservice::trust
