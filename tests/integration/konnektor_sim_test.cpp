// konnektor-sim as a real process over real TLS: what it serves, checked with curl and
// validated against the official gematik schemas with xmllint.
#include <gtest/gtest.h>

#include <unistd.h>

#include <set>
#include <thread>

#include <QJsonArray>

#include "support/simulator.h"
#include "tiservice/clock.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string state(const SimulatorProcess& sim, const char* key, int connector = 0) {
    const auto v = sim.control("GET", "/state")["connectors"].toArray()[connector].toObject()[key];
    return v.isBool() ? (v.toBool() ? "true" : "false") : v.toString().toStdString();
}

}  // namespace

// --- connector.sds -------------------------------------------------------------------------

TEST(KonnektorSim, ServiceDirectoryIsValidAgainstTheGematikSchema) {
    SimulatorProcess sim;
    const auto r = sim.request("GET", sim.sdsUrl());
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(schemaErrors(r.body, "conn/ServiceDirectory.xsd"), "");
    EXPECT_TRUE(contains(r.body, "<PI:ProductVendorID>KOCOC</PI:ProductVendorID>"));
    EXPECT_TRUE(contains(r.body, "<PI:ProductCode>kocobox</PI:ProductCode>"));
    EXPECT_TRUE(contains(r.body, "<PI:ProductName>KoCoBox MED+</PI:ProductName>"));
    EXPECT_TRUE(contains(r.body, "<PI:FWVersion>1.3.10</PI:FWVersion>"));
    EXPECT_TRUE(contains(r.body, "<TLSMandatory>true</TLSMandatory>"));
    EXPECT_TRUE(contains(r.body, "TargetNamespace=\"http://ws.gematik.de/conn/EventService/v7.2\""));
    EXPECT_TRUE(contains(r.body, "/ws/EventService\"/>"));
}

TEST(KonnektorSim, ServiceDirectoryReportsTheScenarioIdentity) {
    SimulatorProcess sim({.scenario = "other-connector-vendors.json"});
    const auto rise = sim.request("GET", sim.sdsUrl(0));
    const auto secunet = sim.request("GET", sim.sdsUrl(1));
    EXPECT_TRUE(contains(rise.body, "<PI:ProductVendorID>RISEG</PI:ProductVendorID>"));
    EXPECT_TRUE(contains(rise.body, "<PI:FWVersion>5.1.7</PI:FWVersion>"));
    EXPECT_TRUE(contains(secunet.body, "<PI:ProductVendorID>SECUN</PI:ProductVendorID>"));
    EXPECT_EQ(schemaErrors(secunet.body, "conn/ServiceDirectory.xsd"), "");
}

TEST(KonnektorSim, ServerCertificateCarriesTheConnectorNames) {
    SimulatorProcess sim;
    const auto port = sim.serviceBase().substr(sim.serviceBase().rfind(':') + 1);
    for (const std::string host : {"konnektor.konlan", "localhost"}) {
        const auto r = sim.request("GET", "https://" + host + ":" + port + "/connector.sds", {},
                                   {"--resolve", host + ":" + port + ":127.0.0.1"});
        EXPECT_EQ(r.status, 200) << host << ": " << r.error;
    }
    // A name the certificate does not carry fails the check.
    const auto wrong = sim.request("GET", "https://falsch.konlan:" + port + "/connector.sds", {},
                                   {"--resolve", "falsch.konlan:" + port + ":127.0.0.1"});
    EXPECT_EQ(wrong.status, 0);
}

TEST(KonnektorSim, UntrustedClientsFailTheTlsHandshake) {
    SimulatorProcess sim;
    const auto r = sim.request("GET", sim.sdsUrl(), {}, {"--cacert", "/dev/null"});
    EXPECT_EQ(r.status, 0);
}

// --- EventService --------------------------------------------------------------------------

