// The practice's archive: what the connector's own installation list holds is taken into this
// workstation's archive once, beside its own runs, never doubled.
#include <gtest/gtest.h>

#include "support/temp_dir.h"
#include "tiservice/konnektor/driver.h"
#include "tiservice/workflow/practice_archive.h"

using namespace tiservice;
using namespace tiservice::workflow;
using konnektor::Installation;

namespace {

const std::string kConnector = "KOCOC-kocobox@127.0.0.1:8443";
/// The reception asks; the list is the KoCoBox's.
const ConnectorList kList{
    .connectorId = kConnector, .identity = "KOCOC-kocobox", .clientSystemId = "PVS1", .workplaceId = "Empfang"};

Installation finished(std::string id, std::string component, std::string from, std::string to,
                      Installation::State state, const std::string& finishedAt, std::string client = "PVS1",
                      std::string workplace = "Sprechzimmer2") {
    Installation i;
    i.id = std::move(id);
    i.component = std::move(component);
    i.updateId = "U-" + to;
    i.fromVersion = FirmwareVersion::parse(from).value();
    i.toVersion = FirmwareVersion::parse(to).value();
    i.state = state;
    i.startedAt = parseUtc("2026-12-01T18:00:00Z");
    i.finishedAt = parseUtc(finishedAt);
    i.clientSystemId = std::move(client);
    i.workplaceId = std::move(workplace);
    return i;
}

/// A run this workstation's journal recorded at the reception: "finished" with its result.
HistoryEntry recordedRun(std::string id, std::string component, std::string to, std::string result,
                         const std::string& at, std::string connector = kConnector) {
    HistoryEntry e;
    e.id = std::move(id);
    e.event = "finished";
    e.connector = std::move(connector);
    e.component = std::move(component);
    e.toVersion = std::move(to);
    e.result = std::move(result);
    e.clientSystemId = "PVS1";
    e.workplaceId = "Empfang";
    e.time = parseUtc(at).value();
    return e;
}

std::string nameOf(const std::string& component) {
    return component == "connector" ? "KoCoBox MED+" : "ORGA 6141 online";
}

class PracticeArchive : public ::testing::Test {
protected:
    tiservice::testing::TempDir dir;
    UpdateHistory history{dir.path() / "history.jsonl"};
};

}  // namespace

TEST_F(PracticeArchive, AColleaguesInstallationIsTakenInWithTheConnectorsTimesAndWhoStartedIt) {
    const auto list = std::vector{
        finished("7", "connector", "1.3.4", "1.3.10", Installation::State::Succeeded, "2026-12-01T18:20:00Z")};
    ASSERT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    const auto entries = history.read();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].event, "started");
    EXPECT_EQ(formatUtc(entries[0].time), "2026-12-01T18:00:00Z");
    EXPECT_EQ(entries[1].event, "finished");
    EXPECT_EQ(entries[1].result, "succeeded");
    EXPECT_EQ(formatUtc(entries[1].time), "2026-12-01T18:20:00Z");
    EXPECT_EQ(entries[1].name, "KoCoBox MED+");
    EXPECT_EQ(entries[1].source, "connector");
    EXPECT_EQ(historyStartedByText(entries[1]).de, "PVS1/Sprechzimmer2");
}

TEST_F(PracticeArchive, TakingTheSameListAgainAddsNothing) {
    const auto list = std::vector{
        finished("7", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Failed, "2026-12-01T18:05:00Z"),
        finished("8", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Succeeded, "2026-12-01T18:30:00Z")};
    ASSERT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 2);
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 0);
    EXPECT_EQ(history.read().size(), 4u);
}

