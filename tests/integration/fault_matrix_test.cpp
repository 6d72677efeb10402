// The fault matrix: every simulator fault crossed with the workflow states, one row per
// case, each asserted to end right — the right exit code, the right archive entries, no
// journal left behind unless the story is still open — plus a full disk and a blocked state
// folder. (SIGKILL in every state: KillAndResume in update_workflow_test.cpp; the other ways
// an archive entry could be lost or doubled: nothing_lost_test.cpp.)
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/simulator.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct Row {
    const char* fault;        ///< control-port JSON switched on
    const char* atStep;       ///< the workflow step at which it is switched on ("" = from the start)
    int exitCode;             ///< what `tiservice update` ends with
    const char* terminal;     ///< archive result for the terminal: succeeded/failed/broken or "" for none
    const char* connector;    ///< archive result for the connector
    const char* says;         ///< what the person reads
    bool storyOpen = false;   ///< the journal still follows it (the connector has not said how it ended)
    const char* fullDisk = "";  ///< below the state folder: this file or folder is on a full disk (LD_PRELOAD)
    const char* archiveBefore = "";  ///< history.jsonl as an earlier run left it (e.g. a torn last line)
    bool secondRun = false;     ///< at the step, a second `tiservice update` starts on the same PC
};

constexpr const char* kTornLine = R"({"id":"x/y/started","time":"2026-11-01T10:00:00Z","event":"sta)";

