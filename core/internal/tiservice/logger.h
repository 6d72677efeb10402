#pragma once
// The process-wide spdlog logger behind tiservice/log.h, for the engine's own parts, tools and
// tests that format log lines ("status: overall {}"). Internal: not part of the SDK.

#include <memory>

#include <spdlog/logger.h>

#include "tiservice/core_export.h"
#include "tiservice/log.h"

namespace tiservice::log {

/// The process-wide logger; usable before init() (stderr only, warnings and above). [thread-safe]
TISERVICE_CORE_EXPORT std::shared_ptr<spdlog::logger> logger();

}  // namespace tiservice::log
