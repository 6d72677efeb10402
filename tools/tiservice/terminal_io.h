#pragma once
// Small helpers for talking to a person in a terminal.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/i18n.h"

namespace tiservice::cli {

/// Asks for a secret on the terminal without echo; nullopt when stdin is no terminal.
std::optional<std::string> askSecret(const LocalizedText& question);

/// Width of UTF-8 text in terminal columns (code points; no wide characters here).
std::size_t displayWidth(std::string_view text);

/// A simple left-aligned table with a header row.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

/// "28.11.2026 19:35" (local time) / "2026-11-28 19:35".
std::string localTime(TimePoint t, Language l);
/// "31.12.2019" / "2019-12-31" (the UTC day).
std::string day(TimePoint t, Language l);

}  // namespace tiservice::cli