TEST(KonnektorSim, GetCardTerminalsIsValidAndListsTheDefaultTerminals) {
    SimulatorProcess sim;
    const auto r = sim.soap("GetCardTerminals");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = soapBodyChild(r.body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_TRUE(contains(body, "<PI:ProductVendorID>INGHC</PI:ProductVendorID>"));
    EXPECT_TRUE(contains(body, "<PI:ProductCode>ORGA6100</PI:ProductCode>"));
    EXPECT_TRUE(contains(body, "<PI:FWVersion>3.7.4</PI:FWVersion>"));
    EXPECT_TRUE(contains(body, "<PI:ProductName>Cherry G87-1505</PI:ProductName>"));
    EXPECT_TRUE(contains(body, "<CT:Connected>true</CT:Connected>"));
}

TEST(KonnektorSim, DisconnectedTerminalReportsEmptyIdentityAndUnknownVersions) {
    SimulatorProcess sim({.scenario = "terminal-not-connected.json"});
    const auto body = soapBodyChild(sim.soap("GetCardTerminals").body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_TRUE(contains(body, "<CT:Connected>false</CT:Connected>"));
    EXPECT_TRUE(contains(body, "<PI:ProductVendorID></PI:ProductVendorID>"));
    EXPECT_TRUE(contains(body, "<PI:FWVersion>0.0.0</PI:FWVersion>"));
    EXPECT_TRUE(contains(body, "<CARDCMN:CtId>CT-SPRECHZIMMER1</CARDCMN:CtId>"));
}

TEST(KonnektorSim, ResourceInformationShowsOnlineVpnAndNoBlockWhenCurrent) {
    SimulatorProcess sim;
    const auto r = sim.soap("GetResourceInformation");
    ASSERT_EQ(r.status, 200);
    const auto body = soapBodyChild(r.body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_TRUE(contains(body, "<CONN:VPNTIStatus><CONN:ConnectionStatus>Online"));
    EXPECT_TRUE(contains(body, "<CONN:ErrorCondition>EC_FW_Not_Valid_Status_Blocked</CONN:ErrorCondition>"
                               "<CONN:Severity>Fatal</CONN:Severity><CONN:Type>Security</CONN:Type>"
                               "<CONN:Value>false</CONN:Value>"));
}

TEST(KonnektorSim, CriticalUpdateSetsConnectorSoftwareOutOfDate) {
    SimulatorProcess sim({.scenario = "connector-deadline-in-10-days.json"});
    const auto body = soapBodyChild(sim.soap("GetResourceInformation").body);
    EXPECT_TRUE(contains(body, "<CONN:ErrorCondition>EC_Connector_Software_Out_Of_Date</CONN:ErrorCondition>"
                               "<CONN:Severity>Info</CONN:Severity><CONN:Type>Operation</CONN:Type>"
                               "<CONN:Value>true</CONN:Value>"));
    EXPECT_TRUE(contains(body, "EC_FW_Not_Valid_Status_Blocked</CONN:ErrorCondition><CONN:Severity>Fatal</CONN:Severity>"
                               "<CONN:Type>Security</CONN:Type><CONN:Value>false"));
}

TEST(KonnektorSim, PassedCriticalDeadlineBlocksTheConnectorAndTakesTheVpnOffline) {
    SimulatorProcess sim({.scenario = "connector-blocked.json"});
    const auto body = soapBodyChild(sim.soap("GetResourceInformation").body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_TRUE(contains(body, "EC_FW_Not_Valid_Status_Blocked</CONN:ErrorCondition><CONN:Severity>Fatal</CONN:Severity>"
                               "<CONN:Type>Security</CONN:Type><CONN:Value>true"));
    EXPECT_TRUE(contains(body, "<CONN:VPNTIStatus><CONN:ConnectionStatus>Offline"));
}

TEST(KonnektorSim, DeadlinePassingWhileRunningBlocksTheConnector) {
    SimulatorProcess sim({.scenario = "connector-deadline-in-10-days.json"});
    sim.control("POST", "/clock", R"({"advanceSeconds": 950400})");  // 11 days
    const auto body = soapBodyChild(sim.soap("GetResourceInformation").body);
    EXPECT_TRUE(contains(body, "EC_FW_Not_Valid_Status_Blocked</CONN:ErrorCondition><CONN:Severity>Fatal</CONN:Severity>"
                               "<CONN:Type>Security</CONN:Type><CONN:Value>true"));
}

TEST(KonnektorSim, OutdatedTerminalSetsCardTerminalSoftwareOutOfDate) {
    SimulatorProcess sim({.scenario = "terminal-update-available.json"});
    const auto body = soapBodyChild(sim.soap("GetResourceInformation").body);
    EXPECT_TRUE(contains(body, "<CONN:ErrorCondition>EC_CardTerminal_Software_Out_Of_Date</CONN:ErrorCondition>"
                               "<CONN:Severity>Info</CONN:Severity><CONN:Type>Operation</CONN:Type>"
                               "<CONN:Value>true</CONN:Value>"));
    // With a CtId the answer carries that terminal, still valid against the schema.
    const auto one = soapBodyChild(sim.soap("GetResourceInformation", "Praxis1", "PVS1", "Empfang",
                                            "<cm:CtId>CT-EMPFANG</cm:CtId>").body);
    EXPECT_EQ(schemaErrors(one, "conn/EventService.xsd"), "");
    EXPECT_TRUE(contains(one, "<PI:FWVersion>3.7.2</PI:FWVersion>"));
}

TEST(KonnektorSim, WrongContextGetsTheConnectorsSoapFault) {
    SimulatorProcess sim;
    struct Case { std::string mandant, client, workplace, code; };
    for (const auto& c : {Case{"Fremd", "PVS1", "Empfang", "4004"}, Case{"Praxis1", "Fremd", "Empfang", "4005"},
                          Case{"Praxis1", "PVS1", "Keller", "4006"}}) {
        const auto r = sim.soap("GetCardTerminals", c.mandant, c.client, c.workplace);
        EXPECT_EQ(r.status, 500);
        EXPECT_TRUE(contains(r.body, "<faultcode>soap:Server</faultcode>"));
        EXPECT_TRUE(contains(r.body, "<GERROR:Code>" + c.code + "</GERROR:Code>")) << r.body;
        const auto detail = r.body.substr(r.body.find("<GERROR:Error"),
                                          r.body.find("</detail>") - r.body.find("<GERROR:Error"));
        EXPECT_EQ(schemaErrors(detail, "tel/error/TelematikError.xsd"), "") << detail;
    }
}

TEST(KonnektorSim, MalformedSoapRequestGetsSyntaxFault) {
    SimulatorProcess sim;
    const auto r = sim.request("POST", sim.serviceBase() + "/ws/EventService", "<kein xml", {"-H", "Content-Type: text/xml"});
    EXPECT_EQ(r.status, 500);
    EXPECT_TRUE(contains(r.body, "<GERROR:Code>4000</GERROR:Code>"));
}

// --- TLS modes -----------------------------------------------------------------------------

TEST(KonnektorSim, ClientCertificateModeRefusesClientsWithoutTheIssuedP12) {
    TempDir dir;
    writeFile(dir / "p12pw", "Zertifikat-Passwort1\n");
    SimulatorProcess sim({.args = {"--tls", "client", "--client-p12", (dir / "client.p12").string(),
                                   "--client-p12-password-file", (dir / "p12pw").string()}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 0);
    const auto r = sim.request("GET", sim.sdsUrl(), {},
                               {"--cert-type", "P12", "--cert", (dir / "client.p12").string() + ":Zertifikat-Passwort1"});
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_TRUE(contains(r.body, "<ClientAutMandatory>true</ClientAutMandatory>"));
    EXPECT_EQ(std::filesystem::status(dir / "client.p12").permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
}

TEST(KonnektorSim, BasicAuthIsRequiredWhenConfigured) {
    TempDir dir;
    writeFile(dir / "pw", "Basic-Geheim1\n");
    SimulatorProcess sim({.args = {"--basic-auth-user", "pvs", "--basic-auth-password-file", (dir / "pw").string()}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 401);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"-u", "pvs:falsch"}).status, 401);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"-u", "pvs:Basic-Geheim1"}).status, 200);
    EXPECT_FALSE(contains(sim.process().out() + sim.process().err(), "Basic-Geheim1"));
}

TEST(KonnektorSim, PlainHttpModeServesWithoutTls) {
    SimulatorProcess sim({.args = {"--tls", "off"}});
    EXPECT_EQ(sim.sdsUrl().rfind("http://", 0), 0u);
    const auto r = sim.request("GET", sim.sdsUrl());
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.body, "<TLSMandatory>false</TLSMandatory>"));
    EXPECT_TRUE(contains(r.body, "<SI:Endpoint Location=\"http://"));
}

