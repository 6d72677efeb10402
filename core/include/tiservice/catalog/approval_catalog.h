#pragma once
// The approval catalog: per product, which firmware versions gematik approved and until
// when, the recommended version, critical deadlines, notes in German and English, paid
// feature upgrades, and whom to call. Published by the vendor as a TUF target; the format
// is documented in docs/approval-catalog.md.

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

inline constexpr int kFormatVersion = 1;

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
};

struct FeatureUpgrade {
    std::string id;  ///< e.g. "nfdm-emp"
    LocalizedText name;
    LocalizedText description;
    bool paid = true;
};

struct TISERVICE_CORE_EXPORT CatalogProduct {
    std::string key;  ///< "KOCOC-kocobox"
    ComponentType type = ComponentType::Connector;
    std::string name;
    std::string vendor;
    FirmwareVersion recommended;
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

/// Parses and checks a catalog; errors name the product and field ("catalog.invalid").
TISERVICE_CORE_EXPORT Result<ApprovalCatalog> parseApprovalCatalog(std::string_view json);

}  // namespace tiservice::catalog
