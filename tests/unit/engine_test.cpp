// The Engine driven without a simulator: a fake connector in this process (its service
// directory is the real KoCoBox 5.1.8 file), a fake Ui that answers and records. What every
// host gets from the engine: the notices a check means, the guided update, the lock, the
// settings rule, resuming a journal — through one road.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <mutex>
#include <thread>

#include "support/fixtures.h"
#include "support/temp_dir.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/engine/engine.h"
#include "tiservice/engine/engine_thread.h"
#include "tiservice/engine/maintenance_record.h"
#include "tiservice/store/atomic_file.h"
#include "tiservice/store/state_lock.h"

using namespace tiservice;
using namespace std::chrono_literals;
using konnektor::Installation;
using konnektor::ManagedUpdate;

namespace {

/// One connector with one terminal, as a driver and the gematik interfaces would show it.
struct FakeConnector {
    std::mutex mutex;
    konnektor::ServiceDirectory directory;
    konnektor::CardTerminal terminal;
    std::vector<ManagedUpdate> offered;
    std::vector<Installation> recent;
    std::string password = "Praxis2026!";
    int installRequests = 0;
    std::optional<TimePoint> plannedFor;  ///< the time the last install request asked for
    bool reachable = true;
    bool broken = false;

    FakeConnector() {
        directory = *konnektor::parseServiceDirectory(tiservice::testing::realConnectorSds(tiservice::testing::kKocobox518));
        terminal.ctId = "CT_ID_0176";
        terminal.name = "Empfang";
        terminal.connected = true;
        terminal.product = {.productType = "KT", .productTypeVersion = "", .vendorId = "INGHC", .productCode = "ORGA6100",
                            .vendorName = "", .productName = "", .hardwareVersion = *FirmwareVersion::parse("1.0.0"),
                            .firmwareVersion = *FirmwareVersion::parse("3.7.2"), .informationDate = "",
                            .informationTime = std::nullopt};
        ManagedUpdate u;
        u.updateId = "INGHC-ORGA6100-3.7.4";
        u.component = "CT_ID_0176";
        u.installed = *FirmwareVersion::parse("3.7.2");
        u.version = *FirmwareVersion::parse("3.7.4");
        u.sizeBytes = 12 * 1024 * 1024;
        u.download = ManagedUpdate::Download::Downloaded;
        offered.push_back(u);
    }
};

Error unreachable() {
    return Error{.code = net::errors::kUnreachable, .message = LocalizedText::same("away"), .action = {}, .detail = ""};
}

class FakeDriver final : public konnektor::Driver {
public:
    explicit FakeDriver(FakeConnector& c) : c_(c) {}
    std::string name() const override { return "fake"; }
    /// Another vendor's rules: at least 12 characters, nothing else.
    const PasswordPolicy& passwordPolicy() const override {
        struct TwelveCharacters final : PasswordPolicy {
            LocalizedText rules() const override { return LocalizedText::same("mindestens 12 Zeichen"); }
            std::vector<PasswordViolation> check(std::string_view, std::string_view pw,
                                                 const std::vector<std::string>&) const override {
                if (pw.size() >= 12) return {};
                return {{PasswordRule::Length, "length", LocalizedText::same("zu kurz")}};
            }
        };
        static const TwelveCharacters policy;
        return policy;
    }
    Result<konnektor::LoginAnswer> login(const std::string& user, const std::string& password) override {
        std::lock_guard lock(c_.mutex);
        if (user == "koco-root" && password == c_.password) return konnektor::LoginAnswer{};
        return konnektor::LoginAnswer{.kind = konnektor::LoginAnswer::Kind::WrongPassword, .triesLeft = 4, .lockedUntil = {}};
    }
    Result<konnektor::PasswordChangeAnswer> changePassword(const std::string&, const std::string&, const std::string& fresh) override {
        std::lock_guard lock(c_.mutex);
        c_.password = fresh;
        return konnektor::PasswordChangeAnswer{};
    }
    Result<std::vector<ManagedUpdate>> offeredUpdates() override {
        std::lock_guard lock(c_.mutex);
        return c_.offered;
    }
    Status startDownload(const std::string&) override { return Status::success(); }
    Result<konnektor::InstallAnswer> install(const std::string& updateId, std::optional<TimePoint> at,
                                             const std::string& cs, const std::string& wp) override {
        std::lock_guard lock(c_.mutex);
        ++c_.installRequests;
        c_.plannedFor = at;
        // Installs at once: the terminal runs the new version, the connector lists it as done.
        Installation i;
        i.state = Installation::State::Succeeded;
        i.updateId = updateId;
        i.component = "CT_ID_0176";
        i.fromVersion = c_.terminal.product.firmwareVersion;
        i.toVersion = *FirmwareVersion::parse("3.7.4");
        i.clientSystemId = cs;
        i.workplaceId = wp;
        i.startedAt = i.finishedAt = std::chrono::system_clock::now();
        c_.terminal.product.firmwareVersion = i.toVersion;
        c_.offered.clear();
        c_.recent.insert(c_.recent.begin(), i);
        return konnektor::InstallAnswer{.accepted = true, .installation = i, .refusal = {}, .message = {}};
    }
    Status cancel(const std::string&) override { return Status::success(); }
    Result<konnektor::ManagementStatus> status() override {
        std::lock_guard lock(c_.mutex);
        if (!c_.reachable) return unreachable();
        konnektor::ManagementStatus s;
        s.firmwareVersion = c_.directory.product.firmwareVersion;
        s.recent = c_.recent;
        s.broken = c_.broken;
        return s;
    }
    Status reboot() override { return Status::success(); }
    void logout() override {}

private:
    FakeConnector& c_;
};

class FakeAccess final : public konnektor::ConnectorAccess {
public:
    explicit FakeAccess(FakeConnector& c) : c_(c) {}
    Result<konnektor::ConnectorSnapshot> read() override {
        std::lock_guard lock(c_.mutex);
        if (!c_.reachable) return unreachable();
        konnektor::ConnectorSnapshot s;
        s.sdsUrl = "http://127.0.0.1:9/connector.sds";
        s.directory = c_.directory;
        s.eventServiceUrl = "http://127.0.0.1:9/eventservice";
        s.eventServiceVersion = "7.2.0";
        s.terminals = {c_.terminal};
        s.resources.vpnTiOnline = true;
        s.readAt = std::chrono::system_clock::now();
        return s;
    }
    std::unique_ptr<konnektor::Driver> driver(const konnektor::ProductInformation&, bool) override {
        return std::make_unique<FakeDriver>(c_);
    }

private:
    FakeConnector& c_;
};

/// Answers from a table and remembers everything it was shown. [thread-safe]
class FakeUi final : public workflow::Ui {
public:
    std::map<std::string, std::string> answers;
    /// Answers given one after the other, before `answers` is consulted.
    std::map<std::string, std::deque<std::string>> answerSequence;
    void notice(const workflow::Notice& n) override {
        std::lock_guard lock(mutex_);
        notices_.push_back(n);
    }
    std::optional<std::string> ask(const workflow::Question& q) override {
        std::lock_guard lock(mutex_);
        asked_.push_back(q.id);
        questions_.push_back(q);
        if (auto seq = answerSequence.find(q.id); seq != answerSequence.end() && !seq->second.empty()) {
            auto a = seq->second.front();
            seq->second.pop_front();
            return a;
        }
        const auto it = answers.find(q.id);
        if (it == answers.end()) return std::nullopt;
        return it->second;
    }
    void progress(const workflow::Progress&) override {}
    void withdraw(const std::string& id) override {
        std::lock_guard lock(mutex_);
        withdrawn_.push_back(id);
    }
    std::vector<std::string> withdrawn() const {
        std::lock_guard lock(mutex_);
        return withdrawn_;
    }
    int count(const std::string& id) const {
        std::lock_guard lock(mutex_);
        return static_cast<int>(
            std::count_if(notices_.begin(), notices_.end(), [&](const auto& n) { return n.id == id; }));
    }
    std::vector<workflow::Notice> notices() const {
        std::lock_guard lock(mutex_);
        return notices_;
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& n : notices()) out.push_back(n.id);
        return out;
    }
    std::vector<workflow::Question> questions(const std::string& id) const {
        std::lock_guard lock(mutex_);
        std::vector<workflow::Question> out;
        for (const auto& q : questions_)
            if (q.id == id) out.push_back(q);
        return out;
    }
    const workflow::Notice* find(const std::string& id) const {
        std::lock_guard lock(mutex_);
        for (const auto& n : notices_)
            if (n.id == id) return &n;
        return nullptr;
    }

private:
    mutable std::mutex mutex_;
    std::vector<workflow::Notice> notices_;
    std::vector<std::string> asked_;
    std::vector<workflow::Question> questions_;
    std::vector<std::string> withdrawn_;
};

