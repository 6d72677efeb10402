// The window as a person uses it: the start page, the guided update (sign in, new password with
// its rules ticked off as one types, plan, the safety question, progress, result), a wrong
// password, planning in the practice hours, a failed installation, the archive and its PDF,
// and closing the window while the connector installs. Against the real simulator.
#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include "archive_page.h"
#include "start_page.h"
#include "tiservice/i18n.h"
#include "update_page.h"
#include "window_fixture.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

const std::string kOldPassword = "Praxis2025!";
const std::string kNewPassword = "Sommer2026!x";

bool has(const QString& text, const char* part) { return text.contains(QString::fromUtf8(part)); }

class Window : public WindowTest {
protected:
    void SetUp() override { setCurrentLanguage(Language::German); }
};

}  // namespace

TEST_F(Window, TheStartPageShowsEachDeviceWithItsLightVersionsDeadlineAndWhatToDo) {
    open("expired-connector-outdated-terminal.json", {}, "Mo-So 08:00-18:00");
    EXPECT_TRUE(has(textOf("headline"), "Sofort handeln")) << textOf("headline").toStdString();
    EXPECT_TRUE(has(textOf("detail"), "Zulassungskatalog vom")) << textOf("detail").toStdString();
    EXPECT_TRUE(has(textOf("name:connector"), "KoCoBox MED+")) << textOf("name:connector").toStdString();
    EXPECT_EQ(textOf("installed:connector"), "1.3.4");
    EXPECT_EQ(textOf("recommended:connector"), "1.3.10");
    EXPECT_TRUE(has(textOf("deadline:connector"), "abgelaufen am")) << textOf("deadline:connector").toStdString();
    // Expired: no evening to wait for.
    EXPECT_EQ(textOf("action:connector"), "Jetzt aktualisieren");
    // The terminal can wait for the evening after the practice hours.
    EXPECT_TRUE(has(textOf("name:CT_ID_0176"), "ORGA 6141 online")) << textOf("name:CT_ID_0176").toStdString();
    EXPECT_EQ(textOf("installed:CT_ID_0176"), "3.7.2");
    EXPECT_EQ(textOf("recommended:CT_ID_0176"), "3.7.4");
    EXPECT_TRUE(
        QRegularExpression("^(Heute|Morgen) Abend um 19:00 einplanen$").match(textOf("action:CT_ID_0176")).hasMatch())
        << textOf("action:CT_ID_0176").toStdString();
    // Each light says its status in words too (screen readers, colour blindness).
    EXPECT_EQ(find<QLabel>("light:connector")->accessibleName(), "abgelaufen: VPN wird gesperrt");
    EXPECT_TRUE(cutOffTexts(window.get()).empty()) << cutOffTexts(window.get()).front();
}

TEST_F(Window, AllCurrentSaysSoAndOffersNothingToPress) {
    open("all-current.json");
    EXPECT_EQ(textOf("headline"), "Alles aktuell. Es ist nichts zu tun.");
    EXPECT_EQ(textOf("installed:connector"), "1.3.10");
    EXPECT_EQ(find<QAbstractButton>("action:connector"), nullptr);
    // The Cherry has no update on offer: said where a version would stand.
    bool cherry = false;
    for (const auto& d : window->startPage()->model().devices)
        if (d.name.find("Cherry G87-1505") != std::string::npos) {
            cherry = true;
            EXPECT_EQ(textOf(QString::fromStdString("recommended:" + d.component)), "kein Update verfügbar");
        }
    EXPECT_TRUE(cherry);
}

