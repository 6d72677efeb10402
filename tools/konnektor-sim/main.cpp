// konnektor-sim: a simulated practice (KoCoBox MED+ connector, card terminals, KSR, vendor
// update server) as real servers on loopback, for tests, demos and PVS vendors.

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>

#include "command_line.h"
#include "scenario.h"
#include "simulator.h"
#include "this_program.h"
#include "tiservice/build_info.h"
#include "tiservice/log.h"
#include "tiservice/paths.h"

using namespace tiservice;
using namespace tiservice::sim;

namespace {

constexpr Message kHelp =
    TIS_TEXT("konnektor-sim", R"(konnektor-sim – eine simulierte Praxis: Konnektor (KoCoBox MED+), Kartenterminals, KSR
und Update-Server des Herstellers, als echte Server auf dieser Maschine (nur Loopback).

Aufruf: konnektor-sim [Optionen]

Praxis:
  --scenario DATEI           Szenario (JSON, docs/konnektor-sim.md); ohne: alles aktuell
  --count N                  N Konnektoren (1 bis 1000) mit eigenen Ports (fortlaufend)
  --time-scale N             Zeit läuft N-mal schneller, bis 100000 (20 min Update bei 600: 2 s)

Netz (nur Loopback):
  --listen ADRESSE           Adresse, Standard 127.0.0.1 (oder ::1)
  --port N                   TLS-Dienst-Port des 1. Konnektors (connector.sds, EventService), Standard 8443
  --plain-port N             Port ohne TLS (connector.sds; EventService nur, solange TLS nicht Pflicht ist),
                             Standard 8480
  --management-port N        Management-Port des 1. Konnektors, Standard 9443
  --control-port N           Steuer-Port (Fehler, Uhr, Zustand), Standard 8440
  --update-port N            Update-Server des Herstellers (/updates/), Standard 8080
  --mobile-port N            mobiles Kartenterminal (Stellvertreter), wenn das Szenario eins hat, Standard 8450
                             0 bei jedem Port: ein freier Port
  --ready-file DATEI         schreibt Ports und URLs als JSON, sobald bereit

TLS und Anmeldung:
  --tls off|server|client    TLS freiwillig, ready.json nennt den Port ohne TLS / TLS freiwillig, ready.json
                             nennt den TLS-Port (Standard) / nur TLS mit Client-Zertifikat (TLSMandatory und
                             ClientAutMandatory); TLS ist immer möglich, wie bei jedem Konnektor
  --tls-max 1.2|1.3          höchste TLS-Version, Standard 1.3 (1.2: wie ein Konnektor ohne TLS 1.3)
  --basic-auth-user NAME     Basic Auth verlangen
  --basic-auth-password-file DATEI   Passwort dazu (nie auf der Kommandozeile)
  --client-p12 DATEI         stellt ein Client-Zertifikat (.p12) aus
  --client-p12-password-file DATEI   Passwort des .p12 (Standard: wird erzeugt, DATEI.password)
  --state-dir ORDNER         CA, Zertifikate; Standard $XDG_STATE_HOME/konnektor-sim

Dienstverzeichnis eines echten Geräts:
  --sds-file DATEI           diese connector.sds ausliefern (z. B. tests/data/real-connectors/…); jede
                             Adresse darin wird auf diesen Simulator umgeschrieben, der EventService antwortet
                             unter dem Pfad, den die Datei nennt

Update-Server:
  --updates-dir ORDNER       Dateien, die unter /updates/ ausgeliefert werden
  --updates-tls              Update-Server über HTTPS (CA des Simulators)

Fehler (auch zur Laufzeit über den Steuer-Port):
  --fault-power-loss         Stromausfall während der Installation (Konnektor danach defekt)
  --fault-install-fails TEXT Installation scheitert mit diesem Grund, alte Version bleibt
  --fault-ksr-down           KSR nicht erreichbar (kein Download)
  --fault-download-stalls    Download bleibt stehen
  --fault-drop P             Verbindungen mit Wahrscheinlichkeit P (0..1) abbrechen
  --fault-slow MS            jede Antwort MS Millisekunden verzögern
  --fault-malformed ART      broken-xml | truncated | wrong-content-type | attribute-bomb
  --fault-reboot-seconds N   ein Neustart dauert N (simulierte) Sekunden
  --fault-update-server-down Update-Server antwortet mit 503
  --fault-update-stalls-after BYTES  Update-Server schickt von jeder Datei nur BYTES Bytes, dann nichts mehr
  --fault-update-rate BYTES  Update-Server schickt Dateien mit höchstens BYTES Bytes je Sekunde
  --fault-lose-install-answer  ein Installationsauftrag wird ausgeführt, die Antwort geht verloren

  -h, --help                 diese Hilfe
  -V, --version              Version

Steuer-Port (HTTP, JSON):
  GET  /state                  Zustand aller Konnektoren (auch Anfragen je Port, abgelehnte SOAP-Anfragen)
  POST /faults {"powerLoss":true, "installFails":"Grund", "ksrDown":true, "downloadStalls":true,
                "dropProbability":0.2, "slowMs":500, "malformed":"broken-xml", "rebootSeconds":600,
                "updateServerDown":true, "updateStallsAfterBytes":100000, "updateBytesPerSecond":50000,
                "loseInstallAnswer":true,
                "clear":true, "connector":0}
  POST /clock {"advanceSeconds":3600}     simulierte Zeit vorstellen
  POST /clock {"untilPlanned":true}       bis zur ersten geplanten Installation vorstellen
  POST /terminal {"ctId":"CT_ID_0176","connected":false}
  POST /power {"on":false}                Konnektor ausschalten (alle Ports zu) oder wieder ein
  POST /mobile-terminal {"docked":false, "batteryPercent":15, "interruptAfterBytes":100000, "rebootSeconds":60}
                                          mobiles Kartenterminal: aus der Ladeschale, Akku, Kabel nach N
                                          Bytes der Firmware einmal gezogen, Dauer des Neustarts
)");

using command_line::UsageError;
using command_line::number;

std::string readSecretFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError{TIS_TEXT("konnektor-sim", "Datei nicht lesbar: %1").arg(tiservice::utf8Of(path))};
    std::ostringstream s;
    s << in.rdbuf();
    auto v = s.str();
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
    return v;
}

