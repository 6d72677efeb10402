// `tiservice status` as a practice runs it: the real binary against konnektor-sim, with the
// approval catalog published by the publisher code and fetched through TUF.
#include <gtest/gtest.h>

#include <regex>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/catalog.h"
#include "support/fixtures.h"
#include "support/simulator.h"
#include "tiservice/clock.h"
#include "tiservice/paths.h"
#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

std::string shippedCatalog() {
    return readFile(std::filesystem::path(TISERVICE_SOURCE_DIR) / "tools/tiservice-repo/catalog/approval-catalog.json");
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string dayOffset(int days) {
    return formatUtc(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(days))
        .substr(0, 10);
}

/// A practice PC: settings, its own HOME/XDG folders, the vendor repository and the simulator.
class StatusCheck : public ::testing::Test {
protected:
    void start(SimulatorSetup setup, const std::string& catalogJson = shippedCatalog()) {
        auto repo = trust::Repository::create(dir / "repo", {});
        ASSERT_TRUE(repo.ok());
        writeFile(dir / "catalog.json", catalogJson);
        ASSERT_TRUE(repo->addTarget(dir / "catalog.json", "catalog/approval-catalog.json").ok());
        ASSERT_TRUE(repo->publish().ok());
        setup.args.push_back("--updates-dir");
        setup.args.push_back((dir / "repo/published").string());
        sim = std::make_unique<SimulatorProcess>(setup);
        writeSettings();
    }

    void writeSettings(const std::string& tlsSection = "", const std::string& mandant = "Praxis1",
                       const std::string& sdsUrl = "", const std::string& connectorExtra = "") {
        const std::string tls = tlsSection.empty() ? "mode = server\nca_file = " + sim->caFile().string() + "\n" : tlsSection;
        writeFile(dir / "tiservice.ini",
                  "; Praxis Dr. Beispiel\n[connector]\nsds_url = " + (sdsUrl.empty() ? sim->sdsUrl() : sdsUrl) +
                      "\nmanagement_url = " + sim->managementBase() + "\nmandant_id = " + mandant +
                      "\nclient_system_id = PVS1\nworkplace_id = Empfang\n" + connectorExtra +
                      "\n[tls]\n" + tls +
                      "\n[update_server]\nmetadata_url = " + sim->updatesBase() + "metadata/\ntargets_url = " +
                      sim->updatesBase() + "targets/\ntrusted_root = " + (dir / "repo/published/metadata/1.root.json").string() +
                      "\n");
    }

    ProcessResult status(std::vector<std::string> extra = {}, const std::string& lang = "de_DE.UTF-8") {
        return statusWith(dir / "tiservice.ini", std::move(extra), lang);
    }

    /// `tiservice status --config CONFIG` on this practice PC.
    ProcessResult statusWith(const std::filesystem::path& config, std::vector<std::string> extra = {},
                             const std::string& lang = "de_DE.UTF-8") {
        std::vector<std::string> argv{binary("tiservice").string(), "status", "--config", tiservice::utf8Of(config)};
        argv.insert(argv.end(), extra.begin(), extra.end());
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()}, {"LANG", lang}, {"LC_ALL", std::nullopt},
                 {"LC_MESSAGES", std::nullopt}, {"TISERVICE_STATE_DIR", std::nullopt}};
        return runProcess(argv, o);
    }

    QJsonObject statusJson() {
        const auto r = status({"--json"});
        return QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
};

}  // namespace

TEST_F(StatusCheck, AllCurrent) {
    start({});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+ (KOCOC-kocobox), Firmware 1.3.10, Hardware 2.0.0")) << r.out;
    EXPECT_TRUE(contains(r.out, "Zulassungskatalog vom 01.11.2026, eben geprüft")) << r.out;
    EXPECT_TRUE(contains(r.out, "Alles aktuell. Es ist nichts zu tun.")) << r.out;
    // Real terminals report no product name: it comes from the product table; the place is the terminal's own name.
    EXPECT_TRUE(contains(r.out, "ORGA 6141 online (ORGA6100-0241000000B692)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Cherry G87-1505 (G87-1505-0500123)")) << r.out;
    // The vendor offers none for the Cherry: said where a version would stand, never "plan 3.0.1".
    EXPECT_TRUE(std::regex_search(
        r.out, std::regex(R"(Cherry G87-1505 \(G87-1505-0500123\) +3\.0\.1 +kein Update verfügbar +aktuell)")))
        << r.out;
    const auto en = status({}, "en_GB.UTF-8");
    EXPECT_TRUE(contains(en.out, "no update available")) << en.out;
}