TEST_F(Window, TheWholeUpdateStepByStepWithTheExpiredPassword) {
    open("expired-connector-outdated-terminal.json");
    click("action:connector");
    auto* page = window->updatePage();
    ASSERT_TRUE(page->running());
    ASSERT_TRUE(waitForQuestion("login.user"));
    EXPECT_EQ(find<QLineEdit>("answer")->text(), "koco-root");
    EXPECT_TRUE(find<QLabel>("step:signin")->font().bold());
    click("next");
    ASSERT_TRUE(waitForQuestion("login.password"));
    EXPECT_EQ(find<QLineEdit>("answer")->echoMode(), QLineEdit::Password);
    EXPECT_FALSE(find<QAbstractButton>("next")->isEnabled());  // nothing typed yet
    type(QString::fromStdString(kOldPassword));
    click("next");
    // Expired: the new password, each rule ticked off as it is typed.
    ASSERT_TRUE(waitForQuestion("password.new"));
    EXPECT_TRUE(has(story(), "Passwort abgelaufen")) << story().toStdString();
    EXPECT_TRUE(find<QLabel>("step:password")->font().bold());
    EXPECT_FALSE(find<QAbstractButton>("next")->isEnabled());
    type("kurz");
    EXPECT_FALSE(find<QAbstractButton>("next")->isEnabled());
    type(QString::fromStdString(kNewPassword));
    EXPECT_TRUE(find<QAbstractButton>("next")->isEnabled());
    click("next");
    // The typed password leaves the field at once.
    EXPECT_TRUE(find<QLineEdit>("answer")->text().isEmpty());
    ASSERT_TRUE(waitForQuestion("password.repeat"));
    type(QString::fromStdString(kNewPassword));
    click("next");
    ASSERT_TRUE(waitForQuestion("password.noted"));
    EXPECT_EQ(textOf("next"), "Notiert");
    click("next");
    ASSERT_TRUE(waitForQuestion("plan.when"));
    EXPECT_TRUE(find<QLabel>("step:plan")->font().bold());
    ASSERT_NE(find<QRadioButton>("choice:now"), nullptr);
    ASSERT_NE(find<QRadioButton>("choice:at"), nullptr);
    choose("now");
    click("next");
    if (waitFor([&] { return questionId() == "plan.during-hours" || questionId() == "confirm.start"; }, 10s) &&
        questionId() == "plan.during-hours") {
        choose("now");
        click("next");
    }
    // The safety question must be acknowledged before the start.
    ASSERT_TRUE(waitForQuestion("confirm.start"));
    EXPECT_TRUE(find<QLabel>("step:confirm")->font().bold());
    EXPECT_TRUE(has(textOf("question"), "NICHT ausschalten")) << textOf("question").toStdString();
    EXPECT_FALSE(find<QAbstractButton>("next")->isEnabled());
    click("acknowledge");
    EXPECT_TRUE(has(textOf("next"), "Verstanden")) << textOf("next").toStdString();
    click("next");
    // Progress, the reboots, the result.
    EXPECT_TRUE(waitFor([&] { return page->step() >= gui::WizardStep::Install; }, 30s)) << story().toStdString();
    EXPECT_TRUE(waitFor([&] { return find<QProgressBar>("progress")->isVisible(); }, 5s));
    runThrough(kNewPassword, kNewPassword);  // the connector's own questions after the terminal's
    ASSERT_TRUE(waitFor([&] { return !page->running(); }, 60s));
    EXPECT_EQ(page->step(), gui::WizardStep::Result);
    EXPECT_EQ(textOf("pageTitle"), "Erledigt") << story().toStdString();
    EXPECT_TRUE(has(story(), "1.3.10")) << story().toStdString();
    EXPECT_TRUE(find<QAbstractButton>("backFromUpdate")->isVisible());
    // The bar stands at 100 %; no line says anything is still being installed.
    EXPECT_EQ(find<QProgressBar>("progress")->value(), 100);
    EXPECT_FALSE(find<QLabel>("progressText")->isVisible()) << textOf("progressText").toStdString();
    // Back on the start page: everything is current now.
    click("backFromUpdate");
    EXPECT_TRUE(waitFor([&] { return textOf("headline") == "Alles aktuell. Es ist nichts zu tun."; }, 30s))
        << textOf("headline").toStdString();
    EXPECT_EQ(textOf("installed:connector"), "1.3.10");
}

