#include "window_fixture.h"

#include <cstdlib>
#include <ctime>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include "start_page.h"
#include "support/catalog.h"
#include "update_page.h"

namespace tiservice::testing {

void WindowTest::open(const std::string& scenario, std::vector<std::string> simArgs, const std::string& hours,
                      double timeScale) {
    openWindow(scenario, std::move(simArgs), hours, timeScale);
    if (HasFatalFailure() || !window) throw std::runtime_error("the window for " + scenario + " did not open");
}

void WindowTest::openFirstRun(const std::string& scenario) {
    startSimulator(scenario, {}, 600);
    if (HasFatalFailure()) throw std::runtime_error("the simulator for " + scenario + " did not start");
    // What the installer puts there: the vendor's update server, nothing about the practice.
    std::filesystem::create_directories(dir / "config");
    writeFile(dir / "config/tiservice.ini",
              "; installed with tiservice\n[update_server]\nmetadata_url = " + sim->updatesBase() +
                  "metadata/\ntargets_url = " + sim->updatesBase() +
                  "targets/\ntrusted_root = " + (dir / "repo/published/metadata/1.root.json").string() + "\n");
    window = std::make_unique<gui::MainWindow>(
        gui::WindowSetup{.configFile = dir / "config/tiservice.ini", .stateDir = dir / "state"});
    window->show();
}

void WindowTest::startSimulator(const std::string& scenario, std::vector<std::string> simArgs, double timeScale) {
    publishShippedCatalog(dir / "repo");  // one for every window this test opens
    simArgs.push_back("--updates-dir");
    simArgs.push_back((dir / "repo/published").string());
    sim = std::make_unique<SimulatorProcess>(
        SimulatorSetup{.scenario = scenario, .timeScale = timeScale, .args = std::move(simArgs)});
}

void WindowTest::openWindow(const std::string& scenario, std::vector<std::string> simArgs, const std::string& hours,
                            double timeScale) {
    startSimulator(scenario, std::move(simArgs), timeScale);
    if (HasFatalFailure()) return;
    writeFile(dir / "tiservice.ini",
              "[connector]\nsds_url = " + sim->sdsUrl() + "\nmanagement_url = " + sim->managementBase() +
                  "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n\n[tls]\n" +
                  (tlsSettings.empty() ? std::string("mode = server\n") : tlsSettings) +
                  "ca_file = " + sim->caFile().string() + "\n\n[update_server]\nmetadata_url = " + sim->updatesBase() +
                  "metadata/\ntargets_url = " + sim->updatesBase() +
                  "targets/\ntrusted_root = " + (dir / "repo/published/metadata/1.root.json").string() +
                  "\n\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\nfollow_timeout_minutes = 2\n"
                  "download_timeout_minutes = 1\n\n[practice]\nhours = " +
                  hours + "\n");
    window = std::make_unique<gui::MainWindow>(
        gui::WindowSetup{.configFile = dir / "tiservice.ini", .stateDir = dir / "state"});
    window->show();
    ASSERT_TRUE(waitFor([&] {
        const auto& m = window->startPage()->model();
        // Or the check asks first (the client certificate's password).
        return !m.devices.empty() || m.checkFailed ||
               !window->findChildren<QDialog*>(QRegularExpression("^question:")).isEmpty();
    })) << "the first check never reached the start page";
}

void WindowTest::TearDown() {
    if (window) {
        // A test that stopped during an installation: closing asks whether to leave the
        // installation running; answered here, else the question waits for ever and the test
        // ends by ctest's timeout minutes later instead of with its own failure.
        QTimer answer;
        QObject::connect(&answer, &QTimer::timeout, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                if (auto* b = box->findChild<QAbstractButton*>("closeAnyway")) b->click();
        });
        answer.start(50);
        window->close();
        answer.stop();
        window.reset();
    }
    sim.reset();
    if (timeZoneMoved_) {
        if (savedTimeZone_) setenv("TZ", savedTimeZone_->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
}

void WindowTest::middayHere() {
    if (!timeZoneMoved_) {
        if (const char* tz = std::getenv("TZ")) savedTimeZone_ = tz;
        timeZoneMoved_ = true;
    }
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    // POSIX TZ counts hours west of Greenwich: "TIS10" is ten hours behind UTC.
    const int hoursWest = utc.tm_hour - 12;
    const std::string zone = "TIS" + std::to_string(hoursWest);
    setenv("TZ", zone.c_str(), 1);
    tzset();
}

bool WindowTest::waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    return QTest::qWaitFor(condition, static_cast<int>(timeout.count()));
}

std::string WindowTest::questionId() const {
    const auto& q = window->updatePage()->question();
    return q ? q->id : "";
}

bool WindowTest::waitForQuestion(const std::string& id, std::chrono::milliseconds timeout) {
    const bool asked = waitFor([&] { return !questionId().empty() || !window->updatePage()->running(); }, timeout);
    if (questionId() == id) return true;
    ADD_FAILURE() << "expected the question " << id << ", got " << (asked ? questionId() : "nothing")
                  << (window->updatePage()->running() ? "" : " (the run has ended)") << "\n"
                  << story().toStdString();
    return false;
}

void WindowTest::type(const QString& text) {
    auto* field = find<QLineEdit>("answer");
    ASSERT_NE(field, nullptr);
    field->setFocus();
    field->clear();
    for (const QChar c : text) {
        if (c.unicode() < 128) {
            QTest::keyClick(field, c.toLatin1());
        } else {  // "ä": what a German keyboard sends, which QTest's ASCII table does not know
            QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(c));
            QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(c));
            QApplication::sendEvent(field, &press);
            QApplication::sendEvent(field, &release);
        }
    }
}

