#pragma once
// Who a TI component is, as its ProductInformation says (gematik ProductInformation v1.1).

#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"

namespace tiservice {

enum class ComponentType {
    Connector,           ///< Konnektor, e.g. KoCoBox MED+
    StationaryTerminal,  ///< stationäres Kartenterminal, paired with the connector
    MobileTerminal,      ///< mobiles Kartenterminal, updated from a PC
};

/// "connector", "stationary-terminal", "mobile-terminal": stable, for files and JSON.
TISERVICE_CORE_EXPORT std::string_view componentTypeId(ComponentType type);
TISERVICE_CORE_EXPORT Result<ComponentType> parseComponentType(std::string_view id);
/// "Konnektor" / "Connector", ... for people.
TISERVICE_CORE_EXPORT const LocalizedText& componentTypeName(ComponentType type);

class TISERVICE_CORE_EXPORT ProductIdentity {
public:
    struct Fields {
        std::string vendorId;     ///< ProductVendorID: 1-5 characters [A-Za-z0-9_], e.g. "KOCOC"
        std::string productCode;  ///< ProductCode: 1-8 characters [A-Za-z0-9_], e.g. "kocobox"
        HardwareVersion hardwareVersion;  ///< may be unknown
        ComponentType type = ComponentType::Connector;
        std::string vendorName;   ///< ProductVendorName, at most 256 characters; may be empty
        std::string productName;  ///< ProductName, at most 256 characters; may be empty
    };

    /// Checks every field against the schema's rules; the Error names the first broken one.
    static Result<ProductIdentity> create(Fields fields);

    [[nodiscard]] const std::string& vendorId() const { return f_.vendorId; }
    [[nodiscard]] const std::string& productCode() const { return f_.productCode; }
    [[nodiscard]] const HardwareVersion& hardwareVersion() const { return f_.hardwareVersion; }
    [[nodiscard]] ComponentType type() const { return f_.type; }
    [[nodiscard]] const std::string& vendorName() const { return f_.vendorName; }
    [[nodiscard]] const std::string& productName() const { return f_.productName; }

    /// "KOCOC-kocobox": how catalogs and journals name the product.
    [[nodiscard]] std::string key() const;
    /// The product name for people: productName, else the key.
    [[nodiscard]] std::string displayName() const;

    friend bool operator==(const ProductIdentity& a, const ProductIdentity& b) {
        return a.key() == b.key() && a.f_.hardwareVersion == b.f_.hardwareVersion && a.f_.type == b.f_.type;
    }

private:
    explicit ProductIdentity(Fields f) : f_(std::move(f)) {}
    Fields f_;
};

}  // namespace tiservice