TEST_F(Window, EachPasswordRuleIsTickedOffAsThePersonTypes) {
    open("expired-connector-outdated-terminal.json");
    click("action:connector");
    ASSERT_TRUE(waitForQuestion("login.user"));
    click("next");
    ASSERT_TRUE(waitForQuestion("login.password"));
    type(QString::fromStdString(kOldPassword));
    click("next");
    ASSERT_TRUE(waitForQuestion("password.new"));
    const auto state = [&](PasswordRule r) {
        auto* l = find<QLabel>(QString("rule:%1").arg(static_cast<int>(r)));
        return l ? l->property("state").toString().toStdString() : std::string("missing");
    };
    const std::vector<PasswordRule> all{PasswordRule::Length, PasswordRule::CharacterClasses,
                                        PasswordRule::AllowedCharacters, PasswordRule::ContainsUserName,
                                        PasswordRule::RecentlyUsed};
    for (auto r : all) EXPECT_EQ(state(r), "open");
    EXPECT_TRUE(has(textOf(QString("rule:%1").arg(static_cast<int>(PasswordRule::Length))), "8 bis 24 Zeichen"));
    const std::vector<std::pair<QString, PasswordRule>> breaking{
        {"Ab1!", PasswordRule::Length},
        {"abcdefghij", PasswordRule::CharacterClasses},
        {"Sommer2026äx", PasswordRule::AllowedCharacters},
        {"Xkoco-root9", PasswordRule::ContainsUserName},
        {"Xtoor-ocok9", PasswordRule::ContainsUserName},
        {QString::fromStdString(kOldPassword), PasswordRule::RecentlyUsed}};
    for (const auto& [typed, rule] : breaking) {
        type(typed);
        EXPECT_EQ(state(rule), "broken") << typed.toStdString();
        EXPECT_FALSE(find<QAbstractButton>("next")->isEnabled()) << typed.toStdString();
    }
    type(QString::fromStdString(kNewPassword));
    for (auto r : all) EXPECT_EQ(state(r), "kept");
    EXPECT_TRUE(find<QAbstractButton>("next")->isEnabled());
    // Nothing was sent to the connector: its password is still the old, expired one.
    click("cancel");
    ASSERT_TRUE(waitFor([&] { return !window->updatePage()->running(); }));
    EXPECT_EQ(textOf("pageTitle"), "Abgebrochen");
    const auto connector = sim->control("GET", "/state")["connectors"].toArray()[0].toObject();
    EXPECT_TRUE(connector["passwordExpired"].toBool()) << QJsonDocument(connector).toJson().toStdString();
}

TEST_F(Window, AWrongPasswordSaysHowManyTriesAreLeftAndAsksAgain) {
    open("terminal-update-available.json");
    click("action:CT_ID_0176");
    ASSERT_TRUE(waitForQuestion("login.user"));
    click("next");
    ASSERT_TRUE(waitForQuestion("login.password"));
    type("Falsch123!");
    click("next");
    ASSERT_TRUE(waitFor([&] { return has(story(), "Passwort falsch"); }, 10s)) << story().toStdString();
    EXPECT_TRUE(has(story(), "Versuch")) << story().toStdString();
    ASSERT_TRUE(waitForQuestion("login.password"));
    EXPECT_TRUE(find<QLineEdit>("answer")->text().isEmpty());
    type("Praxis2026!");
    click("next");
    ASSERT_TRUE(waitFor([&] { return questionId().rfind("plan.", 0) == 0 || questionId() == "confirm.start"; }, 20s))
        << story().toStdString();
}

TEST_F(Window, PlanningInThePracticeHoursWarnsAndOffersTheEvening) {
    open("terminal-update-available.json", {}, "Mo-So 06:00-22:00");
    // Not the evening button (it plans without asking when): the update that asks.
    window->startUpdate();
    ASSERT_TRUE(waitForQuestion("login.user"));
    click("next");
    ASSERT_TRUE(waitForQuestion("login.password"));
    type("Praxis2026!");
    click("next");
    ASSERT_TRUE(waitForQuestion("plan.when"));
    choose("at");
    click("next");
    ASSERT_TRUE(waitForQuestion("plan.time"));
    EXPECT_EQ(find<QLineEdit>("answer")->text(), "19:00");
    type("12:00");
    click("next");
    ASSERT_TRUE(waitForQuestion("plan.at-during-hours"));
    EXPECT_TRUE(has(story(), "Geplant in der Sprechzeit")) << story().toStdString();
    EXPECT_TRUE(has(story(), "liegt in der Sprechzeit")) << story().toStdString();
    EXPECT_TRUE(QRegularExpression("^Trotzdem für .*12:00 planen\\?$").match(textOf("question")).hasMatch())
        << textOf("question").toStdString();
    ASSERT_NE(find<QRadioButton>("choice:evening"), nullptr);
    EXPECT_TRUE(find<QRadioButton>("choice:evening")->isChecked());  // the recommendation is the default
    click("next");
    ASSERT_TRUE(waitForQuestion("confirm.start"));
    EXPECT_TRUE(has(textOf("question"), "23:00")) << textOf("question").toStdString();
    click("acknowledge");
    click("next");
    ASSERT_TRUE(waitFor([&] { return !window->updatePage()->running(); }, 30s));
    EXPECT_EQ(textOf("pageTitle"), "Update geplant") << story().toStdString();
}