TEST_F(StatusCheck, AStateFolderThatCannotBeWrittenIsSaidNotAnUpdateAtWork) {
    start({});
    writeFile(dir / "state", "a file where the state folder should go");  // $XDG_STATE_HOME/tiservice cannot be made
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+")) << r.out;  // the connector was read all the same
    EXPECT_FALSE(contains(r.out + r.err, "gerade an einem Update")) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "ein Teil des Pfads ist eine Datei, kein Ordner")) << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "Fehler 20")) << r.out << r.err;
}

TEST_F(StatusCheck, UpdateAvailable) {
    start({.scenario = "terminal-update-available.json"});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Update verfügbar")) << r.out;
    EXPECT_TRUE(contains(r.out, "Version 3.7.4 ist verfügbar (installiert: 3.7.2)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Update auf 3.7.4 einplanen")) << r.out;
}

TEST_F(StatusCheck, ApprovalEndsInTenDays) {
    auto catalog = shippedCatalog();
    const std::string old = R"("version": "1.3.4", "approvedUntil": "2019-12-31")";
    ASSERT_TRUE(contains(catalog, old));
    catalog.replace(catalog.find(old), old.size(), R"("version": "1.3.4", "approvedUntil": ")" + dayOffset(10) + "\"");
    start({.scenario = "connector-deadline-in-10-days.json"}, catalog);
    const auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Zulassung endet")) << r.out;
    EXPECT_TRUE(contains(r.out, "(noch 10 Tage)")) << r.out;
    const auto json = statusJson();
    const auto f = json["findings"].toArray()[0].toObject();
    EXPECT_EQ(f["code"].toString(), "connector.approval-ends");
    EXPECT_EQ(f["daysLeft"].toInt(), 10);
}

TEST_F(StatusCheck, ExpiredApprovalMeansTheVpnWillBeBlocked) {
    start({.scenario = "expired-connector-outdated-terminal.json"});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "abgelaufen: VPN wird gesperrt")) << r.out;
    EXPECT_TRUE(contains(r.out, "Sofort das Update auf 1.3.10 installieren")) << r.out;
    // One number, the one for this practice (installed by CGM: the default customer type).
    EXPECT_TRUE(contains(r.out, "Support: Von CGM installiert (zertifizierter Techniker): 0800 551 551 2 (kostenlos)"))
        << r.out;
    EXPECT_FALSE(contains(r.out, "030 2464 908 908")) << r.out;
}

TEST_F(StatusCheck, ConnectorBlockingTheTi) {
    start({.scenario = "connector-blocked.json"});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "VPN zur TI: NICHT verbunden")) << r.out;
    EXPECT_TRUE(contains(r.out, "TI-Zugang gesperrt")) << r.out;
    EXPECT_EQ(statusJson()["findings"].toArray()[0].toObject()["code"].toString(), "connector.blocked");
}

TEST_F(StatusCheck, TerminalNotConnectedIsUnknownNotOutdated) {
    start({.scenario = "terminal-not-connected.json"});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Das Kartenterminal „G87-1505-0500123“ ist nicht verbunden")) << r.out;
    EXPECT_TRUE(contains(r.out, "nicht verbunden – einschalten")) << r.out;
    EXPECT_EQ(statusJson()["findings"].toArray()[0].toObject()["status"].toString(), "not-connected");
}

TEST_F(StatusCheck, WrongCaFile) {
    start({});
    writeFile(dir / "other-ca.pem", readFile(std::filesystem::path("/etc/ssl/certs/ca-certificates.crt")));
    writeSettings("mode = server\nca_file = " + (dir / "other-ca.pem").string() + "\n");
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "weist ein Zertifikat vor, dem nicht vertraut wird")) << r.err;
    EXPECT_TRUE(contains(r.err, "CA-Datei")) << r.err;
}

TEST_F(StatusCheck, WrongMandant) {
    start({});
    writeSettings("", "Praxis2");
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "Ungültige Mandanten-ID")) << r.err;
    EXPECT_TRUE(contains(r.err, "Die Mandanten-ID in den TI-Einstellungen prüfen")) << r.err;
}

TEST_F(StatusCheck, ClientCertificateRequired) {
    writeFile(dir / "p12pw", "p12-Passwort-7\n");
    start({.args = {"--tls", "client", "--client-p12", (dir / "client.p12").string(), "--client-p12-password-file",
                    (dir / "p12pw").string()}});
    auto r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "verlangt ein Client-Zertifikat")) << r.err;
    writeSettings("mode = client-certificate\nca_file = " + sim->caFile().string() + "\nclient_certificate = " +
                  (dir / "client.p12").string() + "\nclient_certificate_password_file = " + (dir / "p12pw").string() + "\n");
    r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "p12-Passwort-7"));
    EXPECT_FALSE(contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "p12-Passwort-7"));
}

