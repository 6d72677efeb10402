// tiservice-host --gui, the reference for PVS vendors: the real adapter of each practice
// software, loaded through plugins::LoadedPlugin into the sample host's window, against the
// real simulator. Each notice style appears as a PVS shows it — a banner strip (MEDISTAR), a
// modal dialog (ALBIS), a task in the "Aufgaben" list (Z1) — and closes as a person closes
// it; the guided update runs through dialogs with a progress bar. Pictures of each style in
// German and English go to screenshots/host/<language>/<pvs>/ under the build folder.
#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QTest>

#include "pvs_window.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "tiservice/i18n.h"
#include "tiservice/plugin_loader.h"
#include "window_fixture.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

QJsonObject profile(const std::string& pvs) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(readFile(std::filesystem::path(TISERVICE_SOURCE_DIR) /
                                                                      "host-adapters" / pvs / "profile.json")))
        .object();
}

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 30s) {
    return QTest::qWaitFor(condition, static_cast<int>(timeout.count()));
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string joined(const std::vector<std::string>& lines) {
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    return all;
}

class HostWindow : public ::testing::Test {
protected:
    void SetUp() override { setCurrentLanguage(Language::German); }
    void TearDown() override {
        window.reset();
        plugin.reset();
        sim.reset();
        setCurrentLanguage(Language::German);
    }

    /// The simulator, the adapter of `pvs` loaded, the window shown and the plugin started.
    void open(const std::string& pvs, const std::string& scenario, sample_host::GuiHostSetup setup = {}) {
        publishShippedCatalog(dir / "repo");
        sim = std::make_unique<SimulatorProcess>(SimulatorSetup{
            .scenario = scenario, .timeScale = 600, .args = {"--updates-dir", (dir / "repo/published").string()}});
        const std::map<std::string, std::string> ours{
            {"connector.sds_url", sim->sdsUrl()},
            {"connector.mandant_id", "Praxis1"},
            {"connector.client_system_id", "PVS1"},
            {"connector.workplace_id", "Empfang"},
            {"connector.management_url", sim->managementBase()},
            {"tls.mode", "server"},
            {"tls.ca_file", sim->caFile().string()},
            {"update_server.metadata_url", sim->updatesBase() + "metadata/"},
            {"update_server.targets_url", sim->updatesBase() + "targets/"},
            {"update_server.trusted_root", (dir / "repo/published/metadata/1.root.json").string()},
            {"update.poll_interval_ms", "50"},
            {"update.poll_max_ms", "200"},
        };
        // The TI settings in this PVS's own words, as its settings dialog stores them.
        const auto mapping = profile(pvs).value("settings").toObject();
        for (const auto& [key, value] : ours)
            setup.settings[mapping.value(QString::fromStdString(key)).toString().toStdString()] = value;
        setup.settings["language"] = std::string(languageTag(currentLanguage()));
        setup.settings["tiservice.state_dir"] = (dir / ("state-" + pvs)).string();
        setup.pvs = pvs;
        setup.stay = true;
        setup.answerDelay = 50ms;
        plugin = plugins::LoadedPlugin::load(
            plugins::adapterFile(std::filesystem::path(TISERVICE_BIN_DIR).parent_path() / "lib/tiservice/adapters",
                                 pvs),
            pvs);
        ASSERT_EQ(plugin->state(), plugins::PluginState::Loaded)
            << (plugin->error() ? plugin->error()->describe() : "");
        window = std::make_unique<sample_host::PvsWindow>(*plugin, std::move(setup));
        window->show();
        ASSERT_TRUE(window->start());
    }

    QString all(QWidget* root) const {
        QString text;
        for (auto* l : root->findChildren<QLabel*>())
            if (l->isVisibleTo(root)) text += l->text() + "\n";
        return text;
    }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
    std::unique_ptr<plugins::LoadedPlugin> plugin;
    std::unique_ptr<sample_host::PvsWindow> window;
};

std::filesystem::path pictures(const std::string& pvs) {
    return std::filesystem::path(TISERVICE_SCREENSHOT_DIR) / "host" / std::string(languageTag(currentLanguage())) / pvs;
}

void expectReadable(QWidget* w, const std::string& what) {
    const auto cut = cutOffTexts(w);
    EXPECT_TRUE(cut.empty()) << what << ": " << (cut.empty() ? "" : cut.front());
}

void expectPictures(const sample_host::PvsWindow& w, const std::string& what) {
    ASSERT_FALSE(w.pictures().empty()) << what << ": no picture saved";
    for (const auto& file : w.pictures()) {
        QImage image(QString::fromStdString(file.string()));
        EXPECT_FALSE(image.isNull()) << file;
        EXPECT_FALSE(blank(image)) << file << " is blank";
    }
}

}  // namespace