// --- management API ------------------------------------------------------------------------

TEST(KonnektorSimManagement, WrongPasswordCountsDownThenLocksTheAccount) {
    SimulatorProcess sim;
    for (int left = 4; left >= 1; --left) {
        const auto r = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"falsch"})");
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(r.json()["triesLeft"].toInt(), left);
    }
    const auto locked = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"falsch"})");
    EXPECT_EQ(locked.status, 423);
    EXPECT_FALSE(locked.json()["lockedUntil"].toString().isEmpty());
    // Even the right password is refused while locked.
    EXPECT_EQ(sim.login("Praxis2026!"), "");
    // After the lock time it works again.
    sim.control("POST", "/clock", R"({"advanceSeconds": 901})");
    EXPECT_NE(sim.login("Praxis2026!"), "");
}

TEST(KonnektorSimManagement, ExpiredPasswordAllowsOnlyThePasswordChange) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    const auto r = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"Praxis2025!"})");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.json()["passwordExpired"].toBool());
    const auto token = r.json()["token"].toString().toStdString();
    EXPECT_EQ(sim.management("GET", "/updates", token).status, 403);
    const auto changed = sim.request("POST", sim.managementBase() + "/password",
                                     R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    EXPECT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(sim.management("GET", "/updates", token).status, 200);
    EXPECT_NE(sim.login("Sommer2026!x"), "");
    EXPECT_EQ(sim.login("Praxis2025!"), "");
}