TEST_F(StatusCheck, BasicAuthPasswordComesFromAFileAndNeverShows) {
    writeFile(dir / "basicpw", "Basic-Geheim-99\n");
    start({.args = {"--basic-auth-user", "pvs", "--basic-auth-password-file", (dir / "basicpw").string()}});
    writeSettings("mode = basic\nca_file = " + sim->caFile().string() + "\nbasic_user = pvs\nbasic_password_file = " +
                  (dir / "basicpw").string() + "\n");
    auto r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "Basic-Geheim-99"));
    EXPECT_FALSE(contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "Basic-Geheim-99"));
    writeFile(dir / "basicpw", "falsch\n");
    r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "lehnt die Anmeldedaten ab")) << r.err;
}

TEST_F(StatusCheck, PasswordInTheSettingsFileIsRefused) {
    start({});
    writeSettings("mode = basic\nbasic_user = pvs\npassword = geheim\nca_file = " + sim->caFile().string() + "\n");
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "Passwörter gehören nicht in diese Datei")) << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "geheim\n"));
}

TEST_F(StatusCheck, ConnectorDown) {
    start({});
    // The connector is gone: its addresses lead to a port where nothing answers.
    const ClosedPort gone;
    auto ini = readFile(dir / "tiservice.ini");
    // Searched on after each replacement: one port may begin with the other's digits (3981, 39817).
    for (auto at = ini.find(sim->serviceBase()); at != std::string::npos;
         at = ini.find(sim->serviceBase(), at + gone.httpsBase().size()))
        ini.replace(at, sim->serviceBase().size(), gone.httpsBase());
    ASSERT_TRUE(contains(ini, gone.httpsBase() + "/")) << ini;
    writeFile(dir / "tiservice.ini", ini);
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "ist nicht erreichbar")) << r.err;
    EXPECT_TRUE(contains(r.err, "127.0.0.1:" + std::to_string(gone.port()))) << r.err;
}

TEST_F(StatusCheck, MalformedAnswers) {
    start({});
    for (const std::string kind : {"broken-xml", "wrong-content-type", "truncated", "attribute-bomb"}) {
        sim->control("POST", "/faults", R"({"malformed": ")" + kind + "\"}");
        const auto r = status();
        EXPECT_EQ(r.exitCode, 3) << kind << ": " << r.out;
        EXPECT_TRUE(contains(r.err, "Prüfung nicht möglich")) << kind << ": " << r.err;
    }
}

TEST_F(StatusCheck, OfflineUsesTheLastVerifiedCatalogAndSaysHowOldItIs) {
    start({});
    ASSERT_EQ(status().exitCode, 0);
    sim->control("POST", "/faults", R"({"updateServerDown": true})");
    const auto r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "zuletzt geprüft am")) << r.out;
    EXPECT_TRUE(contains(r.out, "(heute)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Hinweis:")) << r.out;
    // The note of when it was verified damaged (a disk that lost it): the age comes from the
    // catalog file, never "01.01.1970 (vor 20794 Tagen)".
    writeFile(dir / "state/tiservice/cache/approval-catalog.verified", "\x01garbage");
    const auto damaged = status();
    EXPECT_EQ(damaged.exitCode, 0) << damaged.out << damaged.err;
    EXPECT_TRUE(contains(damaged.out, "(heute)")) << damaged.out;
    EXPECT_FALSE(contains(damaged.out, "1970")) << damaged.out;
}

TEST_F(StatusCheck, WithoutAnyVerifiedCatalogTheCheckIsIncomplete) {
    start({.args = {"--fault-update-server-down"}});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "Zulassungskatalog: nicht verfügbar")) << r.out;
}

TEST_F(StatusCheck, ForgedCatalogIsNotBelieved) {
    start({.scenario = "expired-connector-outdated-terminal.json"});
    // Someone replaces the catalog on the server with one that calls 1.3.4 current.
    auto forged = shippedCatalog();
    forged.replace(forged.find(R"("recommended": "1.3.10")"), 23, R"("recommended": "1.3.4" )");
    const auto served = dir / "repo/published/targets/catalog";
    for (const auto& e : std::filesystem::directory_iterator(served)) writeFile(e.path(), forged);
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "nicht verfügbar")) << r.out;
    EXPECT_FALSE(contains(r.out, "Alles aktuell")) << r.out;
}

