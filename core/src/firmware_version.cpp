#include "tiservice/firmware_version.h"

#include <charconv>

namespace tiservice {
namespace {

constexpr unsigned kMaxPart = 999;
constexpr unsigned kMaxBuild = 255;

Error invalidVersion(std::string_view text, std::string code, LocalizedText why) {
    return Error{
        .code = "version." + std::move(code),
        .message = TIS_TEXT("firmware_version", "Die Versionsangabe \"%1\" ist ungültig: %2").arg(text, why),
        .action = TIS_TEXT("firmware_version", "Erwartet wird die Form 1.2.3 (je Teil bis zu drei Ziffern)."),
        .detail = std::string(text),
    };
}

std::string_view trim(std::string_view s) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

}  // namespace

Result<FirmwareVersion> FirmwareVersion::parse(std::string_view input) {
    const std::string_view text = trim(input);
    if (text.empty()) return invalidVersion(input, "empty", TIS_TEXT("firmware_version", "sie ist leer."));

    std::string_view numbers = text;
    std::optional<std::string_view> buildText;
    if (const auto dash = text.find('-'); dash != std::string_view::npos) {
        numbers = text.substr(0, dash);
        buildText = text.substr(dash + 1);
    }

    std::array<std::string_view, 3> partText;
    std::size_t count = 0;
    std::size_t start = 0;
    while (true) {
        const auto dot = numbers.find('.', start);
        const auto piece = numbers.substr(start, dot == std::string_view::npos ? numbers.npos : dot - start);
        if (count == 3)
            return invalidVersion(input, "too-many-parts",
                                  TIS_TEXT("firmware_version", "sie hat mehr als drei Teile."));
        partText[count++] = piece;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (count != 3)
        return invalidVersion(input, "too-few-parts", TIS_TEXT("firmware_version", "sie hat weniger als drei Teile."));

    FirmwareVersion v;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto piece = partText[i];
        if (piece.empty())
            return invalidVersion(input, "empty-part", TIS_TEXT("firmware_version", "ein Teil ist leer."));
        if (!allDigits(piece))
            return invalidVersion(input, "invalid-characters",
                                  TIS_TEXT("firmware_version", "sie enthält andere Zeichen als Ziffern und Punkte."));
        if (piece.size() > 3)
            return invalidVersion(input, "part-too-long",
                                  TIS_TEXT("firmware_version", "ein Teil hat mehr als drei Ziffern."));
        unsigned value = 0;
        std::from_chars(piece.data(), piece.data() + piece.size(), value);  // ≤3 digits: cannot overflow
        v.parts_[i] = static_cast<std::uint16_t>(value);
    }

    if (buildText) {
        if (buildText->empty() || !allDigits(*buildText))
            return invalidVersion(input, "invalid-build",
                                  TIS_TEXT("firmware_version", "die Build-Nummer nach \"-\" ist keine Zahl."));
        if (buildText->size() > 3)
            return invalidVersion(input, "build-out-of-range",
                                  TIS_TEXT("firmware_version", "die Build-Nummer ist größer als 255."));
        unsigned build = 0;
        std::from_chars(buildText->data(), buildText->data() + buildText->size(), build);
        if (build > kMaxBuild)
            return invalidVersion(input, "build-out-of-range",
                                  TIS_TEXT("firmware_version", "die Build-Nummer ist größer als 255."));
        v.build_ = build;
    }

    // 0.0.0 (with or without a build number) is what an unconnected terminal reports.
    v.known_ = v.parts_ != std::array<std::uint16_t, 3>{0, 0, 0};
    if (!v.known_) v.build_.reset();
    return v;
}

Result<FirmwareVersion> FirmwareVersion::fromParts(unsigned major, unsigned minor, unsigned patch,
                                                   std::optional<unsigned> build) {
    std::string text = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
    if (build) text += "-" + std::to_string(*build);
    if (major > kMaxPart || minor > kMaxPart || patch > kMaxPart)
        return invalidVersion(text, "part-too-long",
                              TIS_TEXT("firmware_version", "ein Teil hat mehr als drei Ziffern."));
    return parse(text);
}

std::string FirmwareVersion::toString() const {
    std::string s = std::to_string(parts_[0]) + "." + std::to_string(parts_[1]) + "." + std::to_string(parts_[2]);
    if (build_) s += "-" + std::to_string(*build_);
    return s;
}

std::partial_ordering operator<=>(const FirmwareVersion& a, const FirmwareVersion& b) {
    if (a.isUnknown() || b.isUnknown())
        return (a.isUnknown() && b.isUnknown()) ? std::partial_ordering::equivalent
                                                 : std::partial_ordering::unordered;
    if (auto c = a.parts_ <=> b.parts_; std::is_neq(c)) return c;
    // A version without build number comes before any build of the same version.
    if (a.build_.has_value() != b.build_.has_value())
        return a.build_.has_value() ? std::partial_ordering::greater : std::partial_ordering::less;
    if (!a.build_) return std::partial_ordering::equivalent;
    return *a.build_ <=> *b.build_;
}

bool operator==(const FirmwareVersion& a, const FirmwareVersion& b) {
    return (a <=> b) == std::partial_ordering::equivalent;
}

}  // namespace tiservice
