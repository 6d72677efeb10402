#pragma once
// The sample host's own settings file: "Key = Value" lines in the practice software's own
// vocabulary ('#' and ';' start comments). Keys keep their case: PVSs name them as they like.

#include <map>
#include <string>
#include <string_view>

namespace tiservice::sample_host {

inline std::map<std::string, std::string> parseHostSettings(std::string_view text) {
    std::map<std::string, std::string> out;
    const auto trim = [](std::string_view x) {
        const auto a = x.find_first_not_of(" \t\r");
        if (a == std::string_view::npos) return std::string();
        const auto b = x.find_last_not_of(" \t\r");
        return std::string(x.substr(a, b - a + 1));
    };
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        const auto line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        const auto content = trim(line);
        if (content.empty() || content[0] == '#' || content[0] == ';') continue;
        const auto eq = content.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        const auto key = trim(std::string_view(content).substr(0, eq));
        if (!key.empty()) out[key] = trim(std::string_view(content).substr(eq + 1));
    }
    return out;
}

}  // namespace tiservice::sample_host
