#include "tiservice/konnektor/service_directory.h"

#include <algorithm>
#include <cctype>

#include "gematik_ns.h"
#include "product_information.h"
#include "tiservice/net/http_client.h"
#include "xml_tree.h"

namespace tiservice::konnektor {
namespace {

Error sdsInvalid(const LocalizedText& what, const std::string& detail = {}) {
    return Error{
        .code = "konnektor.sds-invalid",
        .message =
            TIS_TEXT("service_directory",
                     "Die Dienstbeschreibung des Konnektors (connector.sds) ist unvollständig oder beschädigt: %1")
                .arg(what),
        .action = TIS_TEXT(
            "service_directory",
            "Prüfen, ob die Adresse wirklich auf den Konnektor zeigt; bleibt der Fehler, den Support anrufen."),
        .detail = detail.empty() ? what.en : detail};
}

FirmwareVersion versionOrUnknown(const std::string& text) {
    if (text.empty()) return {};
    auto v = FirmwareVersion::parse(text);
    return v.ok() ? *v : FirmwareVersion{};
}

/// "7.2.0" → {7, 2, 0}; parts that are no number count as 0.
std::vector<int> versionKey(std::string_view v) {
    std::vector<int> key;
    std::size_t start = 0;
    while (start <= v.size()) {
        const auto dot = v.find('.', start);
        const auto part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        int n = 0;
        for (char c : part) {
            if (c < '0' || c > '9' || n > 100'000) {
                n = 0;
                break;
            }
            n = n * 10 + (c - '0');
        }
        key.push_back(n);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return key;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

/// ".../EventService/WSDL/v7.2" → ".../EventService/v7.2"; the schema form stays as it is.
std::string withoutWsdlSegment(std::string_view ns) {
    std::string s(ns);
    if (const auto at = s.find("/WSDL/"); at != std::string::npos) s.erase(at, 5);
    while (!s.empty() && s.back() == '/') s.pop_back();
    return s;
}

}  // namespace

ProductInformation readProductInformation(const xml::Element& e) {
    ProductInformation p;
    p.informationDate = e.childText(ns::kProductInformation, "InformationDate");
    p.informationTime = parseUtc(p.informationDate);
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

bool implements(const ImplementedService& service, const ServiceVersion& v) {
    if (!v.targetNamespace.empty() && withoutWsdlSegment(v.targetNamespace) == service.schemaNamespace) return true;
    if (!equalsIgnoringCase(v.serviceName, service.name)) return false;
    const auto key = versionKey(v.version);
    return key.size() >= 2 && key[0] == service.major && key[1] == service.minor;
}

std::optional<ServiceVersion> ServiceDirectory::find(const ImplementedService& service) const {
    std::optional<ServiceVersion> best;
    for (const auto& s : services)
        for (const auto& v : s.versions)
            if (implements(service, v) && (!best || versionKey(v.version) > versionKey(best->version))) best = v;
    return best;
}

std::vector<ServiceVersion> ServiceDirectory::versionsOf(std::string_view serviceName) const {
    std::vector<ServiceVersion> out;
    for (const auto& s : services)
        if (equalsIgnoringCase(s.name, serviceName)) out.insert(out.end(), s.versions.begin(), s.versions.end());
    return out;
}

Result<ServiceDirectory> parseServiceDirectory(std::string_view text) {
    auto doc = xml::parse(text);
    // The parser's words (line, column) are for support, in the detail; people read what it means.
    if (!doc.ok())
        return sdsInvalid(TIS_TEXT("service_directory", "die Antwort ist kein lesbares XML"), doc.error().detail);
    const auto& root = *doc;
    if (!root.is(ns::kServiceDirectory, "ConnectorServices"))
        return sdsInvalid(
            root.name == "html" || root.name == "HTML"
                ? TIS_TEXT("service_directory", "unter der Adresse antwortet eine Webseite, nicht der Konnektor")
                : TIS_TEXT("service_directory", "die Antwort ist keine Dienstbeschreibung eines Konnektors"),
            "root element " + root.name + " (" + root.ns + "), not ConnectorServices");
    ServiceDirectory sd;
    const auto* pi = root.child(ns::kProductInformation, "ProductInformation");
    if (!pi)
        return sdsInvalid(TIS_TEXT("service_directory", "die Produktangaben fehlen"), "ProductInformation missing");
    sd.product = readProductInformation(*pi);
    if (sd.product.vendorId.empty() || sd.product.productCode.empty())
        return sdsInvalid(TIS_TEXT("service_directory", "die Hersteller- oder Produktkennung fehlt"),
                          "ProductVendorID or ProductCode missing");
    if (sd.product.firmwareVersion.isUnknown())
        return sdsInvalid(TIS_TEXT("service_directory", "die Firmware-Version fehlt oder ist ungültig"),
                          "FWVersion missing or invalid");
    // xsd:boolean: "true"/"1" and "false"/"0". Absent or anything else: the safe reading.
    const auto flag = [&](const char* name, bool fallback) {
        const auto v = root.childText(ns::kServiceDirectory, name);
        if (v == "true" || v == "1") return true;
        if (v == "false" || v == "0") return false;
        return fallback;
    };
    sd.tlsMandatory = flag("TLSMandatory", true);
    sd.clientAuthMandatory = flag("ClientAutMandatory", false);
    const auto* si = root.child(ns::kServiceInformation, "ServiceInformation");
    if (!si)
        return sdsInvalid(TIS_TEXT("service_directory", "die Liste der Dienste fehlt"), "ServiceInformation missing");
    for (const auto* s : si->childrenNamed(ns::kServiceInformation, "Service")) {
        Service service{.name = s->attribute("Name"), .versions = {}};
        if (const auto* versions = s->child(ns::kServiceInformation, "Versions")) {
            for (const auto* v : versions->childrenNamed(ns::kServiceInformation, "Version")) {
                ServiceVersion sv;
                sv.serviceName = service.name;
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

Error tlsRequiredError(bool clientCertificateToo, std::string_view sdsUrl) {
    return Error{
        .code = errors::kTlsRequired,
        .message = clientCertificateToo
                       ? TIS_TEXT("service_directory",
                                  "Der Konnektor verlangt eine verschlüsselte Verbindung (TLS) mit Client-Zertifikat; "
                                  "eingestellt ist eine unverschlüsselte.")
                       : TIS_TEXT("service_directory",
                                  "Der Konnektor verlangt eine verschlüsselte Verbindung (TLS); eingestellt ist eine "
                                  "unverschlüsselte."),
        .action = clientCertificateToo
                      ? TIS_TEXT("service_directory",
                                 "In den Einstellungen [tls] mode = client-certificate mit dem im Konnektor exportierten "
                                 "Client-Zertifikat (.p12) eintragen und die Adresse mit https:// beginnen lassen.")
                      : TIS_TEXT("service_directory",
                                 "In den Einstellungen [tls] mode = server mit der CA-Datei des Konnektors eintragen und "
                                 "die Adresse mit https:// beginnen lassen."),
        .detail = std::string(sdsUrl)};
}

Result<std::string> endpointFor(const ServiceDirectory& directory, const ServiceVersion& service,
                                std::string_view sdsUrl, bool useTls, bool keepConfiguredHost) {
    const std::string what = service.serviceName + " " + service.version;
    std::string location = useTls ? service.endpointTls : service.endpoint;
    if (location.empty()) {
        if (!useTls) return tlsRequiredError(directory.clientAuthMandatory, sdsUrl);
        return Error{.code = errors::kNoEndpoint,
                     .message = TIS_TEXT("service_directory",
                                         "Der Konnektor nennt für den Dienst %1 keine verschlüsselte Adresse.")
                                    .arg(what),
                     .action = TIS_TEXT("service_directory",
                                        "Im Konnektor TLS für Clientsysteme einschalten oder den Support anrufen."),
                     .detail = what};
    }
    auto endpoint = net::Url::parse(location);
    if (!endpoint.ok())
        return sdsInvalid(TIS_TEXT("service_directory", "eine Dienstadresse ist ungültig („%1“)").arg(location),
                          "endpoint " + location);
    if (useTls && endpoint->scheme != "https")
        return Error{
            .code = errors::kPlainEndpointRefused,
            .message = TIS_TEXT("service_directory",
                                "Die Dienstbeschreibung des Konnektors nennt für %1 eine unverschlüsselte Adresse "
                                "(%2), obwohl eine verschlüsselte Verbindung eingestellt ist. tiservice schickt nichts "
                                "unverschlüsselt und fragt dort nicht an.")
                           .arg(what, location),
            .action = TIS_TEXT("service_directory",
                               "Die Einstellungen des Konnektors für Clientsysteme prüfen lassen (Support)."),
            .detail = location};
    if (!useTls && endpoint->scheme != "http") return tlsRequiredError(directory.clientAuthMandatory, sdsUrl);
    if (!keepConfiguredHost) return endpoint->toString();
    auto configured = net::Url::parse(sdsUrl);
    if (!configured.ok()) return configured.error();
    endpoint->scheme = configured->scheme;
    endpoint->host = configured->host;
    endpoint->port = configured->port;
    return endpoint->toString();
}

}  // namespace tiservice::konnektor
