#include "tiservice/settings.h"

#include <algorithm>
#include <charconv>

#include "tiservice/log.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice {
namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

Error settingsError(const std::filesystem::path& file, const LocalizedText& where, const LocalizedText& what,
                    std::string detail) {
    const std::string f = file.empty() ? std::string("tiservice.ini") : tiservice::utf8Of(file);
    return Error{.code = "settings.invalid",
                 .message = TIS_TEXT("settings", "Die Einstellungen (%1, %2) sind ungültig: %3").arg(f, where, what),
                 .action = TIS_TEXT("settings", "Die Einstellung korrigieren; die Beispiel-Datei steht im README."),
                 .detail = std::move(detail)};
}

/// A setting, named as it stands in the file ("[connector] sds_url").
Error settingsError(const std::filesystem::path& file, const std::string& where, const LocalizedText& what) {
    return settingsError(file, LocalizedText::same(where), what, where);
}

/// A line of the file that is not a setting.
Error lineError(int lineNumber, const LocalizedText& what) {
    return settingsError({}, TIS_TEXT("settings", "Zeile %1").arg(lineNumber), what,
                         "line " + std::to_string(lineNumber));
}

std::optional<bool> boolean(const std::string& v) {
    const auto l = lower(v);
    if (l == "true" || l == "yes" || l == "ja" || l == "1" || l == "on") return true;
    if (l == "false" || l == "no" || l == "nein" || l == "0" || l == "off") return false;
    return std::nullopt;
}

}  // namespace

void SettingValues::set(std::string_view section, std::string_view key, std::string value) {
    sections_[lower(std::string(section))][lower(std::string(key))] = std::move(value);
}

Status IniFile::read(std::string_view text, const Visitor& visit) {
    std::string section;
    int lineNumber = 0;
    std::size_t start = 0;
    if (text.starts_with("\xEF\xBB\xBF")) start = 3;  // a BOM from Windows editors
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        const auto line = trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        ++lineNumber;
        start = end == std::string_view::npos ? text.size() + 1 : end + 1;
        if (line.empty() || line.front() == ';' || line.front() == '#') continue;
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3)
                return lineError(lineNumber, TIS_TEXT("settings", "ein Abschnitt muss [name] heißen"));
            section = trim(line.substr(1, line.size() - 2));
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos || eq == 0)
            return lineError(lineNumber, TIS_TEXT("settings", "erwartet wird name = wert"));
        auto value = trim(line.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        visit(section, trim(line.substr(0, eq)), std::move(value));
    }
    return {};
}

Result<SettingValues> IniFile::parse(std::string_view text) {
    SettingValues ini;
    auto read = IniFile::read(text, [&](std::string_view section, std::string_view key, std::string value) {
        ini.set(section, key, std::move(value));
    });
    if (!read.ok()) return read.error();
    return ini;
}

Result<SettingValues> IniFile::load(const std::filesystem::path& file) {
    auto text = store::readFile(file, 1024 * 1024);
    if (!text.ok() && text.error().code == "store.too-large")
        return Error{.code = "settings.too-large",
                     .message = TIS_TEXT("settings", "Die Einstellungsdatei %1 ist größer als 1 MB; so groß ist keine.")
                                    .arg(tiservice::utf8Of(file)),
                     .action = TIS_TEXT("settings", "Die richtige Datei mit --config angeben."),
                     .detail = text.error().detail};
    if (!text.ok())
        return Error{
            .code = "settings.missing",
            .message = TIS_TEXT("settings", "Die Einstellungsdatei %1 fehlt oder ist nicht lesbar.")
                           .arg(tiservice::utf8Of(file)),
            .action = TIS_TEXT("settings", "Die Datei anlegen (Beispiel im README) oder mit --config angeben."),
            .detail = tiservice::utf8Of(file)};
    auto ini = parse(*text);
    if (!ini.ok()) {
        Error e = ini.error();
        e.message.de.replace(e.message.de.find("tiservice.ini"), 13, tiservice::utf8Of(file));
        e.message.en.replace(e.message.en.find("tiservice.ini"), 13, tiservice::utf8Of(file));
        return e;
    }
    return ini;
}

std::optional<std::string> SettingValues::get(std::string_view section, std::string_view key) const {
    const auto s = sections_.find(std::string(section));
    if (s == sections_.end()) return std::nullopt;
    const auto k = s->second.find(std::string(key));
    if (k == s->second.end()) return std::nullopt;
    return k->second;
}

