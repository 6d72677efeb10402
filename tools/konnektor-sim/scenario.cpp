#include "scenario.h"

#include <algorithm>

#include <cstdio>
#include <fstream>
#include <sstream>
#include "tiservice/paths.h"
#include "vendor_profile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tiservice::sim {
namespace {

Error scenarioError(const std::string& what) {
    return Error{.code = "sim.scenario-invalid",
                 .message = TIS_TEXT("konnektor-sim", "Die Szenario-Datei ist ungültig: %1").arg(what),
                 .action = TIS_TEXT("konnektor-sim", "Die Datei nach docs/konnektor-sim.md korrigieren."),
                 .detail = what};
}

std::string str(const QJsonObject& o, const char* key, const std::string& fallback = {}) {
    const auto v = o.value(QLatin1String(key));
    return v.isString() ? v.toString().toStdString() : fallback;
}

DeviceIdentity parseIdentity(const QJsonObject& o, DeviceIdentity d) {
    d.vendorId = str(o, "vendorId", d.vendorId);
    d.productCode = str(o, "productCode", d.productCode);
    d.vendorName = str(o, "vendorName", d.vendorName);
    d.productName = str(o, "productName", d.productName);
    d.productType = str(o, "productType", d.productType);
    d.productTypeVersion = str(o, "productTypeVersion", d.productTypeVersion);
    d.hwVersion = str(o, "hwVersion", d.hwVersion);
    d.fwVersion = str(o, "fwVersion", d.fwVersion);
    return d;
}

std::vector<std::string> strings(const QJsonValue& v, std::vector<std::string> fallback) {
    if (!v.isArray()) return fallback;
    std::vector<std::string> out;
    for (const auto& x : v.toArray()) out.push_back(x.toString().toStdString());
    return out;
}

// Terminals as real connectors report them: CT_ID_nnnn ids, the device's own name, vendor
// and product names empty (only ProductVendorID and ProductCode are filled), several
// workplaces. Versions are the vendor page's 2019 story; scenarios set today's.
Terminal orga6141() {
    return {.ctId = "CT_ID_0176", .name = "ORGA6100-0241000000B692",
            .identity = {.vendorId = "INGHC", .productCode = "ORGA6100", .vendorName = "", .productName = "",
                         .productType = "KT", .productTypeVersion = "1.5.0", .hwVersion = "1.2.0", .fwVersion = "3.7.4"},
            .connected = true, .macAddress = "00-0D-F8-0C-86-52", .ipAddress = "127.0.0.1", .slotCount = 4,
            .workplaceIds = {"Empfang", "Sprechzimmer1"}};
}

Terminal cherryG87() {
    return {.ctId = "CT_ID_0177", .name = "G87-1505-0500123",
            .identity = {.vendorId = "CHERR", .productCode = "G871505", .vendorName = "", .productName = "",
                         .productType = "KT", .productTypeVersion = "1.5.0", .hwVersion = "1.0.0", .fwVersion = "3.0.1"},
            .connected = true, .macAddress = "00-19-B8-87-15-05", .ipAddress = "127.0.0.1", .slotCount = 2,
            .workplaceIds = {"Sprechzimmer1"}};
}

Terminal cherryST1506() {
    return {.ctId = "CT_ID_0178", .name = "ST-1506-0427391",
            .identity = {.vendorId = "CHERR", .productCode = "ST1506", .vendorName = "", .productName = "",
                         .productType = "KT", .productTypeVersion = "1.5.0", .hwVersion = "1.0.0", .fwVersion = "1.0.0"},
            .connected = true, .macAddress = "00-19-B8-15-06-01", .ipAddress = "127.0.0.1", .slotCount = 2,
            .workplaceIds = {"Labor"}};
}

std::optional<Terminal> terminalTemplate(const std::string& kind) {
    if (kind == "orga-6141") return orga6141();
    if (kind == "cherry-g87") return cherryG87();
    if (kind == "cherry-st1506") return cherryST1506();
    return std::nullopt;
}

Result<ConnectorModel> defaultConnector(TimePoint now, const std::string& vendor = "kocobox") {
    auto profile = vendorProfile(vendor);
    if (!profile.ok()) return profile.error();
    ConnectorModel m;
    m.vendor = vendor;
    m.identity = vendorIdentity(**profile);
    // Without a scenario the practice of the vendor page's story: KoCoBox MED+ 1.3.10.
    if (vendor == "kocobox") m.identity.fwVersion = "1.3.10";
    m.terminals = {orga6141(), cherryG87()};
    m.admin.user = "koco-root";
    m.admin.password = "Praxis2026!";
    m.admin.recentPasswords = {m.admin.password};
    m.admin.passwordChangedAt = now - std::chrono::hours(24 * 30);
    return m;
}

const char* kWeekdays[] = {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"};

Result<ConnectorModel> parseConnector(const QJsonObject& o, TimePoint now) {
    auto initial = defaultConnector(now, str(o, "vendor", "kocobox"));
    if (!initial.ok()) return scenarioError("vendor \"" + initial.error().detail + "\" (kocobox, rise or secunet)");
    ConnectorModel m = std::move(initial).value();
    if (o.contains("identity")) m.identity = parseIdentity(o.value("identity").toObject(), m.identity);
    m.tlsMandatory = o.value("tlsMandatory").toBool(m.tlsMandatory);
    // TLS-only devices seen in the field also insist on a client certificate.
    m.clientAuthMandatory = o.value("clientAuthMandatory").toBool(m.tlsMandatory);
    if (o.contains("autoUpdate")) {
        const auto a = o.value("autoUpdate").toObject();
        m.autoUpdate.enabled = a.value("enabled").toBool(true);
        const auto day = str(a, "weekday", "Mi");
        const auto found = std::find(std::begin(kWeekdays), std::end(kWeekdays), day);
        if (found == std::end(kWeekdays)) return scenarioError("autoUpdate.weekday must be Mo, Di, Mi, Do, Fr, Sa or So");
        m.autoUpdate.weekday = static_cast<int>(found - std::begin(kWeekdays)) + 1;
        const auto time = str(a, "time", "02:00");
        int h = -1, mi = -1;
        if (std::sscanf(time.c_str(), "%d:%d", &h, &mi) != 2 || h < 0 || h > 23 || mi < 0 || mi > 59)
            return scenarioError("autoUpdate.time must be HH:MM");
        m.autoUpdate.time = std::chrono::minutes(h * 60 + mi);
    }
    m.advertisedHost = str(o, "advertisedHost");
    if (o.contains("vpn")) {
        const auto v = o.value("vpn").toObject();
        m.vpnTiOnline = v.value("ti").toBool(true);
        m.vpnSisOnline = v.value("sis").toBool(true);
    }
    if (o.contains("context")) {
        const auto c = o.value("context").toObject();
        m.contexts.mandantId = str(c, "mandantId", m.contexts.mandantId);
        m.contexts.clientSystemIds = strings(c.value("clientSystemIds"), m.contexts.clientSystemIds);
        m.contexts.workplaceIds = strings(c.value("workplaceIds"), m.contexts.workplaceIds);
    }
    if (o.contains("admin")) {
        const auto a = o.value("admin").toObject();
        m.admin.user = str(a, "user", m.admin.user);
        m.admin.password = str(a, "password", m.admin.password);
        m.admin.recentPasswords = strings(a.value("recentPasswords"), {});
        if (m.admin.recentPasswords.empty() || m.admin.recentPasswords.back() != m.admin.password)
            m.admin.recentPasswords.push_back(m.admin.password);
        if (a.contains("passwordChangedAt")) {
            auto t = parseScenarioTime(str(a, "passwordChangedAt"), now);
            if (!t) return scenarioError("admin.passwordChangedAt \"" + str(a, "passwordChangedAt") + "\"");
            m.admin.passwordChangedAt = *t;
        }
        m.admin.forcedExpired = a.value("passwordExpired").toBool(false);
    }
    if (o.contains("terminals")) {
        m.terminals.clear();
        for (const auto& tv : o.value("terminals").toArray()) {
            const auto t = tv.toObject();
            const std::string kind = str(t, "template", "orga-6141");
            auto templ = terminalTemplate(kind);
            if (!templ)
                return scenarioError("terminal template must be orga-6141, cherry-g87 or cherry-st1506, not " + kind);
            Terminal base = *templ;
            base.ctId = str(t, "ctId", base.ctId);
            base.name = str(t, "name", base.name);
            if (t.contains("identity")) base.identity = parseIdentity(t.value("identity").toObject(), base.identity);
            base.connected = t.value("connected").toBool(true);
            base.macAddress = str(t, "macAddress", base.macAddress);
            base.ipAddress = str(t, "ipAddress", base.ipAddress);
            base.slotCount = t.value("slots").toInt(base.slotCount);
            base.workplaceIds = strings(t.value("workplaceIds"), base.workplaceIds);
            base.smcKtCertificateExpiresSoon = t.value("gsmcKtExpiresSoon").toBool(false);
            m.terminals.push_back(base);
        }
    }
    for (const auto& uv : o.value("updates").toArray()) {
        const auto u = uv.toObject();
        OfferedUpdate up;
        up.updateId = str(u, "updateId");
        up.component = str(u, "component", "connector");
        up.version = str(u, "version");
        up.priority = str(u, "priority", "Normal");
        if (up.updateId.empty() || up.version.empty())
            return scenarioError("an update needs updateId and version");
        if (up.priority != "Normal" && up.priority != "Kritisch")
            return scenarioError("update " + up.updateId + ": priority must be Normal or Kritisch");
        auto start = parseScenarioTime(str(u, "startDate", "now-30d"), now);
        if (!start) return scenarioError("update " + up.updateId + ": startDate");
        up.startDate = *start;
        if (u.contains("deadline")) {
            auto d = parseScenarioTime(str(u, "deadline"), now);
            if (!d) return scenarioError("update " + up.updateId + ": deadline");
            up.deadline = *d;
        }
        if (u.contains("sizeBytes")) up.sizeBytes = static_cast<std::uint64_t>(u.value("sizeBytes").toDouble());
        const auto notes = u.value("releaseNotes").toObject();
        up.releaseNotes = {str(notes, "de"), str(notes, "en")};
        if (u.value("downloaded").toBool(false)) {
            up.download = DownloadState::Downloaded;
            up.downloadedBytes = static_cast<double>(up.sizeBytes);
        }
        bool known = up.component == "connector";
        for (const auto& t : m.terminals) known = known || t.ctId == up.component;
        if (!known) return scenarioError("update " + up.updateId + ": unknown component " + up.component);
        m.updates.push_back(up);
    }
    if (o.contains("timing")) {
        const auto t = o.value("timing").toObject();
        m.settings.installDuration = Seconds(static_cast<long>(t.value("installMinutes").toDouble(20) * 60));
        m.settings.terminalInstallDuration =
            Seconds(static_cast<long>(t.value("terminalInstallMinutes").toDouble(5) * 60));
        m.settings.rebootDuration = Seconds(static_cast<long>(t.value("rebootSeconds").toDouble(120)));
        m.settings.downloadBytesPerSecond = t.value("downloadMBps").toDouble(2.0) * 1024 * 1024;
    }
    return m;
}

}  // namespace

std::optional<TimePoint> parseScenarioTime(const std::string& text, TimePoint now) {
    if (text == "now") return now;
    if (text.starts_with("now") && text.size() > 4 && (text[3] == '+' || text[3] == '-')) {
        const bool plus = text[3] == '+';
        const char unit = text.back();
        long n = 0;
        try {
            std::size_t used = 0;
            n = std::stol(text.substr(4, text.size() - 5), &used);
            if (used != text.size() - 5) return std::nullopt;
        } catch (...) {
            return std::nullopt;
        }
        std::chrono::seconds d;
        switch (unit) {
            case 'd': d = std::chrono::hours(24 * n); break;
            case 'h': d = std::chrono::hours(n); break;
            case 'm': d = std::chrono::minutes(n); break;
            case 's': d = std::chrono::seconds(n); break;
            default: return std::nullopt;
        }
        return plus ? now + d : now - d;
    }
    return parseUtc(text);
}

Result<Scenario> parseScenario(const std::string& json, TimePoint realNow) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError)
        return scenarioError("JSON at offset " + std::to_string(error.offset) + ": " +
                             error.errorString().toStdString());
    if (!doc.isObject()) return scenarioError("the top level must be an object");
    const auto root = doc.object();
    Scenario s;
    s.name = str(root, "name", "unnamed");
    const auto d = root.value("description").toObject();
    s.description = {str(d, "de"), str(d, "en")};
    s.start = realNow;
    if (root.contains("clock")) {
        auto t = parseScenarioTime(str(root.value("clock").toObject(), "start", "now"), realNow);
        if (!t) return scenarioError("clock.start");
        s.start = *t;
    }
    QJsonArray connectors = root.value("connectors").toArray();
    if (root.contains("connector")) connectors.prepend(root.value("connector"));
    if (connectors.isEmpty()) connectors.append(QJsonObject{});
    for (const auto& c : connectors) {
        auto m = parseConnector(c.toObject(), s.start);
        if (!m.ok()) return m.error();
        s.connectors.push_back(std::move(m).value());
    }
    if (root.value("mobileTerminal").isObject()) {
        const auto o = root.value("mobileTerminal").toObject();
        MobileTerminalModel t;
        t.fwVersion = str(o, "fwVersion", t.fwVersion);
        t.cvcListVersion = str(o, "cvcListVersion", t.cvcListVersion);
        t.batteryPercent = std::clamp(o.value("batteryPercent").toInt(t.batteryPercent), 0, 100);
        t.docked = o.value("docked").toBool(t.docked);
        t.rebootSeconds = std::max(1, o.value("rebootSeconds").toInt(t.rebootSeconds));
        s.mobileTerminal = t;
    }
    return s;
}

Result<Scenario> loadScenario(const std::filesystem::path& file, TimePoint realNow) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{.code = "sim.scenario-not-found",
                     .message = TIS_TEXT("konnektor-sim", "Die Szenario-Datei %1 kann nicht gelesen werden.")
                                    .arg(tiservice::utf8Of(file)),
                     .action = TIS_TEXT("konnektor-sim", "Pfad prüfen."),
                     .detail = tiservice::utf8Of(file)};
    std::ostringstream s;
    s << in.rdbuf();
    return parseScenario(s.str(), realNow);
}

Scenario defaultScenario(TimePoint realNow) {
    Scenario s;
    s.name = "all-current";
    s.description = {"Alles aktuell: KoCoBox MED+ 1.3.10, ORGA 6141 online 3.7.4, Cherry G87-1505 3.0.1.",
                     "All current: KoCoBox MED+ 1.3.10, ORGA 6141 online 3.7.4, Cherry G87-1505 3.0.1."};
    s.start = realNow;
    s.connectors.push_back(std::move(defaultConnector(realNow)).value());
    return s;
}

}  // namespace tiservice::sim
