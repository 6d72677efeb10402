#pragma once
// Logging on spdlog: a rotating file in the state folder plus stderr. Every message passes
// through one redacting sink: a secret registered here (password, PIN, key passphrase) is
// replaced before any sink sees the text, whatever message contains it.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::log {

/// What a secret is replaced with in every log line.
inline constexpr std::string_view kRedacted = "******";

struct Options {
    /// Folder for tiservice.log and its rotated predecessors; empty: no log file.
    std::filesystem::path directory;
    std::size_t maxFileBytes = 5 * 1024 * 1024;
    std::size_t maxFiles = 5;
    spdlog::level::level_enum fileLevel = spdlog::level::info;
    /// Messages at or above this level also go to stderr; off: nothing on stderr.
    spdlog::level::level_enum stderrLevel = spdlog::level::warn;
};

/// (Re)configures the process-wide logger. A log folder that cannot be created or written
/// is an Error; logging to stderr still works then. [main-thread]
TISERVICE_CORE_EXPORT Status init(const Options& options);

/// The process-wide logger; usable before init() (stderr only, warnings and above).
/// [thread-safe]
TISERVICE_CORE_EXPORT std::shared_ptr<spdlog::logger> logger();

/// From now on `secret` never reaches a log sink; it is replaced by kRedacted.
/// Registering the same secret twice needs two forgetSecret() calls. Empty secrets are
/// ignored. [thread-safe]
TISERVICE_CORE_EXPORT void registerSecret(std::string_view secret);
TISERVICE_CORE_EXPORT void forgetSecret(std::string_view secret);

/// The text with every registered secret replaced, longest first. [thread-safe]
TISERVICE_CORE_EXPORT std::string redact(std::string_view text);

/// Registers a secret for the lifetime of this object.
class TISERVICE_CORE_EXPORT ScopedSecret {
public:
    explicit ScopedSecret(std::string secret);
    ~ScopedSecret();
    ScopedSecret(const ScopedSecret&) = delete;
    ScopedSecret& operator=(const ScopedSecret&) = delete;

private:
    std::string secret_;
};

}  // namespace tiservice::log