TEST_F(HostWindow, MedistarShowsABannerStripThatClosesWithLater) {
    for (const auto language : {Language::German, Language::English}) {
        setCurrentLanguage(language);
        sample_host::GuiHostSetup setup;
        setup.screenshots = pictures("medistar");
        std::filesystem::remove_all(setup.screenshots);
        open("medistar", "expired-connector-outdated-terminal.json", setup);
        ASSERT_TRUE(waitFor([&] { return window->findChild<QFrame*>("banner:status.connector.approval-expired"); }))
            << joined(window->shown());
        auto* banner = window->findChild<QFrame*>("banner:status.connector.approval-expired");
        EXPECT_TRUE(waitFor([&] { return banner->isVisible(); }, 5s));
        EXPECT_TRUE(window->bannerStrip()->isAncestorOf(banner));
        EXPECT_EQ(window->openDialog(), nullptr);  // a banner never stops the work
        const auto words = all(banner);
        EXPECT_TRUE(words.contains("1.3.4")) << words.toStdString();
        // The terminal's notice beside it, each in its own strip.
        ASSERT_TRUE(waitFor([&] { return window->findChild<QFrame*>("banner:status.terminal.update-available"); }));
        waitFor([] { return false; }, 300ms);  // the pictures are taken after the layout settles
        expectReadable(window.get(), "MEDISTAR banner");
        expectPictures(*window, "MEDISTAR banner");
        auto* later = banner->findChild<QAbstractButton*>("action:later");
        ASSERT_NE(later, nullptr);
        EXPECT_EQ(later->text(), language == Language::German ? "Später" : "Later");
        QTest::mouseClick(later, Qt::LeftButton);
        EXPECT_TRUE(
            waitFor([&] { return !window->findChild<QFrame*>("banner:status.connector.approval-expired"); }, 5s));
        EXPECT_TRUE(joined(window->shown()).find(language == Language::German ? "→ Später" : "→ Later") !=
                    std::string::npos)
            << joined(window->shown());
        window.reset();
        plugin.reset();
        sim.reset();
    }
}

TEST_F(HostWindow, AlbisShowsAModalDialogThatMustBeAcknowledged) {
    for (const auto language : {Language::German, Language::English}) {
        setCurrentLanguage(language);
        sample_host::GuiHostSetup setup;
        setup.screenshots = pictures("albis");
        std::filesystem::remove_all(setup.screenshots);
        open("albis", "connector-blocked.json", setup);
        ASSERT_TRUE(waitFor([&] { return window->openDialog() != nullptr; })) << joined(window->shown());
        auto* box = qobject_cast<QMessageBox*>(window->openDialog());
        ASSERT_NE(box, nullptr);
        EXPECT_EQ(box->objectName(), "dialog:status.connector.blocked");
        EXPECT_TRUE(box->isVisible());
        EXPECT_EQ(box->windowModality(), Qt::WindowModal);
        EXPECT_FALSE(box->informativeText().isEmpty());
        waitFor([] { return false; }, 300ms);
        expectReadable(box, "ALBIS dialog");
        expectPictures(*window, "ALBIS dialog");
        ASSERT_NE(box->findChild<QAbstractButton*>("ok"), nullptr);
        EXPECT_NE(box->findChild<QAbstractButton*>("action:ti-service.update"), nullptr);
        // Closed the way people close dialogs without reading the buttons: Esc (or the ✕).
        QTest::keyClick(box, Qt::Key_Escape);
        EXPECT_TRUE(waitFor([&] { return window->openDialog() == nullptr; }, 5s));
        EXPECT_TRUE(contains(joined(window->shown()), language == Language::German ? "→ Geschlossen" : "→ Closed"))
            << joined(window->shown());
        window.reset();
        plugin.reset();
        sim.reset();
    }
}

