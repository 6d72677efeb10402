// `tiservice update --mobile-terminal` as a practice runs it: the real binary, the firmware as a
// TUF target published by the publisher code on the simulator's update server, and konnektor-sim's
// stand-in for the ORGA 930 M online (docs/mobile-terminal.md) as the device on loopback.
#include <gtest/gtest.h>

#include <csignal>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/catalog.h"
#include "support/fixtures.h"
#include "support/process.h"
#include "support/simulator.h"
#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// The stand-in's image format: one line naming what it is, then the firmware's bytes.
std::string image(const std::string& product, const std::string& firmware, const std::string& cvcList,
                  std::size_t bytes = 300 * 1024) {
    std::string body =
        "TIS-STANDIN-FIRMWARE product=" + product + " firmware=" + firmware + " cvc-list=" + cvcList + "\n";
    for (std::size_t i = 0; body.size() < bytes; ++i) body.push_back(static_cast<char>('A' + i % 23));
    return body;
}

struct Firmware {
    std::string content = image("INGHC-ORGA930M", "4.7.0", "1.1.1");
    QJsonObject custom{{"product", "INGHC-ORGA930M"}, {"firmwareVersion", "4.7.0"}, {"cvcListVersion", "1.1.1"}};
};

class MobileTerminal : public ::testing::Test {
protected:
    void start(const std::string& device, const Firmware& firmware = {}) {
        auto repo = trust::Repository::create(dir / "repo", {});
        ASSERT_TRUE(repo.ok());
        ASSERT_TRUE(repo->addTarget(std::filesystem::path(TISERVICE_SOURCE_DIR) /
                                        "tools/tiservice-repo/catalog/approval-catalog.json",
                                    "catalog/approval-catalog.json")
                        .ok());
        writeFile(dir / "firmware.bin", firmware.content);
        ASSERT_TRUE(
            repo->addTarget(dir / "firmware.bin", "mobile-terminal/INGHC-ORGA930M/4.7.0.bin", firmware.custom).ok());
        ASSERT_TRUE(repo->publish().ok());
        // 600× time: the device's one-minute reboot takes a tenth of a second.
        sim = std::make_unique<SimulatorProcess>(
            SimulatorSetup{.scenarioJson = R"({"name":"mobile","connector":{},"mobileTerminal":)" + device + "}",
                           .timeScale = 600,
                           .args = {"--mobile-port", "0", "--updates-dir", (dir / "repo/published").string()}});
        const auto url = sim->ready()["mobileTerminal"].toString().toStdString();
        ASSERT_TRUE(url.starts_with("http://127.0.0.1:")) << url;
        writeFile(dir / "tiservice.ini",
                  "[connector]\nsds_url = " + sim->sdsUrl() + "\nmanagement_url = " + sim->managementBase() +
                      "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n\n[tls]\nmode = "
                      "server\nca_file = " +
                      sim->caFile().string() +
                      "\n\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\nfollow_timeout_minutes = 1\n"
                      "\n[update_server]\nmetadata_url = " +
                      sim->updatesBase() + "metadata/\ntargets_url = " + sim->updatesBase() +
                      "targets/\ntrusted_root = " + (dir / "repo/published/metadata/1.root.json").string() +
                      "\n\n[mobile_terminal]\nurl = " + url + "\n");
    }

    ProcessResult run(std::vector<std::string> args, const std::string& answers = "",
                      const std::string& lang = "de_DE.UTF-8") {
        std::vector<std::string> argv{binary("tiservice").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        if (!answers.empty()) {
            const auto file = dir / ("answers-" + std::to_string(++runs) + ".json");
            writeFile(file, answers);
            argv.insert(argv.end(), {"--answers", file.string()});
        }
        argv.insert(argv.end(), {"--config", (dir / "tiservice.ini").string()});
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()},
                 {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()},
                 {"LANG", lang},
                 {"LC_ALL", std::nullopt},
                 {"LC_MESSAGES", std::nullopt},
                 {"TISERVICE_STATE_DIR", std::nullopt}};
        o.timeout = 120s;
        auto r = runProcess(argv, o);
        everything += r.out + r.err;
        return r;
    }
    ProcessResult update(const std::string& answers = R"({"mobile-terminal.confirm":"start"})",
                         const std::string& lang = "de_DE.UTF-8") {
        return run({"update", "--mobile-terminal"}, answers, lang);
    }

    QJsonObject device(const std::string& change = "{}") { return sim->control("POST", "/mobile-terminal", change); }

    std::vector<QJsonObject> archive(const std::string& event = "") {
        const auto r = run({"history", "--json", "--local"});
        std::vector<QJsonObject> out;
        for (const auto& e : QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).array())
            if (e.toObject()["component"] == "mobile-terminal" &&
                (event.empty() || e.toObject()["event"].toString().toStdString() == event))
                out.push_back(e.toObject());
        return out;
    }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
    int runs = 0;
    std::string everything;
};