void WindowTest::click(const QString& objectName) {
    auto* b = find<QAbstractButton>(objectName);
    ASSERT_NE(b, nullptr) << objectName.toStdString();
    ASSERT_TRUE(b->isVisible() && b->isEnabled()) << objectName.toStdString() << " cannot be pressed";
    // A tick box or a round choice is pressed where its box is, as a person does.
    const bool box = qobject_cast<QCheckBox*>(b) || qobject_cast<QRadioButton*>(b);
    QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, box ? QPoint(8, b->height() / 2) : QPoint());
}

void WindowTest::typeInto(const QString& objectName, const QString& text) {
    auto* field = find<QLineEdit>(objectName);
    ASSERT_NE(field, nullptr) << objectName.toStdString();
    ASSERT_TRUE(field->isVisible() && field->isEnabled()) << objectName.toStdString() << " cannot be typed into";
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

void WindowTest::choose(const std::string& choiceId) {
    auto* b = find<QRadioButton>(QString::fromStdString("choice:" + choiceId));
    ASSERT_NE(b, nullptr) << choiceId;
    QTest::mouseClick(b, Qt::LeftButton, Qt::NoModifier, QPoint(8, b->height() / 2));
}

void WindowTest::runThrough(const std::string& password, const std::string& newPassword, const std::string& when) {
    auto* page = window->updatePage();
    while (waitFor([&] { return !questionId().empty() || !page->running(); }) && page->running()) {
        const auto id = questionId();
        if (id == "login.user") {
            click("next");  // koco-root is given
        } else if (id == "login.password") {
            type(QString::fromStdString(password));
            click("next");
        } else if (id == "password.new" || id == "password.repeat") {
            type(QString::fromStdString(newPassword));
            click("next");
        } else if (id == "password.noted") {
            click("next");
        } else if (id == "plan.when") {
            choose(when);
            click("next");
        } else if (id == "plan.during-hours" || id == "plan.at-during-hours") {
            choose(id == "plan.during-hours" ? "now" : "at");
            click("next");
        } else if (id == "confirm.start") {
            click("acknowledge");
            click("next");
        } else {
            ADD_FAILURE() << "a question this test does not know: " << id;
            click("cancel");
        }
        if (::testing::Test::HasFatalFailure()) return;
        // The answered question leaves; the next one comes from the engine's thread.
        if (!waitFor([&] { return questionId() != id || !page->running(); }, std::chrono::seconds(5))) {
            ADD_FAILURE() << "the answer to " << id << " was not taken\n" << story().toStdString();
            return;
        }
    }
    if (page->running()) ADD_FAILURE() << "the run neither asked nor ended within 30 s\n" << story().toStdString();
}

QString WindowTest::textOf(const QString& objectName) const {
    if (auto* l = find<QLabel>(objectName)) return l->text();
    if (auto* b = find<QAbstractButton>(objectName)) return b->text();
    return {};
}

QString WindowTest::story() const { return textOf("story"); }

std::vector<std::string> cutOffTexts(QWidget* root) {
    std::vector<std::string> cut;
    for (auto* w : root->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(root)) continue;
        if (auto* b = qobject_cast<QAbstractButton*>(w); b && !b->text().isEmpty()) {
            if (b->width() < b->minimumSizeHint().width() || b->height() < b->minimumSizeHint().height())
                cut.push_back("button \"" + b->text().toStdString() + "\" " + std::to_string(b->width()) + " < " +
                              std::to_string(b->minimumSizeHint().width()));
        } else if (auto* l = qobject_cast<QLabel*>(w); l && !l->text().isEmpty()) {
            const int needed = l->wordWrap() ? l->heightForWidth(l->width()) : l->sizeHint().height();
            const bool narrow = !l->wordWrap() && l->width() < l->minimumSizeHint().width();
            if (narrow || (needed > 0 && l->height() < needed))
                cut.push_back("label \"" + l->text().left(60).toStdString() + "\" " + std::to_string(l->width()) + "x" +
                              std::to_string(l->height()) + ", needs height " + std::to_string(needed));
        }
        // Wider than what holds it (a list or scroll area without wrapping): the line is cut at
        // the side. Scrolled away vertically is not cut; it is reached by scrolling.
        const bool hasText =
            (qobject_cast<QLabel*>(w) && !qobject_cast<QLabel*>(w)->text().isEmpty()) ||
            (qobject_cast<QAbstractButton*>(w) && !qobject_cast<QAbstractButton*>(w)->text().isEmpty());
        if (!hasText) continue;
        for (QWidget* a = w->parentWidget(); a && a != root->parentWidget(); a = a->parentWidget()) {
            const QRect inside(w->mapTo(a, QPoint(0, 0)), w->size());
            const QRect shown = inside.intersected(a->rect());
            if (shown.height() > 0 && shown.width() < inside.width()) {
                cut.push_back("\"" + w->objectName().toStdString() + "\" is cut at the side by \"" +
                              a->objectName().toStdString() + "\": " + std::to_string(shown.width()) + " of " +
                              std::to_string(inside.width()));
                break;
            }
        }
    }
    return cut;
}

bool blank(const QImage& image) {
    if (image.isNull() || image.width() == 0) return true;
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixel(x, y) != first) return false;
    return true;
}

}  // namespace tiservice::testing
