// tiservice setup: the first run. Asks for what the connection needs, tries the connector's
// service directory on the address given and says what answered, then writes tiservice.ini.
// No password is ever asked for or written: the file names files that hold them.

#include <filesystem>
#include <iostream>

#include "command_line.h"
#include "commands.h"
#include "exit_codes.h"
#include "terminal_ui.h"
#include "tiservice/engine/connector_setup.h"
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

}  // namespace

int runSetup(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.path();
            else if (o.is("--answers")) answers = o.path();
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
        auto replace = ask(
            {"setup.replace",
             Question::Kind::Choice,
             TIS_TEXT("setup_command", "Es gibt schon Einstellungen in %1. Ersetzen?").arg(tiservice::utf8Of(config)),
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
    engine::ConnectorSetup setup;
    setup.address = *address;
    const auto sdsUrl = engine::serviceDirectoryAddress(*address);
    if (sdsUrl.starts_with("https://")) {
        auto m = ask({"setup.tls",
                      Question::Kind::Choice,
                      TIS_TEXT("setup_command", "Wie sichert der Konnektor die Verbindung?"),
                      {{"server", TIS_TEXT("setup_command", "TLS: der Konnektor weist sich mit seinem Zertifikat aus")},
                       {"client-certificate",
                        TIS_TEXT("setup_command", "TLS mit Client-Zertifikat: auch dieser PC weist sich aus")}},
                      "server"});
        if (!m) return cancelled;
        setup.tlsMode = *m;
        auto ca = text("setup.ca-file", TIS_TEXT("setup_command", "Datei mit dem CA-Zertifikat des Konnektors (PEM)"));
        if (!ca) return cancelled;
        setup.caFile = *ca;
        if (setup.tlsMode == "client-certificate") {
            auto p12 = text("setup.client-certificate",
                            TIS_TEXT("setup_command", "Datei mit dem Client-Zertifikat dieses PCs (.p12)"));
            if (!p12) return cancelled;
            setup.clientCertificate = *p12;
            auto pw = text("setup.client-certificate-password-file",
                           TIS_TEXT("setup_command",
                                    "Datei, in der das Passwort des Client-Zertifikats steht (leer: bei jedem Start "
                                    "fragen)"));
            if (!pw) return cancelled;
            setup.clientCertificatePasswordFile = *pw;
        }
    }

    // 2. Who answers there: the service directory, read with these settings.
    if (auto found = engine::findConnector(setup, config); found.ok()) {
        ui->notice({"setup.connector-found", workflow::Severity::Info, TIS_TEXT("setup_command", "Konnektor gefunden"),
                    engine::foundConnectorText(*found)});
    } else {
        ui->notice({"setup.connector-not-found", workflow::Severity::Warning,
                    TIS_TEXT("setup_command", "Konnektor nicht erreicht"), found.error().text()});
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

    setup.mandant = *mandant;
    setup.clientSystem = *clientSystem;
    setup.workplace = *workplace;
    setup.support = *support;
    // What is written must read back as valid settings, or nothing is written. The file is
    // replaced as a whole (the person was asked).
    auto ini = engine::connectorSetupIni(setup, config);
    if (!ini.ok()) {
        err << ini.error().describe() << "\n";
        return update_exit::kNotPossible;
    }
    std::error_code ec;
    std::filesystem::create_directories(config.parent_path(), ec);
    if (auto written = store::writeAtomically(config, *ini); !written.ok()) {
        err << written.error().describe() << "\n";
        return update_exit::kNotPossible;
    }
    out << "\n"
        << tr(TIS_TEXT("setup_command", "Einstellungen geschrieben: %1. Als Nächstes: tiservice status")
                  .arg(tiservice::utf8Of(config)))
        << "\n";
    return general_exit::kDone;
}

}  // namespace tiservice::cli