TEST(KonnektorSimManagement, PasswordChangeNamesEachBrokenRule) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    struct Case { std::string password, rule; };
    for (const auto& c : {Case{"Ab1!", "length"}, Case{"abcdefghij", "classes"}, Case{"Praxis 2026!", "characters"},
                          Case{"Koco-Root2026!", "user-name"}, Case{"Toor-Ocok2026!", "user-name"},
                          Case{"Praxis2024!", "reused"}, Case{"Praxis2025!", "reused"}}) {
        const auto r = sim.request("POST", sim.managementBase() + "/password",
                                   R"({"oldPassword":"Praxis2025!","newPassword":")" + c.password + "\"}");
        EXPECT_EQ(r.status, 422) << c.password;
        const auto violations = r.json()["violations"].toArray();
        ASSERT_FALSE(violations.isEmpty()) << c.password;
        EXPECT_EQ(violations[0].toObject()["rule"].toString().toStdString(), c.rule) << c.password;
        EXPECT_FALSE(violations[0].toObject()["message"].toObject()["de"].toString().isEmpty());
    }
    const auto wrongOld = sim.request("POST", sim.managementBase() + "/password",
                                      R"({"oldPassword":"falsch","newPassword":"Sommer2026!x"})");
    EXPECT_EQ(wrongOld.status, 401);
}

TEST(KonnektorSimManagement, RequestsWithoutSessionAreRefused) {
    SimulatorProcess sim;
    EXPECT_EQ(sim.management("GET", "/updates", "erfunden").status, 401);
    EXPECT_EQ(sim.request("GET", sim.managementBase() + "/status").status, 200);  // like the display: public
}

TEST(KonnektorSimManagement, OffersUpdatesWithVersionPriorityDeadlineAndSize) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    const auto updates = sim.management("GET", "/updates", token).json()["updates"].toArray();
    ASSERT_EQ(updates.size(), 2);
    std::set<std::string> ids;
    for (const auto& u : updates) {
        const auto o = u.toObject();
        ids.insert(o["updateId"].toString().toStdString());
        if (o["component"].toString() == "connector") {
            EXPECT_EQ(o["version"].toString(), "1.3.10");
            EXPECT_EQ(o["installedVersion"].toString(), "1.3.4");
            EXPECT_EQ(o["priority"].toString(), "Kritisch");
            EXPECT_FALSE(o["deadline"].toString().isEmpty());
            EXPECT_EQ(o["sizeBytes"].toDouble(), 209715200.0);
            EXPECT_EQ(o["download"].toObject()["state"].toString(), "not-started");
            EXPECT_FALSE(o["releaseNotes"].toObject()["de"].toString().isEmpty());
        }
    }
    EXPECT_EQ(ids, (std::set<std::string>{"KOCOC-kocobox-1.3.10", "INGHC-ORGA6100-3.7.4"}));
}

