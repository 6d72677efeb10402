// The update archive is the practice's proof of maintenance: no full disk, lost answer, kill,
// torn line, second run or stale journal may lose or double an entry, and every message says the
// truth — above all "an update is running: do not switch the connector off" while one may be.
// Real processes: tiservice against konnektor-sim; a full disk through an LD_PRELOAD shim
// (tests/support/full_disk.c) that the product code knows nothing of.
#include <gtest/gtest.h>

#include <signal.h>

#include <set>
#include <thread>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/simulator.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string kAnswers =
    R"({"login.user":"koco-root","login.password":"Praxis2026!","plan.when":"now","plan.during-hours":"now",)"
    R"("confirm.start":"start"})";

/// One practice PC against one simulated practice.
class NothingLost : public ::testing::Test {
protected:
    void start(SimulatorSetup setup, const std::string& update = "") {
        sim = std::make_unique<SimulatorProcess>(std::move(setup));
        writeFile(dir / "tiservice.ini",
                  "[connector]\nsds_url = " + sim->sdsUrl() + "\nmanagement_url = " + sim->managementBase() +
                      "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n[tls]\nmode = server\n"
                      "ca_file = " + sim->caFile().string() +
                      "\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\n" +
                      (update.empty() ? "follow_timeout_minutes = 2\n" : update) + "[practice]\nhours = Mo-Fr 08:00-18:00\n");
        writeFile(dir / "answers.json", kAnswers);
    }

    ProcessOptions env(std::map<std::string, std::optional<std::string>> extra = {}) const {
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()}, {"LANG", "de_DE.UTF-8"}, {"LC_ALL", std::nullopt},
                 {"TISERVICE_STATE_DIR", std::nullopt}, {"TISERVICE_FAULT_PAUSE_AT", std::nullopt},
                 {"TISERVICE_FAULT_PAUSE_MS", std::nullopt}};
        for (const auto& [k, v] : extra) o.env[k] = v;
        o.timeout = 120s;
        return o;
    }

    std::vector<std::string> tiservice(std::vector<std::string> args) const {
        args.insert(args.begin(), binary("tiservice").string());
        args.insert(args.begin() + 2, {"--config", (dir / "tiservice.ini").string()});
        return args;
    }

    ProcessResult update(std::map<std::string, std::optional<std::string>> extra = {}) {
        return runProcess(tiservice({"update", "--answers", (dir / "answers.json").string()}), env(std::move(extra)));
    }

    /// A full disk below `folder` after `bytes` (LD_PRELOAD).
    std::map<std::string, std::optional<std::string>> fullDisk(const std::filesystem::path& folder, long bytes = 0) const {
        return {{"LD_PRELOAD", TISERVICE_TEST_FULL_DISK_LIB},
                {"TISERVICE_TEST_FULL_DISK_DIR", folder.string()},
                {"TISERVICE_TEST_FULL_DISK_AFTER", std::to_string(bytes)}};
    }

    QJsonArray history() const {
        const auto r = runProcess(tiservice({"history", "--json"}), env());
        return QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).array();
    }

    int count(const std::string& event, const std::string& component, const std::string& result = "") const {
        int n = 0;
        for (const auto& e : history()) {
            const auto o = e.toObject();
            n += o["event"].toString().toStdString() == event && o["component"].toString().toStdString() == component &&
                 (result.empty() || o["result"].toString().toStdString() == result);
        }
        return n;
    }

    QJsonObject simState() const { return sim->control("GET", "/state")["connectors"].toArray()[0].toObject(); }
    int installations() const { return static_cast<int>(simState()["installations"].toArray().size()); }
    std::string firmware() const { return simState()["fwVersion"].toString().toStdString(); }

    std::filesystem::path state() const { return dir / "state/tiservice"; }
    bool journalEmpty() const {
        const auto j = state() / "journal";
        if (!std::filesystem::exists(j)) return true;
        for (const auto& e : std::filesystem::directory_iterator(j))
            if (e.path().extension() == ".json") return false;
        return true;
    }
    std::string journalText() const {
        for (const auto& e : std::filesystem::directory_iterator(state() / "journal"))
            if (e.path().extension() == ".json") return readFile(e.path());
        return {};
    }

    void waitForStep(const BackgroundProcess& p, const std::string& step) const {
        ASSERT_TRUE(SimulatorProcess::waitFor(
            [&] { return contains(readFile(state() / "logs/tiservice.log"), "pausing at step " + step); }, 60s))
            << p.out() << p.err();
    }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
};

}  // namespace

