#pragma once
// Logging: a rotating file in the state folder plus stderr. Every message passes through one
// redacting sink: a secret registered here (password, PIN, key passphrase) is replaced before
// any sink sees the text, whatever message contains it. The engine's own code formats through
// spdlog (tiservice/logger.h, internal); this header has no spdlog type in it.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::log {

enum class Level { Debug, Info, Warning, Error, Off };

/// What a secret is replaced with in every log line.
inline constexpr std::string_view kRedacted = "******";

struct Options {
    /// Folder for tiservice.log and its rotated predecessors; empty: no log file.
    std::filesystem::path directory;
    std::size_t maxFileBytes = 5 * 1024 * 1024;
    std::size_t maxFiles = 5;
    Level fileLevel = Level::Info;
    /// Messages at or above this level also go to stderr; Off: nothing on stderr.
    Level stderrLevel = Level::Warning;
};

/// (Re)configures the process-wide logger. A log folder that cannot be created or written
/// is an Error; logging to stderr still works then. [main-thread]
TISERVICE_CORE_EXPORT Status init(const Options& options);

/// One line for the log, redacted like every other. Usable before init() (stderr only,
/// warnings and above). [thread-safe]
TISERVICE_CORE_EXPORT void write(Level level, std::string_view message);

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