TEST(KonnektorSimManagement, DownloadProgressesAndCompletes) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json", .timeScale = 100});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    EXPECT_EQ(sim.management("POST", "/updates/KOCOC-kocobox-1.3.10/download", token).status, 202);
    const auto downloadState = [&] {
        for (const auto& u : sim.management("GET", "/updates", token).json()["updates"].toArray())
            if (u.toObject()["component"].toString() == "connector") return u.toObject()["download"].toObject();
        return QJsonObject{};
    };
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return downloadState()["percent"].toInt() > 0; }, 10s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return downloadState()["state"].toString() == "downloaded"; }, 20s));
}

TEST(KonnektorSimManagement, KsrDownRefusesTheDownload) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json", .args = {"--fault-ksr-down"}});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    const auto r = sim.management("POST", "/updates/KOCOC-kocobox-1.3.10/download", token);
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.json()["error"].toString(), "ksr-unreachable");
    EXPECT_FALSE(sim.management("GET", "/updates", token).json()["ksrReachable"].toBool());
}

// --- installation --------------------------------------------------------------------------

namespace {

/// A started simulator on the demo scenario with the password changed, both updates
/// downloaded and a session; time runs 600x (a 20-minute installation takes 2 s).
struct PreparedPractice {
    explicit PreparedPractice(std::vector<std::string> args = {}, double scale = 600)
        : sim({.scenario = "expired-connector-outdated-terminal.json", .timeScale = scale, .args = std::move(args)}) {
        sim.request("POST", sim.managementBase() + "/password",
                    R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
        token = sim.login("Sommer2026!x");
        for (const char* id : {"KOCOC-kocobox-1.3.10", "INGHC-ORGA6100-3.7.4"})
            sim.management("POST", std::string("/updates/") + id + "/download", token);
        SimulatorProcess::waitFor([&] {
            int done = 0;
            for (const auto& u : sim.management("GET", "/updates", token).json()["updates"].toArray())
                done += u.toObject()["download"].toObject()["state"].toString() == "downloaded";
            return done == 2;
        }, 30s);
    }
    HttpResult install(const std::string& updateId, const std::string& extra = "") {
        return sim.management("POST", "/updates/" + updateId + "/install", token,
                              R"({"clientSystemId":"PVS1","workplaceId":"Empfang")" + extra + "}");
    }
    QJsonObject status() { return sim.request("GET", sim.managementBase() + "/status").json(); }
    SimulatorProcess sim;
    std::string token;
};

bool sdsShowsVersion(const SimulatorProcess& sim, const std::string& version) {
    return contains(sim.request("GET", sim.sdsUrl()).body, "<PI:FWVersion>" + version + "</PI:FWVersion>");
}

}  // namespace

TEST(KonnektorSimInstallation, ConnectorUpdateIsRefusedWhileTerminalUpdatesArePending) {
    PreparedPractice p;
    const auto r = p.install("KOCOC-kocobox-1.3.10");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.json()["error"].toString(), "terminals-first");
    EXPECT_EQ(r.json()["pendingTerminals"].toArray()[0].toString(), "CT-EMPFANG");
}

TEST(KonnektorSimInstallation, TerminalThenConnectorInstallWithRebootsAndNewVersionEverywhere) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    // While the terminal installs it is not connected.
    EXPECT_TRUE(contains(soapBodyChild(p.sim.soap("GetCardTerminals").body), "<CT:Connected>false</CT:Connected>"));
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return contains(p.sim.soap("GetCardTerminals").body, "<PI:FWVersion>3.7.4</PI:FWVersion>");
    }, 20s));

    const auto started = p.install("KOCOC-kocobox-1.3.10");
    ASSERT_EQ(started.status, 202) << started.body;
    EXPECT_EQ(started.json()["startedBy"].toObject()["workplaceId"].toString(), "Empfang");
    // The connector reboots: its port stops answering for a while.
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 0; }, 20s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return sdsShowsVersion(p.sim, "1.3.10"); }, 30s));
    const auto status = p.status();
    EXPECT_EQ(status["firmwareVersion"].toString(), "1.3.10");
    EXPECT_EQ(status["lastInstallation"].toObject()["state"].toString(), "succeeded");
    // The old session ended with the reboot.
    EXPECT_EQ(p.sim.management("GET", "/updates", p.token).status, 401);
    // Operating state no longer reports the connector out of date.
    EXPECT_TRUE(contains(p.sim.soap("GetResourceInformation").body,
                         "EC_Connector_Software_Out_Of_Date</CONN:ErrorCondition><CONN:Severity>Info</CONN:Severity>"
                         "<CONN:Type>Operation</CONN:Type><CONN:Value>false"));
}