std::vector<std::string> choiceLabels(const workflow::Question& q) {
    std::vector<std::string> labels;
    for (const auto& c : q.choices) labels.push_back(c.label.de);
    return labels;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

class EngineTest : public ::testing::Test {
protected:
    EngineTest() {
        // The last verified catalog, as an earlier check left it (no update server here).
        std::filesystem::create_directories((dir / "state/cache" / catalog::kCatalogTarget).parent_path());
        std::ifstream shipped(std::filesystem::path(TISERVICE_SOURCE_DIR) / "tools/tiservice-repo/catalog/approval-catalog.json");
        const std::string catalog((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
        EXPECT_TRUE(store::writeAtomically(dir / "state/cache" / catalog::kCatalogTarget, catalog).ok());
        EXPECT_TRUE(store::writeAtomically(dir / "state/cache/approval-catalog.verified", formatUtc(clock.now())).ok());
    }

    static ConnectionSettings settings() {
        ConnectionSettings s;
        s.connector.sdsUrl = "http://127.0.0.1:9/connector.sds";
        s.connector.context = {.mandantId = "Praxis1", .clientSystemId = "PVS1", .workplaceId = "Empfang", .userId = ""};
        s.tls.mode = TlsMode::None;
        s.update.pollInterval = 20ms;
        s.update.pollMax = 50ms;
        s.update.followTimeout = 5s;
        return s;
    }

    std::unique_ptr<engine::Engine> makeEngine(engine::Wording wording = engine::Wording::standard()) {
        auto e = std::make_unique<engine::Engine>(engine::EngineSetup{
            .stateDir = dir / "state",
            .clock = &clock,
            .ui = &ui,
            .wording = std::move(wording),
            .lockWait = 0ms,
            .stopRequested = {},
            .workplacesSignedIn = {},
            .connectorAccess = [this](const ConnectionSettings&, const net::ClientOptions&, const Clock&) {
                return std::make_unique<FakeAccess>(connector);
            }});
        e->useSettings(settings());
        return e;
    }

    tiservice::testing::TempDir dir;
    // A Saturday morning: outside the practice hours.
    TestClock clock{*parseUtc("2026-11-28T09:00:00Z")};
    FakeConnector connector;
    FakeUi ui;
};

}  // namespace

TEST_F(EngineTest, ACheckBecomesOneNoticePerComponentInTheHostsWords) {
    auto engine = makeEngine({LocalizedText::same("TI-Wartung"), LocalizedText::same("Jetzt aktualisieren"), "ti-service.update"});
    const auto outcome = engine->check();
    ASSERT_TRUE(outcome.report.ok()) << outcome.report.error().describe(Language::English);
    engine->announce(outcome);
    const auto ids = ui.ids();
    EXPECT_TRUE(has(ids, "status.connector.update-available")) << ::testing::PrintToString(ids);
    EXPECT_TRUE(has(ids, "status.terminal.update-available")) << ::testing::PrintToString(ids);
    EXPECT_FALSE(has(ids, "status.current"));
    const auto* terminal = ui.find("status.terminal.update-available");
    ASSERT_NE(terminal, nullptr);
    EXPECT_EQ(terminal->title.de, "TI-Wartung: ORGA 6141 online (Empfang)");
    ASSERT_EQ(terminal->actions.size(), 2u);
    EXPECT_EQ(terminal->actions[0].id, "ti-service.update");
    EXPECT_EQ(terminal->actions[1].id, "later");
    EXPECT_NE(terminal->text.de.find("Version 3.7.4 ist verfügbar (installiert: 3.7.2)"), std::string::npos) << terminal->text.de;
}

TEST_F(EngineTest, ANoticeThatNoLongerHoldsIsWithdrawnAndTheOthersReplaced) {
    auto engine = makeEngine();
    engine->announce(engine->check());
    ASSERT_EQ(ui.count("status.terminal.update-available"), 1);
    EXPECT_TRUE(ui.withdrawn().empty());
    // The terminal was updated (here or at another workstation): its notice goes, the
    // connector's stays (shown again with the same id, so the host replaces it).
    {
        std::lock_guard lock(connector.mutex);
        connector.terminal.product.firmwareVersion = *FirmwareVersion::parse("3.7.4");
        connector.offered.clear();
    }
    engine->announce(engine->check());
    EXPECT_EQ(ui.withdrawn(), std::vector<std::string>{"status.terminal.update-available"});
    EXPECT_EQ(ui.count("status.terminal.update-available"), 1);
    EXPECT_EQ(ui.count("status.connector.update-available"), 2);
    // A check that cannot read the connector takes nothing away: the facts are not known.
    connector.reachable = false;
    engine->announce(engine->check());
    EXPECT_EQ(ui.withdrawn().size(), 1u);
    EXPECT_EQ(ui.count("status.error"), 1);
    // Back: the "check not possible" notice goes, the findings are said again.
    connector.reachable = true;
    engine->announce(engine->check());
    EXPECT_EQ(ui.withdrawn(), (std::vector<std::string>{"status.terminal.update-available", "status.error"}));
}

TEST_F(EngineTest, APostponedNoticeComesBackAfterFourHoursADismissedOneTheNextDay) {
    auto engine = makeEngine();
    engine->announce(engine->check());
    engine->noticeClosed("status.terminal.update-available", engine::NoticeClosed::Postponed);
    engine->noticeClosed("status.connector.update-available", engine::NoticeClosed::Dismissed);
    clock.advance(3h);
    engine->announce(engine->check());
    EXPECT_EQ(ui.count("status.terminal.update-available"), 1);  // not yet
    EXPECT_EQ(ui.count("status.connector.update-available"), 1);
    EXPECT_TRUE(ui.withdrawn().empty());  // closed by the person: not "no longer holds"
    clock.advance(1h + 1min);
    engine->announce(engine->check());
    EXPECT_EQ(ui.count("status.terminal.update-available"), 2);   // four hours later: back
    EXPECT_EQ(ui.count("status.connector.update-available"), 1);  // dismissed: not today
    clock.advance(24h);
    engine->announce(engine->check());
    EXPECT_EQ(ui.count("status.connector.update-available"), 2);  // the next day
    // Something new about a postponed device is shown at once: it is another notice.
    engine->noticeClosed("status.terminal.update-available", engine::NoticeClosed::Postponed);
    {
        std::lock_guard lock(connector.mutex);
        connector.terminal.connected = false;
    }
    engine->announce(engine->check());
    EXPECT_EQ(ui.count("status.terminal.not-connected"), 1) << ::testing::PrintToString(ui.ids());
}

TEST_F(EngineTest, TheGuidedUpdateInstallsRecordsAndAnnouncesTheResult) {
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"}, {"plan.when", "now"},
                  {"confirm.start", "start"}};
    auto engine = makeEngine();
    const auto r = engine->update();
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->outcome, workflow::Outcome::Succeeded) << r->message.de;
    EXPECT_EQ(connector.installRequests, 1);
    EXPECT_EQ(connector.terminal.product.firmwareVersion.toString(), "3.7.4");
    const auto history = engine->history();
    ASSERT_EQ(history.entries.size(), 2u);
    EXPECT_EQ(history.entries[0].event, "started");
    EXPECT_EQ(history.entries[1].event, "finished");
    EXPECT_EQ(history.entries[1].result, "succeeded");
    EXPECT_EQ(history.entries[1].workplaceId, "Empfang");
    EXPECT_TRUE(std::filesystem::is_empty(dir / "state/journal"));
    engine->announce(*r);
    EXPECT_TRUE(has(ui.ids(), "install.succeeded"));
    EXPECT_TRUE(has(ui.ids(), "workflow.succeeded"));
    // Outside practice hours nobody was asked whether to install during them.
    EXPECT_FALSE(has(ui.ids(), "plan.practice-hours"));
}

