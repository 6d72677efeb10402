// The assessment as a table: each row one situation a practice can be in.
#include "tiservice/assess/assessment.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>

#include "support/temp_dir.h"

using namespace tiservice;
using namespace tiservice::assess;

namespace {

const catalog::ApprovalCatalog& defaultCatalog() {
    static const catalog::ApprovalCatalog c = [] {
        auto text = tiservice::testing::readFile(std::filesystem::path(TISERVICE_SOURCE_DIR) /
                                                 "tools/tiservice-repo/catalog/approval-catalog.json");
        auto parsed = catalog::parseApprovalCatalog(text);
        if (!parsed.ok()) throw std::runtime_error(parsed.error().describe(Language::English));
        return std::move(parsed).value();
    }();
    return c;
}

FirmwareVersion v(const char* s) { return *FirmwareVersion::parse(s); }
TimePoint at(const char* s) { return *parseUtc(s); }

/// An ErrorState as the connector writes it, "EC_…(CT_ID_0176)" included.
konnektor::OperatingState state(const std::string& errorCondition, const char* severity, const char* type, bool active,
                                std::optional<TimePoint> validFrom = std::nullopt) {
    konnektor::OperatingState s;
    s.errorCondition = errorCondition;
    std::tie(s.condition, s.subject) = konnektor::splitErrorCondition(errorCondition);
    s.severity = severity;
    s.type = type;
    s.active = active;
    s.validFrom = validFrom;
    return s;
}

konnektor::CardTerminal terminal(const char* ctId, const char* name, const char* vendor, const char* code,
                                 const char* product, const char* fw, bool connected = true) {
    konnektor::CardTerminal t;
    t.ctId = ctId;
    t.name = name;
    t.connected = connected;
    t.product.vendorId = connected ? vendor : "";
    t.product.productCode = connected ? code : "";
    t.product.productName = connected ? product : "";
    t.product.firmwareVersion = connected ? v(fw) : FirmwareVersion{};
    return t;
}

/// The practice of the all-current scenario, on 2026-11-28.
Input practice() {
    Input in;
    in.connector.vendorId = "KOCOC";
    in.connector.productCode = "kocobox";
    in.connector.productName = "KoCoBox MED+";
    in.connector.firmwareVersion = v("1.3.10");
    in.resources.vpnTiOnline = true;
    in.terminals = {terminal("CT-EMPFANG", "Empfang", "INGHC", "ORGA6100", "ORGA 6141 online", "3.7.4"),
                    terminal("CT-SZ1", "Sprechzimmer 1", "CHERR", "G871505", "Cherry G87-1505", "3.0.1")};
    in.catalog = &defaultCatalog();
    in.now = at("2026-11-28T12:00:00Z");
    return in;
}

Finding findingFor(const std::vector<Finding>& fs, const std::string& component) {
    for (const auto& f : fs)
        if (f.component == component) return f;
    throw std::runtime_error("no finding for " + component);
}

struct Row {
    const char* situation;
    std::function<void(Input&)> setUp;
    const char* component;
    const char* code;
    ComponentStatus status;
    std::optional<int> daysLeft;
};

const Row kRows[] = {
    {"everything current", [](Input&) {}, "connector", "connector.current", ComponentStatus::Current, std::nullopt},
    {"terminal current", [](Input&) {}, "CT-EMPFANG", "terminal.current", ComponentStatus::Current, std::nullopt},
    {"terminal without updates is current", [](Input&) {}, "CT-SZ1", "terminal.current", ComponentStatus::Current, std::nullopt},
    {"connector on 1.3.4 after its approval ended",
     [](Input& in) { in.connector.firmwareVersion = v("1.3.4"); }, "connector", "connector.approval-expired",
     ComponentStatus::Expired, -2524},
    {"connector on 1.3.4, ten and a half days before the approval ends",
     [](Input& in) {
         in.connector.firmwareVersion = v("1.3.4");
         in.now = at("2019-12-21T12:00:00Z");
     },
     "connector", "connector.approval-ends", ComponentStatus::ApprovalEnds, 10},
    {"connector reports the TI block",
     [](Input& in) {
         in.connector.firmwareVersion = v("1.3.4");
         in.resources.states.push_back(state("EC_FW_Not_Valid_Status_Blocked", "Fatal", "Security", true, at("2026-11-26T00:00:00Z")));
     },
     "connector", "connector.blocked", ComponentStatus::Blocked, -3},
    {"blocked state reported but not active is ignored",
     [](Input& in) { in.resources.states.push_back(state("EC_FW_Not_Valid_Status_Blocked", "Fatal", "Security", false)); },
     "connector", "connector.current", ComponentStatus::Current, std::nullopt},
    {"connector broken after a power loss",
     [](Input& in) { in.resources.states.push_back(state("EC_Software_Integrity_Check_Failed", "Fatal", "Security", true)); },
     "connector", "connector.integrity-failed", ComponentStatus::Blocked, std::nullopt},
    {"critical update offered, deadline in 5 days",
     [](Input& in) { in.offered.push_back({"connector", v("1.3.12"), true, at("2026-12-03T12:00:00Z")}); },
     "connector", "connector.approval-ends", ComponentStatus::ApprovalEnds, 5},
    {"critical update offered, deadline passed",
     [](Input& in) { in.offered.push_back({"connector", v("1.3.12"), true, at("2026-11-20T00:00:00Z")}); },
     "connector", "connector.critical-deadline-passed", ComponentStatus::Expired, -9},
    {"normal update offered",
     [](Input& in) { in.offered.push_back({"connector", v("1.3.12"), false, std::nullopt}); },
     "connector", "connector.update-available", ComponentStatus::UpdateAvailable, std::nullopt},
    {"offer for an older version is no update",
     [](Input& in) { in.offered.push_back({"connector", v("1.3.4"), true, at("2026-11-20T00:00:00Z")}); },
     "connector", "connector.current", ComponentStatus::Current, std::nullopt},
    {"connector says it is out of date although the catalog knows nothing newer",
     [](Input& in) { in.resources.states.push_back(state("EC_Connector_Software_Out_Of_Date", "Info", "Operation", true)); },
     "connector", "connector.update-available", ComponentStatus::UpdateAvailable, std::nullopt},
    {"connector of a vendor the catalog does not know",
     [](Input& in) {
         in.connector.vendorId = "ABCDE";
         in.connector.productCode = "xkon";
         in.connector.firmwareVersion = v("5.1.7");
     },
     "connector", "connector.not-in-catalog", ComponentStatus::Unknown, std::nullopt},
    {"connector newer than the catalog knows",
     [](Input& in) { in.connector.firmwareVersion = v("1.4.0"); }, "connector", "connector.newer-than-catalog",
     ComponentStatus::Unknown, std::nullopt},
    {"terminal on an older version not in the catalog",
     [](Input& in) { in.terminals[0].product.firmwareVersion = v("3.7.2"); }, "CT-EMPFANG", "terminal.update-available",
     ComponentStatus::UpdateAvailable, std::nullopt},
    {"terminal not connected",
     [](Input& in) { in.terminals[1] = terminal("CT-SZ1", "Sprechzimmer 1", "", "", "", "", false); }, "CT-SZ1",
     "terminal.not-connected", ComponentStatus::NotConnected, std::nullopt},
    {"no catalog at all",
     [](Input& in) { in.catalog = nullptr; }, "connector", "connector.catalog-unavailable", ComponentStatus::Unknown,
     std::nullopt},
};

}  // namespace