TEST_F(StatusCheck, JsonForPrograms) {
    start({.scenario = "expired-connector-outdated-terminal.json"});
    const auto json = statusJson();
    EXPECT_TRUE(json["ok"].toBool());
    EXPECT_EQ(json["exitCode"].toInt(), 2);
    EXPECT_EQ(json["overall"].toString(), "expired");
    EXPECT_EQ(json["connector"].toObject()["firmwareVersion"].toString(), "1.3.4");
    EXPECT_TRUE(json["catalog"].toObject()["fresh"].toBool());
    const auto findings = json["findings"].toArray();
    ASSERT_EQ(findings.size(), 3);
    EXPECT_EQ(findings[0].toObject()["status"].toString(), "expired");
    EXPECT_EQ(findings[0].toObject()["recommended"].toString(), "1.3.10");
    EXPECT_FALSE(findings[0].toObject()["summary"].toObject()["en"].toString().isEmpty());
}

TEST_F(StatusCheck, EnglishWhenLangSaysSo) {
    start({.scenario = "expired-connector-outdated-terminal.json"});
    const auto r = status({}, "en_US.UTF-8");
    EXPECT_TRUE(contains(r.out, "expired: VPN will be blocked")) << r.out;
    EXPECT_TRUE(contains(r.out, "To do:")) << r.out;
}

TEST_F(StatusCheck, EveryLineFollowsLang) {
    start({.scenario = "expired-connector-outdated-terminal.json"});
    const auto en = status({}, "en_US.UTF-8");
    const auto de = status({}, "de_DE.UTF-8");
    EXPECT_EQ(en.exitCode, de.exitCode);
    EXPECT_TRUE(otherLanguageIn(en.out + en.err, true).empty())
        << ::testing::PrintToString(otherLanguageIn(en.out + en.err, true));
    EXPECT_TRUE(otherLanguageIn(de.out + de.err, false).empty())
        << ::testing::PrintToString(otherLanguageIn(de.out + de.err, false));
    EXPECT_NE(en.out, de.out);
}

TEST_F(StatusCheck, MissingOrBrokenSettingsSayWhatToFix) {
    start({});
    std::filesystem::remove(dir / "tiservice.ini");
    auto r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "fehlt oder ist nicht lesbar")) << r.err;
    writeFile(dir / "tiservice.ini", "[connector]\nsds_url = konnektor.konlan\n");
    r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "[connector] sds_url")) << r.err;
    writeFile(dir / "tiservice.ini", "[connector\n");
    r = status();
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "Zeile 1")) << r.err;
    // A program that asked for JSON gets JSON for this too, as for a connector that is away.
    r = status({"--json"});
    EXPECT_EQ(r.exitCode, 3);
    const auto o = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    EXPECT_FALSE(o["ok"].toBool(true)) << r.out;
    EXPECT_EQ(o["error"].toObject()["code"].toString(), "settings.invalid") << r.out;
    EXPECT_EQ(o["exitCode"].toInt(), 3) << r.out;
}

TEST_F(StatusCheck, SettingsInAFolderWithUmlautsAreFoundAndNamedAsWritten) {
    // A practice's folders carry people's names: "C:\\Users\\Jürgen", "Praxis Dr. Müller". The
    // command line hands them over as they are (on Windows as UTF-8 from the wide command line,
    // not in the ANSI code page, which would make another folder of them).
    start({});
    const std::filesystem::path folder = dir.path() / tiservice::pathFromUtf8("Praxis Dr. Müller");
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(dir / "tiservice.ini", folder / "tiservice.ini");
    auto r = statusWith(folder / "tiservice.ini");
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Alles aktuell.")) << r.out;
    // A file that is not there is named with its umlaut, as the person typed it.
    r = statusWith(folder / "fehlt.ini");
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "Praxis Dr. Müller")) << r.err;
    EXPECT_TRUE(contains(r.err, "fehlt oder ist nicht lesbar")) << r.err;
}

TEST_F(StatusCheck, NotifyRaisesADesktopNotificationWhenSomethingIsDue) {
#ifdef _WIN32
    GTEST_SKIP() << "--notify raises its notice through notify-send, a Linux desktop's (README, Windows)";
#endif
    start({.scenario = "expired-connector-outdated-terminal.json"});
    writeFile(dir / "bin/notify-send", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + (dir / "notified.txt").string() + "\"\n");
    std::filesystem::permissions(dir / "bin/notify-send", std::filesystem::perms::owner_all);
    std::vector<std::string> argv{binary("tiservice").string(), "status", "--notify", "--config", (dir / "tiservice.ini").string()};
    ProcessOptions o;
    o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()}, {"LANG", "de_DE.UTF-8"},
             {"LC_ALL", std::nullopt}, {"PATH", (dir / "bin").string() + ":/usr/bin:/bin"}};
    auto r = runProcess(argv, o);
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    const auto notified = readFile(dir / "notified.txt");
    EXPECT_TRUE(contains(notified, "TI-Komponenten: Handlungsbedarf")) << notified;
    EXPECT_TRUE(contains(notified, "VPN-Zugang zur TI wird gesperrt")) << notified;
    // Without notify-send the finding goes to the log instead.
    o.env["PATH"] = "/nonexistent";
    r = runProcess(argv, o);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "notify-send not available")) << r.err;
}

