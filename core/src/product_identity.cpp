#include "tiservice/product_identity.h"

#include <array>

namespace tiservice {
namespace {

bool isIdentifierChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

Error invalidField(std::string code, const LocalizedText& field, std::string_view value,
                   const LocalizedText& rule) {
    return Error{
        .code = "identity." + std::move(code),
        .message =
            TIS_TEXT("product_identity", "Die Produktangabe \"%1\" (\"%2\") ist ungültig: %3").arg(field, value, rule),
        .action = TIS_TEXT("product_identity", "Die Angaben des Geräts prüfen oder den Support anrufen."),
        .detail = std::string(value),
    };
}

std::optional<Error> checkIdentifier(std::string_view value, std::size_t maxLength, std::string code,
                                     const LocalizedText& field) {
    if (value.empty())
        return invalidField(code + "-empty", field, value, TIS_TEXT("product_identity", "sie ist leer."));
    if (value.size() > maxLength)
        return invalidField(code + "-too-long", field, value,
                            TIS_TEXT("product_identity", "sie ist länger als %1 Zeichen.").arg(maxLength));
    for (char c : value)
        if (!isIdentifierChar(c))
            return invalidField(code + "-invalid-characters", field, value,
                                TIS_TEXT("product_identity", "erlaubt sind nur A-Z, a-z, 0-9 und _."));
    return std::nullopt;
}

}  // namespace

std::string_view componentTypeId(ComponentType type) {
    switch (type) {
        case ComponentType::Connector: return "connector";
        case ComponentType::StationaryTerminal: return "stationary-terminal";
        case ComponentType::MobileTerminal: return "mobile-terminal";
    }
    return "connector";
}

Result<ComponentType> parseComponentType(std::string_view id) {
    for (auto t : {ComponentType::Connector, ComponentType::StationaryTerminal, ComponentType::MobileTerminal})
        if (componentTypeId(t) == id) return t;
    return Error{
        .code = "identity.unknown-component-type",
        .message = TIS_TEXT("product_identity", "Unbekannte Geräteart \"%1\".").arg(id),
        .action = TIS_TEXT("product_identity", "Erlaubt sind connector, stationary-terminal und mobile-terminal."),
        .detail = std::string(id),
    };
}

const LocalizedText& componentTypeName(ComponentType type) {
    // Built on first use, not while the library loads.
    static const std::array<LocalizedText, 3> names{{
        TIS_TEXT("product_identity", "Konnektor"),
        TIS_TEXT("product_identity", "Stationäres Kartenterminal"),
        TIS_TEXT("product_identity", "Mobiles Kartenterminal"),
    }};
    return names[static_cast<std::size_t>(type)];
}

Result<ProductIdentity> ProductIdentity::create(Fields fields) {
    if (auto e = checkIdentifier(fields.vendorId, 5, "vendor-id", TIS_TEXT("product_identity", "Hersteller-ID")))
        return *e;
    if (auto e = checkIdentifier(fields.productCode, 8, "product-code", TIS_TEXT("product_identity", "Produktcode")))
        return *e;
    if (fields.vendorName.size() > 256)
        return invalidField("vendor-name-too-long", TIS_TEXT("product_identity", "Herstellername"),
                            fields.vendorName.substr(0, 32) + "…",
                            TIS_TEXT("product_identity", "er ist länger als 256 Zeichen."));
    if (fields.productName.size() > 256)
        return invalidField("product-name-too-long", TIS_TEXT("product_identity", "Produktname"),
                            fields.productName.substr(0, 32) + "…",
                            TIS_TEXT("product_identity", "er ist länger als 256 Zeichen."));
    return ProductIdentity(std::move(fields));
}

std::string ProductIdentity::key() const { return f_.vendorId + "-" + f_.productCode; }

std::string ProductIdentity::displayName() const {
    return f_.productName.empty() ? key() : f_.productName;
}

}  // namespace tiservice
