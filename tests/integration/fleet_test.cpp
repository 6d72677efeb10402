// tiservice fleet against real simulated practices: current ones, expired ones, a slow one that
// answers after the deadline and dead ones (a port that refuses) — the list is worst first with
// the deadlines, the dead and slow ones are named without holding up the rest, and the exit
// code is the worst status.
#include <map>

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/process.h"
#include "support/simulator.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class Fleet : public ::testing::Test {
protected:
    void SetUp() override {
        publishShippedCatalog(dir / "repo");
        std::filesystem::create_directories(dir / "practices");
    }

    SimulatorProcess& simulate(const std::string& scenario, int count, std::vector<std::string> args = {}) {
        args.insert(args.end(), {"--count", std::to_string(count), "--updates-dir", (dir / "repo/published").string()});
        sims.push_back(std::make_unique<SimulatorProcess>(SimulatorSetup{.scenario = scenario, .args = args}));
        return *sims.back();
    }

    /// One practice's settings; `sds` replaces the connector's address (a dead one).
    void practice(const std::string& name, const SimulatorProcess& sim, int connector, const std::string& sds = "") {
        const auto& updates = *sims.front();
        writeFile(
            dir / "practices" / (name + ".ini"),
            "[connector]\nsds_url = " + (sds.empty() ? sim.sdsUrl(connector) : sds) +
                "\nmanagement_url = " + sim.managementBase(connector) +
                "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n\n[tls]\nmode = server\n"
                "ca_file = " +
                sim.caFile().string() + "\n\n[update_server]\nmetadata_url = " + updates.updatesBase() +
                "metadata/\ntargets_url = " + updates.updatesBase() +
                "targets/\ntrusted_root = " + (dir / "repo/published/metadata/1.root.json").string() + "\n");
    }

    ProcessResult fleet(std::vector<std::string> args) {
        std::vector<std::string> argv{binary("tiservice").string(), "fleet"};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()},
                 {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()},
                 {"LANG", "de_DE.UTF-8"},
                 {"LC_ALL", std::nullopt}};
        o.timeout = 120s;
        return runProcess(argv, o);
    }

    TempDir dir;
    std::vector<std::unique_ptr<SimulatorProcess>> sims;
};

}  // namespace