TEST(KonnektorSimInstallation, StatusShowsPercentAndWhoStartedIt) {
    PreparedPractice p({}, 60);  // slower, to catch it mid-way
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    QJsonObject update;
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        update = p.status()["update"].toObject();
        return update["state"].toString() == "installing" && update["percent"].toInt() > 0;
    }, 10s));
    EXPECT_EQ(update["startedBy"].toObject()["clientSystemId"].toString(), "PVS1");
    EXPECT_EQ(update["component"].toString(), "CT-EMPFANG");
}

TEST(KonnektorSimInstallation, PlannedInstallationStartsAtItsTimeAndCanBeCancelledBefore) {
    PreparedPractice p;
    const auto status = p.status();
    const auto now = tiservice::parseUtc(status["now"].toString().toStdString());
    ASSERT_TRUE(now);
    const auto in1h = tiservice::formatUtc(*now + std::chrono::hours(1));
    const auto r = p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + in1h + "\"");
    ASSERT_EQ(r.status, 202);
    EXPECT_EQ(r.json()["state"].toString(), "planned");
    EXPECT_EQ(p.status()["planned"].toArray().size(), 1);
    EXPECT_EQ(p.sim.management("DELETE", "/updates/INGHC-ORGA6100-3.7.4/install", p.token).status, 200);
    EXPECT_EQ(p.status()["planned"].toArray().size(), 0);

    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + in1h + "\"").status, 202);
    // Connector planned after the terminal: accepted, runs once the terminal is done.
    const auto later = tiservice::formatUtc(*now + std::chrono::hours(1) + std::chrono::minutes(1));
    ASSERT_EQ(p.install("KOCOC-kocobox-1.3.10", R"(,"at":")" + later + "\"").status, 202);
    p.sim.control("POST", "/clock", R"({"advanceSeconds": 3600})");
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return sdsShowsVersion(p.sim, "1.3.10"); }, 30s));
}

TEST(KonnektorSimInstallation, SecondStartFromAnotherWorkplaceSeesTheFirst) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    const auto second = p.sim.management("POST", "/updates/INGHC-ORGA6100-3.7.4/install", p.token,
                                         R"({"clientSystemId":"PVS1","workplaceId":"Sprechzimmer1"})");
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.json()["error"].toString(), "already-planned");
    EXPECT_EQ(second.json()["installation"].toObject()["startedBy"].toObject()["workplaceId"].toString(), "Empfang");
}

TEST(KonnektorSimInstallation, TwoSimultaneousStartsEndInExactlyOneInstallation) {
    PreparedPractice p;
    HttpResult a, b;
    std::thread t1([&] { a = p.install("INGHC-ORGA6100-3.7.4"); });
    std::thread t2([&] { b = p.install("INGHC-ORGA6100-3.7.4"); });
    t1.join();
    t2.join();
    EXPECT_EQ(std::set<int>({a.status, b.status}), (std::set<int>{202, 409}));
    EXPECT_EQ(p.sim.control("GET", "/state")["connectors"].toArray()[0].toObject()["installations"].toArray().size(), 1);
}

TEST(KonnektorSimInstallation, FailedInstallationKeepsTheOldVersionAndGivesTheReason) {
    PreparedPractice p({"--fault-install-fails", "Prüfsumme falsch"});
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return p.status()["lastInstallation"].toObject()["state"].toString() == "failed";
    }, 20s));
    EXPECT_EQ(p.status()["lastInstallation"].toObject()["reason"].toString(), "Prüfsumme falsch");
    EXPECT_TRUE(contains(p.sim.soap("GetCardTerminals").body, "<PI:FWVersion>3.7.2</PI:FWVersion>"));
}