TEST(Assessment, EveryRowOfTheTable) {
    for (const auto& row : kRows) {
        Input in = practice();
        row.setUp(in);
        const auto findings = assess::assess(in);
        const auto& f = findingFor(findings, row.component);
        EXPECT_EQ(f.code, row.code) << row.situation;
        EXPECT_EQ(f.status, row.status) << row.situation;
        EXPECT_EQ(f.daysLeft, row.daysLeft) << row.situation;
        EXPECT_FALSE(f.summary.de.empty()) << row.situation;
        EXPECT_FALSE(f.summary.en.empty()) << row.situation;
        if (f.status != ComponentStatus::Current) {
            EXPECT_FALSE(f.action.de.empty()) << row.situation;
            EXPECT_FALSE(f.action.en.empty()) << row.situation;
        }
    }
}

TEST(Assessment, ExpiredConnectorSaysTheVpnWillBeBlockedAndWhatToInstall) {
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.4");
    const auto& f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(f.summary.de.find("31.12.2019"), std::string::npos) << f.summary.de;
    EXPECT_NE(f.summary.de.find("VPN-Zugang zur TI wird gesperrt"), std::string::npos);
    EXPECT_NE(f.action.de.find("1.3.10"), std::string::npos);
    EXPECT_EQ(f.recommended->toString(), "1.3.10");
}

TEST(Assessment, ApprovalEndsNamesTheDayAndDaysLeft) {
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.4");
    in.now = at("2019-12-21T12:00:00Z");
    const auto& f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(f.summary.de.find("endet am 31.12.2019 (noch 10 Tage)"), std::string::npos) << f.summary.de;
    EXPECT_NE(f.summary.en.find("ends on 2019-12-31 (10 days left)"), std::string::npos) << f.summary.en;
}

