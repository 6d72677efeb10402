// Pictures of every page — the start page in each status, each step of the guided update, the
// result, the archive — in German and English, saved under the build folder
// (screenshots/<scale>/<language>/<page>.png), and the settings form of the first run. A page that is blank or whose
// text is cut off fails. ctest runs them at 100 %, 125 % and 200 % (QT_SCALE_FACTOR).
#include <QAbstractButton>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QPixmap>
#include <QTableWidget>

#include "archive_page.h"
#include "settings_page.h"
#include "start_page.h"
#include "tiservice/i18n.h"
#include "update_page.h"
#include "window_fixture.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

class Screenshots : public WindowTest {
protected:
    void everyPage(Language language) {
        setCurrentLanguage(language);
        const QString scale = qEnvironmentVariableIsEmpty("TISERVICE_SCREENSHOT_SCALE")
                                  ? QString("100")
                                  : qEnvironmentVariable("TISERVICE_SCREENSHOT_SCALE");
        folder_ = QString(TISERVICE_SCREENSHOT_DIR) + "/" + scale + "/" +
                  QString::fromUtf8(languageTag(language).data(), static_cast<int>(languageTag(language).size()));
        QDir().mkpath(folder_);

        openFirstRun("all-current.json");
        ASSERT_TRUE(waitFor([&] { return window->settingsPage()->isVisible(); }, 5s));
        shoot("settings-first-run");
        window->close();
        window.reset();
        sim.reset();

        for (const auto& [scenario, name] :
             std::vector<std::pair<std::string, QString>>{{"all-current.json", "start-current"},
                                                          {"terminal-update-available.json", "start-update-available"},
                                                          {"connector-blocked.json", "start-blocked"}}) {
            open(scenario);
            shoot(name);
            window->close();
            window.reset();
            sim.reset();
        }

        middayHere();  // the page that warns about the practice hours, at any hour the test runs
        open("expired-connector-outdated-terminal.json", {}, "Mo-So 06:00-22:00");
        shoot("start-expired");
        window->startUpdate();
        ASSERT_TRUE(waitForQuestion("login.user"));
        click("next");
        ASSERT_TRUE(waitForQuestion("login.password"));
        type("Praxis2025!");
        shoot("wizard-1-sign-in");
        click("next");
        ASSERT_TRUE(waitForQuestion("password.new"));
        type("sommer2026");  // half the rules kept, half broken
        shoot("wizard-2-new-password");
        type("Sommer2026!x");
        click("next");
        ASSERT_TRUE(waitForQuestion("password.repeat"));
        type("Sommer2026!x");
        click("next");
        ASSERT_TRUE(waitForQuestion("password.noted"));
        click("next");
        ASSERT_TRUE(waitForQuestion("plan.when"));
        shoot("wizard-3-plan");
        choose("now");
        click("next");
        ASSERT_TRUE(waitForQuestion("plan.during-hours"));
        shoot("wizard-3-plan-in-practice-hours");
        choose("now");
        click("next");
        ASSERT_TRUE(waitForQuestion("confirm.start"));
        shoot("wizard-4-confirm");
        click("acknowledge");
        click("next");
        ASSERT_TRUE(
            waitFor([&] { return window->updatePage()->installing() || !window->updatePage()->running(); }, 30s));
        EXPECT_TRUE(window->updatePage()->installing()) << "no picture of the installation: it had ended";
        if (window->updatePage()->installing()) shoot("wizard-5-installation");
        runThrough("Sommer2026!x", "Sommer2026!x");
        ASSERT_FALSE(window->updatePage()->running());
        shoot("wizard-6-result");
        click("backFromUpdate");
        click("openArchive");
        ASSERT_TRUE(waitFor([&] { return window->archivePage()->table()->rowCount() > 0; }, 20s));
        shoot("archive");
    }

    void shoot(const QString& name) {
        // Let layouts settle before the picture.
        waitFor([] { return false; }, 150ms);
        const QImage image = window->grab().toImage();
        const QString file = folder_ + "/" + name + ".png";
        EXPECT_TRUE(image.save(file)) << file.toStdString();
        EXPECT_FALSE(blank(image)) << name.toStdString() << " is blank";
        const auto cut = cutOffTexts(window.get());
        EXPECT_TRUE(cut.empty()) << name.toStdString() << ": " << (cut.empty() ? "" : cut.front());
    }

    QString folder_;
};

}  // namespace

TEST_F(Screenshots, EveryPageInGerman) { everyPage(Language::German); }

TEST_F(Screenshots, EveryPageInEnglish) {
    everyPage(Language::English);
    setCurrentLanguage(Language::German);
}