TEST_F(PracticeArchive, ThisWorkstationsOwnRunIsNeverTakenFromTheList) {
    // Its journal records it: even when the two disagree on the result (a version that was not
    // confirmed in time here, succeeded on the connector) or the clocks are a month apart.
    auto own = recordedRun("run-1/U-1.3.10/finished", "connector", "1.3.10", "failed", "2026-11-01T08:00:00Z");
    own.reason = "version-not-confirmed";
    ASSERT_TRUE(history.append(own).ok());
    const auto list = std::vector{finished("7", "connector", "1.3.4", "1.3.10", Installation::State::Succeeded,
                                           "2026-12-01T18:20:00Z", "PVS1", "Empfang")};
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 0);
    EXPECT_EQ(history.read().size(), 1u);
}

TEST_F(PracticeArchive, ThisWorkstationsOwnRunIsTakenFromTheListWhenTheArchiveDoesNotHoldIt) {
    // A new PC at the reception, or a state folder lost: the archive is the practice's proof of
    // maintenance, so the connector's list fills in what this workstation's journal recorded.
    const auto list = std::vector{finished("7", "connector", "1.3.4", "1.3.10", Installation::State::Succeeded,
                                           "2026-12-01T18:20:00Z", "PVS1", "Empfang")};
    ASSERT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    const auto entries = history.read();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].event, "finished");
    EXPECT_EQ(entries[1].result, "succeeded");
    EXPECT_EQ(historyStartedByText(entries[1]).de, "PVS1/Empfang");
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 0);  // and once only
    EXPECT_EQ(history.read().size(), 2u);
}

TEST_F(PracticeArchive, EachRecordedRunAccountsForOneListedInstallationOnly) {
    // The same update twice from this workstation (the first failed, the second succeeded); the
    // journal recorded only the second (the first run's lines were lost with a broken disk).
    auto own = recordedRun("run-2/U-3.7.4/finished", "CT_ID_0176", "3.7.4", "succeeded", "2026-12-01T18:31:00Z",
                           "KOCOC-kocobox@192.168.1.10:443");  // recorded under the connector's old address
    own.fromVersion = "3.7.3";
    ASSERT_TRUE(history.append(own).ok());
    const auto list = std::vector{finished("7", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Failed,
                                           "2026-12-01T18:05:00Z", "PVS1", "Empfang"),
                                  finished("8", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Succeeded,
                                           "2026-12-01T18:30:00Z", "PVS1", "Empfang")};
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    const auto entries = history.read();
    ASSERT_EQ(entries.size(), 3u);  // the recorded run, and one installation taken: started, finished
    // The run taken is the failed one the archive lacked, not a second success.
    EXPECT_EQ(entries[2].event, "finished");
    EXPECT_EQ(entries[2].source, "connector");
    EXPECT_EQ(entries[2].result, "failed");
    EXPECT_EQ(formatUtc(entries[2].time), "2026-12-01T18:05:00Z");
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 0);
    EXPECT_EQ(history.read().size(), 3u);
}

TEST_F(PracticeArchive, TheRecordedRunIsTheListedOneNearestToItInTime) {
    // Two failed runs of the same update; the journal kept only the second (18:31). The first
    // (18:05) is the one the archive lacks — not a second copy of the 18:30 one.
    ASSERT_TRUE(
        history.append(recordedRun("run-2/U-3.7.4/finished", "CT_ID_0176", "3.7.4", "failed", "2026-12-01T18:31:00Z"))
            .ok());
    const auto list = std::vector{finished("7", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Failed,
                                           "2026-12-01T18:05:00Z", "PVS1", "Empfang"),
                                  finished("8", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Failed,
                                           "2026-12-01T18:30:00Z", "PVS1", "Empfang")};
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    const auto entries = history.read();
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[2].source, "connector");
    EXPECT_EQ(formatUtc(entries[2].time), "2026-12-01T18:05:00Z");
}