TEST(Assessment, AnEndedApprovalAndTheConnectorsBlockingDayTellOneStory) {
    // The catalog: 1.3.4's approval ended in 2019. The connector (KSR): 1.3.10 is critical until
    // the 6th. The earlier date governs; the day the connector blocks the TI is said with it.
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.4");
    in.now = at("2026-12-02T10:00:00Z");
    in.offered.push_back({"connector", v("1.3.10"), true, at("2026-12-07T00:00:00Z")});
    const auto& f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.status, ComponentStatus::Expired);
    EXPECT_EQ(f.summary.de,
              "Die Zulassung von Version 1.3.4 ist am 31.12.2019 abgelaufen. Der Konnektor sperrt den TI-Zugang am "
              "06.12.2026 (noch 4 Tage).");
    EXPECT_EQ(assess::deadlineText(f, in.now).de, "abgelaufen am 31.12.2019; Sperre am 06.12.2026, noch 4 Tage");
    EXPECT_EQ(assess::deadlineText(f, in.now).en, "expired on 2019-12-31; blocked on 2026-12-06, 4 days left");
    // The countdown counts days, not hours: the same all day long.
    in.now = at("2026-12-02T23:30:00Z");
    EXPECT_EQ(assess::deadlineText(findingFor(assess::assess(in), "connector"), in.now).de,
              "abgelaufen am 31.12.2019; Sperre am 06.12.2026, noch 4 Tage");
}

TEST(Assessment, APlannedOrRunningUpdateChangesWhatToDoAtEveryWorkstation) {
    setenv("TZ", "UTC", 1);
    tzset();
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.4");
    in.now = at("2026-12-02T10:00:00Z");
    konnektor::ManagementStatus m;
    konnektor::Installation planned;
    planned.state = konnektor::Installation::State::Planned;
    planned.component = "connector";
    planned.toVersion = v("1.3.10");
    planned.clientSystemId = "PVS1";
    planned.workplaceId = "Sprechzimmer 1";
    planned.plannedAt = at("2026-12-02T19:00:00Z");
    m.planned.push_back(planned);
    in.management = m;
    auto f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.status, ComponentStatus::Expired);  // the facts stay
    EXPECT_EQ(f.action.de,
              "Das Update auf 1.3.10 ist für 02.12.2026 19:00 geplant (von PVS1/Sprechzimmer 1): nichts "
              "weiter tun; den Konnektor dann eingeschaltet lassen.");
    EXPECT_EQ(f.action.de.find("Sofort"), std::string::npos);
    // Running now: started by the connector's own auto-update.
    konnektor::Installation running = planned;
    running.state = konnektor::Installation::State::Installing;
    running.byAutoUpdate = true;
    in.management->planned.clear();
    in.management->active = running;
    f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.action.de,
              "Das Update auf 1.3.10 läuft gerade (vom Auto-Update des Konnektors): nichts weiter tun und "
              "den Konnektor nicht ausschalten.");
    EXPECT_NE(f.action.en.find("is running right now"), std::string::npos) << f.action.en;
}

TEST(Assessment, ARecentInstallationByAColleagueOrTheServicePartnerIsSaid) {
    setenv("TZ", "UTC", 1);
    tzset();
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.10");
    in.now = at("2026-12-02T08:00:00Z");
    konnektor::ManagementStatus m;
    konnektor::Installation done;
    done.state = konnektor::Installation::State::Succeeded;
    done.component = "connector";
    done.fromVersion = v("1.3.4");
    done.toVersion = v("1.3.10");
    done.clientSystemId = "PVS1";
    done.workplaceId = "Sprechzimmer 2";
    done.finishedAt = at("2026-12-01T19:20:00Z");
    m.recent.push_back(done);
    in.management = m;
    auto f = findingFor(assess::assess(in), "connector");
    ASSERT_TRUE(f.recentInstallation);
    EXPECT_EQ(f.recentInstallation->de, "Am 01.12.2026 19:20 auf 1.3.10 aktualisiert (von PVS1/Sprechzimmer 2).");
    EXPECT_EQ(f.details.back().de, f.recentInstallation->de);
    // Nobody at a workstation: someone at the connector's admin interface, the service partner.
    in.management->recent[0].clientSystemId.clear();
    in.management->recent[0].workplaceId.clear();
    f = findingFor(assess::assess(in), "connector");
    ASSERT_TRUE(f.recentInstallation);
    EXPECT_NE(f.recentInstallation->de.find("etwa von Ihrem Dienstleister vor Ort (DVO)"), std::string::npos)
        << f.recentInstallation->de;
    // Weeks ago, or to a version that no longer runs: not news.
    in.now = at("2026-12-20T08:00:00Z");
    EXPECT_FALSE(findingFor(assess::assess(in), "connector").recentInstallation);
    in.now = at("2026-12-02T08:00:00Z");
    in.connector.firmwareVersion = v("1.3.11");
    EXPECT_FALSE(findingFor(assess::assess(in), "connector").recentInstallation);
}