TEST_F(Window, AFailedInstallationSaysSoAndThatTheOldVersionStays) {
    open("terminal-update-available.json", {"--fault-install-fails", "Signaturprüfung fehlgeschlagen"});
    window->startUpdate();
    runThrough("Praxis2026!");
    ASSERT_FALSE(window->updatePage()->running());
    EXPECT_EQ(textOf("pageTitle"), "Update fehlgeschlagen") << story().toStdString();
    EXPECT_TRUE(has(story(), "Signaturprüfung fehlgeschlagen")) << story().toStdString();
    EXPECT_TRUE(has(story(), "später noch einmal versuchen")) << story().toStdString();
    // The archive has it once, as failed.
    click("backFromUpdate");
    click("openArchive");
    auto* table = window->archivePage()->table();
    ASSERT_TRUE(waitFor([&] { return table->rowCount() > 0; }, 20s));
    int failed = 0;
    for (int r = 0; r < table->rowCount(); ++r) failed += table->item(r, 4)->text().startsWith("fehlgeschlagen");
    EXPECT_EQ(failed, 1);
}

TEST_F(Window, TheArchiveIsATableAndItsProofOfMaintenanceAPdf) {
    open("terminal-update-available.json");
    window->startUpdate();
    runThrough("Praxis2026!");
    ASSERT_EQ(textOf("pageTitle"), "Erledigt") << story().toStdString();
    click("backFromUpdate");
    click("openArchive");
    auto* table = window->archivePage()->table();
    ASSERT_TRUE(waitFor([&] { return table->rowCount() >= 2; }, 20s));
    // Newest first: the finished update, with who started it.
    EXPECT_EQ(table->item(0, 2)->text(), "beendet");
    EXPECT_EQ(table->item(0, 3)->text(), "3.7.2 → 3.7.4");
    EXPECT_EQ(table->item(0, 4)->text(), "erfolgreich");
    EXPECT_TRUE(has(table->item(0, 5)->text(), "PVS1/Empfang")) << table->item(0, 5)->text().toStdString();
    const auto pdf = dir / "Wartungsnachweis.pdf";
    ASSERT_TRUE(window->archivePage()->savePdf(pdf).ok());
    const auto bytes = readFile(pdf);
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
    EXPECT_GT(bytes.size(), 2000u);
    // A folder that cannot be written: said in words, nothing half-written.
    writeFile(dir / "a-file", "");  // a file where the folder would be
    const auto refused = window->archivePage()->savePdf(dir / "a-file/Wartungsnachweis.pdf");
    ASSERT_FALSE(refused.ok());
    EXPECT_FALSE(refused.error().message.de.empty());
    EXPECT_FALSE(std::filesystem::exists(dir / "a-file/Wartungsnachweis.pdf"));
}

