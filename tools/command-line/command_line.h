#pragma once
// How every command-line tool (tiservice and its commands, tiservice-tuf, tiservice-repo,
// konnektor-sim, tiservice-host) reads its options — one style: an OptionReader loop,
// "--name value" or "--name=value", a UsageError in the user's language for a missing value,
// an unknown option or a number that is none ("acht", "10x"; never a bare "stoi").
//
//     for (command_line::OptionReader o(args); o.next();) {
//         if (o.is("--config")) config = o.path();
//         else if (o.is("--json")) json = true;
//         else if (o.is("--timeout")) timeout = o.number<int>();
//         else o.unknown();
//     }

#include <algorithm>
#include <charconv>
#include <concepts>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "tiservice/i18n.h"
#include "tiservice/paths.h"

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

/// Walks the arguments of one tool or command; see the example at the top.
class OptionReader {
public:
    explicit OptionReader(std::span<const std::string> args) : args_(args) {}

    /// Moves to the next argument; false after the last.
    bool next() {
        if (pos_ + 1 >= static_cast<long>(args_.size())) {
            pos_ = static_cast<long>(args_.size());
            return false;
        }
        ++pos_;
        const auto& a = args_[static_cast<std::size_t>(pos_)];
        const auto eq = a.find('=');
        if (a.starts_with("--") && eq != std::string::npos) {
            name_ = a.substr(0, eq);
            inlineValue_ = a.substr(eq + 1);
        } else {
            name_ = a;
            inlineValue_.reset();
        }
        return true;
    }
    /// The current argument is this option (or one of these spellings: "-h", "--help").
    [[nodiscard]] bool is(std::string_view name) const { return name_ == name; }
    [[nodiscard]] bool is(std::string_view a, std::string_view b) const { return name_ == a || name_ == b; }
    /// The current option's name as written, without "=value".
    [[nodiscard]] const std::string& name() const { return name_; }
    /// The value of the current option: "--name value" or "--name=value".
    std::string value() {
        if (inlineValue_) return *inlineValue_;
        if (pos_ + 1 >= static_cast<long>(args_.size())) throw missingValue(name_);
        return args_[static_cast<std::size_t>(++pos_)];
    }
    /// The value of the current option as a file or folder. Arguments are UTF-8 (on Windows
    /// cli::arguments makes them so); not path(std::string), which on Windows reads the ANSI code
    /// page and would turn "C:\\Users\\Jürgen" into another folder.
    std::filesystem::path path() { return pathFromUtf8(value()); }
    template <typename Number>
    requires std::integral<Number> || std::floating_point<Number> Number number() {
        const auto option = name_;
        return command_line::number<Number>(option, value());
    }
    /// The current argument is none of the tool's options.
    [[noreturn]] void unknown() const {
        throw UsageError{TIS_TEXT("command_line", "Unbekannte Option: %1").arg(name_)};
    }

private:
    std::span<const std::string> args_;
    long pos_ = -1;
    std::string name_;
    std::optional<std::string> inlineValue_;
};

}  // namespace tiservice::command_line