TEST_F(Fleet, WorstFirstWithDeadlinesAndTheDeadAndSlowNeverHoldUpTheRest) {
    auto& current = simulate("all-current.json", 6);
    auto& expired = simulate("expired-connector-outdated-terminal.json", 2);
    // Every answer 20 s late: beyond the deadline of 5 s (5, not less: a current connector checked
    // under the sanitizers on a busy CI machine must still make it).
    auto& slow = simulate("all-current.json", 1, {"--fault-slow", "20000"});
    for (int i = 0; i < 6; ++i) practice("aktuell-" + std::to_string(i), current, i);
    practice("abgelaufen-1", expired, 0);
    practice("abgelaufen-2", expired, 1);
    practice("langsam", slow, 0);
    ClosedPort gone1, gone2;
    practice("weg-1", current, 0, "https://127.0.0.1:" + std::to_string(gone1.port()) + "/connector.sds");
    practice("weg-2", current, 0, "https://127.0.0.1:" + std::to_string(gone2.port()) + "/connector.sds");

    const auto started = std::chrono::steady_clock::now();
    const auto r = fleet({"--dir", (dir / "practices").string(), "--timeout", "5", "--json"});
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;  // the worst: expired
    // The slow one is cut at its deadline; the others did not wait for it one after another.
    EXPECT_LT(took, 15s) << r.out;  // one after another it would be 20 s or more

    const auto root = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    const auto list = root["practices"].toArray();
    ASSERT_EQ(list.size(), 11) << r.out;
    std::vector<std::string> order, overall;
    for (const auto& v : list) {
        order.push_back(v.toObject()["practice"].toString().toStdString());
        overall.push_back(v.toObject()["overall"].toString().toStdString());
    }
    // Expired first, then what could not be checked, then the current ones.
    EXPECT_TRUE(order[0].starts_with("abgelaufen") && order[1].starts_with("abgelaufen")) << r.out;
    EXPECT_EQ(overall[0], "expired") << r.out;
    EXPECT_FALSE(list[0].toObject()["deadline"].toString().isEmpty()) << r.out;
    for (int i = 2; i < 5; ++i) EXPECT_EQ(overall[static_cast<std::size_t>(i)], "not-checked") << r.out;
    for (int i = 5; i < 11; ++i)
        EXPECT_EQ(overall[static_cast<std::size_t>(i)], "current") << order[static_cast<std::size_t>(i)];
    const auto counts = root["counts"].toObject();
    EXPECT_EQ(counts["expiredOrBlocked"].toInt(), 2);
    EXPECT_EQ(counts["notChecked"].toInt(), 3);
    EXPECT_EQ(counts["current"].toInt(), 6);
    // Each one not checked says why, in words.
    for (const auto& v : list) {
        const auto o = v.toObject();
        const auto name = o["practice"].toString().toStdString();
        const auto message = o["error"].toObject()["message"].toObject()["de"].toString().toStdString();
        if (name == "langsam") {
            EXPECT_TRUE(contains(message, "nicht innerhalb von 5 Sekunden")) << message;
            EXPECT_LT(o["tookMs"].toInt(), 8000) << r.out;
        }
        if (name.starts_with("weg-")) {
            EXPECT_TRUE(contains(message, "nicht erreichbar")) << message;
        }
    }

    // The list a person reads: the summary and the worst at the top.
    const auto text = fleet({"--dir", (dir / "practices").string(), "--timeout", "5"});
    EXPECT_EQ(text.exitCode, 2);
    EXPECT_TRUE(contains(text.out, "11 Praxen geprüft")) << text.out;
    EXPECT_TRUE(contains(text.out, "2 abgelaufen oder gesperrt")) << text.out;
    EXPECT_TRUE(contains(text.out, "3 nicht prüfbar")) << text.out;
    const auto first = text.out.find("abgelaufen-1"), last = text.out.find("aktuell-5");
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(last, std::string::npos);
    EXPECT_LT(first, last);
}

TEST_F(Fleet, AllCurrentIsZeroAndNothingNamedIsAUsageError) {
    auto& current = simulate("all-current.json", 3);
    for (int i = 0; i < 3; ++i) practice("p" + std::to_string(i), current, i);
    const auto r = fleet({(dir / "practices/p0.ini").string(), (dir / "practices/p1.ini").string(),
                          (dir / "practices/p2.ini").string()});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "3 Praxen geprüft")) << r.out;
    EXPECT_TRUE(contains(r.out, "3 aktuell")) << r.out;
    const auto none = fleet({});
    EXPECT_EQ(none.exitCode, 3);
    EXPECT_TRUE(contains(none.err, "Keine Praxis angegeben")) << none.err;
    // A broken settings file is one practice not checkable, not the end of the run.
    writeFile(dir / "practices/kaputt.ini", "[connector\n");
    const auto broken = fleet({"--dir", (dir / "practices").string()});
    EXPECT_EQ(broken.exitCode, 3) << broken.out;
    EXPECT_TRUE(contains(broken.out, "kaputt")) << broken.out;
    EXPECT_TRUE(contains(broken.out, "3 aktuell")) << broken.out;
}