TEST_F(Window, ClosingDuringTheInstallationSaysTheConnectorCarriesOnAlone) {
    // Slow enough that the installation is still running when the window closes.
    open("terminal-update-available.json", {}, "Mo-Fr 08:00-18:00", 1);
    window->startUpdate();
    auto* page = window->updatePage();
    // Answer until the connector installs.
    while (waitFor([&] { return !questionId().empty() || page->installing() || !page->running(); }, 30s) &&
           !page->installing() && page->running()) {
        const auto id = questionId();
        if (id == "login.user") click("next");
        else if (id == "login.password") {
            type("Praxis2026!");
            click("next");
        } else if ((id == "plan.when" || id == "plan.during-hours") && find<QRadioButton>("choice:now")) {
            choose("now");
            click("next");
        } else if (id == "confirm.start") {
            click("acknowledge");
            click("next");
        } else FAIL() << id;
        waitFor([&] { return questionId() != id || page->installing(); }, 5s);
    }
    ASSERT_TRUE(page->installing()) << story().toStdString();
    ASSERT_TRUE(page->running()) << story().toStdString();
    // First "Offen lassen": the window stays.
    QString said;
    const auto press = [&](const char* button) {
        QTimer::singleShot(200, [&, button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                said = box->text();
                if (auto* b = box->findChild<QAbstractButton*>(button)) b->click();
            }
        });
    };
    press("stayOpen");
    EXPECT_FALSE(window->close());
    EXPECT_TRUE(window->isVisible());
    EXPECT_TRUE(has(said, "Der Konnektor installiert weiter")) << said.toStdString();
    EXPECT_TRUE(has(said, "NICHT ausschalten")) << said.toStdString();
    // Then closed: the connector goes on with the installation.
    press("closeAnyway");
    EXPECT_TRUE(window->close());
    const auto installs =
        sim->control("GET", "/state")["connectors"].toArray()[0].toObject()["installations"].toArray();
    ASSERT_FALSE(installs.isEmpty());
    const auto state = installs[0].toObject()["state"].toString().toStdString();
    EXPECT_NE(state, "failed");
    // Really started on the connector, and still going after the window has gone.
    EXPECT_EQ(state, "installing") << state;
    // The journal stays, so the next start follows it up and records how it ended.
    bool journalKept = false;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir / "state/journal", ec))
        journalKept = journalKept || e.path().extension() == ".json";
    EXPECT_TRUE(journalKept);
}

TEST_F(Window, TheWholeUpdateWorksWithTheKeyboardAlone) {
    open("terminal-update-available.json", {}, "Mo-So 00:00-23:59");
    // Tab to the device's main button and press it with the space bar.
    QWidget* focused = nullptr;
    for (int i = 0; i < 30; ++i) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window.get(), Qt::Key_Tab);
        focused = QApplication::focusWidget();
        if (focused && focused->objectName().startsWith("action:")) break;
    }
    ASSERT_TRUE(focused && focused->objectName().startsWith("action:"))
        << (focused ? focused->objectName().toStdString() : "nothing has the focus");
    QTest::keyClick(focused, Qt::Key_Space);
    auto* page = window->updatePage();
    const auto key = [](Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget(), k, m);
    };
    std::vector<std::string> asked;
    while (waitFor([&] { return !questionId().empty() || !page->running(); }) && page->running()) {
        const auto id = questionId();
        asked.push_back(id);
        // Where a person starts typing: the field, the choices or the tick box has the focus.
        const auto focusName = [] {
            return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
        };
        ASSERT_TRUE(waitFor(
            [&] {
                const auto f = focusName();
                return f == "answer" || f.startsWith("choice:") || f == "acknowledge" || f == "next";
            },
            3s))
            << id << ": the focus is on " << focusName().toStdString() << " "
            << (QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "-")
            << (QApplication::focusWidget() && QApplication::focusWidget()->parentWidget()
                    ? QApplication::focusWidget()->parentWidget()->objectName().toStdString()
                    : "");
        if (id == "login.password") {
            QTest::keyClicks(QApplication::focusWidget(), "Praxis2026!");
            key(Qt::Key_Return);
        } else if ((id == "plan.when" || id == "plan.during-hours") && find<QRadioButton>("choice:now")) {
            // The choice "now" with the arrow keys from where the focus is, then Enter.
            for (int i = 0; i < 5 && !find<QRadioButton>("choice:now")->isChecked(); ++i) key(Qt::Key_Up);
            for (int i = 0; i < 5 && !find<QRadioButton>("choice:now")->isChecked(); ++i) key(Qt::Key_Down);
            ASSERT_TRUE(find<QRadioButton>("choice:now")->isChecked())
                << (QApplication::focusWidget()
                        ? QApplication::focusWidget()->metaObject()->className() + std::string(" ") +
                              QApplication::focusWidget()->objectName().toStdString()
                        : "no focus");
            key(Qt::Key_Return);
        } else if (id == "confirm.start") {
            key(Qt::Key_Return);  // not yet: the tick box first
            EXPECT_EQ(questionId(), "confirm.start");
            EXPECT_EQ(QApplication::focusWidget()->objectName(), "acknowledge");
            key(Qt::Key_Space);
            key(Qt::Key_Return);
        } else {
            key(Qt::Key_Return);  // the given default (the user name)
        }
        ASSERT_TRUE(waitFor([&] { return questionId() != id || !page->running(); }, 10s))
            << id << " was not answered by the keyboard";
        ASSERT_LT(asked.size(), 12u) << ::testing::PrintToString(asked);
    }
    EXPECT_TRUE(has(textOf("pageTitle"), "Erledigt")) << textOf("pageTitle").toStdString() << "\n"
                                                      << story().toStdString();
    EXPECT_NE(std::find(asked.begin(), asked.end(), "confirm.start"), asked.end()) << ::testing::PrintToString(asked);
}