TEST_F(HostWindow, Z1PutsATaskInTheListThatIsTickedOff) {
    for (const auto language : {Language::German, Language::English}) {
        setCurrentLanguage(language);
        sample_host::GuiHostSetup setup;
        setup.screenshots = pictures("z1");
        std::filesystem::remove_all(setup.screenshots);
        open("z1", "expired-connector-outdated-terminal.json", setup);
        ASSERT_TRUE(waitFor([&] { return window->findChild<QFrame*>("task:status.connector.approval-expired"); }))
            << joined(window->shown());
        auto* task = window->findChild<QFrame*>("task:status.connector.approval-expired");
        EXPECT_TRUE(window->taskList()->isAncestorOf(task));
        EXPECT_EQ(window->openDialog(), nullptr);
        EXPECT_EQ(window->findChildren<QFrame*>(QRegularExpression("^banner:")).size(), 0);
        waitFor([] { return false; }, 300ms);
        expectReadable(window.get(), "Z1 task");
        expectPictures(*window, "Z1 task");
        const int before = window->taskCount();
        auto* done = task->findChild<QCheckBox*>("done");
        ASSERT_NE(done, nullptr);
        done->setChecked(true);
        EXPECT_TRUE(waitFor([&] { return window->taskCount() == before - 1; }, 5s));
        window.reset();
        plugin.reset();
        sim.reset();
    }
}

TEST_F(HostWindow, TheGuidedUpdateRunsThroughDialogsWithAProgressBar) {
    sample_host::GuiHostSetup setup;
    setup.answers = {{"login.user", {"koco-root"}},      {"login.password", {"Praxis2025!"}},
                     {"password.new", {"Sommer2026!x"}}, {"password.repeat", {"Sommer2026!x"}},
                     {"password.noted", {"noted"}},      {"plan.when", {"now"}},
                     {"plan.during-hours", {"now"}},     {"confirm.start", {"start"}}};
    open("medistar", "expired-connector-outdated-terminal.json", setup);
    ASSERT_TRUE(waitFor([&] { return window->findChild<QFrame*>("banner:status.connector.approval-expired"); }));
    // The notice's own button starts the update, as a person would press it.
    auto* banner = window->findChild<QFrame*>("banner:status.connector.approval-expired");
    auto* update = banner->findChild<QAbstractButton*>("action:ti-service.update");
    ASSERT_NE(update, nullptr) << all(banner).toStdString();
    QTest::mouseClick(update, Qt::LeftButton);
    // Each question is a dialog; the password field shows dots.
    bool sawSecret = false, sawProgress = false;
    ASSERT_TRUE(waitFor(
        [&] {
            if (auto* d = window->openDialog(); d && d->objectName() == "question:login.password")
                if (auto* f = d->findChild<QLineEdit*>("answer"))
                    sawSecret = sawSecret || f->echoMode() == QLineEdit::Password;
            sawProgress = sawProgress || (window->progressBar()->isVisible() && window->progressBar()->value() > 0);
            return joined(window->shown()).find("(workflow.succeeded)") != std::string::npos;
        },
        120s))
        << joined(window->shown());
    EXPECT_TRUE(sawSecret);
    EXPECT_TRUE(sawProgress);
    EXPECT_FALSE(window->progressText()->text().isEmpty());
    const auto log = joined(window->shown());
    EXPECT_TRUE(log.find("→ ********") != std::string::npos) << log;
    EXPECT_TRUE(log.find("Praxis2025!") == std::string::npos) << log;
    EXPECT_TRUE(log.find("Sommer2026!x") == std::string::npos) << log;
    EXPECT_TRUE(contains(sim->request("GET", sim->sdsUrl()).body, "<FWVersion>1.3.10</FWVersion>"));
}