// --- what real connectors answer (tests/data/real-connectors, docs/real-connectors.md) -----------

namespace {

/// The simulator's state of connector 0.
QJsonObject connectorState(const SimulatorProcess& sim) {
    return sim.control("GET", "/state")["connectors"].toArray()[0].toObject();
}

}  // namespace

TEST_F(StatusCheck, ReadsTheRealKocoboxFileAsItIs) {
    start({.scenario = "kocobox-5.1.8-field.json", .args = {"--sds-file", realConnectorFile(kKocobox518).string()}});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;  // 5.1.8: 5.5.4 is there
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+ (KOCOC-kocobox), Firmware 5.1.8, Hardware 2.0.0")) << r.out;
    EXPECT_TRUE(contains(r.out, "Systeminformationsdienst (EventService 7.2.0): https://127.0.0.1:")) << r.out;
    EXPECT_TRUE(contains(r.out, "/kon7/service/systeminformationservice")) << r.out;
    EXPECT_TRUE(contains(r.out, "Version 5.5.4 ist verfügbar (installiert: 5.1.8)")) << r.out;
    EXPECT_FALSE(contains(r.out, "1.3.10")) << r.out;  // never the old line's version
    // The real device lists NFDService and AMTSService: the paid NFDM/eMP upgrade is active.
    EXPECT_TRUE(contains(r.out,
                         "Kostenpflichtiges Upgrade „Notfalldaten (NFDM) und Medikationsplan (eMP)“: im "
                         "Konnektor freigeschaltet."))
        << r.out;
    EXPECT_TRUE(contains(r.out, "Version am Gerät selbst ablesen: Am Display des Konnektors: OK > 4 \"Versionen\"."))
        << r.out;
    // Terminals as they are: the product table names them, the disconnected one is "switch it on".
    EXPECT_TRUE(contains(r.out, "ORGA 6141 online (ORGA6100-0241000000B692)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Version 3.9.1 ist verfügbar (installiert: 3.8.2)")) << r.out;
    EXPECT_TRUE(contains(r.out, "nicht verbunden – einschalten")) << r.out;
    EXPECT_TRUE(contains(r.out, "Die Sicherheitskarte (gSMC-KT) im Kartenterminal ORGA 6141 online (ORGA6100-0241000000B692) läuft bald ab"))
        << r.out;
    // VPN TI online, SIS offline as in practices without the secure internet service.
    EXPECT_TRUE(contains(r.out, "VPN zur TI: verbunden · sicherer Internetzugang (SIS): nicht verbunden (ohne gebuchten SIS-Dienst normal)"))
        << r.out;
    EXPECT_EQ(connectorState(*sim)["refusedSoap"].toInt(), 0);  // every request we sent was valid
    const auto json = statusJson();
    EXPECT_EQ(json["connector"].toObject()["eventService"].toObject()["version"].toString(), "7.2.0");
    EXPECT_FALSE(json["connector"].toObject()["tlsMandatory"].toBool());
}

TEST_F(StatusCheck, ReadsTheRealRiseFileAsItIs) {
    start({.scenarioJson = R"({"connector": {"vendor": "rise"}})",
           .args = {"--sds-file", realConnectorFile(kRise517).string()}});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "RISE Konnektor (RISEG-RKONN), Firmware 5.1.7, Hardware 1.0.0")) << r.out;
    EXPECT_TRUE(contains(r.out, "/kon8/webservices/eventservice")) << r.out;
    EXPECT_TRUE(contains(r.out, "Version 5.1.12 ist verfügbar (installiert: 5.1.7)")) << r.out;
    EXPECT_EQ(connectorState(*sim)["refusedSoap"].toInt(), 0);
    // The same file with the endpoints as written (hosts rewritten to loopback by the server).
    writeSettings("", "Praxis1", "", "keep_configured_host = false\n");
    EXPECT_EQ(status().exitCode, 1);
}

