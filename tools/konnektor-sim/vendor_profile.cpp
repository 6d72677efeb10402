#include "vendor_profile.h"

#include <map>
#include <mutex>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "connector_model.h"
#include "xml_writer.h"

namespace tiservice::sim {
namespace {

constexpr const char* kServiceDirectoryNs = "http://ws.gematik.de/conn/ServiceDirectory/v3.1";
constexpr const char* kServiceInformationNs = "http://ws.gematik.de/conn/ServiceInformation/v2.0";
constexpr const char* kProductInformationNs = "http://ws.gematik.de/int/version/ProductInformation/v1.1";
constexpr const char* kProfileIds[] = {"kocobox", "rise", "secunet"};

std::string str(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString().toStdString(); }

VendorProfile load(const std::string& id) {
    QFile file(QString::fromStdString(":/konnektor-sim/vendors/" + id + ".json"));
    if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("vendor profile " + id + " is not built in");
    const auto root = QJsonDocument::fromJson(file.readAll()).object();
    VendorProfile p;
    p.id = id;
    p.layout = str(root, "layout") == "one-line" ? XmlLayout::OneLine : XmlLayout::Jaxb;
    for (const auto& sv : root.value("services").toArray()) {
        const auto s = sv.toObject();
        ProfileService service{str(s, "name"), str(s, "abstract"), {}};
        for (const auto& vv : s.value("versions").toArray()) {
            const auto v = vv.toObject();
            service.versions.push_back({str(v, "targetNamespace"), str(v, "version"), str(v, "abstract"), str(v, "path")});
        }
        p.services.push_back(std::move(service));
    }
    return p;
}

const std::map<std::string, VendorProfile>& profiles() {
    static std::once_flag once;
    static std::map<std::string, VendorProfile> all;
    std::call_once(once, [] {
        for (const char* id : kProfileIds) all.emplace(id, load(id));
    });
    return all;
}

QJsonObject identityJson(const std::string& id) {
    QFile file(QString::fromStdString(":/konnektor-sim/vendors/" + id + ".json"));
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object().value("identity").toObject();
}

std::string attr(const std::string& name, const std::string& value) { return xmlAttribute(name, value); }

}  // namespace

std::string VendorProfile::eventServicePath() const {
    for (const auto& s : services)
        if (s.name == "EventService")
            for (const auto& v : s.versions)
                if (v.version.starts_with("7.2")) return v.path;
    return "/ws/EventService";
}

Result<const VendorProfile*> vendorProfile(const std::string& id) {
    const auto& all = profiles();
    const auto it = all.find(id);
    if (it != all.end()) return &it->second;
    return Error{.code = "sim.unknown-vendor",
                 .message = TIS_TEXT("konnektor-sim", "Unbekannter Konnektor-Hersteller \"%1\"; bekannt sind kocobox, "
                                                      "rise und secunet.")
                                .arg(id),
                 .action = {},
                 .detail = id};
}

DeviceIdentity vendorIdentity(const VendorProfile& profile) {
    const auto o = identityJson(profile.id);
    return {.vendorId = str(o, "vendorId"), .productCode = str(o, "productCode"), .vendorName = str(o, "vendorName"),
            .productName = str(o, "productName"), .productType = str(o, "productType"),
            .productTypeVersion = str(o, "productTypeVersion"), .hwVersion = str(o, "hwVersion"),
            .fwVersion = str(o, "fwVersion")};
}

std::string serviceDirectoryXml(const VendorProfile& profile, const DeviceIdentity& id, const std::string& informationDate,
                                bool tlsMandatory, bool clientAuthMandatory, const EndpointBases& bases) {
    XmlWriter w(profile.layout == XmlLayout::Jaxb);
    // JAXB: ProductInformation is the default namespace, ns2 the directory, ns3 the services.
    // secunet: the directory is the default namespace, ns2 the product, ns3 the services.
    const bool jaxb = profile.layout == XmlLayout::Jaxb;
    const std::string sd = jaxb ? "ns2:" : "";
    const std::string pi = jaxb ? "" : "ns2:";
    const std::string si = "ns3:";
    const std::string root = sd + "ConnectorServices";
    w.open(root, jaxb ? attr("xmlns", kProductInformationNs) + attr("xmlns:ns2", kServiceDirectoryNs) +
                            attr("xmlns:ns3", kServiceInformationNs)
                      : attr("xmlns", kServiceDirectoryNs) + attr("xmlns:ns2", kProductInformationNs) +
                            attr("xmlns:ns3", kServiceInformationNs));
    w.open(pi + "ProductInformation");
    w.text(pi + "InformationDate", informationDate);
    w.open(pi + "ProductTypeInformation");
    w.text(pi + "ProductType", id.productType);
    w.text(pi + "ProductTypeVersion", id.productTypeVersion);
    w.close(pi + "ProductTypeInformation");
    w.open(pi + "ProductIdentification");
    w.text(pi + "ProductVendorID", id.vendorId);
    w.text(pi + "ProductCode", id.productCode);
    w.open(pi + "ProductVersion");
    w.open(pi + "Local");
    w.text(pi + "HWVersion", id.hwVersion);
    w.text(pi + "FWVersion", id.fwVersion);
    w.close(pi + "Local");
    w.close(pi + "ProductVersion");
    w.close(pi + "ProductIdentification");
    w.open(pi + "ProductMiscellaneous");
    w.text(pi + "ProductVendorName", id.vendorName);
    w.text(pi + "ProductName", id.productName);
    w.close(pi + "ProductMiscellaneous");
    w.close(pi + "ProductInformation");
    w.text(sd + "TLSMandatory", tlsMandatory ? "true" : "false");
    w.text(sd + "ClientAutMandatory", clientAuthMandatory ? "true" : "false");
    w.open(si + "ServiceInformation");
    for (const auto& s : profile.services) {
        w.open(si + "Service", attr("Name", s.name));
        w.text(si + "Abstract", s.abstract);
        w.open(si + "Versions");
        for (const auto& v : s.versions) {
            w.open(si + "Version", attr("TargetNamespace", v.targetNamespace) + attr("Version", v.version));
            w.text(si + "Abstract", v.abstract);
            if (!bases.plain.empty()) w.empty(si + "Endpoint", attr("Location", bases.plain + v.path));
            if (!bases.tls.empty()) w.empty(si + "EndpointTLS", attr("Location", bases.tls + v.path));
            w.close(si + "Version");
        }
        w.close(si + "Versions");
        w.close(si + "Service");
    }
    w.close(si + "ServiceInformation");
    w.close(root);
    const std::string declaration = jaxb ? "" : "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    return declaration + w.str() + (w.pretty() ? "\n" : "");
}

}  // namespace tiservice::sim