// The geometry check the screenshot tests rely on finds what a person could not read.
TEST(CutOffTexts, FindsALineCutAtTheSideAndAButtonTooNarrowButNotWhatIsScrolledAway) {
    QWidget root;
    root.resize(300, 120);
    auto* scroll = new QScrollArea(&root);
    scroll->setObjectName("scroll");
    scroll->setGeometry(0, 0, 200, 100);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* inner = new QWidget;
    inner->resize(600, 400);
    auto* wide = new QLabel("Eine sehr lange Zeile, die nicht umbricht und rechts abgeschnitten wird", inner);
    wide->setObjectName("wide");
    wide->setGeometry(0, 0, 600, 20);
    scroll->setWidget(inner);
    root.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&root));
    auto cut = cutOffTexts(&root);
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_NE(cut.front().find("wide"), std::string::npos) << cut.front();
    // Scrolled out of view below is reachable, not cut.
    wide->setGeometry(0, 300, 600, 20);
    EXPECT_TRUE(cutOffTexts(&root).empty()) << cutOffTexts(&root).front();
    auto* narrow = new QPushButton("Wartungsnachweis speichern", &root);
    narrow->setGeometry(210, 0, 40, 30);
    narrow->show();
    cut = cutOffTexts(&root);
    ASSERT_EQ(cut.size(), 1u);
    EXPECT_NE(cut.front().find("Wartungsnachweis"), std::string::npos) << cut.front();
}

TEST_F(Window, TheCertificatePasswordAtACheckIsAskedInADialogAndThePageStays) {
    // The connector wants this PC's client certificate, and its password is in no file.
    writeFile(dir / "p12pw", "p12-Geheim\n");
    tlsSettings = "mode = client-certificate\nclient_certificate = " + (dir / "client.p12").string() + "\n";
    open("all-current.json", {"--tls", "client", "--client-p12", (dir / "client.p12").string(),
                              "--client-p12-password-file", (dir / "p12pw").string()});
    auto* dialog = window->findChild<QDialog*>("question:connection.password");
    ASSERT_TRUE(waitFor([&] { return (dialog = window->findChild<QDialog*>("question:connection.password")); }, 10s));
    EXPECT_TRUE(dialog->isVisible());
    // The start page stays where the person is; no guided update was begun for it.
    EXPECT_TRUE(window->startPage()->isVisible());
    EXPECT_FALSE(window->updatePage()->running());
    auto* field = dialog->findChild<QLineEdit*>("answer");
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->echoMode(), QLineEdit::Password);
    QTest::keyClicks(field, "p12-Geheim");
    QTest::keyClick(field, Qt::Key_Return);
    // With it, the check reads the connector.
    ASSERT_TRUE(waitFor([&] { return textOf("installed:connector") == "1.3.10"; }, 30s))
        << textOf("headline").toStdString() << " / " << textOf("detail").toStdString();
    EXPECT_TRUE(window->startPage()->isVisible());
    EXPECT_FALSE(window->updatePage()->running());
}