TEST_F(StatusCheck, ASecunetOnOneLineAndARiseAreReadAndJudgedByTheirOwnLines) {
    start({.scenario = "other-connector-vendors.json"});
    writeSettings("", "Praxis1", sim->sdsUrl(1));
    const auto r = status();
    EXPECT_TRUE(contains(r.out, "secunet konnektor 2.0.0 (SECUN-secu_kon), Firmware 5.50.4")) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "/konnektor/ws/EventService")) << r.out;
    EXPECT_TRUE(contains(r.out, "Alles aktuell")) << r.out;
    bool connectorCurrent = false;
    for (const auto& f : statusJson()["findings"].toArray())
        connectorCurrent |= f.toObject()["code"].toString() == "connector.current";
    EXPECT_TRUE(connectorCurrent);
}

TEST_F(StatusCheck, AnSdsNamingPlainHttpEndpointsWhileTlsIsAskedIsRefusedAndNothingIsSentInClear) {
    // A directory that "downgrades" the EventService to http:// (a hostile or broken one).
    auto sds = realConnectorSds(kKocobox518);
    for (std::size_t at; (at = sds.find("EndpointTLS Location=\"https://")) != std::string::npos;)
        sds.replace(at, 30, "EndpointTLS Location=\"http://");
    writeFile(dir / "downgrade.sds.xml", sds);
    writeFile(dir / "basicpw", "Basic-Geheim-42\n");
    start({.args = {"--sds-file", (dir / "downgrade.sds.xml").string(), "--basic-auth-user", "pvs",
                    "--basic-auth-password-file", (dir / "basicpw").string()}});
    const std::string basic = "mode = basic\nca_file = " + sim->caFile().string() +
                              "\nbasic_user = pvs\nbasic_password_file = " + (dir / "basicpw").string() + "\n";
    for (const std::string keep : {"false", "true"}) {
        writeSettings(basic, "Praxis1", "", "keep_configured_host = " + keep + "\n");
        const auto before = connectorState(*sim)["plainRequests"].toInt();
        const auto r = status();
        EXPECT_EQ(r.exitCode, 3) << keep << ": " << r.out;
        EXPECT_TRUE(contains(r.err, "nennt für EventService 7.2.0 eine unverschlüsselte Adresse")) << r.err;
        EXPECT_TRUE(contains(r.err, "tiservice schickt nichts unverschlüsselt")) << r.err;
        // The recording plain port saw nothing: no SOAP call, no Basic Auth header in clear.
        EXPECT_EQ(connectorState(*sim)["plainRequests"].toInt(), before) << keep;
    }
    const auto en = status({}, "en_US.UTF-8");
    EXPECT_TRUE(contains(en.err, "sends nothing unencrypted")) << en.err;
    EXPECT_EQ(connectorState(*sim)["plainRequests"].toInt(), 0);
}

TEST_F(StatusCheck, PlainHttpAgainstATlsOnlyConnectorSaysTlsIsRequiredAndWhatToSet) {
    start({.scenario = "tls-only-client-certificate.json"});
    // 1. The directory over plain HTTP says TLSMandatory: stop before any call.
    writeSettings("mode = none\n", "Praxis1", sim->sdsPlainUrl());
    auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "verlangt eine verschlüsselte Verbindung (TLS) mit Client-Zertifikat")) << r.err;
    EXPECT_TRUE(contains(r.err, "[tls] mode = client-certificate")) << r.err;
    EXPECT_EQ(connectorState(*sim)["plainRequests"].toInt(), 1);  // connector.sds, nothing more
    // 2. Plain HTTP sent to the TLS port: the same clear message instead of "connection lost".
    const auto tlsPort = sim->ready()["connectors"].toArray()[0].toObject()["servicePort"].toInt();
    writeSettings("mode = none\n", "Praxis1", "http://127.0.0.1:" + std::to_string(tlsPort) + "/connector.sds");
    r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "verlangt eine verschlüsselte Verbindung (TLS)")) << r.err;
    EXPECT_TRUE(contains(r.err, "[tls] mode = server")) << r.err;
    // 3. TLS without the client certificate the connector insists on.
    writeSettings();
    r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "verlangt ein Client-Zertifikat")) << r.err;
}

TEST_F(StatusCheck, ClientAutMandatorySaysSoBeforeAnyCall) {
    // A directory readable over TLS that still says every call needs a client certificate.
    auto sds = realConnectorSds(kKocobox518);
    sds.replace(sds.find("<ns2:ClientAutMandatory>false"), 29, "<ns2:ClientAutMandatory>true");
    writeFile(dir / "client-aut.sds.xml", sds);
    start({.args = {"--sds-file", (dir / "client-aut.sds.xml").string()}});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "verlangt ein Client-Zertifikat (ClientAutMandatory)")) << r.err;
    EXPECT_TRUE(contains(r.err, "client_certificate")) << r.err;
    EXPECT_EQ(connectorState(*sim)["tlsRequests"].toInt(), 1);  // only connector.sds
}

