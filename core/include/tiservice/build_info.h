#pragma once

#include <string_view>

#include "tiservice/core_export.h"

namespace tiservice::build_info {

/// "0.1.0"
TISERVICE_CORE_EXPORT std::string_view version();
/// Short git commit the build was made from, or "unknown".
TISERVICE_CORE_EXPORT std::string_view commit();
/// Versions of the libraries linked in: "Qt 6.4.2, OpenSSL 3.0.x, Boost 1.74, spdlog 1.10.0".
TISERVICE_CORE_EXPORT std::string_view libraries();

}  // namespace tiservice::build_info