TEST_F(EngineTest, AnotherTiserviceOnThisPcIsAnErrorAndItsNoticeSaysSo) {
    auto held = store::StateLock::acquire(dir / "state", 0ms, "update");
    ASSERT_TRUE(held.ok());
    auto engine = makeEngine();
    const auto r = engine->update();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store.busy");
    EXPECT_EQ(connector.installRequests, 0);
    engine->announce(r.error());
    const auto* busy = ui.find("workflow.busy");
    ASSERT_NE(busy, nullptr);
    EXPECT_EQ(busy->severity, workflow::Severity::Warning);
}

TEST_F(EngineTest, WrongSettingsAreSaidTheSameWayByEveryOperation) {
    auto engine = makeEngine();
    // What a host's settings reader refused (here: the practice hours).
    auto values = SettingValues();
    values.set("connector", "sds_url", "http://127.0.0.1:9/connector.sds");
    values.set("connector", "mandant_id", "Praxis1");
    values.set("connector", "client_system_id", "PVS1");
    values.set("connector", "workplace_id", "Empfang");
    values.set("practice", "hours", "montags bis freitags");
    engine->useSettings(connectionSettingsFrom(values, "MEDISTAR TI-Einstellungen"));
    const auto outcome = engine->check();
    ASSERT_FALSE(outcome.report.ok());
    EXPECT_EQ(outcome.report.error().detail, "[practice] hours");
    engine->announce(outcome);
    const auto* n = ui.find("settings.invalid");
    ASSERT_NE(n, nullptr);
    EXPECT_NE(n->text.de.find("MEDISTAR TI-Einstellungen"), std::string::npos) << n->text.de;
    const auto update = engine->update();
    ASSERT_FALSE(update.ok());
    EXPECT_EQ(update.error().detail, "[practice] hours");
    EXPECT_EQ(connector.installRequests, 0);
}