TEST_F(Fleet, APracticeWithoutAVerifiedCatalogIsNotCheckableAndSaysWhy) {
    // The connector answers, but its update server does not, and this service provider's PC has
    // never verified a catalog from it: nobody can tell whether the versions are approved, so
    // the practice is not "current" and the run does not end with 0.
    auto& current = simulate("all-current.json", 2);
    practice("mit-katalog", current, 0);
    practice("ohne-katalog", current, 1);
    ClosedPort gone;
    const auto file = dir / "practices/ohne-katalog.ini";
    std::string settings = readFile(file);
    for (const std::string from = current.updatesBase(), to = "http://127.0.0.1:" + std::to_string(gone.port()) + "/";
         settings.find(from) != std::string::npos;)
        settings.replace(settings.find(from), from.size(), to);
    writeFile(file, settings);

    const auto r = fleet({"--dir", (dir / "practices").string(), "--timeout", "5", "--json"});
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    const auto root = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
    EXPECT_EQ(root["counts"].toObject()["notChecked"].toInt(), 1) << r.out;
    EXPECT_EQ(root["counts"].toObject()["current"].toInt(), 1) << r.out;
    EXPECT_EQ(root["exitCode"].toInt(), 3) << r.out;
    const auto list = root["practices"].toArray();
    ASSERT_EQ(list.size(), 2) << r.out;
    const auto first = list[0].toObject();
    EXPECT_EQ(first["practice"].toString(), "ohne-katalog") << r.out;  // the worse one first
    EXPECT_EQ(first["overall"].toString(), "not-checked") << r.out;
    // What the connector said is kept; why its versions could not be judged is named: the
    // update server, not merely "no catalog".
    EXPECT_FALSE(first["connector"].toObject()["firmwareVersion"].toString().isEmpty()) << r.out;
    const auto message = first["error"].toObject()["message"].toObject()["de"].toString().toStdString();
    EXPECT_TRUE(contains(message, "nicht erreichbar")) << message;
    const auto action = first["error"].toObject()["action"].toObject()["de"].toString().toStdString();
    EXPECT_TRUE(contains(action, "Adresse des Update-Servers"))
        << action;  // not "the device in the practice's network"
    EXPECT_EQ(list[1].toObject()["overall"].toString(), "current") << r.out;

    const auto text = fleet({"--dir", (dir / "practices").string(), "--timeout", "5"});
    EXPECT_EQ(text.exitCode, 3) << text.out;
    EXPECT_TRUE(contains(text.out, "1 nicht prüfbar, 1 aktuell")) << text.out;
}

TEST(KonnektorSimCount, AThousandConnectorsInOneSimulator) {
    SimulatorProcess sim({.scenario = "all-current.json", .args = {"--count", "1000"}});
    EXPECT_EQ(sim.ready()["connectors"].toArray().size(), 1000);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(999)).status, 200);
}

