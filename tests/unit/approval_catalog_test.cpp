#include "tiservice/catalog/approval_catalog.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

using namespace tiservice;
using namespace tiservice::catalog;

namespace {

std::string shipped() {
    return tiservice::testing::readFile(std::filesystem::path(TISERVICE_SOURCE_DIR) /
                                        "tools/tiservice-repo/catalog/approval-catalog.json");
}

std::string withProduct(const std::string& product) {
    return R"({"formatVersion":1,"published":"2026-11-01T00:00:00Z","products":[)" + product + "]}";
}

FirmwareVersion v(const char* text) { return *FirmwareVersion::parse(text); }

std::string withLines(const std::string& product) {
    return R"({"formatVersion":2,"published":"2026-11-01T00:00:00Z","products":[)" + product + "]}";
}

std::string errorOf(const std::string& json) {
    auto r = parseApprovalCatalog(json);
    return r.ok() ? "<ok>" : r.error().detail;
}

}  // namespace

TEST(ApprovalCatalog, TheShippedCatalogHoldsTheVendorPagesVersions) {
    auto c = parseApprovalCatalog(shipped());
    ASSERT_TRUE(c.ok()) << c.error().describe(Language::English);
    EXPECT_EQ(c->formatVersion, 2);
    const auto* koco = c->find("KOCOC-kocobox");
    ASSERT_NE(koco, nullptr);
    EXPECT_EQ(koco->recommendedFor(v("1.3.4")).toString(), "1.3.10");
    const auto* old = koco->find(v("1.3.4"));
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(formatUtc(*old->approvedUntil), "2019-12-31T00:00:00Z");
    EXPECT_EQ(formatUtc(*old->endsAt()), "2020-01-01T00:00:00Z");
    ASSERT_EQ(koco->featureUpgrades.size(), 1u);
    EXPECT_TRUE(koco->featureUpgrades[0].paid);

    const auto* mobile = c->find("INGHC-ORGA930M");
    ASSERT_NE(mobile, nullptr);
    EXPECT_EQ(mobile->type, ComponentType::MobileTerminal);
    EXPECT_EQ(mobile->recommended.toString(), "4.7.0");
    ASSERT_EQ(mobile->requirements.size(), 1u);
    EXPECT_EQ(mobile->requirements[0].version, "1.1.1");

    EXPECT_EQ(c->find("INGHC-ORGA6100")->recommendedFor(v("3.7.2")).toString(), "3.7.4");
    EXPECT_FALSE(c->find("CHERR-G871505")->updatesAvailable);
    EXPECT_EQ(c->contact("cgm")->phone, "0800 551 551 2");
    EXPECT_EQ(c->contact("self")->phone, "030 2464 908 908");
}

TEST(ApprovalCatalog, TheShippedCatalogKnowsTheFirmwareLinesOfToday) {
    auto c = parseApprovalCatalog(shipped());
    ASSERT_TRUE(c.ok());
    const auto* koco = c->find("KOCOC-kocobox");
    EXPECT_EQ(koco->recommendedFor(v("4.2.10")).toString(), "4.2.12");
    EXPECT_EQ(koco->recommendedFor(v("5.1.8")).toString(), "5.5.4");
    EXPECT_TRUE(koco->recommendedFor(v("2.3.24")).isUnknown());  // the ePA upgrade is its own
    EXPECT_EQ(koco->newestKnownFor(v("5.6.0")).toString(), "5.5.4");
    EXPECT_EQ(c->find("RISEG-RKONN")->recommendedFor(v("5.1.7")).toString(), "5.1.12");
    EXPECT_EQ(c->find("RISEG-RHSK")->recommendedFor(v("2.0.3")).toString(), "2.0.3");
    EXPECT_EQ(c->find("SECUN-secu_kon")->recommendedFor(v("5.50.4")).toString(), "5.50.4");
    EXPECT_EQ(c->find("SECUN-secu_kon")->recommendedFor(v("6.0.5")).toString(), "6.0.5");
    EXPECT_EQ(c->find("INGHC-ORGA6100")->recommendedFor(v("3.8.2")).toString(), "3.9.1");
    EXPECT_EQ(c->find("CHERR-ST1506")->name, "Cherry ST-1506");
    EXPECT_TRUE(c->find("CHERR-ST1506")->recommendedFor(v("1.0.0")).isUnknown());
}