TEST_F(EngineTest, WhileTheConnectorIsAwayInAnInstallationTheCheckSaysDoNotSwitchItOff) {
    // A journal from a run that was killed while the terminal installed.
    workflow::UpdateJournal j;
    j.id = "killed0123456789";
    j.connector = "KOCOC-kocobox@127.0.0.1:9";
    j.step = "installing";
    j.clientSystemId = "PVS1";
    j.workplaceId = "Empfang";
    workflow::JournalItem item;
    item.updateId = "INGHC-ORGA6100-3.7.4";
    item.component = "CT_ID_0176";
    item.name = "ORGA 6141 online (Empfang)";
    item.fromVersion = "3.7.2";
    item.toVersion = "3.7.4";
    item.state = workflow::ItemState::Started;
    item.startedAt = clock.now();
    item.archived = {};  // a kill before even the start was archived: the check writes both
    j.items.push_back(item);
    ASSERT_TRUE(j.save(dir / "state/journal" / workflow::journalFileName(j.connector)).ok());
    connector.reachable = false;
    auto engine = makeEngine();
    const auto away = engine->check();
    ASSERT_FALSE(away.report.ok());
    EXPECT_TRUE(away.report.error().message.de.starts_with("Ein Update läuft gerade: den Konnektor nicht ausschalten"))
        << away.report.error().message.de;
    // Back, with the installation done: the check records it, once.
    connector.reachable = true;
    connector.terminal.product.firmwareVersion = *FirmwareVersion::parse("3.7.4");
    const auto back = engine->check();
    ASSERT_TRUE(back.report.ok());
    ASSERT_TRUE(back.followedUp.has_value());
    const auto history = engine->history();
    ASSERT_EQ(history.entries.size(), 2u);
    EXPECT_EQ(history.entries[1].result, "succeeded");
    EXPECT_FALSE(engine->check().followedUp.has_value()) << "recorded twice";
}

