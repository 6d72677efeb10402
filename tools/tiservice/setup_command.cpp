// tiservice setup: the first run. Asks for what the connection needs, tries the connector's
// service directory on the address given and says what answered, then writes tiservice.ini.
// No password is ever asked for or written: the file names files that hold them.

#include <filesystem>
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "exit_codes.h"
#include "terminal_ui.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/settings.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::cli {
namespace {

using workflow::Question;

constexpr Message kSetupHelp = TIS_TEXT("setup_command", R"(tiservice setup [--config DATEI] [--answers DATEI]

  Richtet tiservice ein: fragt nach der Adresse des Konnektors (und prüft, wer dort antwortet),
  Mandant, Clientsystem und Arbeitsplatz, der Art der Verbindung (TLS) und wer den Konnektor
  installiert hat, und schreibt die Einstellungen nach DATEI.

  --config DATEI   wohin die Einstellungen geschrieben werden (Standard:
                   <Konfigurationsordner>/tiservice.ini); eine vorhandene Datei wird nur nach
                   Rückfrage ersetzt
  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 geschrieben, 1 abgebrochen, 3 nicht möglich
)");

/// "192.168.1.10" → "https://192.168.1.10/connector.sds"; a full address stays as it is.
std::string sdsAddress(std::string text) {
    while (!text.empty() && text.back() == '/') text.pop_back();
    if (!text.starts_with("http://") && !text.starts_with("https://")) text = "https://" + text;
    const auto afterScheme = text.find("://") + 3;
    if (text.find('/', afterScheme) == std::string::npos) text += "/connector.sds";
    return text;
}

/// One line of an INI file; values are written as given (the settings reader checks them).
void line(std::string& ini, const std::string& key, const std::string& value) {
    if (!value.empty()) ini += key + " = " + value + "\n";
}

}  // namespace

