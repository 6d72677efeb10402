#include "tiservice/catalog/approval_catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tiservice::catalog {
namespace {

Error invalid(const std::string& where, const std::string& what) {
    return Error{
        .code = "catalog.invalid",
        .message = TIS_TEXT("approval_catalog", "Der Zulassungskatalog ist fehlerhaft (%1: %2).").arg(where, what),
        .action =
            TIS_TEXT("approval_catalog", "Später erneut prüfen; der zuletzt geprüfte Katalog bleibt in Gebrauch."),
        .detail = where + ": " + what};
}

std::string s(const QJsonObject& o, const char* key) { return o.value(QLatin1String(key)).toString().toStdString(); }

LocalizedText text(const QJsonObject& o, const char* key) {
    const auto t = o.value(QLatin1String(key)).toObject();
    return LocalizedText::fromData(s(t, "de"), s(t, "en"));
}

/// A LocalizedText must be complete: both languages or neither.
bool complete(const LocalizedText& t) { return t.de.empty() == t.en.empty(); }

std::optional<Error> date(const QJsonObject& o, const char* key, const std::string& where, std::optional<TimePoint>& out) {
    const auto v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return std::nullopt;
    if (!v.isString()) return invalid(where, std::string(key) + " is not a date");
    out = parseUtc(v.toString().toStdString());
    if (!out) return invalid(where, std::string(key) + " \"" + v.toString().toStdString() + "\" is not a date");
    return std::nullopt;
}

}  // namespace

const ApprovedVersion* CatalogProduct::find(const FirmwareVersion& v) const {
    for (const auto& a : versions)
        if (a.version == v) return &a;
    return nullptr;
}

const CatalogProduct* ApprovalCatalog::find(std::string_view key) const {
    for (const auto& p : products)
        if (p.key == key) return &p;
    return nullptr;
}

const SupportContact* ApprovalCatalog::contact(std::string_view id) const {
    for (const auto& c : support)
        if (c.id == id) return &c;
    return nullptr;
}

Result<ApprovalCatalog> parseApprovalCatalog(std::string_view json) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &error);
    if (error.error != QJsonParseError::NoError)
        return invalid("JSON", error.errorString().toStdString() + " at " + std::to_string(error.offset));
    if (!doc.isObject()) return invalid("JSON", "not an object");
    const auto root = doc.object();
    ApprovalCatalog c;
    c.formatVersion = root.value("formatVersion").toInt(-1);
    if (c.formatVersion != kFormatVersion)
        return invalid("formatVersion", "expected " + std::to_string(kFormatVersion) + ", got " +
                                            std::to_string(c.formatVersion));
    std::optional<TimePoint> published;
    if (auto e = date(root, "published", "catalog", published)) return *e;
    if (!published) return invalid("catalog", "published is missing");
    c.published = *published;

    for (const auto& sv : root.value("support").toArray()) {
        const auto o = sv.toObject();
        SupportContact sc{s(o, "id"), text(o, "name"), s(o, "phone"), text(o, "note")};
        if (sc.id.empty() || sc.phone.empty()) return invalid("support", "id and phone are required");
        c.support.push_back(std::move(sc));
    }

    if (!root.value("products").isArray()) return invalid("catalog", "products is missing");
    for (const auto& pv : root.value("products").toArray()) {
        const auto o = pv.toObject();
        CatalogProduct p;
        p.key = s(o, "key");
        const std::string where = "product " + (p.key.empty() ? std::string("?") : p.key);
        const auto dash = p.key.find('-');
        if (p.key.empty() || dash == std::string::npos) return invalid(where, "key must be VENDOR-CODE");
        auto id = ProductIdentity::create({.vendorId = p.key.substr(0, dash), .productCode = p.key.substr(dash + 1)});
        if (!id.ok()) return invalid(where, id.error().describe(Language::English));
        if (c.find(p.key)) return invalid(where, "listed twice");
        auto type = parseComponentType(s(o, "type"));
        if (!type.ok()) return invalid(where, "type \"" + s(o, "type") + "\"");
        p.type = *type;
        p.name = s(o, "name");
        p.vendor = s(o, "vendor");
        if (p.name.empty()) return invalid(where, "name is missing");
        auto recommended = FirmwareVersion::parse(s(o, "recommended"));
        if (!recommended.ok() || recommended->isUnknown()) return invalid(where, "recommended \"" + s(o, "recommended") + "\"");
        p.recommended = *recommended;
        p.updatesAvailable = o.value("updatesAvailable").toBool(true);
        if (auto e = date(o, "criticalDeadline", where, p.criticalDeadline)) return *e;
        p.notes = text(o, "notes");
        p.howToCheckVersion = text(o, "howToCheckVersion");
        p.olderVersions = text(o, "olderVersions");
        p.support = s(o, "support");
        if (!p.support.empty() && !c.contact(p.support)) return invalid(where, "unknown support contact " + p.support);
        for (const auto& t : {p.notes, p.howToCheckVersion, p.olderVersions})
            if (!complete(t)) return invalid(where, "a text lacks German or English");
        for (const auto& vv : o.value("versions").toArray()) {
            const auto vo = vv.toObject();
            ApprovedVersion a;
            auto v = FirmwareVersion::parse(s(vo, "version"));
            if (!v.ok() || v->isUnknown()) return invalid(where, "version \"" + s(vo, "version") + "\"");
            a.version = *v;
            if (p.find(a.version)) return invalid(where, "version " + a.version.toString() + " listed twice");
            if (auto e = date(vo, "approvedFrom", where, a.approvedFrom)) return *e;
            if (auto e = date(vo, "approvedUntil", where, a.approvedUntil)) return *e;
            if (a.approvedFrom && a.approvedUntil && *a.approvedUntil < *a.approvedFrom)
                return invalid(where, "version " + a.version.toString() + " ends before it starts");
            a.note = text(vo, "note");
            if (!complete(a.note)) return invalid(where, "a text lacks German or English");
            p.versions.push_back(std::move(a));
        }
        for (const auto& rv : o.value("requirements").toArray()) {
            const auto ro = rv.toObject();
            p.requirements.push_back({text(ro, "name"), s(ro, "version")});
        }
        for (const auto& fv : o.value("featureUpgrades").toArray()) {
            const auto fo = fv.toObject();
            p.featureUpgrades.push_back({s(fo, "id"), text(fo, "name"), text(fo, "description"), fo.value("paid").toBool(true)});
        }
        c.products.push_back(std::move(p));
    }
    return c;
}

}  // namespace tiservice::catalog
