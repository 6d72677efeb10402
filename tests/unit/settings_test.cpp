// tiservice.ini as a practice (or someone careless) writes it: every secret refused wherever it
// is put, the management interface held to the connector's transport, every number in range.
#include "tiservice/settings.h"
#include "tiservice/paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "support/temp_dir.h"

using namespace tiservice;

namespace {

const std::string kBase = "[connector]\nsds_url = https://192.168.1.10/connector.sds\nmandant_id = Praxis1\n"
                          "client_system_id = PVS1\nworkplace_id = Empfang\n";

Result<ConnectionSettings> read(const std::string& text) {
    auto ini = IniFile::parse(text);
    if (!ini.ok()) return ini.error();
    return connectionSettingsFrom(*ini);
}

std::string refusal(const std::string& text) {
    auto s = read(text);
    return s.ok() ? "<accepted>" : s.error().detail;
}

}  // namespace

TEST(Settings, EveryPasswordKeyIsRefusedWhereverItStands) {
    for (const auto& [text, where] :
         {std::pair<std::string, std::string>{kBase + "password = geheim\n", "[connector] password"},
          {kBase + "admin_password = geheim\n", "[connector] admin_password"},
          {"password = geheim\n" + kBase, "password"},
          {kBase + "[tls]\nmode = basic\nbasic_user = pvs\nbasic_password = geheim\n", "[tls] basic_password"},
          {kBase + "[tls]\nclient_certificate_password = geheim\n", "[tls] client_certificate_password"},
          {kBase + "[practice]\nkonnektor_passwort = geheim\n", "[practice] konnektor_passwort"},
          {kBase + "[update_server]\nsecret = geheim\n", "[update_server] secret"},
          {kBase + "[connector]\nsmcb_pin = 1234\n", "[connector] smcb_pin"}}) {
        auto s = read(text);
        ASSERT_FALSE(s.ok()) << where;
        EXPECT_EQ(s.error().detail, where);
        EXPECT_NE(s.error().message.de.find("Passwörter gehören nicht in diese Datei"), std::string::npos);
        EXPECT_EQ(s.error().message.de.find("geheim"), std::string::npos);  // the value is never repeated
    }
    // The names of files that hold them are what belongs here.
    EXPECT_EQ(refusal(kBase + "[tls]\nmode = basic\nbasic_user = pvs\nbasic_password_file = /etc/pw\n"), "<accepted>");
}

TEST(Settings, NoPasswordInAnAddressEither) {
    const std::string context = "mandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n";
    for (const auto& [text, where] :
         {std::pair<std::string, std::string>{
              "[connector]\nsds_url = https://koco-root:Praxis2025!@192.168.1.10/connector.sds\n" + context,
              "[connector] sds_url"},
          {kBase + "management_url = https://admin:Praxis2025!@192.168.1.10:9443/api/v1\n",
           "[connector] management_url"},
          {kBase + "[update_server]\nmetadata_url = https://dienst:Praxis2025!@updates.example/metadata/\n",
           "[update_server] metadata_url"},
          {kBase + "[update_server]\ntargets_url = https://dienst@updates.example/targets/\n",
           "[update_server] targets_url"},
          {"[connector]\nsds_url = https://koco-root:Praxis2025/#@192.168.1.10/connector.sds\n" + context,
           "[connector] sds_url"}}) {
        auto s = read(text);
        ASSERT_FALSE(s.ok()) << where;
        EXPECT_EQ(s.error().detail, where);
        const auto told = s.error().describe(Language::German) + s.error().describe(Language::English);
        EXPECT_NE(told.find("Name und Passwort gehören nicht in die Adresse"), std::string::npos) << told;
        EXPECT_EQ(told.find("Praxis2025"), std::string::npos) << told;  // the value is never repeated
    }
}