TEST(Assessment, ThePaidUpgradeIsNamedWithItsStateAsTheServiceDirectoryShowsIt) {
    Input in = practice();
    // A real KoCoBox with NFDM/eMP lists both services in connector.sds.
    in.connectorServices = {"EventService", "NFDService", "AMTSService"};
    auto f = findingFor(assess::assess(in), "connector");
    const auto has = [&](const std::string& text) {
        return std::any_of(f.details.begin(), f.details.end(), [&](const LocalizedText& d) { return d.de == text; });
    };
    EXPECT_TRUE(
        has("Kostenpflichtiges Upgrade „Notfalldaten (NFDM) und Medikationsplan (eMP)“: im Konnektor "
            "freigeschaltet."))
        << ::testing::PrintToString(f.details.size());
    in.connectorServices = {"EventService", "NFDService"};
    f = findingFor(assess::assess(in), "connector");
    EXPECT_TRUE(
        has("Kostenpflichtiges Upgrade „Notfalldaten (NFDM) und Medikationsplan (eMP)“: nicht freigeschaltet. "
            "Separates, kostenpflichtiges Upgrade des Konnektors nach den Feldtests; für die Zulassung nicht "
            "nötig."));
    EXPECT_NE(f.details.back().en.find("Paid upgrade"), std::string::npos) << f.details.back().en;
    EXPECT_EQ(f.status, ComponentStatus::Current);  // never a reason to update
}

TEST(Assessment, WhileAnUpdateIsDueItSaysHowToReadTheVersionOnTheDevice) {
    Input in = practice();
    in.connector.firmwareVersion = v("1.3.4");
    in.terminals[0].product.firmwareVersion = v("3.7.2");
    const auto findings = assess::assess(in);
    const auto connector = findingFor(findings, "connector");
    EXPECT_TRUE(std::any_of(connector.details.begin(), connector.details.end(), [](const LocalizedText& d) {
        return d.de == "Version am Gerät selbst ablesen: Am Display des Konnektors: OK > 4 \"Versionen\".";
    }));
    const auto terminal = findingFor(findings, "CT-EMPFANG");
    EXPECT_TRUE(std::any_of(terminal.details.begin(), terminal.details.end(), [](const LocalizedText& d) {
        return d.de == "Version am Gerät selbst ablesen: Am Terminal: Menü > Service > Status.";
    })) << terminal.code;
    // A current device needs no such hint.
    const auto cherry = findingFor(findings, "CT-SZ1");
    EXPECT_TRUE(std::none_of(cherry.details.begin(), cherry.details.end(),
                             [](const LocalizedText& d) { return d.de.starts_with("Version am Gerät"); }));
}

TEST(Assessment, AMobileTerminalWithTheNeededCvcListIsCurrentAndSaysSo) {
    Input in = practice();
    in.mobileTerminalConfigured = true;
    in.mobileTerminal = konnektor::MobileTerminalStatus{.vendorId = "INGHC",
                                                        .productCode = "ORGA930M",
                                                        .productName = "",
                                                        .firmwareVersion = v("4.7.0"),
                                                        .cvcListVersion = v("1.1.1"),
                                                        .batteryPercent = 90,
                                                        .docked = true};
    auto f = findingFor(assess::assess(in), "mobile-terminal");
    EXPECT_EQ(f.status, ComponentStatus::Current) << f.summary.de;
    EXPECT_EQ(f.name, "ORGA 930 M online");  // from the product table, as for every terminal
    EXPECT_EQ(f.type, ComponentType::MobileTerminal);
    EXPECT_TRUE(std::any_of(f.details.begin(), f.details.end(), [](const LocalizedText& d) {
        return d.de == "CVC-Zertifikatsliste: 1.1.1 (nötig: 1.1.1).";
    }));
    EXPECT_TRUE(std::any_of(f.details.begin(), f.details.end(),
                            [](const LocalizedText& d) { return d.de == "Akku 90 %, in der Ladeschale."; }));
    // A device that names no CVC list: said, not guessed.
    in.mobileTerminal->cvcListVersion = FirmwareVersion{};
    f = findingFor(assess::assess(in), "mobile-terminal");
    EXPECT_TRUE(std::any_of(f.details.begin(), f.details.end(), [](const LocalizedText& d) {
        return d.de == "CVC-Zertifikatsliste: das Gerät nennt keine Version; nötig ist 1.1.1.";
    }));
    // Not answering: not connected, never outdated, never a reason to update the TI.
    in.mobileTerminal.reset();
    f = findingFor(assess::assess(in), "mobile-terminal");
    EXPECT_EQ(f.status, ComponentStatus::NotConnected);
    EXPECT_EQ(f.name, "ORGA 930 M online");
    EXPECT_EQ(assess::overall({f}), ComponentStatus::NotConnected);
}