const std::string kOldList = R"({"fwVersion":"4.7.0","cvcListVersion":"1.0.0","batteryPercent":80,"docked":true})";

}  // namespace

TEST_F(MobileTerminal, IsUpdatedFromThisPcAndTheNewCvcListIsConfirmedAndArchivedOnce) {
    start(kOldList);
    const auto r = update();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(
        r.out, "ORGA 930 M online erhält Firmware 4.7.0 mit CVC-Zertifikatsliste 1.1.1 (bisher 4.7.0 / CVC 1.0.0)"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "NICHT aus der Ladeschale nehmen")) << r.out;
    EXPECT_TRUE(contains(r.out, "Firmware wird auf das Gerät übertragen")) << r.out;
    EXPECT_TRUE(contains(r.out, "Das Gerät startet neu")) << r.out;
    EXPECT_TRUE(contains(r.out, "ORGA 930 M online ist aktualisiert: Firmware 4.7.0, CVC-Zertifikatsliste 1.1.1."))
        << r.out;
    EXPECT_TRUE(foreignInGerman(r.out).empty()) << ::testing::PrintToString(foreignInGerman(r.out));

    const auto d = device();
    EXPECT_EQ(d["cvcListVersion"].toString(), "1.1.1");
    EXPECT_EQ(d["installs"].toInt(), 1);
    EXPECT_EQ(d["bytesReceived"].toInteger(), 300 * 1024) << "each byte sent once";

    const auto started = archive("started");
    const auto finished = archive("finished");
    ASSERT_EQ(started.size(), 1u);
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0]["result"].toString(), "succeeded");
    EXPECT_EQ(finished[0]["name"].toString(), "ORGA 930 M online");
    EXPECT_EQ(finished[0]["from"].toString(), "4.7.0 / CVC 1.0.0");
    EXPECT_EQ(finished[0]["to"].toString(), "4.7.0 / CVC 1.1.1");
    EXPECT_EQ(finished[0]["workplaceId"].toString(), "Empfang");

    // Current now: the check says so, a second run does nothing and records nothing.
    const auto status = run({"status"});
    EXPECT_FALSE(contains(status.out, "ist veraltet")) << status.out;
    EXPECT_TRUE(contains(status.out, "CVC-Zertifikatsliste: 1.1.1 (nötig: 1.1.1).")) << status.out;
    const auto again = update("", "en_GB.UTF-8");
    EXPECT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_TRUE(contains(again.out, "ORGA 930 M online is current: firmware 4.7.0, CVC certificate list 1.1.1"))
        << again.out;
    EXPECT_EQ(archive().size(), 2u);
    EXPECT_EQ(device()["installs"].toInt(), 1);
    EXPECT_FALSE(std::filesystem::exists(dir / "state/tiservice/mobile-terminal/journal.json"));
}

TEST_F(MobileTerminal, AWeakBatteryOffTheDockIsSaidBeforeAnythingIsSent) {
    start(R"({"fwVersion":"4.7.0","cvcListVersion":"1.0.0","batteryPercent":15,"docked":false})");
    auto r = update(R"({"mobile-terminal.dock":["retry","retry","retry"],"mobile-terminal.confirm":"start"})");
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Der Akku ist zu 15 % geladen, und das Gerät steht nicht in der Ladeschale.")) << r.out;
    EXPECT_TRUE(contains(r.out, "Am mobilen Kartenterminal wurde nichts geändert.")) << r.out;
    EXPECT_EQ(device()["bytesReceived"].toInteger(), 0);
    EXPECT_TRUE(archive().empty());
    const auto en = update(R"({"mobile-terminal.dock":"cancel"})", "en_GB.UTF-8");
    EXPECT_TRUE(contains(en.out, "The battery is at 15 %, and the device is not in its dock.")) << en.out;

    // Put in its dock: the same run goes on.
    device(R"({"docked":true})");
    r = update(R"({"mobile-terminal.dock":"retry","mobile-terminal.confirm":"start"})");
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(device()["cvcListVersion"].toString(), "1.1.1");
    EXPECT_EQ(archive("finished").size(), 1u);
}