// 1. Full disk -------------------------------------------------------------------------------

TEST_F(NothingLost, AFullDiskStopsTheUpdateBeforeAnythingStartsAndSaysSo) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    const auto r = update(fullDisk(state()));
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "der Datenträger ist voll")) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "No space left")) << r.out << r.err;  // German words only
    EXPECT_EQ(installations(), 0);                            // nothing started on the connector
    EXPECT_TRUE(journalEmpty());
    EXPECT_EQ(count("started", "CT_ID_0176"), 0);
    // Space again: the update runs and is recorded once.
    EXPECT_EQ(update().exitCode, 0);
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
}

TEST_F(NothingLost, AJournalThatCannotBeWrittenWhileStartingStopsBeforeTheStartRequest) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    // The folder takes the probe and the first steps, then fills up (about 1 KiB later).
    const auto r = update(fullDisk(state() / "journal", 1200));
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "der Datenträger ist voll")) << r.out;
    EXPECT_EQ(installations(), 0) << r.out;
    EXPECT_EQ(count("started", "CT_ID_0176"), 0);
}

// 2. The answer to the start request is lost --------------------------------------------------

TEST_F(NothingLost, ALostStartAnswerIsFollowedThroughTheConnectorsOwnStatusAndRecorded) {
    // The connector starts at once and reboots almost immediately: every session ends.
    start({.scenarioJson = R"({"connector": {"identity": {"fwVersion": "1.3.4"},
            "timing": {"installMinutes": 1, "rebootSeconds": 120},
            "updates": [{"updateId": "KOCOC-kocobox-1.3.10", "component": "connector", "version": "1.3.10",
                         "downloaded": true}]}})",
           .timeScale = 600, .args = {"--fault-lose-install-answer"}});
    const auto r = update();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "KoCoBox MED+ läuft jetzt mit Version 1.3.10")) << r.out;
    EXPECT_EQ(installations(), 1);
    EXPECT_EQ(count("started", "connector"), 1);
    EXPECT_EQ(count("finished", "connector", "succeeded"), 1);
    EXPECT_TRUE(journalEmpty());
}

TEST_F(NothingLost, AStartWhoseOutcomeIsUnknownIsJournalledAsMaybeStartedAndNeverForgotten) {
    start({.scenarioJson = R"({"connector": {"identity": {"fwVersion": "1.3.4"},
            "updates": [{"updateId": "KOCOC-kocobox-1.3.10", "component": "connector", "version": "1.3.10",
                         "downloaded": true}]}})",
           .timeScale = 600},
          "follow_timeout_seconds = 2\n");
    BackgroundProcess run(tiservice({"update", "--answers", (dir / "answers.json").string()}),
                          env({{"TISERVICE_FAULT_PAUSE_AT", "starting"}, {"TISERVICE_FAULT_PAUSE_MS", "1500"}}),
                          dir / "logs");
    waitForStep(run, "starting");
    // Journalled before the request goes out.
    EXPECT_TRUE(contains(journalText(), "\"maybe-started\"")) << journalText();
    // The connector goes dark as the request leaves and stays dark: no answer, no status.
    sim->control("POST", "/power", R"({"on": false})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return !run.running(); }, 60s));
    const auto out = run.out();
    EXPECT_EQ(run.stop(), 3) << out;
    EXPECT_TRUE(contains(out, "Ein Update läuft gerade: den Konnektor nicht ausschalten")) << out;
    EXPECT_TRUE(contains(out, "noch unklar")) << out;
    EXPECT_TRUE(contains(journalText(), "\"maybe-started\"")) << journalText();  // not forgotten
    // Power back: the connector never took it; the next start sees that, starts it and records it once.
    sim->control("POST", "/power", R"({"on": true})");
    // Back means every port: the service directory and the management interface.
    ASSERT_TRUE(SimulatorProcess::waitFor(
        [&] {
            return sim->request("GET", sim->sdsUrl()).status == 200 &&
                   sim->request("GET", sim->managementBase() + "/status").status == 200;
        },
        20s));
    const auto again = update();
    EXPECT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_EQ(installations(), 1);
    EXPECT_EQ(count("started", "connector"), 1) << again.out;
    EXPECT_EQ(count("finished", "connector", "succeeded"), 1) << again.out;
    EXPECT_TRUE(journalEmpty());
}