const Row kMatrix[] = {
    {R"({"powerLoss": true})", "installing:2", 2, "succeeded", "broken", "NICHT vom Strom trennen"},
    {R"({"installFails": "Prüfsumme falsch"})", "installing", 2, "failed", "", "Prüfsumme falsch"},
    {R"({"installFails": "Prüfsumme falsch"})", "installing:2", 2, "succeeded", "failed", "bleibt in Betrieb"},
    {R"({"dropProbability": 0.3})", "installing", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    {R"({"dropProbability": 0.3})", "installing:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    {R"({"slowMs": 800})", "installing:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    {R"({"rebootSeconds": 1800})", "starting:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    // Not back in time is not "broken": nothing is archived as finished, the journal keeps following.
    {R"({"rebootSeconds": 200000})", "starting:2", 2, "succeeded", "", "meldet sich nach der Installation nicht zurück",
     true},
    {R"({"malformed": "broken-xml"})", "verifying:2", 2, "succeeded", "failed",
     "der Konnektor meldet danach nicht die neue Version"},
    {R"({"malformed": "wrong-content-type"})", "", 3, "", "",
     "Dienstbeschreibung des Konnektors (connector.sds) ist unvollständig"},
    {R"({"malformed": "truncated"})", "", 3, "", "", "hat die Verbindung unterbrochen"},
    {R"({"ksrDown": true})", "", 3, "", "", "erreicht den Update-Dienst (KSR) nicht"},
    {R"({"downloadStalls": true})", "", 3, "", "", "Der Download kommt nicht voran"},
    {R"({"slowMs": 800})", "", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    // The answer to a start request is lost: the connector's own status decides (nothing lost, nothing twice).
    {R"({"loseInstallAnswer": true})", "starting", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    {R"({"loseInstallAnswer": true})", "starting:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert"},
    // A full disk: the journal stops everything before it starts; the archive keeps the story in the journal.
    {R"({})", "", 3, "", "", "der Datenträger ist voll", false, "journal"},
    {R"({})", "", 3, "", "", "Update-Archiv kann gerade nicht geschrieben werden", true, "history.jsonl"},
    // An archive whose last line was torn by an earlier crash: kept, and every new entry on a line of its own.
    {R"({})", "", 0, "succeeded", "succeeded", "Alle Updates sind installiert", false, "", kTornLine},
    {R"({"slowMs": 300})", "installing:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert", false, "",
     kTornLine},
    // A second run on the same PC while the first installs: refused, nothing started twice, nothing archived twice.
    {R"({})", "installing", 0, "succeeded", "succeeded", "Alle Updates sind installiert", false, "", "", true},
    {R"({})", "installing:2", 0, "succeeded", "succeeded", "Alle Updates sind installiert", false, "", "", true},
};

void PrintTo(const Row& row, std::ostream* os) {
    *os << row.fault << " at " << (*row.atStep ? row.atStep : "start") << (*row.fullDisk ? ", disk full: " : "")
        << row.fullDisk << (*row.archiveBefore ? ", torn archive" : "") << (row.secondRun ? ", second run" : "");
}

class FaultMatrix : public ::testing::TestWithParam<Row> {};

std::string rowName(const ::testing::TestParamInfo<Row>& info) {
    std::string name = std::to_string(info.index) + "_";
    for (const char* p = info.param.fault; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
    name += "_at_";
    for (const char* p = info.param.atStep; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
    if (*info.param.fullDisk) name += "_full_";
    for (const char* p = info.param.fullDisk; *p; ++p) name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
    if (*info.param.archiveBefore) name += "_torn_archive";
    if (info.param.secondRun) name += "_second_run";
    return name;
}

}  // namespace

TEST_P(FaultMatrix, EndsRight) {
    const Row& row = GetParam();
    TempDir dir;
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json", .timeScale = 600});
    writeFile(dir / "tiservice.ini",
              "[connector]\nsds_url = " + sim.sdsUrl() + "\nmanagement_url = " + sim.managementBase() +
                  "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n[tls]\nmode = server\nca_file = " +
                  sim.caFile().string() +
                  "\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\nfollow_timeout_seconds = 8\ndownload_timeout_seconds = 3\n"
                  "[practice]\nhours = Mo-Fr 08:00-18:00\n");
    writeFile(dir / "answers.json",
              R"({"login.user":"koco-root","login.password":"Praxis2025!","password.new":"Sommer2026!x","password.repeat":"Sommer2026!x",)"
              R"("plan.when":"now","plan.during-hours":"now","confirm.start":"start"})");
    ProcessOptions o;
    o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()}, {"LANG", "de_DE.UTF-8"},
             {"LC_ALL", std::nullopt}, {"TISERVICE_STATE_DIR", std::nullopt}};
    if (*row.fullDisk) {
        o.env["LD_PRELOAD"] = TISERVICE_TEST_FULL_DISK_LIB;
        o.env["TISERVICE_TEST_FULL_DISK_DIR"] = (dir / "state/tiservice" / row.fullDisk).string();
    }
    if (*row.archiveBefore) writeFile(dir / "state/tiservice/history.jsonl", row.archiveBefore);
    if (*row.atStep) {
        o.env["TISERVICE_FAULT_PAUSE_AT"] = row.atStep;
        o.env["TISERVICE_FAULT_PAUSE_MS"] = "1500";
    } else {
        sim.control("POST", "/faults", row.fault);
    }
    BackgroundProcess run({binary("tiservice").string(), "update", "--config", (dir / "tiservice.ini").string(), "--answers",
                           (dir / "answers.json").string()},
                          o, dir / "logs");
    if (*row.atStep) {
        const std::string step(row.atStep);
        ASSERT_TRUE(SimulatorProcess::waitFor(
            [&] { return contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "pausing at step " + step.substr(0, step.find(':'))); }, 60s))
            << run.out();
        sim.control("POST", "/faults", row.fault);
    }
    if (row.secondRun) {
        auto second = o;
        second.env.erase("TISERVICE_FAULT_PAUSE_AT");
        const auto r = runProcess({binary("tiservice").string(), "update", "--config", (dir / "tiservice.ini").string(),
                                   "--answers", (dir / "answers.json").string()},
                                  second);
        EXPECT_NE(r.exitCode, 0) << r.out << r.err;
        EXPECT_TRUE(contains(r.err, "tiservice arbeitet auf diesem PC schon")) << r.out << r.err;
    }
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return !run.running(); }, 120s)) << run.out();
    const int code = run.stop();
    const auto out = run.out();
    EXPECT_EQ(code, row.exitCode) << out << run.err();
    EXPECT_TRUE(contains(out + run.err(), row.says)) << out << run.err();

    const auto history = runProcess({binary("tiservice").string(), "history", "--json"}, o);
    const auto entries = QJsonDocument::fromJson(QByteArray::fromStdString(history.out)).array();
    const auto result = [&](const std::string& component) {
        std::string r;
        int finished = 0;
        for (const auto& e : entries) {
            const auto x = e.toObject();
            if (x["component"].toString().toStdString() == component && x["event"].toString() == "finished") {
                r = x["result"].toString().toStdString();
                ++finished;
            }
        }
        EXPECT_LE(finished, 1) << component << " recorded twice";
        return r;
    };
    EXPECT_EQ(result("CT_ID_0176"), row.terminal) << history.out;
    if (*row.archiveBefore) {
        const auto file = readFile(dir / "state/tiservice/history.jsonl");
        EXPECT_TRUE(file.starts_with(std::string(row.archiveBefore) + "\n")) << file;  // kept aside, on its own line
    }
    EXPECT_EQ(result("connector"), row.connector) << history.out;
    // A finished story leaves no journal; an open one keeps it; the archive stays readable line by line.
    const auto journal = dir / "state/tiservice/journal";
    EXPECT_EQ(!std::filesystem::exists(journal) || std::filesystem::is_empty(journal), !row.storyOpen);
    EXPECT_FALSE(contains(out, "Sommer2026!x"));
    // Every item moved only as the journal's state table allows.
    EXPECT_FALSE(contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "may not move from"));
}