TEST_F(PracticeArchive, ANewAddressOfTheSameConnectorTakesNothingInTwice) {
    const auto list = std::vector{
        finished("7", "connector", "1.3.4", "1.3.10", Installation::State::Succeeded, "2026-12-01T18:20:00Z")};
    ASSERT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    ConnectorList moved = kList;
    moved.connectorId = "KOCOC-kocobox@konnektor.praxis.local:443";  // DHCP gave it a new address, or a name
    EXPECT_EQ(takeConnectorInstallations(history, moved, list, nameOf).value(), 0);
    EXPECT_EQ(history.read().size(), 2u);
}

TEST_F(PracticeArchive, TheAutoUpdateAndTheAdminInterfaceAreNamedAsSuch) {
    auto auto_ =
        finished("3", "connector", "5.1.8", "5.5.4", Installation::State::Succeeded, "2026-11-25T01:20:00Z", "", "");
    auto_.byAutoUpdate = true;
    const auto admin =
        finished("4", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Broken, "2026-11-26T10:00:00Z", "", "");
    ASSERT_EQ(takeConnectorInstallations(history, kList, {auto_, admin}, nameOf).value(), 2);
    const auto entries = history.read();
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(historyStartedByText(entries[1]).de, "Auto-Update des Konnektors");
    EXPECT_EQ(historyStartedByText(entries[3]).de, "am Konnektor selbst");
    EXPECT_EQ(historyStartedByText(entries[3]).en, "at the connector itself");
    EXPECT_EQ(entries[3].result, "broken");
}

TEST_F(PracticeArchive, PlannedAndRunningInstallationsAreNotInTheArchiveYet) {
    auto running =
        finished("9", "connector", "1.3.4", "1.3.10", Installation::State::Installing, "2026-12-01T18:20:00Z");
    running.finishedAt.reset();
    auto planned = finished("10", "CT_ID_0176", "3.7.3", "3.7.4", Installation::State::Planned, "2026-12-01T18:20:00Z");
    EXPECT_EQ(takeConnectorInstallations(history, kList, {running, planned}, nameOf).value(), 0);
    EXPECT_TRUE(history.read().empty());
}

TEST_F(PracticeArchive, AnEntryHalfWrittenBeforeACrashIsCompletedNotDoubled) {
    const auto list = std::vector{
        finished("7", "connector", "1.3.4", "1.3.10", Installation::State::Succeeded, "2026-12-01T18:20:00Z")};
    ASSERT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    // Keep only the "started" line, as after a kill between the two writes.
    const auto entries = history.read();
    std::filesystem::remove(history.file());
    ASSERT_TRUE(history.append(entries[0]).ok());
    EXPECT_EQ(takeConnectorInstallations(history, kList, list, nameOf).value(), 1);
    const auto again = history.read();
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[1].event, "finished");
}

TEST(ReasonText, ACodeIsSaidInWordsAndTheConnectorsOwnTextIsQuoted) {
    EXPECT_EQ(historyReasonText("version-not-confirmed").de, "der Konnektor meldet danach nicht die neue Version");
    EXPECT_EQ(historyReasonText("power-loss").en, "power loss or defect during the installation");
    EXPECT_EQ(historyReasonText("Prüfsumme falsch").de, "der Konnektor meldet „Prüfsumme falsch“");
    EXPECT_TRUE(historyReasonText("").empty());
}

TEST(ManagementStatus, AnInstallationCarriesTheConnectorsOwnNumber) {
    const auto st = konnektor::parseManagementStatus(
        R"({"firmwareVersion":"1.3.10","update":{"state":"idle"},"recent":[{"id":12,"updateId":"U","component":"connector",)"
        R"("fromVersion":"1.3.4","toVersion":"1.3.10","state":"succeeded","finishedAt":"2026-12-01T18:20:00Z",)"
        R"("startedBy":{"clientSystemId":"PVS1","workplaceId":"Empfang"}}]})");
    ASSERT_TRUE(st.ok()) << st.error().describe();
    ASSERT_EQ(st->recent.size(), 1u);
    EXPECT_EQ(st->recent[0].id, "12");
}