TEST_F(MobileTerminal, ATransferCutOffContinuesWhereTheDeviceStopped) {
    start(kOldList);
    device(R"({"interruptAfterBytes":100000})");  // the cable is pulled after ~100 KB
    const auto r = update();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Verbindung zum Gerät unterbrochen – die Übertragung geht gleich dort weiter"))
        << r.out;
    const auto d = device();
    EXPECT_EQ(d["cvcListVersion"].toString(), "1.1.1");
    EXPECT_EQ(d["installs"].toInt(), 1);
    // Continued, not started again: nothing before the cut was sent twice.
    EXPECT_EQ(d["bytesReceived"].toInteger(), 300 * 1024);
    EXPECT_EQ(archive("started").size(), 1u);
    EXPECT_EQ(archive("finished").size(), 1u);
}

TEST_F(MobileTerminal, FirmwareSignedForAnotherDeviceIsNeverSent) {
    Firmware other;
    other.content = image("INGHC-ORGA6100", "4.7.0", "1.1.1");
    other.custom["product"] = "INGHC-ORGA6100";
    start(kOldList, other);
    const auto r = update();
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.err + r.out, "Die Firmware auf dem Update-Server passt nicht zu diesem Gerät"))
        << r.out << r.err;
    EXPECT_EQ(device()["bytesReceived"].toInteger(), 0);
    EXPECT_EQ(device()["cvcListVersion"].toString(), "1.0.0");
    EXPECT_TRUE(archive().empty());
}

TEST_F(MobileTerminal, AFirmwareFileChangedOnTheServerIsRefusedByItsSignature) {
    start(kOldList);
    // Someone replaces the published file: its length and hash no longer match the signed metadata.
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "repo/published/targets"))
        if (e.is_regular_file() && e.path().filename().string().ends_with("4.7.0.bin"))
            writeFile(e.path(), image("INGHC-ORGA930M", "4.7.0", "1.1.1").replace(200, 5, "EVIL!"));
    const auto r = update();
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_EQ(device()["bytesReceived"].toInteger(), 0);
    EXPECT_TRUE(archive().empty());
}

TEST_F(MobileTerminal, AnImageTheDeviceRefusesIsRecordedAsFailedAndTheOldFirmwareStays) {
    Firmware mislabelled;  // signed as the ORGA 930 M's, but inside made for another device
    mislabelled.content = image("INGHC-ORGA6100", "4.7.0", "1.1.1");
    start(kOldList, mislabelled);
    const auto r = update();
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(
        contains(r.out, "hat die Firmware geprüft und abgelehnt; es arbeitet mit der bisherigen Version weiter"))
        << r.out;
    EXPECT_EQ(device()["cvcListVersion"].toString(), "1.0.0");
    EXPECT_EQ(device()["installs"].toInt(), 0);
    const auto finished = archive("finished");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0]["result"].toString(), "failed");
    EXPECT_EQ(finished[0]["reason"].toString(), "wrong-firmware");
    const auto shown = run({"history", "--local"});
    EXPECT_TRUE(contains(shown.out, "das Gerät lehnte die Firmware ab: nicht für dieses Gerät")) << shown.out;
}

TEST_F(MobileTerminal, AVersionTheDeviceDoesNotConfirmAfterItsRebootIsAFailure) {
    Firmware stale;  // says CVC list 1.1.1, carries 1.0.0
    stale.content = image("INGHC-ORGA930M", "4.7.0", "1.0.0");
    start(kOldList, stale);
    const auto r = update();
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Das Gerät meldet nach dem Neustart 4.7.0 / CVC 1.0.0 statt 4.7.0 / CVC 1.1.1"))
        << r.out;
    const auto finished = archive("finished");
    ASSERT_EQ(finished.size(), 1u);
    EXPECT_EQ(finished[0]["reason"].toString(), "device-version-not-confirmed");
}

