// Settings and the first run as a form: the window opens with it when the practice has not set
// anything up yet, tries the connector on the engine's worker, refuses what would not work (in
// words), and writes only what the form shows, keeping the rest of tiservice.ini.
#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>

#include "settings_page.h"
#include "start_page.h"
#include "support/process.h"
#include "tiservice/i18n.h"
#include "window_fixture.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool has(const QString& text, const std::string& part) { return text.contains(QString::fromStdString(part)); }

class Settings : public WindowTest {
protected:
    void SetUp() override { setCurrentLanguage(Language::German); }
    bool onSettingsPage() const { return window->settingsPage()->isVisible(); }
    QString outcome() const { return window->settingsPage()->outcome(); }
};

}  // namespace

TEST_F(Settings, TheFirstRunAsksForTheConnectorTriesItAndThenChecksWithWhatWasSaved) {
    openFirstRun("all-current.json");
    const auto config = dir / "config/tiservice.ini";
    ASSERT_TRUE(waitFor([&] { return onSettingsPage(); }, 5s)) << "the first run does not open the settings";
    EXPECT_TRUE(has(textOf("settingsIntro"), "Willkommen")) << textOf("settingsIntro").toStdString();
    EXPECT_TRUE(has(textOf("settingsIntro"), "Ein Passwort wird hier nicht gespeichert"));

    // A connector that is not there: said in words, nothing written.
    ClosedPort gone;
    typeInto("field:address", QString::fromStdString("127.0.0.1:" + std::to_string(gone.port())));
    typeInto("field:ca-file", QString::fromStdString(sim->caFile().string()));
    click("testConnection");
    ASSERT_TRUE(waitFor([&] { return has(outcome(), "nicht erreicht"); }, 20s)) << outcome().toStdString();
    EXPECT_TRUE(find<QAbstractButton>("testConnection")->isEnabled());

    // The simulator's address: found, with its product and firmware.
    typeInto("field:address", QString::fromStdString(sim->sdsUrl()));
    click("testConnection");
    ASSERT_TRUE(waitFor([&] { return has(outcome(), "Konnektor gefunden"); }, 20s)) << outcome().toStdString();
    EXPECT_TRUE(has(outcome(), "KoCoBox MED+")) << outcome().toStdString();
    EXPECT_TRUE(has(outcome(), "1.3.10")) << outcome().toStdString();

    // Without the Mandant nothing is saved, and the form says which field is missing.
    const std::string installed = readFile(config);
    click("saveSettings");
    EXPECT_TRUE(has(outcome(), "Nicht gespeichert")) << outcome().toStdString();
    EXPECT_TRUE(has(outcome(), "Mandant")) << outcome().toStdString();
    EXPECT_EQ(readFile(config), installed);
    EXPECT_TRUE(onSettingsPage());

    typeInto("field:mandant", "Praxis1");
    typeInto("field:client-system", "PVS1");
    typeInto("field:workplace", "Empfang");
    click("field:support:self");
    typeInto("field:hours", "Mo-Fr 08:00-12:00");
    click("saveSettings");
    ASSERT_FALSE(onSettingsPage()) << outcome().toStdString();
    const auto written = readFile(config);
    EXPECT_TRUE(has(QString::fromStdString(written), "sds_url = " + sim->sdsUrl())) << written;
    EXPECT_TRUE(has(QString::fromStdString(written), "workplace_id = Empfang")) << written;
    EXPECT_TRUE(has(QString::fromStdString(written), "support = self")) << written;
    EXPECT_TRUE(has(QString::fromStdString(written), "hours = Mo-Fr 08:00-12:00")) << written;
    // What the installer put there stays.
    EXPECT_TRUE(has(QString::fromStdString(written), "metadata_url = " + sim->updatesBase() + "metadata/")) << written;

    // The window checks with what was saved: the connector with its versions on the start page.
    ASSERT_TRUE(waitFor([&] { return textOf("installed:connector") == "1.3.10"; }, 30s))
        << textOf("headline").toStdString() << " / " << textOf("detail").toStdString();
    EXPECT_EQ(textOf("headline"), "Alles aktuell. Es ist nichts zu tun.");
}

