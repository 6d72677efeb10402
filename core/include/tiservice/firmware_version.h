#pragma once
// A firmware (or hardware) version as gematik writes it: "n.n.n" with 1-3 digits per part
// (ProductInformation.xsd, FWVersion/HWVersion), or the central form with a build number
// "n.n.n-N" (ProductVersionCentral, N 0..255). "0.0.0" means unknown: a card terminal
// that is not connected reports it, and it must never be read as "outdated".

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice {

class TISERVICE_CORE_EXPORT FirmwareVersion {
public:
    /// The unknown version (what "0.0.0" stands for).
    FirmwareVersion() = default;

    /// Parses "1.3.10", "01.3.4" (leading zeros are allowed by the schema and compare by
    /// value) or "5.1.8-12". Surrounding white space is ignored. Anything else is an Error
    /// whose message names what is wrong.
    static Result<FirmwareVersion> parse(std::string_view text);

    /// Builds a known version from its parts; each part at most 999, build at most 255.
    static Result<FirmwareVersion> fromParts(unsigned major, unsigned minor, unsigned patch,
                                             std::optional<unsigned> build = std::nullopt);

    [[nodiscard]] bool isUnknown() const { return !known_; }
    [[nodiscard]] unsigned major() const { return parts_[0]; }
    [[nodiscard]] unsigned minor() const { return parts_[1]; }
    [[nodiscard]] unsigned patch() const { return parts_[2]; }
    [[nodiscard]] std::optional<unsigned> build() const { return build_; }

    /// Canonical text: "1.3.10", "5.1.8-12"; the unknown version is "0.0.0".
    [[nodiscard]] std::string toString() const;

    /// Numeric order: 1.3.4 < 1.3.10, and 1.3.10 < 1.3.10-0 < 1.3.10-1.
    /// The unknown version is unordered against every known one (all comparisons false),
    /// so "unknown" can never count as older or newer.
    friend TISERVICE_CORE_EXPORT std::partial_ordering operator<=>(const FirmwareVersion& a, const FirmwareVersion& b);
    friend TISERVICE_CORE_EXPORT bool operator==(const FirmwareVersion& a, const FirmwareVersion& b);

private:
    std::array<std::uint16_t, 3> parts_{0, 0, 0};
    std::optional<unsigned> build_;
    bool known_ = false;
};

/// A hardware version has the same form as a firmware version.
using HardwareVersion = FirmwareVersion;

}  // namespace tiservice
