#include "tiservice/engine/connector_setup.h"

#include <algorithm>
#include <map>

#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::engine {
namespace {

/// The values the setup decides, as settings pairs ("" where it leaves a key empty).
SettingValues decided(const ConnectorSetup& s) {
    SettingValues v;
    const auto sdsUrl = serviceDirectoryAddress(s.address);
    const bool https = sdsUrl.starts_with("https://");
    const std::string mode = https ? s.tlsMode : "none";
    v.set("connector", "sds_url", sdsUrl);
    v.set("connector", "mandant_id", s.mandant);
    v.set("connector", "client_system_id", s.clientSystem);
    v.set("connector", "workplace_id", s.workplace);
    v.set("tls", "mode", mode);
    v.set("tls", "ca_file", https ? s.caFile : "");
    v.set("tls", "client_certificate", mode == "client-certificate" ? s.clientCertificate : "");
    v.set("tls", "client_certificate_password_file",
          mode == "client-certificate" ? s.clientCertificatePasswordFile : "");
    v.set("practice", "support", s.support);
    v.set("practice", "hours", s.practiceHours);  // empty: the default, the key dropped
    return v;
}

Error missing(const Message& field) {
    return Error{"setup.field-missing", TIS_TEXT("connector_setup", "Bitte „%1“ ausfüllen.").arg(LocalizedText(field)),
                 TIS_TEXT("connector_setup", "Ohne diese Angabe kann tiservice den Konnektor nicht fragen."),
                 field.source};
}

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::string serviceDirectoryAddress(std::string text) {
    text = trimmed(std::move(text));
    if (text.empty()) return text;
    while (!text.empty() && text.back() == '/') text.pop_back();
    // Only an address without a scheme gets https://; another scheme (ftp://) stays, and the
    // settings say it must be http:// or https://.
    if (text.find("://") == std::string::npos) text = "https://" + text;
    const auto afterScheme = text.find("://") + 3;
    if (text.find('/', afterScheme) == std::string::npos) text += "/connector.sds";
    return text;
}

ConnectorSetup connectorSetupFrom(const SettingValues& v) {
    ConnectorSetup s;
    s.address = v.value("connector", "sds_url");
    s.tlsMode = v.value("tls", "mode", s.address.starts_with("http://") ? "none" : "server");
    s.caFile = v.value("tls", "ca_file");
    s.clientCertificate = v.value("tls", "client_certificate");
    s.clientCertificatePasswordFile = v.value("tls", "client_certificate_password_file");
    s.mandant = v.value("connector", "mandant_id");
    s.clientSystem = v.value("connector", "client_system_id");
    s.workplace = v.value("connector", "workplace_id");
    s.support = v.value("practice", "support", "cgm");
    s.practiceHours = v.value("practice", "hours");
    return s;
}

LocalizedText foundConnectorText(const FoundConnector& f) {
    return TIS_TEXT("setup_command", "Unter %1 antwortet %2 mit Firmware %3.").arg(f.sdsUrl, f.product, f.firmware);
}

Result<FoundConnector> findConnector(const ConnectorSetup& setup, const std::filesystem::path& config) {
    if (trimmed(setup.address).empty()) return missing(TIS_TEXT("connector_setup", "Adresse des Konnektors"));
    if (serviceDirectoryAddress(setup.address).starts_with("https://") && setup.tlsMode == "client-certificate" &&
        trimmed(setup.clientCertificatePasswordFile).empty())
        return Error{
            "setup.client-certificate-password-asked",
            TIS_TEXT("connector_setup",
                     "Ohne die Datei mit dem Passwort des Client-Zertifikats lässt sich die Verbindung hier "
                     "nicht prüfen: das Passwort wird erst beim Start gefragt."),
            TIS_TEXT("connector_setup", "Zum Prüfen die Datei angeben, oder speichern und „Jetzt prüfen“ wählen."),
            "client_certificate_password_file"};
    // The call context is not needed to read the service directory.
    SettingValues probe = decided(setup);
    probe.set("connector", "mandant_id", "-");
    probe.set("connector", "client_system_id", "-");
    probe.set("connector", "workplace_id", "-");
    auto settings = connectionSettingsFrom(probe, config);
    if (!settings.ok()) return settings.error();
    auto options = konnektor::connectorClientOptions(*settings);
    if (!options.ok()) return options.error();
    net::HttpClient http(*options);
    const auto sdsUrl = settings->connector.sdsUrl;
    auto answer = http.sendExpectingSuccess({.method = "GET", .url = sdsUrl});
    if (!answer.ok()) return answer.error();
    auto sds = konnektor::parseServiceDirectory(answer->body);
    if (!sds.ok()) return sds.error();
    const auto& p = sds->product;
    return FoundConnector{sdsUrl, !p.productName.empty() ? p.productName : p.vendorId + "-" + p.productCode,
                          p.firmwareVersion.toString()};
}

Result<std::string> connectorSetupIni(const ConnectorSetup& setup, const std::filesystem::path& config,
                                      const SettingValues& keep) {
    if (trimmed(setup.address).empty()) return missing(TIS_TEXT("connector_setup", "Adresse des Konnektors"));
    if (trimmed(setup.mandant).empty()) return missing(TIS_TEXT("connector_setup", "Mandant"));
    if (trimmed(setup.clientSystem).empty()) return missing(TIS_TEXT("connector_setup", "Clientsystem"));
    if (trimmed(setup.workplace).empty()) return missing(TIS_TEXT("connector_setup", "Arbeitsplatz"));
    SettingValues all = keep;
    const SettingValues chosen = decided(setup);
    for (const auto& [section, keys] : chosen.sections())
        for (const auto& [key, value] : keys) {
            auto v = trimmed(value);
            // One line each: an answer with a line break would write settings of its own.
            if (std::any_of(v.begin(), v.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
                std::string where = "[" + section;
                where.append("] ").append(key);
                return Error{
                    .code = "settings.invalid",
                    .message = TIS_TEXT("connector_setup",
                                        "Die Einstellungen (%1, %2) sind ungültig: Zeilenumbrüche und "
                                        "Steuerzeichen sind nicht erlaubt")
                                   .arg(tiservice::utf8Of(config), where),
                    .action = TIS_TEXT("connector_setup", "Die Angabe in einer Zeile ohne Steuerzeichen machen."),
                    .detail = where};
            }
            all.set(section, key, std::move(v));
        }
    std::string ini = "; " + tr(TIS_TEXT("setup_command", "Geschrieben von tiservice setup.")) + "\n";
    for (const auto& [section, keys] : all.sections()) {
        std::string lines;
        for (const auto& [key, value] : keys)
            if (!value.empty()) lines.append(key).append(" = ").append(value).append("\n");
        if (!lines.empty()) ini.append("\n[").append(section).append("]\n").append(lines);
    }
    // What is written must read back as valid settings, or nothing is written.
    auto pairs = IniFile::parse(ini);
    if (!pairs.ok()) return pairs.error();
    if (auto check = connectionSettingsFrom(*pairs, config); !check.ok()) return check.error();
    return ini;
}

Error asFormError(Error e, const std::filesystem::path& config) {
    // detail is "[section] key" for every setting error; the form names its fields instead.
    static const std::map<std::string, Message> kFields{
        {"[connector] sds_url", TIS_TEXT("connector_setup", "Adresse des Konnektors")},
        {"[connector] mandant_id", TIS_TEXT("connector_setup", "Mandant")},
        {"[connector] client_system_id", TIS_TEXT("connector_setup", "Clientsystem")},
        {"[connector] workplace_id", TIS_TEXT("connector_setup", "Arbeitsplatz")},
        {"[tls] ca_file", TIS_TEXT("connector_setup", "CA-Zertifikat des Konnektors")},
        {"[tls] client_certificate", TIS_TEXT("connector_setup", "Client-Zertifikat dieses PCs")},
        {"[tls] client_certificate_password_file",
         TIS_TEXT("connector_setup", "Datei mit dem Passwort des Client-Zertifikats")},
        {"[practice] hours", TIS_TEXT("connector_setup", "Sprechzeiten")},
        {"[practice] support", TIS_TEXT("connector_setup", "Wer hat den Konnektor installiert?")},
    };
    const auto field = kFields.find(e.detail);
    if (field == kFields.end()) return e;  // a setting the form does not show: the file is named
    const LocalizedText label = field->second;
    const std::string where = "(" + tiservice::utf8Of(config) + ", " + e.detail + ")";
    for (const auto language : {Language::German, Language::English}) {
        auto& text = language == Language::German ? e.message.de : e.message.en;
        for (std::size_t at; (at = text.find(where)) != std::string::npos;)
            text.replace(at, where.size(), "„" + label.in(language) + "“");
    }
    e.action = TIS_TEXT("connector_setup", "Bitte „%1“ im Formular korrigieren.").arg(label);
    return e;
}

Status writeConnectorSetup(const ConnectorSetup& setup, const std::filesystem::path& config) {
    SettingValues keep;
    std::error_code ec;
    if (std::filesystem::exists(config, ec)) {
        // A file that cannot be read is never overwritten: what it holds beside the form would be lost.
        auto existing = IniFile::load(config);
        if (!existing.ok()) return existing.error();
        keep = std::move(existing).value();
    }
    auto ini = connectorSetupIni(setup, config, keep);
    if (!ini.ok()) return ini.error();
    std::filesystem::create_directories(config.parent_path(), ec);
    return store::writeAtomically(config, *ini);
}

}  // namespace tiservice::engine
