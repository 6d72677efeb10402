#pragma once
// TUF metadata (specification 1.0) as a host of the engine sees it: what a target file is,
// the delegations' path rule, and the trust layer's error codes. The envelope and the roles
// themselves are internal (tiservice/trust/envelope.h).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/trust/keys.h"

namespace tiservice::trust {

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
    std::string customJson;  ///< the target's "custom" object as JSON text, "{}" when none
};

struct DelegatedRole {
    std::string name;
    RoleKeys keys;
    bool terminating = false;
    std::vector<std::string> paths;             ///< shell-style patterns; '*' stops at '/'
    std::vector<std::string> pathHashPrefixes;  ///< alternative to paths
    [[nodiscard]] TISERVICE_CORE_EXPORT bool matches(std::string_view targetPath) const;
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

/// "2030-01-01T00:00:00Z" as TUF writes expiry.
TISERVICE_CORE_EXPORT std::string tufTime(TimePoint t);

}  // namespace tiservice::trust
