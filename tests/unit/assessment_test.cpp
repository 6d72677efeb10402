// The assessment as a table: each row one situation a practice can be in.
#include "tiservice/assess/assessment.h"

#include <gtest/gtest.h>

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
         in.resources.states.push_back({"EC_FW_Not_Valid_Status_Blocked", "Fatal", "Security", true, at("2026-11-26T00:00:00Z")});
     },
     "connector", "connector.blocked", ComponentStatus::Blocked, -3},
    {"blocked state reported but not active is ignored",
     [](Input& in) { in.resources.states.push_back({"EC_FW_Not_Valid_Status_Blocked", "Fatal", "Security", false, {}}); },
     "connector", "connector.current", ComponentStatus::Current, std::nullopt},
    {"connector broken after a power loss",
     [](Input& in) { in.resources.states.push_back({"EC_Software_Integrity_Check_Failed", "Fatal", "Security", true, {}}); },
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
     [](Input& in) { in.resources.states.push_back({"EC_Connector_Software_Out_Of_Date", "Info", "Operation", true, {}}); },
     "connector", "connector.update-available", ComponentStatus::UpdateAvailable, std::nullopt},
    {"connector of a vendor the catalog does not know",
     [](Input& in) {
         in.connector.vendorId = "RISEG";
         in.connector.productCode = "RKONN";
         in.connector.firmwareVersion = v("5.1.7");
     },
     "connector", "connector.not-in-catalog", ComponentStatus::Unknown, std::nullopt},
    {"connector newer than the catalog knows",
     [](Input& in) { in.connector.firmwareVersion = v("1.4.0"); }, "connector", "connector.current", ComponentStatus::Current,
     std::nullopt},
    {"terminal on an older version not in the catalog",
     [](Input& in) { in.terminals[0].product.firmwareVersion = v("3.7.2"); }, "CT-EMPFANG", "terminal.update-available",
     ComponentStatus::UpdateAvailable, std::nullopt},
    {"terminal not connected",
     [](Input& in) { in.terminals[1] = terminal("CT-SZ1", "Sprechzimmer 1", "", "", "", "", false); }, "CT-SZ1",
     "terminal.not-connected", ComponentStatus::Unknown, std::nullopt},
    {"no catalog at all",
     [](Input& in) { in.catalog = nullptr; }, "connector", "connector.not-in-catalog", ComponentStatus::Unknown, std::nullopt},
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
    EXPECT_NE(f.summary.de.find("endet am 31.12.2019 (in 10 Tagen)"), std::string::npos) << f.summary.de;
    EXPECT_NE(f.summary.en.find("ends on 2019-12-31 (in 10 days)"), std::string::npos) << f.summary.en;
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

TEST(Assessment, BrokenConnectorActionCarriesTheSupportNumbers) {
    Input in = practice();
    in.resources.states.push_back({"EC_Software_Integrity_Check_Failed", "Fatal", "Security", true, {}});
    const auto& f = findingFor(assess::assess(in), "connector");
    EXPECT_NE(f.action.de.find("0800 551 551 2"), std::string::npos) << f.action.de;
    EXPECT_NE(f.action.de.find("030 2464 908 908"), std::string::npos) << f.action.de;
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
    in.resources.states.push_back({"EC_CardTerminal_Software_Out_Of_Date", "Info", "Operation", true, {}});
    const auto f = findingFor(assess::assess(in), "CT-EMPFANG");
    EXPECT_EQ(f.status, ComponentStatus::UpdateAvailable);
    EXPECT_NE(f.action.de.find("3.7.4"), std::string::npos) << f.action.de;
}