TEST(KonnektorSimInstallation, PowerLossDuringInstallationLeavesTheConnectorBroken) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return contains(p.sim.soap("GetCardTerminals").body, "<PI:FWVersion>3.7.4</PI:FWVersion>");
    }, 20s));
    p.token = p.sim.login("Sommer2026!x");
    ASSERT_EQ(p.install("KOCOC-kocobox-1.3.10").status, 202);
    p.sim.control("POST", "/faults", R"({"powerLoss": true})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return state(p.sim, "broken") == "true"; }, 20s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 200; }, 20s));
    EXPECT_TRUE(sdsShowsVersion(p.sim, "1.3.4"));
    EXPECT_EQ(p.status()["update"].toObject()["state"].toString(), "broken");
    EXPECT_TRUE(contains(p.sim.soap("GetResourceInformation").body,
                         "EC_Software_Integrity_Check_Failed</CONN:ErrorCondition><CONN:Severity>Fatal</CONN:Severity>"
                         "<CONN:Type>Security</CONN:Type><CONN:Value>true"));
}

TEST(KonnektorSimInstallation, SlowRebootKeepsThePortsDownLonger) {
    PreparedPractice p({"--fault-reboot-seconds", "1800"});  // 30 min instead of 2, 3 s real
    const auto r = p.sim.management("POST", "/reboot", p.token);
    EXPECT_EQ(r.status, 202);
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 0; }, 2s));
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(p.sim.request("GET", p.sim.sdsUrl()).status, 0);
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 200; }, 10s));
}

// --- faults on the wire --------------------------------------------------------------------

TEST(KonnektorSimFaults, MalformedAnswersAreMalformed) {
    SimulatorProcess sim;
    sim.control("POST", "/faults", R"({"malformed": "broken-xml"})");
    auto r = sim.request("GET", sim.sdsUrl());
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(schemaErrors(r.body, "conn/ServiceDirectory.xsd"), "");
    sim.control("POST", "/faults", R"({"malformed": "wrong-content-type"})");
    r = sim.request("GET", sim.sdsUrl(), {}, {"-o", "/dev/null", "-w", "%{content_type}\n"});
    EXPECT_TRUE(contains(r.body, "text/html")) << r.body;
    sim.control("POST", "/faults", R"({"malformed": "truncated"})");
    r = sim.request("GET", sim.sdsUrl());
    EXPECT_TRUE(contains(r.error, "transfer closed") || contains(r.error, "18")) << r.error;
    sim.control("POST", "/faults", R"({"clear": true})");
    EXPECT_EQ(schemaErrors(sim.request("GET", sim.sdsUrl()).body, "conn/ServiceDirectory.xsd"), "");
}

TEST(KonnektorSimFaults, DroppedConnectionsAndSlowAnswers) {
    SimulatorProcess sim({.args = {"--fault-drop", "1"}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 0);
    sim.control("POST", "/faults", R"({"dropProbability": 0, "slowMs": 1500})");
    const auto r = sim.request("GET", sim.sdsUrl(), {}, {"--max-time", "1"});
    EXPECT_EQ(r.status, 0);  // slower than the client waits
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"--max-time", "5"}).status, 200);
}

TEST(KonnektorSimFaults, UpdateServerServesFilesWithRangesAndCanBeDown) {
    TempDir dir;
    writeFile(dir / "catalog/approval-catalog.json", R"({"hello":"catalog"})");
    writeFile(dir / "firmware.bin", std::string(100000, 'x'));
    SimulatorProcess sim({.args = {"--updates-dir", dir.path().string()}});
    auto r = sim.request("GET", sim.updatesBase() + "catalog/approval-catalog.json");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"hello":"catalog"})");
    r = sim.request("GET", sim.updatesBase() + "firmware.bin", {}, {"-r", "99990-"});
    EXPECT_EQ(r.status, 206);
    EXPECT_EQ(r.body, std::string(10, 'x'));
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "../etc/passwd", {}, {"--path-as-is"}).status, 404);
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "missing.json").status, 404);
    sim.control("POST", "/faults", R"({"updateServerDown": true})");
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "catalog/approval-catalog.json").status, 503);
}