TEST_F(Settings, TheFormShowsTheSettingsAndChangesOnlyWhatItShows) {
    open("all-current.json");
    const auto config = dir / "tiservice.ini";
    const std::string before = readFile(config);
    click("openSettings");
    ASSERT_TRUE(onSettingsPage());
    EXPECT_FALSE(has(textOf("settingsIntro"), "Willkommen"));
    EXPECT_EQ(find<QLineEdit>("field:address")->text().toStdString(), sim->sdsUrl());
    EXPECT_EQ(find<QLineEdit>("field:mandant")->text(), "Praxis1");
    EXPECT_EQ(find<QLineEdit>("field:workplace")->text(), "Empfang");
    EXPECT_EQ(find<QComboBox>("field:tls")->currentData().toString(), "server");
    // The client certificate's fields wait until that kind of connection is chosen.
    EXPECT_FALSE(find<QLineEdit>("field:client-certificate")->isEnabled());
    find<QComboBox>("field:tls")->setCurrentIndex(find<QComboBox>("field:tls")->findData("client-certificate"));
    EXPECT_TRUE(find<QLineEdit>("field:client-certificate")->isEnabled());
    find<QComboBox>("field:tls")->setCurrentIndex(find<QComboBox>("field:tls")->findData("server"));

    // Practice hours that are no times: refused in words, the file as it was.
    typeInto("field:hours", "Mo-Fr 25:00-18:00");
    click("saveSettings");
    EXPECT_TRUE(has(outcome(), "Nicht gespeichert")) << outcome().toStdString();
    // Named as the form names it, not as the file does.
    EXPECT_TRUE(has(outcome(), "„Sprechzeiten“")) << outcome().toStdString();
    EXPECT_TRUE(has(outcome(), "im Formular korrigieren")) << outcome().toStdString();
    EXPECT_FALSE(has(outcome(), "[practice]")) << outcome().toStdString();
    EXPECT_FALSE(has(outcome(), "README")) << outcome().toStdString();
    EXPECT_EQ(readFile(config), before);

    typeInto("field:hours", "Mo-Fr 08:00-18:00");
    typeInto("field:workplace", "Sprechzimmer 2");
    click("saveSettings");
    ASSERT_FALSE(onSettingsPage()) << outcome().toStdString();
    const auto after = QString::fromStdString(readFile(config));
    EXPECT_TRUE(has(after, "workplace_id = Sprechzimmer 2")) << after.toStdString();
    // Everything the form does not show is kept: the management interface, the update server,
    // the update's patience.
    EXPECT_TRUE(has(after, "management_url = " + sim->managementBase())) << after.toStdString();
    EXPECT_TRUE(has(after, "trusted_root = ")) << after.toStdString();
    EXPECT_TRUE(has(after, "poll_interval_ms = 50")) << after.toStdString();
    ASSERT_TRUE(waitFor([&] { return textOf("installed:connector") == "1.3.10"; }, 30s));
}

TEST_F(Settings, AFileThatCannotBeReadIsNeverOverwritten) {
    openFirstRun("all-current.json");
    window.reset();
    // A settings file someone broke by hand: what it holds must not be lost to the form.
    const auto config = dir / "config/tiservice.ini";
    const std::string broken = readFile(config) + "this line is no setting\n";
    writeFile(config, broken);
    window = std::make_unique<gui::MainWindow>(gui::WindowSetup{.configFile = config, .stateDir = dir / "state"});
    window->show();
    ASSERT_TRUE(waitFor([&] { return onSettingsPage(); }, 5s));
    EXPECT_FALSE(has(textOf("settingsIntro"), "Willkommen")) << textOf("settingsIntro").toStdString();
    EXPECT_TRUE(has(outcome(), "nicht lesbar")) << outcome().toStdString();
    typeInto("field:address", QString::fromStdString(sim->sdsUrl()));
    typeInto("field:mandant", "Praxis1");
    typeInto("field:client-system", "PVS1");
    typeInto("field:workplace", "Empfang");
    click("saveSettings");
    EXPECT_TRUE(has(outcome(), "Nicht gespeichert")) << outcome().toStdString();
    EXPECT_EQ(readFile(config), broken);
}

TEST_F(Settings, WhatTheFormDoesNotOfferIsKeptAsItIs) {
    open("all-current.json");
    const auto config = dir / "tiservice.ini";
    // User and password for the connector (basic), and "Self" written by hand.
    writeFile(config, readFile(config) + "\n[practice]\nsupport = Self\n");
    auto text = readFile(config);
    text.replace(text.find("mode = server"), 13, "mode = basic\nbasic_user = pvs\nbasic_password_file = /etc/pw");
    writeFile(config, text);
    click("openSettings");
    ASSERT_TRUE(onSettingsPage());
    EXPECT_EQ(find<QComboBox>("field:tls")->currentData().toString(), "basic");
    EXPECT_TRUE(find<QAbstractButton>("field:support:self")->isChecked());
    typeInto("field:workplace", "Labor");
    click("saveSettings");
    const auto after = QString::fromStdString(readFile(config));
    EXPECT_TRUE(has(after, "mode = basic")) << after.toStdString();
    EXPECT_TRUE(has(after, "basic_user = pvs")) << after.toStdString();
    EXPECT_TRUE(has(after, "support = self")) << after.toStdString();
    EXPECT_TRUE(has(after, "workplace_id = Labor")) << after.toStdString();
}
