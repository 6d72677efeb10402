#pragma once
// Text placed into XML we write ourselves (SOAP requests, the simulator's answers).

#include <string>
#include <string_view>

#include "tiservice/core_export.h"

namespace tiservice {

/// Escapes the five XML special characters (& < > " ') so the text is safe in element
/// content and in quoted attribute values.
[[nodiscard]] TISERVICE_CORE_EXPORT std::string xmlEscape(std::string_view text);

}  // namespace tiservice
