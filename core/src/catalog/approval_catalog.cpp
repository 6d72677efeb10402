#include "tiservice/catalog/approval_catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" const unsigned char tiservice_product_table_json[];
extern "C" const unsigned long tiservice_product_table_json_size;

namespace tiservice::catalog {
namespace {

Error invalid(const std::string& where, const std::string& what) {
    return Error{.code = "catalog.invalid",
                 // The technical part (a field name, the parser's words) only for the English reader of
                 // the log and support: a German sentence carries no English.
                 .message = TIS_TEXT("approval_catalog", "Der Zulassungskatalog ist fehlerhaft%1.")
                                .arg(LocalizedText::fromData("", " (" + where + ": " + what + ")")),
                 .action = TIS_TEXT("approval_catalog",
                                    "Später erneut prüfen; der zuletzt geprüfte Katalog bleibt in Gebrauch."),
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

const FirmwareLine* CatalogProduct::lineFor(const FirmwareVersion& v) const {
    const FirmwareLine* found = nullptr;
    for (const auto& l : lines)
        if (!v.isUnknown() && l.from <= v) found = &l;  // ordered by from: the last that fits
    return found;
}

FirmwareVersion CatalogProduct::recommendedFor(const FirmwareVersion& v) const {
    if (lines.empty()) return recommended;
    const auto* line = lineFor(v);
    return line ? line->recommended : FirmwareVersion{};
}

std::optional<TimePoint> CatalogProduct::criticalDeadlineFor(const FirmwareVersion& v) const {
    if (lines.empty()) return criticalDeadline;
    const auto* line = lineFor(v);
    return line ? line->criticalDeadline : std::nullopt;
}

FirmwareVersion CatalogProduct::newestKnownFor(const FirmwareVersion& v) const {
    const auto* line = lineFor(v);
    const FirmwareLine* next = nullptr;
    for (const auto& l : lines)
        if (line && l.from > line->from && (!next || l.from < next->from)) next = &l;
    const auto inLine = [&](const FirmwareVersion& x) {
        if (lines.empty()) return true;
        if (!line) return !lines.empty() && x < lines.front().from;
        return x >= line->from && (!next || x < next->from);
    };
    FirmwareVersion newest = recommendedFor(v);
    for (const auto& a : versions)
        if (inLine(a.version) && (newest.isUnknown() || a.version > newest)) newest = a.version;
    return newest;
}

const ApprovalCatalog& builtInProductTable() {
    static const ApprovalCatalog table = [] {
        auto parsed = parseApprovalCatalog(std::string_view(reinterpret_cast<const char*>(tiservice_product_table_json),
                                                            tiservice_product_table_json_size));
        return parsed.ok() ? std::move(parsed).value() : ApprovalCatalog{};
    }();
    return table;
}

std::string productName(const ApprovalCatalog* catalog, std::string_view key) {
    if (key.empty()) return {};
    if (const auto* p = catalog ? catalog->find(key) : nullptr) return p->name;
    if (const auto* p = builtInProductTable().find(key)) return p->name;
    return {};
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
    if (c.formatVersion != 1 && c.formatVersion != kFormatVersion)
        return invalid("formatVersion", "expected 1 or " + std::to_string(kFormatVersion) + ", got " +
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
        // Format 1 names one recommended version per product; format 2 may name it per line, or
        // none at all (a product the catalog knows by name only).
        if (o.contains("recommended") || c.formatVersion == 1) {
            auto recommended = FirmwareVersion::parse(s(o, "recommended"));
            if (!recommended.ok() || recommended->isUnknown())
                return invalid(where, "recommended \"" + s(o, "recommended") + "\"");
            p.recommended = *recommended;
        }
        for (const auto& lv : o.value("lines").toArray()) {
            const auto lo = lv.toObject();
            FirmwareLine line;
            line.name = text(lo, "name");
            auto from = FirmwareVersion::parse(s(lo, "from"));
            if (!from.ok() || from->isUnknown()) return invalid(where, "line from \"" + s(lo, "from") + "\"");
            line.from = *from;
            if (lo.contains("recommended")) {
                auto r = FirmwareVersion::parse(s(lo, "recommended"));
                if (!r.ok() || r->isUnknown() || *r < line.from)
                    return invalid(where, "line " + line.from.toString() + ": recommended \"" + s(lo, "recommended") + "\"");
                line.recommended = *r;
            }
            if (auto e = date(lo, "criticalDeadline", where, line.criticalDeadline)) return *e;
            line.notes = text(lo, "notes");
            if (!complete(line.name) || !complete(line.notes)) return invalid(where, "a text lacks German or English");
            if (!p.lines.empty() && !(p.lines.back().from < line.from))
                return invalid(where, "lines must be ordered by from, each once");
            p.lines.push_back(std::move(line));
        }
        if (!p.lines.empty() && !p.recommended.isUnknown())
            return invalid(where, "recommended belongs to the lines when there are lines");
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
            p.requirements.push_back({text(ro, "name"), s(ro, "version"), s(ro, "id")});
        }
        for (const auto& fv : o.value("featureUpgrades").toArray()) {
            const auto fo = fv.toObject();
            FeatureUpgrade upgrade{
                s(fo, "id"), text(fo, "name"), text(fo, "description"), fo.value("paid").toBool(true), {}};
            for (const auto& service : fo.value("services").toArray())
                if (service.isString() && !service.toString().isEmpty())
                    upgrade.services.push_back(service.toString().toStdString());
            p.featureUpgrades.push_back(std::move(upgrade));
        }
        c.products.push_back(std::move(p));
    }
    return c;
}

LocalizedText supportContactText(const ApprovalCatalog* catalog, std::string_view contactId) {
    const SupportContact* c = catalog ? catalog->contact(contactId) : nullptr;
    if (!c) c = builtInProductTable().contact(contactId);
    if (!c) return TIS_TEXT("approval_catalog", "Ihr Dienstleister vor Ort (DVO), der den Konnektor eingerichtet hat");
    LocalizedText text = LocalizedText::fromData(c->name.de + ": " + c->phone, c->name.en + ": " + c->phone);
    if (!c->note.de.empty() || !c->note.en.empty())
        text = LocalizedText::fromData(text.de + " (" + c->note.de + ")", text.en + " (" + c->note.en + ")");
    return text;
}

}  // namespace tiservice::catalog
