#include "terminal_io.h"

#include "hidden_input.h"

#include <algorithm>
#include <ctime>
#include <iostream>

namespace tiservice::cli {

std::optional<std::string> askSecret(const LocalizedText& question) {
    if (!inputIsTerminal()) return std::nullopt;
    std::cerr << tr(question) << ": " << std::flush;
    auto line = readLineHidden();
    std::cerr << "\n";
    return line;
}

std::size_t displayWidth(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) width[i] = displayWidth(header[i]);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], displayWidth(r[i]));
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += cells[i];
            if (i + 1 < cells.size()) out += std::string(width[i] - displayWidth(cells[i]) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header);
    std::size_t total = 0;
    for (auto w : width) total += w + 2;
    out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    for (const auto& r : rows) out += line(r);
    return out;
}

std::string localTime(TimePoint t, Language l) { return formatLocalDateTime(t).in(l); }

std::string day(TimePoint t, Language l) { return formatDay(t).in(l); }

}  // namespace tiservice::cli
