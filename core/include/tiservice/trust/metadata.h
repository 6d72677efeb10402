#pragma once
// TUF metadata (specification 1.0): the signed envelope and the four top-level roles plus
// delegated targets roles, parsed strictly. Signature thresholds count each key once.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <QJsonObject>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/trust/keys.h"

namespace tiservice::trust {

/// A signed metadata file: the "signed" object, its canonical bytes, and the signatures.
struct Envelope {
    QJsonObject signedObject;
    std::string canonicalSigned;
    std::vector<std::pair<std::string, std::string>> signatures;  ///< keyid, hex signature
    std::string type;  ///< "_type"
    std::int64_t version = 0;
    TimePoint expires{};
};

struct RoleKeys {
    std::vector<std::string> keyids;
    int threshold = 1;
};

struct MetaFile {
    std::int64_t version = 0;
    std::optional<std::uint64_t> length;
    std::map<std::string, std::string> hashes;
};

struct TargetFile {
    std::uint64_t length = 0;
    std::map<std::string, std::string> hashes;
    QJsonObject custom;
};

struct DelegatedRole {
    std::string name;
    RoleKeys keys;
    bool terminating = false;
    std::vector<std::string> paths;             ///< shell-style patterns; '*' stops at '/'
    std::vector<std::string> pathHashPrefixes;  ///< alternative to paths
    [[nodiscard]] TISERVICE_CORE_EXPORT bool matches(std::string_view targetPath) const;
};

struct Root {
    Envelope envelope;
    bool consistentSnapshot = false;
    std::map<std::string, PublicKey> keys;
    std::map<std::string, RoleKeys> roles;  ///< root, timestamp, snapshot, targets
};

struct Timestamp {
    Envelope envelope;
    MetaFile snapshot;
};

struct Snapshot {
    Envelope envelope;
    std::map<std::string, MetaFile> meta;  ///< "targets.json", "<role>.json"
};

struct Targets {
    Envelope envelope;
    std::map<std::string, TargetFile> targets;
    std::map<std::string, PublicKey> delegationKeys;
    std::vector<DelegatedRole> delegations;
};

/// Stable error codes of the trust layer.
namespace errors {
inline constexpr const char* kMalformed = "trust.malformed";
inline constexpr const char* kSignature = "trust.signature";
inline constexpr const char* kRollback = "trust.rollback";
inline constexpr const char* kExpired = "trust.expired";
inline constexpr const char* kVersionMismatch = "trust.version-mismatch";
inline constexpr const char* kHashMismatch = "trust.hash-mismatch";
inline constexpr const char* kLengthMismatch = "trust.length-mismatch";
inline constexpr const char* kTooLarge = "trust.too-large";
inline constexpr const char* kUnknownTarget = "trust.unknown-target";
inline constexpr const char* kDownload = "trust.download";
inline constexpr const char* kStorage = "trust.storage";
inline constexpr const char* kNotInitialized = "trust.not-initialized";
}  // namespace errors

/// An Error of the trust layer: "the vendor's update data could not be verified: <why>".
TISERVICE_CORE_EXPORT Error trustError(const char* code, const std::string& role, const LocalizedText& why,
                                       const std::string& detail = {});

TISERVICE_CORE_EXPORT Result<Envelope> parseEnvelope(std::string_view bytes, std::string_view expectedType,
                                                     const std::string& role);
TISERVICE_CORE_EXPORT Result<Root> parseRoot(std::string_view bytes);
TISERVICE_CORE_EXPORT Result<Timestamp> parseTimestamp(std::string_view bytes);
TISERVICE_CORE_EXPORT Result<Snapshot> parseSnapshot(std::string_view bytes);
TISERVICE_CORE_EXPORT Result<Targets> parseTargets(std::string_view bytes, const std::string& role = "targets");

/// True when at least role.threshold distinct keys of `keys` listed in role.keyids made a
/// valid signature. A key that signed twice, or is listed under two ids, counts once.
TISERVICE_CORE_EXPORT bool thresholdMet(const Envelope& envelope, const std::map<std::string, PublicKey>& keys,
                                        const RoleKeys& role);

/// "2030-01-01T00:00:00Z" as TUF writes expiry.
TISERVICE_CORE_EXPORT std::string tufTime(TimePoint t);

}  // namespace tiservice::trust