int runSetup(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.value();
            else if (o.is("--answers")) answers = o.value();
            else if (o.is("-h", "--help")) {
                out << tr(kSetupHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("setup", e, err);
    }
    const auto ui = terminalUiFor(answers, out, err);
    if (!ui) return update_exit::kNotPossible;
    workflow::CheckedChoices checked(*ui);
    const auto ask = [&](Question q) { return checked.ask(q); };
    const auto text = [&](const char* id, const Message& what) {
        return ask({id, Question::Kind::Text, what, {}, ""});
    };
    const int cancelled = update_exit::kCancelledOrElsewhere;

    if (std::filesystem::exists(config)) {
        auto replace =
            ask({"setup.replace",
                 Question::Kind::Choice,
                 TIS_TEXT("setup_command", "Es gibt schon Einstellungen in %1. Ersetzen?").arg(config.string()),
                 {{"replace", TIS_TEXT("setup_command", "Ja, ersetzen")},
                  {"cancel", TIS_TEXT("setup_command", "Nein, behalten")}},
                 "cancel"});
        if (!replace || *replace != "replace") return cancelled;
    }

    // 1. Where the connector is, and how it is reached.
    auto address =
        ask({"setup.address",
             Question::Kind::Text,
             TIS_TEXT("setup_command",
                      "Adresse des Konnektors (z. B. 192.168.1.10 oder https://konnektor.praxis/connector.sds)"),
             {},
             ""});
    if (!address || address->empty()) return cancelled;
    const auto sdsUrl = sdsAddress(*address);
    std::string mode = "none", caFile, clientCertificate, clientCertificatePasswordFile;
    if (sdsUrl.starts_with("https://")) {
        auto m = ask({"setup.tls",
                      Question::Kind::Choice,
                      TIS_TEXT("setup_command", "Wie sichert der Konnektor die Verbindung?"),
                      {{"server", TIS_TEXT("setup_command", "TLS: der Konnektor weist sich mit seinem Zertifikat aus")},
                       {"client-certificate",
                        TIS_TEXT("setup_command", "TLS mit Client-Zertifikat: auch dieser PC weist sich aus")}},
                      "server"});
        if (!m) return cancelled;
        mode = *m;
        auto ca = text("setup.ca-file", TIS_TEXT("setup_command", "Datei mit dem CA-Zertifikat des Konnektors (PEM)"));
        if (!ca) return cancelled;
        caFile = *ca;
        if (mode == "client-certificate") {
            auto p12 = text("setup.client-certificate",
                            TIS_TEXT("setup_command", "Datei mit dem Client-Zertifikat dieses PCs (.p12)"));
            if (!p12) return cancelled;
            clientCertificate = *p12;
            auto pw = text("setup.client-certificate-password-file",
                           TIS_TEXT("setup_command",
                                    "Datei, in der das Passwort des Client-Zertifikats steht (leer: bei jedem Start "
                                    "fragen)"));
            if (!pw) return cancelled;
            clientCertificatePasswordFile = *pw;
        }
    }

    // 2. Who answers there: the service directory, read with these settings.
    SettingValues probe;
    probe.set("connector", "sds_url", sdsUrl);
    probe.set("connector", "mandant_id", "-");
    probe.set("connector", "client_system_id", "-");
    probe.set("connector", "workplace_id", "-");
    probe.set("tls", "mode", mode);
    if (!caFile.empty()) probe.set("tls", "ca_file", caFile);
    if (!clientCertificate.empty()) probe.set("tls", "client_certificate", clientCertificate);
    if (!clientCertificatePasswordFile.empty())
        probe.set("tls", "client_certificate_password_file", clientCertificatePasswordFile);
    std::optional<Error> problem;
    if (auto s = connectionSettingsFrom(probe, config); !s.ok()) {
        problem = s.error();
    } else if (auto options = konnektor::connectorClientOptions(*s); !options.ok()) {
        problem = options.error();
    } else {
        net::HttpClient http(*options);
        auto answer = http.sendExpectingSuccess({.method = "GET", .url = sdsUrl});
        if (!answer.ok()) {
            problem = answer.error();
        } else if (auto sds = konnektor::parseServiceDirectory(answer->body); !sds.ok()) {
            problem = sds.error();
        } else {
            const auto& p = sds->product;
            const std::string name = !p.productName.empty() ? p.productName : p.vendorId + "-" + p.productCode;
            ui->notice({"setup.connector-found", workflow::Severity::Info,
                        TIS_TEXT("setup_command", "Konnektor gefunden"),
                        TIS_TEXT("setup_command", "Unter %1 antwortet %2 mit Firmware %3.")
                            .arg(sdsUrl, name, p.firmwareVersion.toString())});
        }
    }
    if (problem) {
        ui->notice({"setup.connector-not-found", workflow::Severity::Warning,
                    TIS_TEXT("setup_command", "Konnektor nicht erreicht"), problem->text()});
        auto keep = ask({"setup.keep-address",
                         Question::Kind::Choice,
                         TIS_TEXT("setup_command", "Die Einstellungen trotzdem so schreiben?"),
                         {{"keep", TIS_TEXT("setup_command", "Ja, schreiben (später prüfen)")},
                          {"cancel", TIS_TEXT("setup_command", "Abbrechen")}},
                         "cancel"});
        if (!keep || *keep != "keep") return cancelled;
    }

    // 3. The call context the practice software uses, and whom the practice calls.
    auto mandant = text("setup.mandant", TIS_TEXT("setup_command", "Mandant (wie im Konnektor eingerichtet)"));
    if (!mandant || mandant->empty()) return cancelled;
    auto clientSystem = text("setup.client-system", TIS_TEXT("setup_command", "Clientsystem"));
    if (!clientSystem || clientSystem->empty()) return cancelled;
    auto workplace = text("setup.workplace", TIS_TEXT("setup_command", "Arbeitsplatz dieses PCs"));
    if (!workplace || workplace->empty()) return cancelled;
    auto support = ask({"setup.support",
                        Question::Kind::Choice,
                        TIS_TEXT("setup_command", "Wer hat den Konnektor installiert?"),
                        {{"cgm", TIS_TEXT("setup_command", "Ein Techniker von CGM")},
                         {"self", TIS_TEXT("setup_command", "Die Praxis selbst (über koco-shop.de gekauft)")}},
                        "cgm"});
    if (!support) return cancelled;

    std::string ini = "; " + tr(TIS_TEXT("setup_command", "Geschrieben von tiservice setup.")) + "\n[connector]\n";
    line(ini, "sds_url", sdsUrl);
    line(ini, "mandant_id", *mandant);
    line(ini, "client_system_id", *clientSystem);
    line(ini, "workplace_id", *workplace);
    ini += "\n[tls]\n";
    line(ini, "mode", mode);
    line(ini, "ca_file", caFile);
    line(ini, "client_certificate", clientCertificate);
    line(ini, "client_certificate_password_file", clientCertificatePasswordFile);
    ini += "\n[practice]\n";
    line(ini, "support", *support);

    // What is written must read back as valid settings, or nothing is written.
    auto pairs = IniFile::parse(ini);
    auto check = pairs.ok() ? connectionSettingsFrom(*pairs, config) : Result<ConnectionSettings>(pairs.error());
    if (!check.ok()) {
        err << check.error().describe() << "\n";
        return update_exit::kNotPossible;
    }
    std::error_code ec;
    std::filesystem::create_directories(config.parent_path(), ec);
    if (auto written = store::writeAtomically(config, ini); !written.ok()) {
        err << written.error().describe() << "\n";
        return update_exit::kNotPossible;
    }
    out << "\n"
        << tr(TIS_TEXT("setup_command", "Einstellungen geschrieben: %1. Als Nächstes: tiservice status")
                  .arg(config.string()))
        << "\n";
    return general_exit::kDone;
}

}  // namespace tiservice::cli