TEST_F(EngineTest, TheEngineThreadChecksAtStartRunsWhatThePersonStartsAndStops) {
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"}, {"plan.when", "now"},
                  {"confirm.start", "start"}};
    auto engine = makeEngine();
    std::vector<std::string> hostLog;
    std::mutex logMutex;
    engine::EngineThread thread(*engine, std::chrono::minutes(240), [&](bool, const std::string& line) {
        std::lock_guard lock(logMutex);
        hostLog.push_back(line);
    });
    thread.start();
    thread.update();
    thread.showHistory();
    for (int i = 0; i < 500 && (thread.busy() || !has(ui.ids(), "history")); ++i) std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(thread.busy());
    const auto ids = ui.ids();
    // In order: the check at start, the update and its result, the check after it, the archive.
    const auto at = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
    EXPECT_LT(at("status.terminal.update-available"), at("workflow.succeeded")) << ::testing::PrintToString(ids);
    EXPECT_LT(at("workflow.succeeded"), at("history"));
    EXPECT_EQ(connector.installRequests, 1);
    {
        std::lock_guard lock(logMutex);
        EXPECT_TRUE(has(hostLog, "update: succeeded")) << ::testing::PrintToString(hostLog);
    }
    thread.stop();
    EXPECT_TRUE(thread.stopping());
}

