#pragma once
// TUF metadata as the client and the publisher read it: the signed envelope and the four
// top-level roles plus delegated targets roles, parsed strictly. Signature thresholds count
// each key once. Internal to tiservice (Qt types; not part of the SDK).

#include <QJsonObject>

#include "tiservice/trust/metadata.h"

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

}  // namespace tiservice::trust
