#pragma once
// The approval catalog: per product, its name (the product table: real card terminals report
// only ProductVendorID and ProductCode), which firmware versions gematik approved and until
// when, the firmware lines a product runs (KoCoBox MED+ 1.3.x, 4.2.x, 5.x …) each with its
// recommended version, critical deadlines, notes in German and English, paid feature
// upgrades, and whom to call. Published by the vendor as a TUF target; the format is
// documented in docs/approval-catalog.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"
#include "tiservice/i18n.h"
#include "tiservice/product_identity.h"

namespace tiservice::catalog {

/// The format this tiservice writes and reads; format 1 (one recommended version per product,
/// no lines) is still read.
inline constexpr int kFormatVersion = 2;

struct ApprovedVersion {
    FirmwareVersion version;
    std::optional<TimePoint> approvedFrom;
    /// The last day of the approval (UTC midnight of that day); nullopt: no end announced.
    std::optional<TimePoint> approvedUntil;
    LocalizedText note;

    /// The moment the approval ends: the end of approvedUntil's day.
    [[nodiscard]] std::optional<TimePoint> endsAt() const {
        if (!approvedUntil) return std::nullopt;
        return *approvedUntil + std::chrono::hours(24);
    }
};

struct Requirement {
    LocalizedText name;  ///< e.g. "CVC-Zertifikatsliste"
    std::string version; ///< e.g. "1.1.1"
    std::string id;      ///< what the device reports it as: "cvc-list"; empty: not read from devices
};

struct FeatureUpgrade {
    std::string id;  ///< e.g. "nfdm-emp"
    LocalizedText name;
    LocalizedText description;
    bool paid = true;
    /// The services of the connector's service directory (connector.sds) the upgrade brings,
    /// e.g. "NFDService", "AMTSService": all listed means it is active on the device.
    std::vector<std::string> services;
};

/// A firmware line of a product: the versions from `from` up to the next line's start. A
/// device is only ever pointed to the recommended version of its own line; moving to
/// another line is an upgrade the vendor offers (and often sells) separately.
struct FirmwareLine {
    LocalizedText name;           ///< "PTV5 (5.x)"
    FirmwareVersion from;         ///< the line's first version
    FirmwareVersion recommended;  ///< unknown: the vendor names none for this line
    std::optional<TimePoint> criticalDeadline;
    LocalizedText notes;
};

struct TISERVICE_CORE_EXPORT CatalogProduct {
    std::string key;  ///< "KOCOC-kocobox"
    ComponentType type = ComponentType::Connector;
    std::string name;
    std::string vendor;
    /// Without lines: the version to update to (unknown: the catalog names none).
    FirmwareVersion recommended;
    std::vector<FirmwareLine> lines;  ///< ordered by `from`; empty: one line, `recommended`
    bool updatesAvailable = true;  ///< false: the vendor offers no update for this product
    /// By when the recommended version must be installed (a critical update's deadline).
    std::optional<TimePoint> criticalDeadline;
    std::vector<ApprovedVersion> versions;
    LocalizedText notes;
    LocalizedText howToCheckVersion;
    LocalizedText olderVersions;  ///< what to do with versions older than any listed
    std::vector<Requirement> requirements;
    std::vector<FeatureUpgrade> featureUpgrades;
    std::string support;  ///< id of a SupportContact

    [[nodiscard]] const ApprovedVersion* find(const FirmwareVersion& v) const;
    /// The line `v` belongs to; nullptr without lines or below the first.
    [[nodiscard]] const FirmwareLine* lineFor(const FirmwareVersion& v) const;
    /// The version a device on `v` should run: its line's recommendation (unknown when none).
    [[nodiscard]] FirmwareVersion recommendedFor(const FirmwareVersion& v) const;
    [[nodiscard]] std::optional<TimePoint> criticalDeadlineFor(const FirmwareVersion& v) const;
    /// The newest version the catalog names for `v`'s line (listed or recommended).
    [[nodiscard]] FirmwareVersion newestKnownFor(const FirmwareVersion& v) const;
};

struct SupportContact {
    std::string id;
    LocalizedText name;
    std::string phone;
    LocalizedText note;
};

struct TISERVICE_CORE_EXPORT ApprovalCatalog {
    int formatVersion = kFormatVersion;
    TimePoint published{};
    std::vector<CatalogProduct> products;
    std::vector<SupportContact> support;

    [[nodiscard]] const CatalogProduct* find(std::string_view key) const;
    [[nodiscard]] const SupportContact* contact(std::string_view id) const;
};

/// The products of the catalog shipped with this tiservice, for their names only: real card
/// terminals report no product name, and a device must be named right before a verified
/// catalog is at hand. Never used for approvals or versions. [thread-safe]
TISERVICE_CORE_EXPORT const ApprovalCatalog& builtInProductTable();
/// The name of a product: from `catalog` when it knows it, else from the built-in table;
/// empty when neither does.
TISERVICE_CORE_EXPORT std::string productName(const ApprovalCatalog* catalog, std::string_view key);

/// Whom the practice calls, "Name: phone (note)": the contact of its customer type ("cgm",
/// "self") from `catalog` when it has one, else from the built-in table. Never a literal in
/// code: the numbers come signed with the catalog.
TISERVICE_CORE_EXPORT LocalizedText supportContactText(const ApprovalCatalog* catalog, std::string_view contactId);

/// Parses and checks a catalog; errors name the product and field ("catalog.invalid").
TISERVICE_CORE_EXPORT Result<ApprovalCatalog> parseApprovalCatalog(std::string_view json);

}  // namespace tiservice::catalog