INSTANTIATE_TEST_SUITE_P(EveryFaultInEveryState, FaultMatrix, ::testing::ValuesIn(kMatrix), rowName);

// --- the state folder cannot be written ---------------------------------------------------

namespace {

struct Practice {
    Practice() : sim({.scenario = "terminal-update-available.json", .timeScale = 600}) {
        writeFile(dir / "tiservice.ini",
                  "[connector]\nsds_url = " + sim.sdsUrl() + "\nmanagement_url = " + sim.managementBase() +
                      "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n[tls]\nmode = server\nca_file = " +
                      sim.caFile().string() + "\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\n[practice]\nhours = Mo-Fr 08:00-18:00\n");
        writeFile(dir / "answers.json",
                  R"({"login.user":"koco-root","login.password":"Praxis2026!","plan.when":"now","plan.during-hours":"now","confirm.start":"start"})");
        o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()}, {"LANG", "de_DE.UTF-8"},
                 {"LC_ALL", std::nullopt}, {"TISERVICE_STATE_DIR", std::nullopt}};
    }
    ProcessResult update() {
        return runProcess({binary("tiservice").string(), "update", "--config", (dir / "tiservice.ini").string(), "--answers",
                           (dir / "answers.json").string()},
                          o);
    }
    TempDir dir;
    SimulatorProcess sim;
    ProcessOptions o;
};

}  // namespace

TEST(StateFolderFaults, BlockedJournalFolderStopsBeforeAnythingStarts) {
    Practice p;
    writeFile(p.dir / "state/tiservice/journal", "a file where the journal folder belongs");
    const auto r = p.update();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "kann nicht gespeichert werden")) << r.out;
    EXPECT_EQ(p.sim.control("GET", "/state")["connectors"].toArray()[0].toObject()["installations"].toArray().size(), 0);
}

TEST(StateFolderFaults, FullDiskForTheArchiveIsReportedAndTheJournalStaysReadable) {
    Practice p;
    std::filesystem::create_directories(p.dir / "state/tiservice");
    std::filesystem::create_symlink("/dev/full", p.dir / "state/tiservice/history.jsonl");
    const auto r = p.update();
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "No space left on device") || contains(r.out, "kann nicht gespeichert werden")) << r.out;
    // The journal tells the story (valid JSON), so the next start can finish it.
    const auto journal = p.dir / "state/tiservice/journal";
    ASSERT_TRUE(std::filesystem::exists(journal));
    for (const auto& e : std::filesystem::directory_iterator(journal)) {
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(readFile(e.path())));
        EXPECT_TRUE(doc.isObject()) << readFile(e.path());
        EXPECT_EQ(doc.object()["formatVersion"].toInt(), 1);
    }
    // Disk space back: the next start finishes and records.
    std::filesystem::remove(p.dir / "state/tiservice/history.jsonl");
    const auto again = p.update();
    EXPECT_EQ(again.exitCode, 0) << again.out;
    const auto history = readFile(p.dir / "state/tiservice/history.jsonl");
    EXPECT_TRUE(contains(history, "\"result\":\"succeeded\"")) << history;
}