TEST(MobileTerminal, AnAnswerWithoutItsIdentityIsRefusedWithAClearMessage) {
    EXPECT_FALSE(konnektor::parseMobileTerminalStatus("{}").ok());
    EXPECT_FALSE(konnektor::parseMobileTerminalStatus("<html/>").ok());
    const auto r = konnektor::parseMobileTerminalStatus(R"({"vendorId":"INGHC","productCode":"ORGA930M"})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.de, "Das mobile Kartenterminal antwortet unverständlich.");
    const auto ok = konnektor::parseMobileTerminalStatus(
        R"({"vendorId":"INGHC","productCode":"ORGA930M","firmwareVersion":"4.7.0","batteryPercent":250})");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->batteryPercent, 100);
    EXPECT_TRUE(ok->cvcListVersion.isUnknown());
}

TEST(Assessment, OlderTerminalWithoutOfferSaysCallSupport) {
    Input in = practice();
    in.terminals[0].product.firmwareVersion = v("3.7.2");
    const auto& f = findingFor(assess::assess(in), "CT-EMPFANG");
    EXPECT_NE(f.action.de.find("Support"), std::string::npos) << f.action.de;
    in.offered.push_back({"CT-EMPFANG", v("3.7.4"), false, std::nullopt});
    const auto& g = findingFor(assess::assess(in), "CT-EMPFANG");
    EXPECT_NE(g.action.de.find("3.7.4"), std::string::npos) << g.action.de;
}

TEST(Assessment, BrokenConnectorActionCarriesThePracticesOneSupportNumber) {
    // One number: the one for this practice's customer type, never a list to choose from.
    Input in = practice();
    in.resources.states.push_back(state("EC_Software_Integrity_Check_Failed", "Fatal", "Security", true));
    in.supportContact = "self";
    auto f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(f.action.de.find("030 2464 908 908"), std::string::npos) << f.action.de;
    EXPECT_EQ(f.action.de.find("0800 551 551 2"), std::string::npos) << f.action.de;
    in.supportContact = "cgm";
    f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(f.action.de.find("0800 551 551 2"), std::string::npos) << f.action.de;
    EXPECT_EQ(f.action.de.find("030 2464 908 908"), std::string::npos) << f.action.de;
    // Without a verified catalog the number shipped with tiservice: "call support" never without one.
    in.catalog = nullptr;
    f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(
        f.action.de.find("sofort den Support anrufen. Von CGM installiert (zertifizierter Techniker): 0800 551 551 2"),
        std::string::npos)
        << f.action.de;
}

TEST(Assessment, MostUrgentFirstAndOverallIsTheWorst) {
    Input in = practice();
    in.terminals[0].product.firmwareVersion = v("3.7.2");
    in.connector.firmwareVersion = v("1.3.4");
    const auto findings = assess::assess(in);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].status, ComponentStatus::Expired);
    EXPECT_EQ(findings[1].status, ComponentStatus::UpdateAvailable);
    EXPECT_EQ(findings[2].status, ComponentStatus::Current);
    EXPECT_EQ(overall(findings), ComponentStatus::Expired);
    EXPECT_EQ(overall({}), ComponentStatus::Current);
}

TEST(Assessment, UnknownVersionIsNeverOutdated) {
    Input in = practice();
    in.terminals[0].connected = true;
    in.terminals[0].product.firmwareVersion = FirmwareVersion{};
    const auto& f = findingFor(assess::assess(in), "CT-EMPFANG");
    EXPECT_EQ(f.status, ComponentStatus::Unknown);
}

TEST(Assessment, TerminalUpdateReportedByTheConnectorIsAdvisedAsAnUpdate) {
    Input in = practice();
    in.terminals[0].product.firmwareVersion = v("3.7.2");
    in.resources.states.push_back(state("EC_CardTerminal_Software_Out_Of_Date(CT-EMPFANG)", "Info", "Operation", true));
    const auto f = findingFor(assess::assess(in), "CT-EMPFANG");
    EXPECT_EQ(f.status, ComponentStatus::UpdateAvailable);
    EXPECT_NE(f.action.de.find("3.7.4"), std::string::npos) << f.action.de;
}

// --- today's devices, as real connectors report them -----------------------------------------