bool isLoopback(const std::string& address) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(address, ec);
    return !ec && a.is_loopback();
}

std::uint16_t portValue(const std::string& option, const std::string& v) {
    const int n = number<int>(option, v);
    if (n < 0 || n > 65535)
        throw UsageError{TIS_TEXT("konnektor-sim", "%1: Port außerhalb 0..65535: %2")
                             .arg(option, v)};
    return static_cast<std::uint16_t>(n);
}

std::filesystem::path defaultSimState() {
    if (const char* v = std::getenv("XDG_STATE_HOME"); v && *v) return std::filesystem::path(v) / "konnektor-sim";
    if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".local/state/konnektor-sim";
    return std::filesystem::temp_directory_path() / "konnektor-sim";
}

}  // namespace

int main(int argc, char** argv) {
    tiservice::cli::claimQtMainThread();
    tiservice::cli::useUtf8Console();
    SimulatorOptions options;
    std::optional<std::filesystem::path> scenarioFile, readyFile;
    std::optional<std::filesystem::path> p12PasswordFile, basicAuthPasswordFile;
    try {
        std::vector<std::string> args = tiservice::cli::arguments(argc, argv);
        for (command_line::OptionReader o(args); o.next();) {
            const auto& a = o.name();
            if (o.is("-h", "--help")) {
                std::cout << tr(kHelp);
                return 0;
            }
            if (o.is("-V", "--version")) {
                std::cout << "konnektor-sim " << build_info::version() << " (" << build_info::commit() << ")\n";
                return 0;
            }
            if (o.is("--scenario")) scenarioFile = o.path();
            else if (o.is("--count")) options.count = o.number<int>();
            else if (o.is("--time-scale")) options.timeScale = o.number<double>();
            else if (o.is("--listen")) options.listen = o.value();
            else if (o.is("--port")) options.port = portValue(a, o.value());
            else if (o.is("--plain-port")) options.plainPort = portValue(a, o.value());
            else if (o.is("--sds-file")) options.sdsFile = o.path();
            else if (o.is("--management-port")) options.managementPort = portValue(a, o.value());
            else if (o.is("--control-port")) options.controlPort = portValue(a, o.value());
            else if (o.is("--update-port")) options.updatePort = portValue(a, o.value());
            else if (o.is("--mobile-port")) options.mobilePort = portValue(a, o.value());
            else if (o.is("--ready-file")) readyFile = o.path();
            else if (o.is("--tls")) options.tls = o.value();
            else if (o.is("--tls-max")) options.tlsMax = o.value();
            else if (o.is("--basic-auth-user")) options.basicAuthUser = o.value();
            else if (o.is("--basic-auth-password-file")) basicAuthPasswordFile = o.path();
            else if (o.is("--client-p12")) options.clientP12 = o.path();
            else if (o.is("--client-p12-password-file")) p12PasswordFile = o.path();
            else if (o.is("--state-dir")) options.stateDir = o.path();
            else if (o.is("--updates-dir")) options.updatesDir = o.path();
            else if (o.is("--updates-tls")) options.updatesTls = true;
            else if (o.is("--fault-power-loss")) options.faults.powerLossDuringInstall = true;
            else if (o.is("--fault-install-fails")) options.faults.installFails = o.value();
            else if (o.is("--fault-ksr-down")) options.faults.ksrDown = true;
            else if (o.is("--fault-download-stalls")) options.faults.downloadStalls = true;
            else if (o.is("--fault-drop")) options.faults.dropProbability = o.number<double>();
            else if (o.is("--fault-slow")) options.faults.slowAnswers = std::chrono::milliseconds(o.number<int>());
            else if (o.is("--fault-malformed")) options.faults.malformed = o.value();
            else if (o.is("--fault-reboot-seconds"))
                options.faults.rebootDuration = std::chrono::seconds(o.number<int>());
            else if (o.is("--fault-update-server-down")) options.faults.updateServerDown = true;
            else if (o.is("--fault-update-stalls-after"))
                options.faults.updateStallsAfterBytes = o.number<std::uint64_t>();
            else if (o.is("--fault-update-rate")) options.faults.updateBytesPerSecond = o.number<std::uint64_t>();
            else if (o.is("--fault-lose-install-answer")) options.faults.loseInstallAnswer = true;
            else o.unknown();
        }
        if (!isLoopback(options.listen))
            throw UsageError{TIS_TEXT("konnektor-sim", "Nur Loopback-Adressen sind erlaubt: %1").arg(options.listen)};
        if (options.tls != "off" && options.tls != "server" && options.tls != "client")
            throw UsageError{TIS_TEXT("konnektor-sim", "--tls muss off, server oder client sein")};
        if (options.tlsMax != "1.2" && options.tlsMax != "1.3")
            throw UsageError{TIS_TEXT("konnektor-sim", "--tls-max muss 1.2 oder 1.3 sein")};
        if (options.updatesTls && options.tls == "off")
            throw UsageError{TIS_TEXT("konnektor-sim", "--updates-tls braucht TLS (nicht --tls off)")};
        // Beyond 100000 the simulated clock leaves the dates a certificate or a catalog can hold.
        if (!(options.timeScale > 0 && options.timeScale <= 100000))
            throw UsageError{TIS_TEXT("konnektor-sim", "--time-scale muss größer als 0 und höchstens 100000 sein")};
        if (!(options.faults.dropProbability >= 0 && options.faults.dropProbability <= 1))
            throw UsageError{TIS_TEXT("konnektor-sim", "--fault-drop erwartet eine Wahrscheinlichkeit von 0 bis 1")};
        if (options.faults.slowAnswers < std::chrono::milliseconds(0))
            throw UsageError{TIS_TEXT("konnektor-sim", "--fault-slow erwartet Millisekunden ab 0")};
        if (options.count < 1 || options.count > 1000)
            throw UsageError{TIS_TEXT("konnektor-sim", "--count muss zwischen 1 und 1000 liegen")};
        const auto& m = options.faults.malformed;
        if (!m.empty() && m != "broken-xml" && m != "truncated" && m != "wrong-content-type" && m != "attribute-bomb")
            throw UsageError{TIS_TEXT("konnektor-sim",
                                      "--fault-malformed erwartet broken-xml, truncated, wrong-content-type oder attribute-bomb")};
        if (options.basicAuthUser) {
            if (!basicAuthPasswordFile)
                throw UsageError{TIS_TEXT("konnektor-sim", "--basic-auth-user braucht --basic-auth-password-file")};
            options.basicAuthPassword = readSecretFile(*basicAuthPasswordFile);
            log::registerSecret(options.basicAuthPassword);
        }
        if (options.stateDir.empty()) options.stateDir = defaultSimState();
        if (options.clientP12) {
            if (options.tls == "off")
                throw UsageError{TIS_TEXT("konnektor-sim", "--client-p12 braucht TLS")};
            if (p12PasswordFile) {
                options.clientP12Password = readSecretFile(*p12PasswordFile);
            } else {
                // A fresh random password, written beside the .p12 for the one who set it up.
                std::random_device rd;
                static const char* chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
                for (int k = 0; k < 16; ++k) options.clientP12Password += chars[rd() % 57];
                const auto pwFile = options.clientP12->string() + ".password";
                std::filesystem::create_directories(std::filesystem::absolute(*options.clientP12).parent_path());
                std::ofstream(pwFile) << options.clientP12Password << "\n";
                std::filesystem::permissions(pwFile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
            }
            log::registerSecret(options.clientP12Password);
        }
    } catch (const UsageError& e) {
        std::cerr << "konnektor-sim: " << tr(e.text) << "\n";
        return 2;
    } catch (const std::exception& e) {  // a folder that cannot be created, a file that cannot be written
        std::cerr << "konnektor-sim: " << e.what() << "\n";
        return 2;
    }

    try {
        const auto realNow = std::chrono::system_clock::now();
        Scenario scenario = defaultScenario(realNow);
        if (scenarioFile) {
            auto loaded = loadScenario(*scenarioFile, realNow);
            if (!loaded.ok()) {
                std::cerr << "konnektor-sim: " << loaded.error().describe() << "\n";
                return 2;
            }
            scenario = std::move(loaded).value();
        }
        for (const auto& c : scenario.connectors) log::registerSecret(c.admin.password);

        boost::asio::io_context io;
        Simulator simulator(io, options, std::move(scenario));
        simulator.start();
        const auto ready = simulator.readyJson();
        if (readyFile) {
            const auto tmp = readyFile->string() + ".tmp";
            std::ofstream(tmp) << ready << "\n";
            std::filesystem::rename(tmp, *readyFile);
        }
        std::cout << tr(TIS_TEXT("konnektor-sim", "konnektor-sim bereit: %1").arg(ready)) << std::endl;

        boost::asio::signal_set stopSignals(io, SIGINT, SIGTERM);
        stopSignals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
        io.run();
        std::cout << tr(TIS_TEXT("konnektor-sim", "konnektor-sim beendet")) << std::endl;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "konnektor-sim: " << tr(TIS_TEXT("konnektor-sim", "Start fehlgeschlagen: %1").arg(e.what()))
                  << "\n";
        return 1;
    }
}