// 3. Killed between journal and archive --------------------------------------------------------

TEST_F(NothingLost, KilledBetweenJournalAndArchiveTheRerunCompletesTheArchive) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    BackgroundProcess run(tiservice({"update", "--answers", (dir / "answers.json").string()}),
                          env({{"TISERVICE_FAULT_PAUSE_AT", "recording"}}), dir / "logs");
    waitForStep(run, "recording");
    EXPECT_TRUE(contains(journalText(), "\"succeeded\"")) << journalText();
    run.stop(SIGKILL);
    EXPECT_EQ(count("finished", "CT_ID_0176"), 0);  // the kill came before the archive line
    const auto again = update();
    EXPECT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_EQ(count("started", "CT_ID_0176"), 1);
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
    EXPECT_TRUE(journalEmpty());
    EXPECT_EQ(installations(), 1);
}

TEST_F(NothingLost, AnArchiveThatCannotBeWrittenIsNeverCalledRecorded) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    const auto r = update(fullDisk(state() / "history.jsonl"));
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "Update-Archiv kann gerade nicht geschrieben werden")) << r.out;
    EXPECT_TRUE(contains(r.out, "beim nächsten Start wird es eingetragen")) << r.out;
    EXPECT_FALSE(contains(r.out, "Sie stehen im Update-Archiv")) << r.out;
    EXPECT_FALSE(journalEmpty());
    const auto again = update();
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_EQ(count("started", "CT_ID_0176"), 1);
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
}

// 4. A torn last line ------------------------------------------------------------------------

TEST_F(NothingLost, ATornLastLineIsKeptAndReportedAndTheNextEntryStartsOnAFreshLine) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    const std::string torn = R"({"id":"x/y/started","time":"2026-11-01T10:00:00Z","event":"start)";
    writeFile(state() / "history.jsonl", torn);
    ASSERT_EQ(update().exitCode, 0);
    const auto file = readFile(state() / "history.jsonl");
    EXPECT_TRUE(file.starts_with(torn + "\n")) << file;  // kept as it was, on its own line
    EXPECT_EQ(count("started", "CT_ID_0176"), 1);
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
    const auto table = runProcess(tiservice({"history"}), env());
    EXPECT_TRUE(contains(table.out, "1 Zeile(n) des Archivs sind unvollständig oder unlesbar")) << table.out;
}

TEST_F(NothingLost, AWriteCutOffInTheMiddleLeavesNoHalfLine) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    // The disk fills up 40 bytes into the first archive line.
    const auto r = update(fullDisk(state() / "history.jsonl", 40));
    EXPECT_EQ(r.exitCode, 3) << r.out;
    const auto file = std::filesystem::exists(state() / "history.jsonl") ? readFile(state() / "history.jsonl") : "";
    EXPECT_TRUE(file.empty() || file.back() == '\n') << file;
    EXPECT_EQ(update().exitCode, 0);
    const auto table = runProcess(tiservice({"history"}), env());
    EXPECT_FALSE(contains(table.out, "unvollständig")) << table.out;
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
}