std::string SettingValues::value(std::string_view section, std::string_view key, std::string fallback) const {
    auto v = get(section, key);
    return v && !v->empty() ? *v : fallback;
}

Result<ConnectionSettings> loadConnectionSettings(const std::filesystem::path& file) {
    auto ini = IniFile::load(file);
    if (!ini.ok()) return ini.error();
    return connectionSettingsFrom(*ini, file);
}

std::string_view customerTypeId(CustomerType t) { return t == CustomerType::SelfInstaller ? "self" : "cgm"; }

Result<ConnectionSettings> connectionSettingsFrom(const SettingValues& ini, const std::filesystem::path& source) {
    ConnectionSettings all;
    auto& c = all.connector;
    auto& tls = all.tls;
    all.sourceFile = source;
    const auto base = source.has_parent_path() ? source.parent_path() : std::filesystem::path();
    const auto path = [&](const std::string& v) -> std::filesystem::path {
        if (v.empty()) return {};
        const auto p = pathFromUtf8(v);
        return p.is_relative() && !base.empty() ? base / p : p;
    };
    c.sdsUrl = ini.value("connector", "sds_url");
    if (c.sdsUrl.empty())
        return settingsError(
            source, "[connector] sds_url",
            TIS_TEXT("settings", "die Adresse des Konnektors fehlt (z. B. https://192.168.1.10/connector.sds)"));
    if (!c.sdsUrl.starts_with("http://") && !c.sdsUrl.starts_with("https://"))
        return settingsError(source, "[connector] sds_url",
                             TIS_TEXT("settings", "sie muss mit http:// oder https:// beginnen"));
    c.context.mandantId = ini.value("connector", "mandant_id");
    c.context.clientSystemId = ini.value("connector", "client_system_id");
    c.context.workplaceId = ini.value("connector", "workplace_id");
    c.context.userId = ini.value("connector", "user_id");
    for (const auto& [key, value] : {std::pair<const char*, std::string*>{"mandant_id", &c.context.mandantId},
                                     {"client_system_id", &c.context.clientSystemId},
                                     {"workplace_id", &c.context.workplaceId}}) {
        if (value->empty())
            return settingsError(source, std::string("[connector] ") + key, TIS_TEXT("settings", "der Wert fehlt"));
        if (value->size() > 64)
            return settingsError(source, std::string("[connector] ") + key,
                                 TIS_TEXT("settings", "höchstens 64 Zeichen erlaubt"));
    }
    if (auto v = ini.get("connector", "keep_configured_host")) {
        auto b = boolean(*v);
        if (!b)
            return settingsError(source, "[connector] keep_configured_host",
                                 TIS_TEXT("settings", "erwartet: true oder false"));
        c.keepConfiguredHost = *b;
    }

    const auto mode = lower(ini.value("tls", "mode", c.sdsUrl.starts_with("https://") ? "server" : "none"));
    if (mode == "none") tls.mode = TlsMode::None;
    else if (mode == "server") tls.mode = TlsMode::ServerAuth;
    else if (mode == "basic") tls.mode = TlsMode::BasicAuth;
    else if (mode == "client-certificate") tls.mode = TlsMode::ClientCertificate;
    else
        return settingsError(source, "[tls] mode",
                             TIS_TEXT("settings", "erlaubt: none, server, basic, client-certificate"));
    tls.caFile = path(ini.value("tls", "ca_file"));
    if (auto v = ini.get("tls", "check_host_name")) {
        auto b = boolean(*v);
        if (!b)
            return settingsError(source, "[tls] check_host_name", TIS_TEXT("settings", "erwartet: true oder false"));
        tls.checkHostName = *b;
    }
    tls.basicUser = ini.value("tls", "basic_user");
    tls.basicPasswordFile = path(ini.value("tls", "basic_password_file"));
    tls.clientCertificate = path(ini.value("tls", "client_certificate"));
    tls.clientCertificatePasswordFile = path(ini.value("tls", "client_certificate_password_file"));
    if (tls.mode == TlsMode::BasicAuth && tls.basicUser.empty())
        return settingsError(source, "[tls] basic_user", TIS_TEXT("settings", "der Benutzername fehlt"));
    if (tls.mode == TlsMode::ClientCertificate && tls.clientCertificate.empty())
        return settingsError(source, "[tls] client_certificate", TIS_TEXT("settings", "die .p12-Datei fehlt"));
    if (tls.mode != TlsMode::None && !c.sdsUrl.starts_with("https://"))
        return settingsError(source, "[connector] sds_url",
                             TIS_TEXT("settings", "mit TLS muss die Adresse mit https:// beginnen"));
    if (tls.mode == TlsMode::None && !c.sdsUrl.starts_with("http://"))
        return settingsError(source, "[connector] sds_url",
                             TIS_TEXT("settings", "ohne TLS (mode = none) muss die Adresse mit http:// beginnen"));
    // No password in this file, whatever section or spelling: only the names of files holding one.
    for (const auto& [section, keys] : ini.sections())
        for (const auto& [key, value] : keys) {
            const bool secretKey = (key.find("password") != std::string::npos || key.find("passwort") != std::string::npos ||
                                    key.find("secret") != std::string::npos || key == "pin" || key.ends_with("_pin")) &&
                                   !key.ends_with("_file");
            if (!secretKey) continue;
            std::string where;
            if (!section.empty()) where.append("[").append(section).append("] ");
            where += key;
            return settingsError(
                source, where,
                TIS_TEXT("settings", "Passwörter gehören nicht in diese Datei; bitte eine Passwort-Datei angeben"));
        }

    // Nor in an address ("https://name:password@host/"): the address is shown and logged.
    for (const auto& [section, key] : {std::pair<const char*, const char*>{"connector", "sds_url"},
                                       {"connector", "management_url"},
                                       {"update_server", "metadata_url"},
                                       {"update_server", "targets_url"}}) {
        const auto v = ini.value(section, key);
        if (net::Url::withoutUserInfo(v) != v)
            return settingsError(source, std::string("[") + section + "] " + key,
                                 TIS_TEXT("settings",
                                          "Name und Passwort gehören nicht in die Adresse; das Passwort "
                                          "steht in einer Passwort-Datei, die [tls] nennt"));
    }

    all.updateServer.metadataUrl = ini.value("update_server", "metadata_url");
    all.updateServer.targetsUrl = ini.value("update_server", "targets_url");
    all.updateServer.trustedRoot = path(ini.value("update_server", "trusted_root"));
    all.updateServer.caFile = path(ini.value("update_server", "ca_file"));
    if (const auto channel = ini.value("update_server", "releases"); !channel.empty()) {
        if (channel != "stable" && channel != "beta" && channel != "off")
            return settingsError(source, "[update_server] releases",
                                 TIS_TEXT("settings", "erlaubt sind stable, beta und off"));
        all.updateServer.releaseChannel = channel == "off" ? "" : channel;
    }
    c.managementUrl = ini.value("connector", "management_url");
    // The management interface gets exactly the connector's transport rule: with TLS asked, the
    // admin password is never posted in clear.
    if (!c.managementUrl.empty() && !c.managementUrl.starts_with("https://") && !c.managementUrl.starts_with("http://"))
        return settingsError(source, "[connector] management_url",
                             TIS_TEXT("settings", "sie muss mit http:// oder https:// beginnen"));
    if (tls.mode != TlsMode::None && c.managementUrl.starts_with("http://"))
        return settingsError(source, "[connector] management_url",
                             TIS_TEXT("settings", "mit TLS muss die Adresse mit https:// beginnen"));
    // The practice hours are read once, here: wrong hours are wrong settings, for every host.
    if (auto hours = ini.get("practice", "hours"); hours && !hours->empty()) {
        auto parsed = PracticeHours::parse(*hours);
        if (!parsed.ok())
            return settingsError(source, "[practice] hours",
                                 TIS_TEXT("settings", "erwartet wird zum Beispiel Mo-Fr 08:00-18:00, nicht \"%1\"").arg(*hours));
        all.practice.hours = *parsed;
    }
    // Every number has a sane range and is refused outside it: a huge one must not overflow a
    // clock into a busy loop, a tiny one must not hammer the connector.
    struct Range {
        const char* key;
        long low, high, fallback;
    };
    const auto number = [&](const Range& r) -> Result<long> {
        const auto v = ini.get("update", r.key);
        if (!v || v->empty()) return r.fallback;
        long n = 0;
        const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (ec != std::errc{} || end != v->data() + v->size() || n < r.low || n > r.high)
            return settingsError(source, std::string("[update] ") + r.key,
                                 TIS_TEXT("settings", "erlaubt ist eine ganze Zahl von %1 bis %2, nicht \"%3\"")
                                     .arg(std::to_string(r.low), std::to_string(r.high), *v));
        return n;
    };
    const UpdatePatience defaults;
    const auto pollInterval = number({"poll_interval_ms", 50, 60'000, static_cast<long>(defaults.pollInterval.count())});
    if (!pollInterval.ok()) return pollInterval.error();
    const auto pollMax = number({"poll_max_ms", 50, 600'000, static_cast<long>(defaults.pollMax.count())});
    if (!pollMax.ok()) return pollMax.error();
    if (*pollMax < *pollInterval)
        return settingsError(source, "[update] poll_max_ms",
                             TIS_TEXT("settings", "darf nicht kleiner als poll_interval_ms sein"));
    const auto follow = number(
        {"follow_timeout_minutes", 1, 24 * 60, static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(defaults.followTimeout).count())});
    if (!follow.ok()) return follow.error();
    const auto download = number(
        {"download_timeout_minutes", 1, 24 * 60, static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(defaults.downloadTimeout).count())});
    if (!download.ok()) return download.error();
    auto& u = all.update;
    u.pollInterval = std::chrono::milliseconds(*pollInterval);
    u.pollMax = std::chrono::milliseconds(*pollMax);
    u.followTimeout = std::chrono::minutes(*follow);
    u.downloadTimeout = std::chrono::minutes(*download);
    // "…_seconds" overrides "…_minutes" (tests shorten the patience).
    for (const auto& [key, target] : {std::pair<const char*, std::chrono::seconds*>{"follow_timeout_seconds", &u.followTimeout},
                                      {"download_timeout_seconds", &u.downloadTimeout}}) {
        if (!ini.get("update", key)) continue;
        const auto seconds = number({key, 1, 24 * 3600, 1});
        if (!seconds.ok()) return seconds.error();
        *target = std::chrono::seconds(*seconds);
    }
    all.mobileTerminal.url = ini.value("mobile_terminal", "url");
    if (!all.mobileTerminal.url.empty() && !all.mobileTerminal.url.starts_with("http://") &&
        !all.mobileTerminal.url.starts_with("https://"))
        return settingsError(source, "[mobile_terminal] url",
                             TIS_TEXT("settings", "sie muss mit http:// oder https:// beginnen"));
    const auto support = lower(ini.value("practice", "support", std::string(customerTypeId(all.practice.customerType))));
    if (support != "cgm" && support != "self")
        return settingsError(source, "[practice] support", TIS_TEXT("settings", "erlaubt: cgm oder self"));
    all.practice.customerType = support == "self" ? CustomerType::SelfInstaller : CustomerType::InstalledByCgm;
    return all;
}

Result<std::string> readSecretFile(const std::filesystem::path& file, const LocalizedText& what) {
    auto text = store::readFile(file, 4096);
    if (!text.ok())
        return Error{.code = "settings.secret-unreadable",
                     .message = TIS_TEXT("settings", "%1: die Datei %2 fehlt oder ist nicht lesbar.")
                                    .arg(what, tiservice::utf8Of(file)),
                     .action = TIS_TEXT("settings", "Pfad und Rechte der Passwort-Datei prüfen."),
                     .detail = tiservice::utf8Of(file)};
    auto secret = *text;
    if (const auto nl = secret.find_first_of("\r\n"); nl != std::string::npos) secret.resize(nl);
    log::registerSecret(secret);
    return secret;
}

Result<ConnectionSettings> connectionSettingsFrom(const SettingValues& values, const std::filesystem::path& source,
                                                  const SettingNames& names) {
    auto checked = connectionSettingsFrom(values, source);
    if (checked.ok() || !names) return checked;
    Error e = checked.error();
    // detail is "[section] key" for every setting error.
    const auto close = e.detail.find("] ");
    if (!e.detail.starts_with("[") || close == std::string::npos) return e;
    const auto host =
        names(std::string_view(e.detail).substr(1, close - 1), std::string_view(e.detail).substr(close + 2));
    if (host.empty()) return e;
    for (auto* text : {&e.message.de, &e.message.en})
        for (std::size_t at; (at = text->find(e.detail)) != std::string::npos;)
            text->replace(at, e.detail.size(), host);
    e.action =
        TIS_TEXT("settings", "Die Einstellung „%1“ in den TI-Einstellungen der Praxissoftware korrigieren.").arg(host);
    e.detail = host;
    return e;
}

}  // namespace tiservice