TEST_F(StatusCheck, WithoutAnyUpdateServerItSaysSoNotNotInTheCatalog) {
    start({.scenario = "kocobox-5.1.8-field.json", .args = {"--fault-update-server-down"}});
    const auto r = status();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.err, "Prüfung unvollständig: ohne geprüften Zulassungskatalog")) << r.err;
    EXPECT_TRUE(contains(r.err, "503")) << r.err;
    EXPECT_TRUE(contains(r.out, "es liegt noch kein geprüfter Zulassungskatalog vor")) << r.out;
    EXPECT_FALSE(contains(r.out, "nicht im Zulassungskatalog")) << r.out;
    EXPECT_FALSE(contains(r.out, "steht nicht im Zulassungskatalog")) << r.out;
}

namespace {

/// Seconds from the simulator's clock to its next auto-update, plus `after`.
long secondsToAutoUpdate(const SimulatorProcess& sim, long after) {
    const auto st = sim.control("GET", "/state");
    const auto now = tiservice::parseUtc(st["now"].toString().toStdString());
    const auto next = tiservice::parseUtc(
        st["connectors"].toArray()[0].toObject()["autoUpdate"].toObject()["next"].toString().toStdString());
    if (!now || !next) return -1;
    return std::chrono::duration_cast<std::chrono::seconds>(*next - *now).count() + after;
}

}  // namespace

TEST_F(StatusCheck, AutoUpdateIsShownPlannedThenConfirmedTheMorningAfter) {
    start({.scenario = "kocobox-5.1.8-field.json", .timeScale = 60});
    auto r = status();
    EXPECT_TRUE(contains(r.out, "Auto-Update geplant für Mi 02:00")) << r.out;
    EXPECT_FALSE(contains(r.out, "Sofort")) << r.out;
    // The night passes: the connector installs 5.5.4 itself.
    const auto jump = secondsToAutoUpdate(*sim, 6 * 3600);
    ASSERT_GT(jump, 0);
    sim->control("POST", "/clock", R"({"advanceSeconds": )" + std::to_string(jump) + "}");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return connectorState(*sim)["fwVersion"].toString() == "5.5.4"; }, 20s));
    r = status();
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+ (KOCOC-kocobox), Firmware 5.5.4")) << r.out;
    EXPECT_TRUE(contains(r.out, "Das Auto-Update des Konnektors hat am Mi, ")) << r.out;
    EXPECT_TRUE(contains(r.out, "Version 5.5.4 installiert")) << r.out;
    const auto en = status({}, "en_US.UTF-8");
    EXPECT_TRUE(contains(en.out, "The connector's auto-update installed version 5.5.4 on Wed, ")) << en.out;
}

TEST_F(StatusCheck, AFailedAutoUpdateIsExplained) {
    start({.scenario = "kocobox-5.1.8-field.json", .timeScale = 60, .args = {"--fault-install-fails", "Prüfsumme falsch"}});
    sim->control("POST", "/clock", R"({"advanceSeconds": )" + std::to_string(secondsToAutoUpdate(*sim, 6 * 3600)) + "}");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return connectorState(*sim)["autoUpdate"].toObject()["lastRun"].toObject()["result"].toString() == "failed";
    }, 20s));
    const auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "ist fehlgeschlagen (Prüfsumme falsch); der Konnektor läuft mit Version 5.1.8 weiter")) << r.out;
    EXPECT_TRUE(contains(r.out, "Das Update von Hand starten; scheitert es wieder")) << r.out;
    EXPECT_TRUE(contains(r.out, "Update starten oder planen: tiservice update")) << r.out;
}