// 5. Two runs, one state folder ----------------------------------------------------------------

TEST_F(NothingLost, TwoRunsOnOnePcGiveOneInstallationAndEveryEntryOnce) {
    start({.scenario = "terminal-update-available.json", .timeScale = 300});
    ProcessResult a, b;
    std::thread ta([&] { a = update(); });
    std::thread tb([&] { b = update(); });
    ta.join();
    tb.join();
    EXPECT_EQ(installations(), 1) << a.out << "\n---\n" << b.out;
    EXPECT_EQ(std::multiset<int>({a.exitCode, b.exitCode}).count(0), std::size_t{1}) << a.out << a.err << b.out << b.err;
    EXPECT_TRUE(contains(a.err + b.err, "tiservice arbeitet auf diesem PC schon")) << a.err << b.err;
    EXPECT_EQ(count("started", "CT_ID_0176"), 1);
    EXPECT_EQ(count("finished", "CT_ID_0176", "succeeded"), 1);
}

// 6. Stale or empty journals ---------------------------------------------------------------------

namespace {

std::string journalWith(const std::string& items) {
    return R"({"formatVersion": 1, "id": "stale0123456789ab", "connector": "KOCOC-kocobox@x", "step": "installing",
      "clientSystemId": "PVS1", "workplaceId": "Empfang", "updatedAt": "2026-11-30T10:00:00Z", "items": [)" + items + "]}";
}

}  // namespace

TEST_F(NothingLost, AJournalItemTheConnectorDoesNotKnowEndsWithWhatTheConnectorSays) {
    start({.scenario = "all-current.json", .timeScale = 600}, "follow_timeout_minutes = 30\n");
    const auto url = sim->sdsUrl();
    const auto hostPort = url.substr(8, url.find('/', 8) - 8);
    std::string name = "KOCOC-kocobox@" + hostPort;
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
    writeFile(state() / "journal" / (name + ".json"),
              journalWith(R"({"updateId": "KOCOC-kocobox-9.9.9", "component": "connector", "name": "KoCoBox MED+",
                  "from": "1.3.10", "to": "9.9.9", "state": "started", "startedAt": "2026-11-30T10:00:00Z",
                  "reason": "", "archived": ["started"]})"));
    const auto began = std::chrono::steady_clock::now();
    const auto r = update();
    EXPECT_LT(std::chrono::steady_clock::now() - began, 20s);  // not the whole follow timeout
    EXPECT_TRUE(contains(r.out, "meldet keine Installation von KoCoBox MED+ auf 9.9.9")) << r.out;
    EXPECT_FALSE(contains(r.out, "Support")) << r.out;
    EXPECT_EQ(count("finished", "connector", "failed"), 1);
    EXPECT_EQ(count("finished", "connector", "broken"), 0);
    EXPECT_TRUE(journalEmpty());
}

TEST_F(NothingLost, AJournalWithoutItemsClaimsNoSuccess) {
    start({.scenario = "all-current.json", .timeScale = 600});
    const auto url = sim->sdsUrl();
    std::string name = "KOCOC-kocobox@" + url.substr(8, url.find('/', 8) - 8);
    for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
    writeFile(state() / "journal" / (name + ".json"), journalWith(""));
    const auto r = update();
    EXPECT_FALSE(contains(r.out, "abgeschlossen und im Update-Archiv eingetragen")) << r.out;
    EXPECT_TRUE(contains(r.out, "alles ist aktuell")) << r.out;
    EXPECT_TRUE(history().isEmpty());
    EXPECT_TRUE(journalEmpty());
}

// 7. Back after the follow timeout ----------------------------------------------------------------