TEST(ApprovalCatalog, TheBuiltInProductTableNamesWhatTerminalsDoNot) {
    EXPECT_EQ(productName(nullptr, "INGHC-ORGA6100"), "ORGA 6141 online");
    EXPECT_EQ(productName(nullptr, "CHERR-G871505"), "Cherry G87-1505");
    EXPECT_EQ(productName(nullptr, "XXXXX-nothing"), "");
    ApprovalCatalog other;
    other.products.push_back(CatalogProduct{.key = "INGHC-ORGA6100", .name = "ORGA 6141 online (neu)"});
    EXPECT_EQ(productName(&other, "INGHC-ORGA6100"), "ORGA 6141 online (neu)");
}

TEST(ApprovalCatalog, FormatOneCatalogsAreStillRead) {
    auto c = parseApprovalCatalog(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0"})"));
    ASSERT_TRUE(c.ok()) << c.error().detail;
    EXPECT_EQ(c->find("A-b")->recommendedFor(v("0.9.0")).toString(), "1.0.0");
}

TEST(ApprovalCatalog, RefusesBrokenCatalogsNamingTheProblem) {
    EXPECT_NE(errorOf("{"), "<ok>");
    EXPECT_EQ(errorOf(R"({"formatVersion":3,"published":"2026-11-01","products":[]})"),
              "formatVersion: expected 1 or 2, got 3");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0",
        "lines":[{"from":"1.0.0","recommended":"1.0.1"}]})")),
              "product A-b: recommended belongs to the lines when there are lines");
    EXPECT_EQ(errorOf(withLines(R"({"key":"A-b","type":"connector","name":"x",
        "lines":[{"from":"2.0.0"},{"from":"1.0.0"}]})")),
              "product A-b: lines must be ordered by from, each once");
    EXPECT_EQ(errorOf(withLines(R"({"key":"A-b","type":"connector","name":"x",
        "lines":[{"from":"2.0.0","recommended":"1.9.0"}]})")),
              "product A-b: line 2.0.0: recommended \"1.9.0\"");
    EXPECT_EQ(errorOf(R"({"formatVersion":1,"products":[]})"), "catalog: published is missing");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"kocobox","type":"connector","name":"x","recommended":"1.0.0"})")),
              "product kocobox: key must be VENDOR-CODE");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"toaster","name":"x","recommended":"1.0.0"})")),
              "product A-b: type \"toaster\"");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.x.0"})")),
              "product A-b: recommended \"1.x.0\"");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0",
        "versions":[{"version":"1.0.0","approvedUntil":"31.12.2019"}]})")),
              "product A-b: approvedUntil \"31.12.2019\" is not a date");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0",
        "versions":[{"version":"1.0.0"},{"version":"1.0.0"}]})")),
              "product A-b: version 1.0.0 listed twice");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0",
        "notes":{"de":"nur deutsch"}})")),
              "product A-b: a text lacks German or English");
    EXPECT_EQ(errorOf(withProduct(R"({"key":"A-b","type":"connector","name":"x","recommended":"1.0.0","support":"nobody"})")),
              "product A-b: unknown support contact nobody");
}

TEST(ApprovalCatalog, ErrorMessageIsForPeople) {
    auto r = parseApprovalCatalog("[]");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("Zulassungskatalog ist fehlerhaft"), std::string::npos);
    EXPECT_NE(r.error().action.de.find("zuletzt geprüfte Katalog"), std::string::npos);
    // The technical part is for the log and support, in English; the German sentence has none.
    r = parseApprovalCatalog(R"({"formatVersion":-1,"published":"2026-11-01","products":[]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.de, "Der Zulassungskatalog ist fehlerhaft.");
    EXPECT_NE(r.error().message.en.find("(formatVersion: expected 1 or 2, got -1)"), std::string::npos)
        << r.error().message.en;
}