TEST(Settings, TheManagementInterfaceGetsTheConnectorsTransportRule) {
    EXPECT_EQ(refusal(kBase + "management_url = http://192.168.1.10:9443/api/v1\n"), "[connector] management_url");
    auto s = read(kBase + "management_url = http://192.168.1.10:9443/api/v1\n");
    EXPECT_NE(s.error().message.de.find("mit TLS muss die Adresse mit https:// beginnen"), std::string::npos);
    EXPECT_EQ(refusal(kBase + "management_url = https://192.168.1.10:9443/api/v1\n"), "<accepted>");
    EXPECT_EQ(refusal(kBase + "management_url = ftp://192.168.1.10/\n"), "[connector] management_url");
    // Without TLS the connector itself is plain: so may be its management address.
    const std::string plain = "[connector]\nsds_url = http://192.168.1.10/connector.sds\nmandant_id = M\n"
                              "client_system_id = C\nworkplace_id = W\nmanagement_url = http://192.168.1.10:9443/api/v1\n"
                              "[tls]\nmode = none\n";
    EXPECT_EQ(refusal(plain), "<accepted>");
    // mode = none with an https address is a contradiction, not a silent downgrade.
    EXPECT_EQ(refusal(kBase + "[tls]\nmode = none\n"), "[connector] sds_url");
}

TEST(Settings, NumbersOutsideTheirRangeAreRefusedNotWrappedIntoABusyLoop) {
    for (const auto& [line, key] :
         {std::pair<std::string, std::string>{"poll_interval_ms = 9223372036854775807", "[update] poll_interval_ms"},
          {"poll_interval_ms = 99999999999999999999", "[update] poll_interval_ms"},
          {"poll_interval_ms = 0", "[update] poll_interval_ms"},
          {"poll_interval_ms = -5", "[update] poll_interval_ms"},
          {"poll_interval_ms = 10", "[update] poll_interval_ms"},
          {"poll_interval_ms = 1e3", "[update] poll_interval_ms"},
          {"poll_interval_ms = zwei", "[update] poll_interval_ms"},
          {"follow_timeout_minutes = 9223372036854775807", "[update] follow_timeout_minutes"},
          {"follow_timeout_minutes = 99999", "[update] follow_timeout_minutes"},
          {"download_timeout_minutes = 0", "[update] download_timeout_minutes"},
          {"follow_timeout_seconds = 86401", "[update] follow_timeout_seconds"},
          {"poll_interval_ms = 5000\npoll_max_ms = 1000", "[update] poll_max_ms"}}) {
        auto s = read(kBase + "[update]\n" + line + "\n");
        ASSERT_FALSE(s.ok()) << line;
        EXPECT_EQ(s.error().detail, key) << line;
        // The message says what is allowed, so staff can correct the value without the manual.
        const bool saysWhatIsAllowed = s.error().message.en.find("allowed is a whole number") != std::string::npos ||
                                       s.error().message.en.find("must not be smaller than") != std::string::npos;
        EXPECT_TRUE(saysWhatIsAllowed) << s.error().message.en;
        const bool germanSaysSo = s.error().message.de.find("ganze Zahl") != std::string::npos ||
                                  s.error().message.de.find("nicht kleiner als") != std::string::npos;
        EXPECT_TRUE(germanSaysSo) << s.error().message.de;
    }
    auto s = read(kBase + "[update]\npoll_interval_ms = 200\npoll_max_ms = 2000\nfollow_timeout_minutes = 30\n");
    ASSERT_TRUE(s.ok()) << s.error().describe(Language::English);
    EXPECT_EQ(s->update.pollInterval, std::chrono::milliseconds(200));
    EXPECT_EQ(s->update.followTimeout, std::chrono::minutes(30));
}

TEST(Settings, EachPartHasItsDefaultsWhenTheFileSaysNothing) {
    auto s = read(kBase);
    ASSERT_TRUE(s.ok()) << s.error().describe(Language::English);
    const UpdatePatience patience;
    EXPECT_EQ(s->update.pollInterval, patience.pollInterval);
    EXPECT_EQ(s->update.followTimeout, std::chrono::minutes(90));
    EXPECT_EQ(s->tls.mode, TlsMode::ServerAuth);  // https:// without [tls]
    EXPECT_TRUE(s->tls.checkHostName);
    EXPECT_TRUE(s->connector.keepConfiguredHost);
    EXPECT_EQ(s->practice.customerType, CustomerType::InstalledByCgm);
    EXPECT_EQ(s->practice.hours.toString(), PracticeHours().toString());
    EXPECT_EQ(s->connector.context.workplaceId, "Empfang");
}