TEST_F(StatusCheck, AMissedAutoUpdateIsNotCaughtUpAndSaysWhy) {
    start({.scenario = "kocobox-5.1.8-field.json", .timeScale = 60});
    ASSERT_EQ(status().exitCode, 1);
    sim->control("POST", "/power", R"({"on": false})");
    sim->control("POST", "/clock", R"({"advanceSeconds": )" + std::to_string(secondsToAutoUpdate(*sim, 3600)) + "}");
    sim->control("POST", "/power", R"({"on": true})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return sim->request("GET", sim->sdsUrl()).status == 200; }, 20s));
    const auto r = status();
    EXPECT_TRUE(
        contains(r.out, "wurde verpasst, weil der Konnektor ausgeschaltet war; der Konnektor holt es nicht nach"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "Firmware 5.1.8")) << r.out;
    EXPECT_TRUE(contains(r.out, "bis zum nächsten Auto-Update (Mi 02:00) eingeschaltet lassen")) << r.out;
}

TEST_F(StatusCheck, ControlCharactersFromTheConnectorNeverReachTheScreenOrTheLog) {
    // A terminal name with a C1 CSI (U+009B) and a right-to-left override (U+202E) in the
    // EventService answer, and a failure reason with escape sequences (clear screen, window
    // title) from the management interface.
    start({.scenarioJson = R"({"connector": {"vendor": "kocobox", "identity": {"fwVersion": "5.1.8"},
                                 "autoUpdate": {"enabled": true, "weekday": "Mi", "time": "02:00"},
                                 "terminals": [{"template": "orga-6141", "name": "Empfang\u009b2J\u202eLIVE",
                                                "identity": {"fwVersion": "3.8.2"}}],
                                 "updates": [{"updateId": "KOCOC-kocobox-5.5.4", "component": "connector",
                                              "version": "5.5.4", "startDate": "now-3d", "sizeBytes": 241172480}]}})",
           .timeScale = 60,
           .args = {"--fault-install-fails", "Prüfsumme\x1b[2J\x1b]0;Alles gut\x07 falsch"}});
    sim->control("POST", "/clock", R"({"advanceSeconds": )" + std::to_string(secondsToAutoUpdate(*sim, 6 * 3600)) + "}");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return connectorState(*sim)["autoUpdate"].toObject()["lastRun"].toObject()["result"].toString() == "failed";
    }, 20s));
    for (const auto& r : {status(), status({"--json"}), status({}, "en_US.UTF-8")}) {
        const auto shown = r.out + r.err;
        EXPECT_TRUE(contains(shown, "Empfang")) << shown;
        EXPECT_FALSE(contains(shown, "\x1b")) << shown;
        EXPECT_FALSE(contains(shown, "\x07")) << shown;
        EXPECT_FALSE(contains(shown, "\xC2\x9B")) << shown;
        EXPECT_FALSE(contains(shown, "\xE2\x80\xAE")) << shown;
    }
    EXPECT_TRUE(contains(status().out, "Prüfsumme[2J]0;Alles gut falsch")) << status().out;
    const auto log = readFile(dir / "state/tiservice/logs/tiservice.log");
    EXPECT_FALSE(contains(log, "\x1b")) << log;
    EXPECT_FALSE(contains(log, "\xC2\x9B")) << log;
}

TEST_F(StatusCheck, TheMobileTerminalIsReadFromThisPcWithItsCvcList) {
    start({.scenario = "mobile-terminal-old-cvc-list.json", .args = {"--mobile-port", "0"}});
    const auto url = sim->ready()["mobileTerminal"].toString().toStdString();
    ASSERT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
    writeFile(dir / "tiservice.ini", readFile(dir / "tiservice.ini") + "\n[mobile_terminal]\nurl = " + url + "\n");
    auto r = status();
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "ORGA 930 M online")) << r.out;
    EXPECT_TRUE(contains(r.out, "CVC-Zertifikatsliste 1.0.0 ist veraltet; nötig ist 1.1.1.")) << r.out;
    EXPECT_TRUE(contains(r.out, "Das mobile Terminal am PC aktualisieren (nicht über den Konnektor)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Akku 35 %, nicht in der Ladeschale.")) << r.out;
    EXPECT_TRUE(foreignInGerman(r.out).empty()) << ::testing::PrintToString(foreignInGerman(r.out));
    const auto en = status({}, "en_GB.UTF-8");
    EXPECT_TRUE(contains(en.out, "CVC certificate list 1.0.0 is outdated; 1.1.1 is needed.")) << en.out;
    const auto json = statusJson();
    bool found = false;
    for (const auto& f : json["findings"].toArray())
        if (f.toObject()["component"] == "mobile-terminal") {
            found = true;
            EXPECT_EQ(f.toObject()["type"].toString(), "mobile-terminal");
            EXPECT_EQ(f.toObject()["code"].toString(), "mobile-terminal.cvc-list-outdated");
            EXPECT_EQ(f.toObject()["installed"].toString(), "4.7.0");
        }
    EXPECT_TRUE(found) << QJsonDocument(json).toJson().toStdString();

    // Not plugged in (nothing answers there): said, and the rest of the check goes on.
    writeSettings();
    writeFile(dir / "tiservice.ini",
              readFile(dir / "tiservice.ini") + "\n[mobile_terminal]\nurl = http://127.0.0.1:1/mobile-terminal/v1\n");
    r = status();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;  // not connected is no reason to act on the TI
    EXPECT_TRUE(contains(r.out, "Das mobile Kartenterminal antwortet nicht")) << r.out;
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+ (KOCOC-kocobox), Firmware 1.3.10")) << r.out;
}
