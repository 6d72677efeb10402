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
        .message = {"Die Produktangabe \"" + field.de + "\" (\"" + std::string(value) + "\") ist ungültig: " + rule.de,
                    "The product field \"" + field.en + "\" (\"" + std::string(value) + "\") is not valid: " + rule.en},
        .action = {"Die Angaben des Geräts prüfen oder den Support anrufen.",
                   "Check the device's details or call support."},
        .detail = std::string(value),
    };
}

std::optional<Error> checkIdentifier(std::string_view value, std::size_t maxLength, std::string code,
                                     const LocalizedText& field) {
    if (value.empty())
        return invalidField(code + "-empty", field, value, {"sie ist leer.", "it is empty."});
    if (value.size() > maxLength)
        return invalidField(code + "-too-long", field, value,
                            {"sie ist länger als " + std::to_string(maxLength) + " Zeichen.",
                             "it is longer than " + std::to_string(maxLength) + " characters."});
    for (char c : value)
        if (!isIdentifierChar(c))
            return invalidField(code + "-invalid-characters", field, value,
                                {"erlaubt sind nur A-Z, a-z, 0-9 und _.", "only A-Z, a-z, 0-9 and _ are allowed."});
    return std::nullopt;
}

const std::array<LocalizedText, 3> kTypeNames{{
    {"Konnektor", "Connector"},
    {"Stationäres Kartenterminal", "Stationary card terminal"},
    {"Mobiles Kartenterminal", "Mobile card terminal"},
}};

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
        .message = {"Unbekannte Geräteart \"" + std::string(id) + "\".",
                    "Unknown component type \"" + std::string(id) + "\"."},
        .action = {"Erlaubt sind connector, stationary-terminal und mobile-terminal.",
                   "Allowed are connector, stationary-terminal and mobile-terminal."},
        .detail = std::string(id),
    };
}

const LocalizedText& componentTypeName(ComponentType type) {
    return kTypeNames[static_cast<std::size_t>(type)];
}

Result<ProductIdentity> ProductIdentity::create(Fields fields) {
    if (auto e = checkIdentifier(fields.vendorId, 5, "vendor-id", {"Hersteller-ID", "vendor id"})) return *e;
    if (auto e = checkIdentifier(fields.productCode, 8, "product-code", {"Produktcode", "product code"})) return *e;
    if (fields.vendorName.size() > 256)
        return invalidField("vendor-name-too-long", {"Herstellername", "vendor name"}, fields.vendorName.substr(0, 32) + "…",
                            {"er ist länger als 256 Zeichen.", "it is longer than 256 characters."});
    if (fields.productName.size() > 256)
        return invalidField("product-name-too-long", {"Produktname", "product name"}, fields.productName.substr(0, 32) + "…",
                            {"er ist länger als 256 Zeichen.", "it is longer than 256 characters."});
    return ProductIdentity(std::move(fields));
}

std::string ProductIdentity::key() const { return f_.vendorId + "-" + f_.productCode; }

std::string ProductIdentity::displayName() const {
    return f_.productName.empty() ? key() : f_.productName;
}

}  // namespace tiservice