TEST_F(NothingLost, AConnectorBackAfterTheFollowTimeoutIsRecordedByTheNextCheckNotLeftBroken) {
    start({.scenarioJson = R"({"connector": {"identity": {"fwVersion": "1.3.4"},
            "updates": [{"updateId": "KOCOC-kocobox-1.3.10", "component": "connector", "version": "1.3.10",
                         "downloaded": true}]}})",
           .timeScale = 600, .args = {"--fault-reboot-seconds", "200000"}},
          "follow_timeout_seconds = 5\n");
    const auto r = update();
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "meldet sich nach der Installation nicht zurück")) << r.out;
    EXPECT_EQ(count("finished", "connector"), 0);  // not "broken": nobody knows yet
    EXPECT_FALSE(journalEmpty());
    // Much later it is back, with the new version: the next status check records the success.
    sim->control("POST", "/clock", R"({"advanceSeconds": 400000})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return sim->request("GET", sim->sdsUrl()).status == 200; }, 20s));
    const auto check = runProcess(tiservice({"status"}), env());
    EXPECT_TRUE(contains(check.out, "Begonnenes Update: Das Update von KoCoBox MED+ auf 1.3.10 ist beendet (erfolgreich)"))
        << check.out << check.err;
    EXPECT_EQ(count("finished", "connector", "succeeded"), 1);
    EXPECT_TRUE(journalEmpty());
    // A second check records nothing more.
    runProcess(tiservice({"status"}), env());
    EXPECT_EQ(count("finished", "connector"), 1);
}

// 15. Words while an installation runs -------------------------------------------------------------

TEST_F(NothingLost, WhileTheConnectorRebootsInAnInstallationEveryErrorSaysDoNotSwitchItOffFirst) {
    start({.scenario = "terminal-update-available.json", .timeScale = 600});
    BackgroundProcess run(tiservice({"update", "--answers", (dir / "answers.json").string()}),
                          env({{"TISERVICE_FAULT_PAUSE_AT", "installing"}}), dir / "logs");
    waitForStep(run, "installing");
    run.stop(SIGKILL);
    sim->control("POST", "/power", R"({"on": false})");  // away, as in a reboot
    for (const auto& command : {std::vector<std::string>{"update", "--answers", (dir / "answers.json").string()},
                                std::vector<std::string>{"status"}}) {
        const auto r = runProcess(tiservice(command), env());
        EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
        const auto all = r.out + r.err;
        const auto warning = all.find("Ein Update läuft gerade: den Konnektor nicht ausschalten");
        EXPECT_NE(warning, std::string::npos) << all;
        EXPECT_FALSE(contains(all, "eingeschaltet und mit dem Praxisnetz verbunden")) << all;
    }
    sim->control("POST", "/power", R"({"on": true})");
}

TEST_F(NothingLost, AClientCertificateTheConnectorDoesNotKnowIsNamedAsSuch) {
    TempDir other;
    writeFile(other / "pw", "Fremdes-Zertifikat-1\n");
    {
        // A certificate from another connector (another CA).
        SimulatorProcess foreign({.args = {"--client-p12", (other / "foreign.p12").string(), "--client-p12-password-file",
                                           (other / "pw").string()}});
    }
    start({.scenario = "all-current.json", .args = {"--tls", "client"}});
    auto ini = readFile(dir / "tiservice.ini");
    ini.replace(ini.find("mode = server"), 13, "mode = client-certificate\nclient_certificate = " +
                                                   (other / "foreign.p12").string() + "\nclient_certificate_password_file = " +
                                                   (other / "pw").string());
    writeFile(dir / "tiservice.ini", ini);
    const auto r = runProcess(tiservice({"status"}), env());
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(contains(r.err, "kennt dieses Client-Zertifikat nicht")) << r.err;
    EXPECT_FALSE(contains(r.err, "hat die Verbindung unterbrochen")) << r.err;
}