namespace {

Input deviceOf(const char* key, const char* fw, const char* hw = "1.0.0") {
    Input in = practice();
    const std::string k(key);
    in.connector.vendorId = k.substr(0, k.find('-'));
    in.connector.productCode = k.substr(k.find('-') + 1);
    in.connector.productName = "";
    in.connector.firmwareVersion = v(fw);
    in.connector.hardwareVersion = v(hw);
    in.terminals.clear();
    return in;
}

Input terminalOf(const char* key, const char* fw) {
    Input in = practice();
    const std::string k(key);
    in.terminals = {terminal("CT_ID_0176", "ORGA6100-0241000000B692", "", "", "", fw)};
    in.terminals[0].product.vendorId = k.substr(0, k.find('-'));
    in.terminals[0].product.productCode = k.substr(k.find('-') + 1);
    in.terminals[0].product.productName = "";  // real ORGA terminals report no names
    return in;
}

struct RealRow {
    const char* device;
    const char* key;
    bool terminal;
    const char* installed;
    const char* code;
    const char* recommended;  ///< nullptr: none named
};

// The firmware lines practices run today (docs/real-connectors.md) and their neighbours.
const RealRow kRealVersions[] = {
    {"KoCoBox MED+ 5.1.8 (2024)", "KOCOC-kocobox", false, "5.1.8", "connector.update-available", "5.5.4"},
    {"KoCoBox MED+ 5.5.4 (2025)", "KOCOC-kocobox", false, "5.5.4", "connector.current", nullptr},
    {"KoCoBox MED+ newer than any", "KOCOC-kocobox", false, "5.6.0", "connector.newer-than-catalog", nullptr},
    {"KoCoBox MED+ 4.2.10 (ePA, 2021)", "KOCOC-kocobox", false, "4.2.10", "connector.update-available", "4.2.12"},
    {"KoCoBox MED+ 4.2.12", "KOCOC-kocobox", false, "4.2.12", "connector.current", nullptr},
    {"KoCoBox MED+ 2.3.24 before the ePA upgrade", "KOCOC-kocobox", false, "2.3.24", "connector.current", nullptr},
    {"KoCoBox MED+ 1.3.10 (the seed's story)", "KOCOC-kocobox", false, "1.3.10", "connector.current", nullptr},
    {"RISE Konnektor 5.1.7", "RISEG-RKONN", false, "5.1.7", "connector.update-available", "5.1.12"},
    {"RISE Konnektor 5.1.12", "RISEG-RKONN", false, "5.1.12", "connector.current", nullptr},
    {"RISE HSK 2.0.3", "RISEG-RHSK", false, "2.0.3", "connector.current", nullptr},
    {"secunet konnektor 5.50.4", "SECUN-secu_kon", false, "5.50.4", "connector.current", nullptr},
    {"secunet konnektor 6.0.5", "SECUN-secu_kon", false, "6.0.5", "connector.current", nullptr},
    {"secunet konnektor 6.1.0, not known yet", "SECUN-secu_kon", false, "6.1.0", "connector.newer-than-catalog", nullptr},
    {"ORGA 6141 online 3.8.2 in the field", "INGHC-ORGA6100", true, "3.8.2", "terminal.update-available", "3.9.1"},
    {"ORGA 6141 online 3.9.1", "INGHC-ORGA6100", true, "3.9.1", "terminal.current", nullptr},
    {"ORGA 6141 online 3.9.2, not known yet", "INGHC-ORGA6100", true, "3.9.2", "terminal.newer-than-catalog", nullptr},
    {"ORGA 6141 online 3.7.2 (the seed's story)", "INGHC-ORGA6100", true, "3.7.2", "terminal.update-available", "3.7.4"},
    {"Cherry G87-1505 3.0.0, no update offered", "CHERR-G871505", true, "3.0.0", "terminal.current", nullptr},
    {"Cherry ST-1506, versions not in the catalog", "CHERR-ST1506", true, "1.0.0", "terminal.newer-than-catalog", nullptr},
};

}  // namespace

TEST(AssessmentOfRealVersions, EachDeviceOfTodayGetsItsOwnLinesAdvice) {
    for (const auto& row : kRealVersions) {
        const Input in = row.terminal ? terminalOf(row.key, row.installed) : deviceOf(row.key, row.installed);
        const auto f = findingFor(assess::assess(in), row.terminal ? "CT_ID_0176" : "connector");
        EXPECT_EQ(f.code, row.code) << row.device << ": " << f.summary.de;
        if (row.recommended) {
            ASSERT_TRUE(f.recommended.has_value()) << row.device;
            EXPECT_EQ(f.recommended->toString(), row.recommended) << row.device;
        } else {
            EXPECT_FALSE(f.recommended.has_value()) << row.device << ": " << f.recommended->toString();
        }
        EXPECT_FALSE(f.summary.de.empty() || f.summary.en.empty()) << row.device;
    }
}