// --- several connectors, command line ------------------------------------------------------

TEST(KonnektorSimFleet, CountStartsConnectorsOnConsecutivePortsEachWithItsOwnState) {
    TempDir dir;
    // Fixed ports make "consecutive" visible; pick a base unlikely to be taken.
    const int base = 20000 + (getpid() % 20000);
    ProcessOptions o;
    o.env = {{"HOME", dir.path().string()}};
    BackgroundProcess sim({binary("konnektor-sim").string(), "--count", "3", "--port", std::to_string(base),
                           "--management-port", std::to_string(base + 100), "--control-port", "0", "--update-port", "0",
                           "--state-dir", (dir / "s").string(), "--ready-file", (dir / "ready.json").string()},
                          o, dir / "logs");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return std::filesystem::exists(dir / "ready.json"); }, 20s)) << sim.err();
    const auto ready = readFile(dir / "ready.json");
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(contains(ready, "\"servicePort\":" + std::to_string(base + i)));
        EXPECT_TRUE(contains(ready, "\"managementPort\":" + std::to_string(base + 100 + i)));
    }
}

namespace {

/// konnektor-sim with a command line, in one language.
ProcessResult simCommand(std::vector<std::string> args, const std::string& lang = "de_DE.UTF-8") {
    args.insert(args.begin(), binary("konnektor-sim").string());
    ProcessOptions o;
    o.env = {{"LANG", lang}, {"LC_ALL", std::nullopt}, {"LC_MESSAGES", std::nullopt}};
    o.timeout = 30s;
    return runProcess(args, o);
}

}  // namespace

TEST(KonnektorSimCommandLine, HelpDocumentsEveryOption) {
    for (const char* lang : {"de_DE.UTF-8", "en_US.UTF-8"}) {
    const auto r = simCommand({"--help"}, lang);
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(contains(r.out, std::string(lang).starts_with("de") ? "Aufruf: konnektor-sim" : "Usage: konnektor-sim")) << r.out;
    for (const char* option : {"--scenario", "--count", "--time-scale", "--listen", "--port", "--management-port",
                               "--control-port", "--update-port", "--ready-file", "--tls", "--basic-auth-user",
                               "--basic-auth-password-file", "--client-p12", "--client-p12-password-file",
                               "--state-dir", "--updates-dir", "--updates-tls", "--fault-power-loss", "--fault-install-fails",
                               "--fault-ksr-down", "--fault-download-stalls", "--fault-drop", "--fault-slow",
                               "--fault-malformed", "--fault-reboot-seconds", "--fault-update-server-down"})
        EXPECT_TRUE(contains(r.out, option)) << option << " " << lang;
    }
}

TEST(KonnektorSimCommandLine, RefusesNonLoopbackAddressesAndBadOptions) {
    auto r = simCommand({"--listen", "0.0.0.0"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Nur Loopback-Adressen sind erlaubt: 0.0.0.0")) << r.err;
    r = simCommand({"--listen", "0.0.0.0"}, "en_GB.UTF-8");
    EXPECT_TRUE(contains(r.err, "only loopback addresses are allowed: 0.0.0.0")) << r.err;
    r = simCommand({"--frobnicate"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Unbekannte Option: --frobnicate")) << r.err;
    // A number that is not one is named, not reported as "stoi".
    r = simCommand({"--port", "acht"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--port erwartet eine ganze Zahl, nicht \"acht\"")) << r.err;
    r = simCommand({"--time-scale", "fast"}, "en_US.UTF-8");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--time-scale expects a number, not \"fast\"")) << r.err;
    TempDir dir;
    writeFile(dir / "bad.json", "{ kaputt");
    r = simCommand({"--scenario", (dir / "bad.json").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Szenario-Datei ist ungültig")) << r.err;
    r = simCommand({"--scenario", (dir / "bad.json").string()}, "en_US.UTF-8");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "scenario file is not valid")) << r.err;
}

TEST(KonnektorSimCommandLine, AdminPasswordNeverAppearsInItsOutput) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"Praxis2025!"})");
    EXPECT_FALSE(contains(sim.process().out() + sim.process().err(), "Praxis2025!"));
}