TEST_F(EngineTest, ANewPasswordIsCheckedByTheRulesOfTheConnectorsOwnDriver) {
    // "Kurz2026!" satisfies the KoCoBox rules; this driver's vendor asks for 12 characters.
    struct ListUi final : workflow::Ui {
        std::vector<std::string> fresh{"Kurz2026!", "Lang-genug-2026"};
        std::size_t next = 0;
        std::vector<workflow::Notice> notices;
        void notice(const workflow::Notice& n) override { notices.push_back(n); }
        std::optional<std::string> ask(const workflow::Question& q) override {
            if (q.id == "login.user") return "koco-root";
            if (q.id == "login.password") return "Praxis2026!";
            if (q.id == "password.new") return fresh.at(next);
            if (q.id == "password.repeat") return fresh.at(next++);
            return std::nullopt;
        }
        void progress(const workflow::Progress&) override {}
    } listUi;
    engine::Engine engine(engine::EngineSetup{.stateDir = dir / "state", .clock = &clock, .ui = &listUi, .wording = engine::Wording::standard(),
                                              .lockWait = 0ms, .stopRequested = {}, .workplacesSignedIn = {},
                                              .connectorAccess = [this](const ConnectionSettings&, const net::ClientOptions&, const Clock&) {
                                                  return std::make_unique<FakeAccess>(connector);
                                              }});
    engine.useSettings(settings());
    const auto r = engine.changePassword();
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->outcome, workflow::Outcome::Succeeded);
    EXPECT_EQ(connector.password, "Lang-genug-2026");
    const auto rules = std::find_if(listUi.notices.begin(), listUi.notices.end(), [](const auto& n) { return n.id == "password.rules"; });
    ASSERT_NE(rules, listUi.notices.end());
    EXPECT_EQ(rules->text.de, "mindestens 12 Zeichen");
    const auto refused = std::find_if(listUi.notices.begin(), listUi.notices.end(), [](const auto& n) { return n.id == "password.refused"; });
    ASSERT_NE(refused, listUi.notices.end());
    EXPECT_NE(refused->text.de.find("zu kurz"), std::string::npos);
}