TEST(AssessmentOfRealVersions, NoFindingEverRecommendsTheInstalledVersionOrAnOlderOne) {
    // Every version the shipped catalog names, and its neighbours, for every product in it.
    const auto& c = defaultCatalog();
    int checked = 0;
    for (const auto& p : c.products) {
        std::vector<FirmwareVersion> versions;
        for (const auto& a : p.versions) versions.push_back(a.version);
        for (const auto& l : p.lines) {
            versions.push_back(l.from);
            if (!l.recommended.isUnknown()) versions.push_back(l.recommended);
        }
        if (!p.recommended.isUnknown()) versions.push_back(p.recommended);
        std::vector<FirmwareVersion> all;
        for (const auto& x : versions)
            for (int d : {-1, 0, 1}) {
                const int patch = static_cast<int>(x.patch()) + d;
                if (patch < 0) continue;
                for (const auto& n : {FirmwareVersion::fromParts(x.major(), x.minor(), static_cast<unsigned>(patch)),
                                      FirmwareVersion::fromParts(x.major(), x.minor() + 1, 0),
                                      FirmwareVersion::fromParts(x.major() + 1, 0, 0)})
                    if (n.ok()) all.push_back(*n);
            }
        for (const auto& installed : all) {
            const bool isTerminal = p.type != ComponentType::Connector;
            Input in = isTerminal ? terminalOf(p.key.c_str(), installed.toString().c_str())
                                  : deviceOf(p.key.c_str(), installed.toString().c_str());
            // With and without an offer of the same or an older version from the connector.
            for (bool offerOld : {false, true}) {
                if (offerOld) in.offered.push_back({isTerminal ? "CT_ID_0176" : "connector", installed, true, in.now});
                for (const auto& f : assess::assess(in)) {
                    if (f.component != (isTerminal ? "CT_ID_0176" : "connector")) continue;
                    ++checked;
                    if (f.recommended) {
                        EXPECT_GT(*f.recommended, installed)
                            << p.key << " " << installed.toString() << " is told " << f.recommended->toString();
                    }
                    EXPECT_EQ(f.summary.de.find(" auf " + installed.toString() + " "), std::string::npos)
                        << p.key << ": " << f.summary.de;
                }
            }
        }
    }
    EXPECT_GT(checked, 300);
}

TEST(AssessmentOfRealVersions, TheProductTableNamesTerminalsThatReportNoName) {
    const Input in = terminalOf("INGHC-ORGA6100", "3.9.1");
    const auto f = findingFor(assess::assess(in), "CT_ID_0176");
    EXPECT_EQ(f.name, "ORGA 6141 online (ORGA6100-0241000000B692)");
    EXPECT_EQ(f.place, "ORGA6100-0241000000B692");
    // Before a verified catalog is at hand, the product table built in from the shipped one names it.
    EXPECT_EQ(terminalDisplayName(in.terminals[0], nullptr), "ORGA 6141 online");
    auto unknown = in.terminals[0];
    unknown.product.productCode = "XY99";
    EXPECT_EQ(terminalDisplayName(unknown, nullptr), "INGHC-XY99");
}

TEST(AssessmentOfRealVersions, ANewerDeviceIsNamedAsUnknownToTheCatalogNotAsCurrentOrOutdated) {
    const auto f = findingFor(assess::assess(deviceOf("KOCOC-kocobox", "5.6.0")), "connector");
    EXPECT_EQ(f.status, ComponentStatus::Unknown);
    EXPECT_NE(f.summary.de.find("neuer als alle Versionen"), std::string::npos) << f.summary.de;
    EXPECT_NE(f.summary.de.find("zuletzt 5.5.4"), std::string::npos) << f.summary.de;
    EXPECT_NE(f.summary.de.find("kennt diese Version noch nicht"), std::string::npos);
    EXPECT_FALSE(f.action.empty());
}

TEST(AssessmentOfOperatingStates, PerTerminalStatesBelongToTheirTerminalOnly) {
    Input in = practice();
    in.terminals[0].product.firmwareVersion = v("3.7.4");
    in.resources.states = {state("EC_CardTerminal_Software_Out_Of_Date(CT-SZ1)", "Info", "Operation", true),
                           state("EC_CardTerminal_Software_Out_Of_Date(CT-EMPFANG)", "Info", "Operation", false),
                           state("EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon(CT-EMPFANG)", "Warning", "Security", true),
                           state("EC_OTHER_ERROR_STATE(1)", "Warning", "Operation", true)};
    const auto findings = assess::assess(in);
    const auto empfang = findingFor(findings, "CT-EMPFANG");
    EXPECT_EQ(empfang.status, ComponentStatus::Current);
    ASSERT_EQ(empfang.details.size(), 1u);
    EXPECT_NE(empfang.details[0].de.find("Sicherheitskarte (gSMC-KT)"), std::string::npos) << empfang.details[0].de;
    EXPECT_NE(empfang.details[0].de.find("ORGA 6141 online (Empfang)"), std::string::npos) << empfang.details[0].de;
    EXPECT_NE(empfang.details[0].en.find("security card"), std::string::npos) << empfang.details[0].en;
    const auto sz1 = findingFor(findings, "CT-SZ1");
    EXPECT_TRUE(sz1.details.empty());  // its update is the summary already
    EXPECT_EQ(sz1.status, ComponentStatus::UpdateAvailable);  // the connector's word counts, catalog or not
    const auto connector = findingFor(findings, "connector");
    ASSERT_EQ(connector.details.size(), 1u);
    EXPECT_NE(connector.details[0].de.find("eigenen Zustand Nr. 1 (Warnung)"), std::string::npos)
        << connector.details[0].de;
}

