#pragma once
// What the command-line tools (tiservice-tuf, tiservice-repo, konnektor-sim, tiservice-host)
// share when they read their options: a usage error in the user's language, and numbers read
// strictly — "acht" or "10x" is named as the wrong value, never a bare "stoi".

#include <algorithm>
#include <charconv>
#include <concepts>
#include <string>
#include <system_error>
#include <vector>

#include "tiservice/i18n.h"

namespace tiservice::command_line {

/// A command line the tool cannot run with, and why; the tool prints it and its help.
struct UsageError {
    LocalizedText text;
};

[[nodiscard]] inline UsageError missingValue(const std::string& option) {
    return UsageError{TIS_TEXT("command_line", "Wert fehlt für %1").arg(option)};
}

/// `text` as a number for `option`; anything else is a UsageError naming both.
template <typename Number>
    requires std::integral<Number> || std::floating_point<Number>
Number number(const std::string& option, const std::string& text) {
    Number value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        if constexpr (std::integral<Number>)
            throw UsageError{TIS_TEXT("command_line", "%1 erwartet eine ganze Zahl, nicht \"%2\"").arg(option, text)};
        else
            throw UsageError{TIS_TEXT("command_line", "%1 erwartet eine Zahl, nicht \"%2\"").arg(option, text)};
    }
    return value;
}

/// "a,b,c" → {"a", "b", "c"}; empty pieces stay (the caller's check names them).
[[nodiscard]] inline std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> pieces;
    for (std::size_t start = 0; start <= text.size();) {
        const auto comma = std::min(text.find(',', start), text.size());
        pieces.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return pieces;
}

}  // namespace tiservice::command_line