TEST_F(Fleet, OnePracticeListWithASectionPerPractice) {
    // A service provider keeps the whole fleet in one file: what every practice shares at the
    // top, then a section per practice with what is its own.
    auto& current = simulate("all-current.json", 2);
    auto& expired = simulate("expired-connector-outdated-terminal.json", 1);
    ClosedPort gone;
    const auto& updates = *sims.front();
    const auto practiceSection = [](const std::string& name, const std::string& sds, const std::string& management) {
        return "\n[" + name + "]\nconnector.sds_url = " + sds + "\nconnector.management_url = " + management +
               "\nconnector.mandant_id = Praxis1\nconnector.client_system_id = PVS1\nconnector.workplace_id = "
               "Empfang\n";
    };
    std::string list =
        "; shared by every practice\ntls.mode = server\n"
        "update_server.metadata_url = " +
        updates.updatesBase() + "metadata/\nupdate_server.targets_url = " + updates.updatesBase() +
        "targets/\nupdate_server.trusted_root = " + (dir / "repo/published/metadata/1.root.json").string() + "\n";
    list += practiceSection("Praxis Dr. Müller", current.sdsUrl(0), current.managementBase(0)) +
            "tls.ca_file = " + current.caFile().string() + "\n";
    list += practiceSection("Hausarztpraxis Am Markt", current.sdsUrl(1), current.managementBase(1)) +
            "tls.ca_file = " + current.caFile().string() + "\n";
    list += practiceSection("MVZ Nord", expired.sdsUrl(0), expired.managementBase(0)) +
            "tls.ca_file = " + expired.caFile().string() + "\n";
    list += practiceSection("Praxis Weg", "https://127.0.0.1:" + std::to_string(gone.port()) + "/connector.sds",
                            current.managementBase(0)) +
            "tls.ca_file = " + current.caFile().string() + "\n";
    // The connector's address forgotten: this practice cannot be checked, the rest can.
    list += "\n[Praxis Ohne Adresse]\nconnector.mandant_id = Praxis1\n";
    writeFile(dir / "praxen.ini", list);

    const auto r = fleet({"--practices", (dir / "praxen.ini").string(), "--timeout", "5", "--json"});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    const auto entries = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object()["practices"].toArray();
    ASSERT_EQ(entries.size(), 5) << r.out;
    std::map<std::string, QJsonObject> byName;
    std::vector<std::string> order;
    for (const auto& v : entries) {
        order.push_back(v.toObject()["practice"].toString().toStdString());
        byName[order.back()] = v.toObject();
    }
    EXPECT_EQ(order.front(), "MVZ Nord") << r.out;
    EXPECT_EQ(byName["MVZ Nord"]["overall"].toString(), "expired");
    EXPECT_EQ(byName["Praxis Dr. Müller"]["overall"].toString(), "current") << r.out;
    EXPECT_EQ(byName["Hausarztpraxis Am Markt"]["overall"].toString(), "current") << r.out;
    EXPECT_EQ(byName["Praxis Weg"]["overall"].toString(), "not-checked") << r.out;
    const auto noAddress =
        byName["Praxis Ohne Adresse"]["error"].toObject()["message"].toObject()["de"].toString().toStdString();
    EXPECT_TRUE(contains(noAddress, "[Praxis Ohne Adresse] connector.sds_url")) << noAddress;
    EXPECT_EQ(byName["Praxis Ohne Adresse"]["overall"].toString(), "not-checked");

    // A list that is not one is refused with the line or the setting named, and nothing is checked.
    writeFile(dir / "kaputt.ini", "[Praxis A]\nsds_url = https://127.0.0.1/connector.sds\n");
    const auto wrongKey = fleet({"--practices", (dir / "kaputt.ini").string()});
    EXPECT_EQ(wrongKey.exitCode, 3);
    EXPECT_TRUE(contains(wrongKey.err, "[Praxis A] sds_url")) << wrongKey.err;
    EXPECT_TRUE(contains(wrongKey.err, "connector.sds_url")) << wrongKey.err;
    writeFile(dir / "doppelt.ini",
              "[A]\nconnector.mandant_id = 1\n[B]\nconnector.mandant_id = 2\n[a]\nconnector.mandant_id = 3\n");
    const auto twice = fleet({"--practices", (dir / "doppelt.ini").string()});
    EXPECT_EQ(twice.exitCode, 3);
    EXPECT_TRUE(contains(twice.err, "zweimal")) << twice.err;
    // The same section twice in a row, or a setting twice: which address was meant nobody knows.
    writeFile(dir / "nacheinander.ini",
              "[B]\nconnector.sds_url = https://127.0.0.1:1/connector.sds\n[B]\nconnector.sds_url = "
              "https://127.0.0.1:2/connector.sds\n");
    const auto inARow = fleet({"--practices", (dir / "nacheinander.ini").string()});
    EXPECT_EQ(inARow.exitCode, 3);
    EXPECT_TRUE(contains(inARow.err, "„[B] connector.sds_url“ steht zweimal darin")) << inARow.err;
    EXPECT_FALSE(contains(inARow.out, "Praxen geprüft")) << inARow.out;  // nothing was checked
    writeFile(dir / "leer.ini", "; noch keine Praxis\ntls.mode = server\n");
    const auto empty = fleet({"--practices", (dir / "leer.ini").string()});
    EXPECT_EQ(empty.exitCode, 3);
    EXPECT_TRUE(contains(empty.err, "nennt keine Praxis")) << empty.err;
    const auto missing = fleet({"--practices", (dir / "gibt-es-nicht.ini").string()});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(contains(missing.err, "fehlt oder ist nicht lesbar")) << missing.err;
}