TEST(Settings, PracticeHoursAndCustomerTypeAreReadOnceIntoTheirTypes) {
    auto s = read(kBase + "[practice]\nhours = Mo,Di,Do 07:30-19:00\nsupport = self\n");
    ASSERT_TRUE(s.ok()) << s.error().describe(Language::English);
    EXPECT_EQ(s->practice.customerType, CustomerType::SelfInstaller);
    EXPECT_EQ(customerTypeId(s->practice.customerType), "self");
    // Wrong hours are wrong settings, named like every other: the same for the tool and every adapter.
    auto wrong = read(kBase + "[practice]\nhours = montags bis freitags\n");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().detail, "[practice] hours");
    EXPECT_NE(wrong.error().message.de.find("Mo-Fr 08:00-18:00, nicht \"montags bis freitags\""), std::string::npos)
        << wrong.error().message.de;
    EXPECT_EQ(refusal(kBase + "[practice]\nsupport = kvb\n"), "[practice] support");
}

TEST(Settings, TheEveningSuggestedIsOutsideThePracticeHoursNeverTheirLastMinute) {
    setenv("TZ", "UTC", 1);
    tzset();
    const auto wednesday10 = *parseUtc("2026-12-02T10:00:00Z");
    EXPECT_EQ(formatUtc(*PracticeHours().suggestEvening(wednesday10)), "2026-12-02T19:00:00Z");
    // After closing time the evening is the next practice day's; Friday night's is Monday's.
    EXPECT_EQ(formatUtc(*PracticeHours().suggestEvening(*parseUtc("2026-12-02T20:00:00Z"))), "2026-12-03T19:00:00Z");
    EXPECT_EQ(formatUtc(*PracticeHours().suggestEvening(*parseUtc("2026-12-04T20:00:00Z"))), "2026-12-07T19:00:00Z");
    // Hours until 23:59: the next morning before opening, not 23:59.
    const auto late = PracticeHours::parse("Mo-So 08:00-23:59");
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(formatUtc(*late->suggestEvening(wednesday10)), "2026-12-03T06:00:00Z");
    // Open day and night: there is no such time, and none is made up.
    const auto always = PracticeHours::parse("Mo-So 00:00-23:59");
    ASSERT_TRUE(always.ok());
    EXPECT_FALSE(always->suggestEvening(wednesday10).has_value());
}

TEST(Settings, PairsFromAPracticeSoftwareAreCheckedLikeTheFile) {
    // What an adapter hands over: its host's settings mapped to our section and key, no INI text.
    SettingValues pairs;
    pairs.set("connector", "sds_url", "https://192.168.1.10/connector.sds");
    pairs.set("Connector", "Mandant_ID", "Praxis1");  // case does not matter
    pairs.set("connector", "client_system_id", "PVS1");
    pairs.set("connector", "workplace_id", "Empfang = 1; # no comment, no syntax");
    pairs.set("tls", "ca_file", "/etc/tiservice/ca.pem");
    auto s = connectionSettingsFrom(pairs, "ALBIS TI-Einstellungen");
    ASSERT_TRUE(s.ok()) << s.error().describe(Language::English);
    EXPECT_EQ(s->connector.context.mandantId, "Praxis1");
    EXPECT_EQ(s->connector.context.workplaceId, "Empfang = 1; # no comment, no syntax");
    EXPECT_EQ(s->tls.caFile, "/etc/tiservice/ca.pem");
    pairs.set("connector", "admin_password", "geheim");
    auto refused = connectionSettingsFrom(pairs, "ALBIS TI-Einstellungen");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.de.find("ALBIS TI-Einstellungen"), std::string::npos) << refused.error().message.de;
}

TEST(Settings, AMissingFileIsNamedAsThePracticeNamedItUmlautsAndAll) {
    // On Windows a path's string() is in the ANSI code page: "Ärzte" would reach the message as
    // a byte no reader sees as "Ä". Every text of ours is UTF-8, the file's name too.
    const auto s = loadConnectionSettings(pathFromUtf8("Praxis Ärzte/tiservice.ini"));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.de.find("Praxis Ärzte"), std::string::npos) << s.error().message.de;
    EXPECT_NE(s.error().message.en.find("Praxis Ärzte"), std::string::npos) << s.error().message.en;
}

TEST(Settings, AFileFarTooLargeIsSaidToBeSoNotMissing) {
    tiservice::testing::TempDir dir;
    std::ofstream(dir / "riesig.ini") << std::string(2 * 1024 * 1024, ';');
    auto s = loadConnectionSettings(dir / "riesig.ini");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "settings.too-large");
    EXPECT_NE(s.error().message.de.find("ist größer als 1 MB"), std::string::npos) << s.error().message.de;
    EXPECT_EQ(s.error().message.de.find("fehlt"), std::string::npos) << s.error().message.de;
}