TEST_F(EngineTest, TheSupportNumberComesWithTheSignedCatalogNotFromTheCode) {
    // The vendor changed its hotline in the catalog it signs: the next message names the new one.
    // Read and closed again before it is replaced: Windows cannot replace a file that is open.
    std::string text = tiservice::testing::readFile(dir / "state/cache" / catalog::kCatalogTarget);
    const auto at = text.find("0800 551 551 2");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 14, "0800 000 111 2");
    ASSERT_TRUE(store::writeAtomically(dir / "state/cache" / catalog::kCatalogTarget, text).ok());
    connector.broken = true;
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"}};
    auto engine = makeEngine();
    const auto r = engine->update();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->outcome, workflow::Outcome::NeedsSupport);
    EXPECT_NE(r->message.de.find("0800 000 111 2 (kostenlos)"), std::string::npos) << r->message.de;
    EXPECT_EQ(r->message.de.find("0800 551 551 2"), std::string::npos) << r->message.de;
}

TEST_F(EngineTest, AnAnswerThatIsNoChoiceIsAskedAgainNeverTakenAsNow) {
    // A password typed into "When?" once started the downloads.
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"}, {"confirm.start", "start"}};
    ui.answerSequence["plan.when"] = {"Praxis2026!", "jetz", "cancel"};
    auto engine = makeEngine();
    const auto r = engine->update();
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->outcome, workflow::Outcome::Cancelled) << r->message.de;
    EXPECT_EQ(connector.installRequests, 0);
    EXPECT_EQ(ui.questions("plan.when").size(), 3u);
    EXPECT_TRUE(ui.questions("confirm.start").empty());
    const auto* again = ui.find("answer.not-a-choice");
    ASSERT_NE(again, nullptr);
    EXPECT_NE(again->text.de.find("„Jetzt“"), std::string::npos) << again->text.de;
    for (const auto& n : ui.notices())
        EXPECT_EQ((n.text.de + n.text.en).find("Praxis2026!"), std::string::npos) << n.id;
}

TEST_F(EngineTest, TheSafetyWarningIsTheQuestionThatStartsTheInstallation) {
    // A dialog a person must answer in every host, never a banner of whatever style.
    ui.answers = {{"login.user", "koco-root"},
                  {"login.password", "Praxis2026!"},
                  {"plan.when", "now"},
                  {"confirm.start", "start"}};
    auto engine = makeEngine();
    ASSERT_TRUE(engine->update().ok());
    const auto confirm = ui.questions("confirm.start");
    ASSERT_EQ(confirm.size(), 1u);
    EXPECT_EQ(confirm[0].kind, workflow::Question::Kind::Choice);
    EXPECT_NE(confirm[0].text.de.find("den Konnektor NICHT ausschalten"), std::string::npos) << confirm[0].text.de;
    EXPECT_NE(confirm[0].text.en.find("do NOT switch the connector off"), std::string::npos) << confirm[0].text.en;
    EXPECT_EQ(confirm[0].defaultValue, "cancel");
    EXPECT_EQ(choiceLabels(confirm[0])[0], "Verstanden – jetzt starten");
}

class EngineTestInUtc : public EngineTest {
protected:
    EngineTestInUtc() {
        setenv("TZ", "UTC", 1);
        tzset();
    }
};

