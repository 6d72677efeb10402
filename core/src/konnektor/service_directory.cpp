#include "tiservice/konnektor/service_directory.h"

#include <algorithm>

#include "gematik_ns.h"
#include "product_information.h"
#include "tiservice/net/http_client.h"
#include "xml_tree.h"

namespace tiservice::konnektor {
namespace {

Error sdsInvalid(const LocalizedText& what) {
    return Error{
        .code = "konnektor.sds-invalid",
        .message =
            TIS_TEXT("service_directory",
                     "Die Dienstbeschreibung des Konnektors (connector.sds) ist unvollständig oder beschädigt: %1")
                .arg(what),
        .action = TIS_TEXT(
            "service_directory",
            "Prüfen, ob die Adresse wirklich auf den Konnektor zeigt; bleibt der Fehler, den Support anrufen."),
        .detail = what.en};
}

FirmwareVersion versionOrUnknown(const std::string& text) {
    if (text.empty()) return {};
    auto v = FirmwareVersion::parse(text);
    return v.ok() ? *v : FirmwareVersion{};
}

std::vector<int> versionKey(const std::string& v) {
    std::vector<int> key;
    std::size_t start = 0;
    while (start <= v.size()) {
        const auto dot = v.find('.', start);
        try {
            key.push_back(std::stoi(v.substr(start, dot - start)));
        } catch (...) {
            key.push_back(0);
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return key;
}

}  // namespace

ProductInformation readProductInformation(const xml::Element& e) {
    ProductInformation p;
    p.informationDate = e.childText(ns::kProductInformation, "InformationDate");
    if (const auto* t = e.child(ns::kProductInformation, "ProductTypeInformation")) {
        p.productType = t->childText(ns::kProductInformation, "ProductType");
        p.productTypeVersion = t->childText(ns::kProductInformation, "ProductTypeVersion");
    }
    if (const auto* id = e.child(ns::kProductInformation, "ProductIdentification")) {
        p.vendorId = id->childText(ns::kProductInformation, "ProductVendorID");
        p.productCode = id->childText(ns::kProductInformation, "ProductCode");
        if (const auto* v = id->child(ns::kProductInformation, "ProductVersion")) {
            if (const auto* local = v->child(ns::kProductInformation, "Local")) {
                p.hardwareVersion = versionOrUnknown(local->childText(ns::kProductInformation, "HWVersion"));
                p.firmwareVersion = versionOrUnknown(local->childText(ns::kProductInformation, "FWVersion"));
            } else if (const auto* central = v->child(ns::kProductInformation, "Central")) {
                p.firmwareVersion = versionOrUnknown(central->text);
            }
        }
    }
    if (const auto* m = e.child(ns::kProductInformation, "ProductMiscellaneous")) {
        p.vendorName = m->childText(ns::kProductInformation, "ProductVendorName");
        p.productName = m->childText(ns::kProductInformation, "ProductName");
    }
    return p;
}

std::optional<ServiceVersion> ServiceDirectory::eventService() const {
    std::optional<ServiceVersion> best;
    for (const auto& s : services) {
        if (s.name != "EventService") continue;
        for (const auto& v : s.versions) {
            if (!std::string_view(v.targetNamespace).starts_with(ns::kEventService)) continue;
            if (!best || versionKey(v.version) > versionKey(best->version)) best = v;
        }
    }
    return best;
}

Result<ServiceDirectory> parseServiceDirectory(std::string_view text) {
    auto doc = xml::parse(text);
    if (!doc.ok()) return sdsInvalid(TIS_TEXT("service_directory", "kein gültiges XML (%1)").arg(doc.error().detail));
    const auto& root = *doc;
    if (!root.is(ns::kServiceDirectory, "ConnectorServices"))
        return sdsInvalid(TIS_TEXT("service_directory", "Wurzelelement ist %1 (%2), nicht ConnectorServices")
                              .arg(root.name, root.ns));
    ServiceDirectory sd;
    const auto* pi = root.child(ns::kProductInformation, "ProductInformation");
    if (!pi) return sdsInvalid(TIS_TEXT("service_directory", "ProductInformation fehlt"));
    sd.product = readProductInformation(*pi);
    if (sd.product.vendorId.empty() || sd.product.productCode.empty())
        return sdsInvalid(TIS_TEXT("service_directory", "ProductVendorID oder ProductCode fehlt"));
    if (sd.product.firmwareVersion.isUnknown())
        return sdsInvalid(TIS_TEXT("service_directory", "FWVersion fehlt oder ist ungültig"));
    sd.tlsMandatory = root.childText(ns::kServiceDirectory, "TLSMandatory") != "false";
    sd.clientAuthMandatory = root.childText(ns::kServiceDirectory, "ClientAutMandatory") == "true";
    const auto* si = root.child(ns::kServiceInformation, "ServiceInformation");
    if (!si) return sdsInvalid(TIS_TEXT("service_directory", "ServiceInformation fehlt"));
    for (const auto* s : si->childrenNamed(ns::kServiceInformation, "Service")) {
        Service service{.name = s->attribute("Name"), .versions = {}};
        if (const auto* versions = s->child(ns::kServiceInformation, "Versions")) {
            for (const auto* v : versions->childrenNamed(ns::kServiceInformation, "Version")) {
                ServiceVersion sv;
                sv.targetNamespace = v->attribute("TargetNamespace");
                sv.version = v->attribute("Version");
                if (const auto* ep = v->child(ns::kServiceInformation, "Endpoint")) sv.endpoint = ep->attribute("Location");
                if (const auto* ep = v->child(ns::kServiceInformation, "EndpointTLS")) sv.endpointTls = ep->attribute("Location");
                service.versions.push_back(std::move(sv));
            }
        }
        sd.services.push_back(std::move(service));
    }
    return sd;
}

Result<ProductIdentity> connectorIdentity(const ProductInformation& p) {
    return ProductIdentity::create({.vendorId = p.vendorId,
                                    .productCode = p.productCode,
                                    .hardwareVersion = p.hardwareVersion,
                                    .type = ComponentType::Connector,
                                    .vendorName = p.vendorName,
                                    .productName = p.productName});
}

Result<std::string> endpointFor(const ServiceVersion& service, std::string_view sdsUrl, bool useTls,
                                bool keepConfiguredHost) {
    std::string location = useTls ? service.endpointTls : service.endpoint;
    if (location.empty()) location = useTls ? service.endpoint : service.endpointTls;
    if (location.empty())
        return sdsInvalid(TIS_TEXT("service_directory", "kein Endpunkt für %1").arg(service.targetNamespace));
    auto endpoint = net::Url::parse(location);
    if (!endpoint.ok()) return sdsInvalid(TIS_TEXT("service_directory", "ungültiger Endpunkt \"%1\"").arg(location));
    if (!keepConfiguredHost) return endpoint->toString();
    auto configured = net::Url::parse(sdsUrl);
    if (!configured.ok()) return configured.error();
    endpoint->scheme = configured->scheme;
    endpoint->host = configured->host;
    endpoint->port = configured->port;
    return endpoint->toString();
}

}  // namespace tiservice::konnektor