TEST(AssessmentOfOperatingStates, OutOfDateMeansAnUpdateExistsAndTheConnectorKeepsWorking) {
    Input in = practice();
    in.resources.states = {state("EC_Connector_Software_Out_Of_Date", "Info", "Operation", true),
                           state("EC_No_VPN_SIS_Connection", "Warning", "Operation", true),
                           state("EC_CRL_Expiring", "Info", "Security", false)};
    const auto f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.status, ComponentStatus::UpdateAvailable);
    // SIS offline is normal; inactive states are not shown; then how to read the version.
    ASSERT_EQ(f.details.size(), 2u);
    EXPECT_NE(f.details[0].de.find("arbeitet bis dahin normal weiter"), std::string::npos) << f.details[0].de;
    EXPECT_TRUE(f.details[1].de.starts_with("Version am Gerät selbst ablesen")) << f.details[1].de;
    EXPECT_NE(f.details[0].en.find("keeps working"), std::string::npos) << f.details[0].en;
}

namespace {

bool anyDetail(const Finding& f, const std::string& part) {
    for (const auto& d : f.details)
        if (d.de.find(part) != std::string::npos) return true;
    ADD_FAILURE() << "no detail says \"" << part << "\"";
    return false;
}

/// The practice's local time: German time, without needing tzdata.
void germanTime() {
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
}

Input withAutoUpdate(konnektor::AutoUpdateSchedule a) {
    germanTime();
    Input in = deviceOf("KOCOC-kocobox", "5.1.8", "2.0.0");
    konnektor::ManagementStatus m;
    m.autoUpdate = std::move(a);
    in.management = m;
    return in;
}

}  // namespace

TEST(AssessmentOfAutoUpdate, APlannedAutoUpdateReplacesInstallNow) {
    konnektor::AutoUpdateSchedule a;
    a.enabled = true;
    a.next = at("2026-12-02T01:00:00Z");
    a.pending = v("5.5.4");
    const auto f = findingFor(assess::assess(withAutoUpdate(a)), "connector");
    EXPECT_EQ(f.status, ComponentStatus::UpdateAvailable);
    EXPECT_NE(f.action.de.find("Auto-Update geplant für"), std::string::npos) << f.action.de;
    EXPECT_NE(f.action.de.find("eingeschaltet lassen"), std::string::npos) << f.action.de;
    EXPECT_NE(f.action.en.find("Auto-update planned for"), std::string::npos) << f.action.en;
}

TEST(AssessmentOfAutoUpdate, TheMorningAfterItSaysWhatRan) {
    konnektor::AutoUpdateSchedule a;
    a.enabled = true;
    a.lastRun = konnektor::AutoUpdateSchedule::Run{at("2026-11-25T01:00:00Z"), "installed", "", v("5.5.4")};
    Input in = withAutoUpdate(a);
    in.connector.firmwareVersion = v("5.5.4");
    auto f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.status, ComponentStatus::Current);
    ASSERT_FALSE(f.details.empty());
    EXPECT_NE(f.details.back().de.find("hat am Mi, 25.11.2026 Version 5.5.4 installiert"), std::string::npos)
        << f.details.back().de;

    a.lastRun->result = "failed";
    a.lastRun->reason = "Prüfsumme falsch";
    in = withAutoUpdate(a);
    f = findingFor(assess::assess(in), "connector");
    EXPECT_EQ(f.status, ComponentStatus::UpdateAvailable);
    EXPECT_TRUE(std::any_of(f.details.begin(), f.details.end(), [](const LocalizedText& d) {
        return d.de.find("am Mi, 25.11.2026 um 02:00 ist fehlgeschlagen (Prüfsumme falsch)") != std::string::npos;
    })) << f.details.front().de;
    EXPECT_NE(f.action.de.find("von Hand starten"), std::string::npos) << f.action.de;

    a.lastRun->result = "missed";
    a.lastRun->reason = "powered-off";
    a.next = at("2026-12-02T01:00:00Z");
    in = withAutoUpdate(a);
    f = findingFor(assess::assess(in), "connector");
    EXPECT_TRUE(anyDetail(f, "verpasst, weil der Konnektor ausgeschaltet war; der Konnektor holt es nicht nach"));
    EXPECT_NE(f.action.de.find("nächsten Auto-Update"), std::string::npos) << f.action.de;
}