TEST_F(EngineTestInUtc, ATimeInPracticeHoursIsWarnedAndTheEveningOffered) {
    clock.set(*parseUtc("2026-12-02T10:00:00Z"));  // a Wednesday, in the default hours Mo-Fr 08:00-18:00
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"},   {"plan.when", "at"},
                  {"plan.time", "11:00"},      {"plan.at-during-hours", "evening"}, {"confirm.start", "start"}};
    auto engine = makeEngine();
    const auto r = engine->update();
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->outcome, workflow::Outcome::Planned) << r->message.de;
    const auto* warned = ui.find("plan.at-during-hours");
    ASSERT_NE(warned, nullptr);
    EXPECT_NE(warned->text.de.find("02.12.2026 um 11:00 liegt in der Sprechzeit (Mo,Di,Mi,Do,Fr 08:00-18:00)"),
              std::string::npos)
        << warned->text.de;
    const auto offered = ui.questions("plan.at-during-hours");
    ASSERT_EQ(offered.size(), 1u);
    EXPECT_EQ(choiceLabels(offered[0]),
              (std::vector<std::string>{"Ja, 02.12.2026 um 11:00", "Heute Abend, 19:00", "Abbrechen"}));
    ASSERT_TRUE(connector.plannedFor.has_value());
    EXPECT_EQ(formatUtc(*connector.plannedFor), "2026-12-02T19:00:00Z");
}

TEST_F(EngineTestInUtc, AfterTheEveningTheEveningOfferedIsTomorrows) {
    clock.set(*parseUtc("2026-12-02T20:30:00Z"));
    ui.answers = {{"login.user", "koco-root"}, {"login.password", "Praxis2026!"}, {"plan.when", "cancel"}};
    auto engine = makeEngine();
    ASSERT_TRUE(engine->update().ok());
    const auto when = ui.questions("plan.when");
    ASSERT_EQ(when.size(), 1u);
    EXPECT_EQ(choiceLabels(when[0])[1], "Morgen Abend, 19:00");
    EXPECT_EQ(when[0].choices[1].label.en, "Tomorrow evening, 19:00");
    // Friday night: the next practice day's evening, by its date.
    clock.set(*parseUtc("2026-12-04T21:00:00Z"));
    ASSERT_TRUE(engine->update().ok());
    EXPECT_EQ(choiceLabels(ui.questions("plan.when").back())[1], "Am 07.12.2026 abends, 19:00");
}

TEST(MaintenanceRecord, EveryValueFromTheArchiveIsEscapedAndBothLanguagesRead) {
    engine::HistoryView view;
    workflow::HistoryEntry e;
    e.time = *parseUtc("2026-12-02T18:00:00Z");
    e.event = "finished";
    e.component = "CT_ID_0176";
    e.name = "Empfang <script>alert(1)</script> & Co";
    e.fromVersion = "3.7.2";
    e.toVersion = "3.7.4";
    e.result = "succeeded";
    e.clientSystemId = "PVS1";
    e.workplaceId = "Empfang\"";
    view.entries.push_back(e);
    const engine::PracticeIdentity practice{"Praxis<1>", "PVS1", "Empfang", "https://127.0.0.1/connector.sds"};
    const auto de = engine::maintenanceRecordHtml(view, practice, e.time, Language::German);
    EXPECT_EQ(de.find("<script>"), std::string::npos) << de;
    EXPECT_NE(de.find("Empfang &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), std::string::npos) << de;
    EXPECT_NE(de.find("<td>Praxis&lt;1&gt;</td>"), std::string::npos) << de;
    EXPECT_NE(de.find("PVS1/Empfang&quot;"), std::string::npos) << de;
    EXPECT_NE(de.find("<html lang=\"de\">"), std::string::npos);
    EXPECT_NE(de.find("<td>erfolgreich</td>"), std::string::npos) << de;
    const auto en = engine::maintenanceRecordHtml(view, practice, e.time, Language::English);
    EXPECT_NE(en.find("<h1>Maintenance record of the TI components</h1>"), std::string::npos) << en;
    EXPECT_NE(en.find("<td>succeeded</td>"), std::string::npos) << en;
    // An empty archive says so instead of printing empty tables.
    const auto empty = engine::maintenanceRecordHtml({}, {}, e.time, Language::German);
    EXPECT_NE(empty.find("Das Update-Archiv ist leer."), std::string::npos);
    EXPECT_NE(empty.find("Noch kein Update eingetragen."), std::string::npos);
}