TEST_F(MobileTerminal, WithoutTheDeviceOrItsSettingTheUpdateSaysWhatToDo) {
    start(kOldList);
    const auto ini = readFile(dir / "tiservice.ini");
    const auto withoutDevice = ini.substr(0, ini.find("[mobile_terminal]"));
    writeFile(dir / "tiservice.ini",
              withoutDevice + "[mobile_terminal]\nurl = http://127.0.0.1:1/mobile-terminal/v1\n");
    auto r = update();
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "in seine Ladeschale stellen oder per USB an diesen PC anschließen")) << r.out << r.err;
    writeFile(dir / "tiservice.ini", withoutDevice);
    r = update();
    EXPECT_EQ(r.exitCode, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Es ist kein mobiles Kartenterminal eingerichtet.")) << r.out << r.err;
    EXPECT_TRUE(archive().empty());
}

TEST_F(MobileTerminal, KilledAfterTheDeviceTookTheFirmwareTheNextRunConfirmsAndRecordsItOnce) {
    start(kOldList);
    const auto answers = dir / "answers.json";
    writeFile(answers, R"({"mobile-terminal.confirm":"start"})");
    ProcessOptions o;
    o.env = {{"HOME", (dir / "home").string()},
             {"XDG_STATE_HOME", (dir / "state").string()},
             {"XDG_CONFIG_HOME", (dir / "config").string()},
             {"LANG", "de_DE.UTF-8"},
             {"LC_ALL", std::nullopt},
             {"TISERVICE_STATE_DIR", std::nullopt},
             {"TISERVICE_FAULT_PAUSE_AT", "mobile-terminal.installing"}};
    BackgroundProcess run({binary("tiservice").string(), "update", "--mobile-terminal", "--answers", answers.string(),
                           "--config", (dir / "tiservice.ini").string()},
                          o, dir / "logs");
    ASSERT_TRUE(SimulatorProcess::waitFor(
        [&] {
            return contains(readFile(dir / "state/tiservice/logs/tiservice.log"),
                            "pausing at step mobile-terminal.installing");
        },
        60s))
        << run.out() << run.err();
    run.stop(SIGKILL);  // the PC is switched off while the device installs
    EXPECT_EQ(archive("started").size(), 1u);
    EXPECT_TRUE(archive("finished").empty());

    const auto r = update();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "ORGA 930 M online ist aktualisiert: Firmware 4.7.0, CVC-Zertifikatsliste 1.1.1."))
        << r.out;
    EXPECT_FALSE(contains(r.out, "Jetzt übertragen?")) << "no second transfer: " << r.out;
    EXPECT_EQ(device()["installs"].toInt(), 1);
    EXPECT_EQ(device()["bytesReceived"].toInteger(), 300 * 1024);
    EXPECT_EQ(archive("started").size(), 1u);
    ASSERT_EQ(archive("finished").size(), 1u);
    EXPECT_EQ(archive("finished")[0]["result"].toString(), "succeeded");
}

TEST_F(MobileTerminal, KilledAfterTheStartWasArchivedTheNextRunContinuesUnderTheSameEntry) {
    start(kOldList);
    const auto answers = dir / "answers.json";
    writeFile(answers, R"({"mobile-terminal.confirm":"start"})");
    ProcessOptions o;
    o.env = {{"HOME", (dir / "home").string()},
             {"XDG_STATE_HOME", (dir / "state").string()},
             {"XDG_CONFIG_HOME", (dir / "config").string()},
             {"LANG", "de_DE.UTF-8"},
             {"LC_ALL", std::nullopt},
             {"TISERVICE_STATE_DIR", std::nullopt},
             {"TISERVICE_FAULT_PAUSE_AT", "mobile-terminal.starting:2"}};
    BackgroundProcess run({binary("tiservice").string(), "update", "--mobile-terminal", "--answers", answers.string(),
                           "--config", (dir / "tiservice.ini").string()},
                          o, dir / "logs");
    ASSERT_TRUE(SimulatorProcess::waitFor(
        [&] {
            return contains(readFile(dir / "state/tiservice/logs/tiservice.log"),
                            "pausing at step mobile-terminal.starting");
        },
        60s))
        << run.out() << run.err();
    run.stop(SIGKILL);
    EXPECT_EQ(archive("started").size(), 1u);

    const auto r = update();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(device()["cvcListVersion"].toString(), "1.1.1");
    EXPECT_EQ(archive("started").size(), 1u) << "the same run's entry, not a second one";
    ASSERT_EQ(archive("finished").size(), 1u);
    EXPECT_EQ(archive("finished")[0]["result"].toString(), "succeeded");
}
