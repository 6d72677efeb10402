// The TUF client workflow (specification 1.0, section 5), one test per rule, against
// repositories built by the publisher code and served over real HTTP by konnektor-sim.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>

#include "support/simulator.h"
#include "tiservice/trust/repository.h"
#include "tiservice/trust/tuf_client.h"

using namespace tiservice;
using namespace tiservice::trust;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

const std::string kCatalogPath = "catalog/approval-catalog.json";

QJsonObject signedPart(const std::filesystem::path& file) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(readFile(file))).object().value("signed").toObject();
}

/// Every file in the client's metadata folder with its content.
std::map<std::string, std::string> folder(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    if (!std::filesystem::exists(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) out[e.path().filename().string()] = readFile(e.path());
    return out;
}

class Tuf : public ::testing::Test {
protected:
    void SetUp() override { setUpRepository({}); }

    void setUpRepository(const RepositoryOptions& options) {
        server.reset();
        repo.reset();
        std::filesystem::remove_all(dir / "repo");
        std::filesystem::remove_all(dir / "client");
        auto r = Repository::create(dir / "repo", options, clock);
        ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
        repo.emplace(std::move(r).value());
        writeFile(dir / "catalog.json", R"({"formatVersion":1,"published":"2026-11-01T00:00:00Z","products":[]})");
        ASSERT_TRUE(repo->addTarget(dir / "catalog.json", kCatalogPath, QJsonObject{{"kind", "approval-catalog"}}).ok());
        ASSERT_TRUE(repo->publish().ok());
        server = std::make_unique<SimulatorProcess>(
            SimulatorSetup{.args = {"--updates-dir", (dir / "repo/published").string()}});
        ASSERT_TRUE(TufClient::trustRoot(dir / "client", repo->trustedRootFile()).ok());
    }

    TufClient client(TufLimits limits = {}) {
        TufClientOptions o;
        o.metadataDir = dir / "client";
        o.metadataUrl = server->updatesBase() + "metadata/";
        o.targetBaseUrl = server->updatesBase() + "targets/";
        o.clock = clientClock;
        o.limits = limits;
        o.http.maxAttempts = 1;
        return TufClient(o);
    }

    std::filesystem::path published(const std::string& name) const { return repo->metadataDir() / name; }

    /// Refresh must fail with `code`. The refused role and every role after it in the
    /// workflow (root, timestamp, snapshot, targets) stay as they were: nothing untrusted is
    /// written; roles before it may have been updated by checks they passed.
    void expectRefreshRefused(const char* code, const std::string& refusedRole = "root") {
        static const std::vector<std::string> order{"root", "timestamp", "snapshot", "targets"};
        const auto before = folder(dir / "client");
        auto c = client();
        auto s = c.refresh();
        ASSERT_FALSE(s.ok()) << "refresh was accepted; expected " << code;
        EXPECT_EQ(s.error().code, code) << s.error().describe(Language::English);
        const auto after = folder(dir / "client");
        bool guarded = false;
        for (const auto& role : order) {
            guarded = guarded || role == refusedRole;
            if (!guarded) continue;
            const auto name = role + ".json";
            EXPECT_EQ(after.count(name), before.count(name)) << name << " appeared or vanished";
            if (after.count(name) && before.count(name)) {
                EXPECT_TRUE(after.at(name) == before.at(name)) << name << " changed";
            }
        }
        for (const auto& [name, content] : after)
            EXPECT_TRUE(before.count(name) || std::find(order.begin(), order.end(), name.substr(0, name.size() - 5)) != order.end())
                << "unexpected file " << name;
    }

    void expectRefreshOk() {
        auto c = client();
        auto s = c.refresh();
        ASSERT_TRUE(s.ok()) << s.error().describe(Language::English);
    }

    /// Publishes hand-made metadata signed with a role's keys.
    void craft(const std::string& file, const QJsonObject& signedObject, const std::string& keysOf) {
        writeFile(published(file), signMetadata(signedObject, repo->keys(keysOf)));
    }

    /// A timestamp pointing at the snapshot version given, version `version`.
    void craftTimestamp(std::int64_t version, std::int64_t snapshotVersion, bool consistentName = false) {
        auto ts = signedPart(published("timestamp.json"));
        ts.insert("version", static_cast<qint64>(version));
        ts.insert("meta", QJsonObject{{"snapshot.json", QJsonObject{{"version", static_cast<qint64>(snapshotVersion)}}}});
        craft("timestamp.json", ts, "timestamp");
        (void)consistentName;
    }

    TempDir dir;
    std::shared_ptr<TestClock> clock = std::make_shared<TestClock>(std::chrono::system_clock::now());
    std::shared_ptr<TestClock> clientClock = std::make_shared<TestClock>(std::chrono::system_clock::now());
    std::optional<Repository> repo;
    std::unique_ptr<SimulatorProcess> server;
};

}  // namespace

// --- the happy path ------------------------------------------------------------------------

TEST_F(Tuf, RefreshesAndDownloadsAVerifiedTarget) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    ASSERT_TRUE(target.ok()) << target.error().describe(Language::English);
    EXPECT_EQ(QJsonDocument::fromJson(QByteArray::fromStdString(target->file.customJson)).object().value("kind").toString(),
              "approval-catalog");
    auto file = c.download(*target, dir / "cache" / kCatalogPath);
    ASSERT_TRUE(file.ok()) << file.error().describe(Language::English);
    EXPECT_EQ(readFile(*file), readFile(dir / "catalog.json"));
    EXPECT_FALSE(c.lastDownloadWasCached());
    for (const char* name : {"root.json", "timestamp.json", "snapshot.json", "targets.json"})
        EXPECT_TRUE(std::filesystem::exists(dir / "client" / name)) << name;
}

TEST_F(Tuf, CachedTargetThatStillMatchesIsNotDownloadedAgain) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    ASSERT_TRUE(c.download(*target, dir / "cache.json").ok());
    std::filesystem::remove(repo->targetsDir() / "catalog" /
                            (target->file.hashes.at("sha256") + ".approval-catalog.json"));  // could not be fetched now
    auto again = c.download(*target, dir / "cache.json");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(c.lastDownloadWasCached());
}

TEST_F(Tuf, WorksWithEveryKeyType) {
    for (auto type : {SigningKey::Type::EcdsaP256, SigningKey::Type::RsaPss}) {
        RepositoryOptions o;
        o.keyType = type;
        setUpRepository(o);
        auto c = client();
        ASSERT_TRUE(c.refresh().ok());
        auto t = c.findTarget(kCatalogPath);
        ASSERT_TRUE(t.ok());
        EXPECT_TRUE(c.download(*t, dir / "out.json").ok());
    }
}

TEST_F(Tuf, WorksWithoutConsistentSnapshots) {
    RepositoryOptions o;
    o.consistentSnapshot = false;
    setUpRepository(o);
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    EXPECT_TRUE(c.download(*c.findTarget(kCatalogPath), dir / "out.json").ok());
}

TEST_F(Tuf, NewTargetsArriveWithTheNextRefresh) {
    expectRefreshOk();
    writeFile(dir / "fw.bin", std::string(5000, 'f'));
    ASSERT_TRUE(repo->addTarget(dir / "fw.bin", "firmware/orga930m-4.7.0.bin").ok());
    ASSERT_TRUE(repo->publish().ok());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    EXPECT_TRUE(c.findTarget("firmware/orga930m-4.7.0.bin").ok());
}

// --- rollback protection for every role ----------------------------------------------------

TEST_F(Tuf, RollbackOfTheTimestampIsRefused) {
    const auto old = readFile(published("timestamp.json"));
    ASSERT_TRUE(repo->renewTimestamp().ok());
    expectRefreshOk();
    writeFile(published("timestamp.json"), old);
    expectRefreshRefused(errors::kRollback, "timestamp");
}

TEST_F(Tuf, RollbackOfTheSnapshotIsRefused) {
    ASSERT_TRUE(repo->publish().ok());  // snapshot version 3
    expectRefreshOk();
    const auto trustedTs = signedPart(dir / "client/timestamp.json");
    craftTimestamp(trustedTs.value("version").toInteger() + 1, 2);  // newer timestamp, older snapshot
    expectRefreshRefused(errors::kRollback, "timestamp");
}

TEST_F(Tuf, RollbackOfTheTargetsIsRefused) {
    ASSERT_TRUE(repo->addTarget(dir / "catalog.json", "other.json").ok());
    ASSERT_TRUE(repo->publish().ok());  // targets version 3
    expectRefreshOk();
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("targets.json", QJsonObject{{"version", 2}});
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    expectRefreshRefused(errors::kRollback, "snapshot");
}

TEST_F(Tuf, RollbackOfADelegatedRoleIsRefused) {
    ASSERT_TRUE(repo->delegate("firmware", {"firmware/*"}, false, {1, 1, 90}).ok());
    ASSERT_TRUE(repo->publish().ok());
    writeFile(dir / "fw.bin", "x");
    ASSERT_TRUE(repo->addTarget(dir / "fw.bin", "firmware/a.bin", {}, "firmware").ok());
    ASSERT_TRUE(repo->publish().ok());  // firmware role version 2
    expectRefreshOk();
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("firmware.json", QJsonObject{{"version", 1}});
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    expectRefreshRefused(errors::kRollback, "snapshot");
}

TEST_F(Tuf, RollbackOfTheRootIsRefused) {
    ASSERT_TRUE(repo->rotateKeys("timestamp").ok());  // root version 2, same root keys
    expectRefreshOk();
    std::filesystem::copy_file(published("1.root.json"), published("3.root.json"));  // an old root as "3"
    expectRefreshRefused(errors::kRollback);
}

TEST_F(Tuf, SnapshotDroppingATargetsRoleIsRefused) {
    ASSERT_TRUE(repo->delegate("firmware", {"firmware/*"}, false, {1, 1, 90}).ok());
    ASSERT_TRUE(repo->publish().ok());
    expectRefreshOk();
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.remove("firmware.json");
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    expectRefreshRefused(errors::kRollback, "snapshot");
}

// --- freeze: each role expired, against one reference time ---------------------------------

TEST_F(Tuf, ExpiredTimestampIsRefused) {
    clientClock->advance(std::chrono::hours(25));  // timestamp: 1 day
    expectRefreshRefused(errors::kExpired);
}

TEST_F(Tuf, ExpiredSnapshotIsRefused) {
    RepositoryOptions o;
    o.timestamp.expiresDays = 30;
    o.snapshot.expiresDays = 1;
    setUpRepository(o);
    clientClock->advance(std::chrono::hours(25));
    expectRefreshRefused(errors::kExpired, "snapshot");
}

TEST_F(Tuf, ExpiredTargetsAreRefused) {
    RepositoryOptions o;
    o.timestamp.expiresDays = 30;
    o.snapshot.expiresDays = 30;
    o.targets.expiresDays = 1;
    setUpRepository(o);
    clientClock->advance(std::chrono::hours(25));
    expectRefreshRefused(errors::kExpired, "targets");
}

TEST_F(Tuf, ExpiredRootIsRefused) {
    RepositoryOptions o;
    o.timestamp.expiresDays = 30;
    o.snapshot.expiresDays = 30;
    o.root.expiresDays = 1;
    setUpRepository(o);
    clientClock->advance(std::chrono::hours(25));
    expectRefreshRefused(errors::kExpired);
}

TEST_F(Tuf, TrustedTimestampThatExpiredIsNotKeptAlive) {
    expectRefreshOk();
    clientClock->advance(std::chrono::hours(25));  // the server still serves the same, now expired, timestamp
    expectRefreshRefused(errors::kExpired, "timestamp");
}

// --- fast-forward recovery -----------------------------------------------------------------

TEST_F(Tuf, FastForwardAttackIsRecoveredByRotatingTheTimestampKey) {
    expectRefreshOk();
    // An attacker with the timestamp key pushes the version far ahead.
    const auto snapVersion = signedPart(published("timestamp.json")).value("meta").toObject()
                                 .value("snapshot.json").toObject().value("version").toInteger();
    craftTimestamp(1000, snapVersion);
    expectRefreshOk();
    EXPECT_EQ(signedPart(dir / "client/timestamp.json").value("version").toInteger(), 1000);
    // The vendor rotates the timestamp key; honest versions are far lower.
    ASSERT_TRUE(repo->rotateKeys("timestamp").ok());
    expectRefreshOk();
    EXPECT_LT(signedPart(dir / "client/timestamp.json").value("version").toInteger(), 1000);
}

// --- mix-and-match, hashes and lengths -----------------------------------------------------

TEST_F(Tuf, SnapshotNotMatchingTheTimestampsHashIsRefused) {
    ASSERT_TRUE(repo->publish().ok());
    const auto v = signedPart(published("timestamp.json")).value("meta").toObject()
                       .value("snapshot.json").toObject().value("version").toInteger();
    // Another validly signed snapshot under the name the timestamp points to.
    auto snap = signedPart(published("snapshot.json"));
    snap.insert("expires", QString::fromStdString(tufTime(clock->now() + std::chrono::hours(100))));
    craft(std::to_string(v) + ".snapshot.json", snap, "snapshot");
    auto c = client();
    auto s = c.refresh();
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(s.error().code == std::string(errors::kHashMismatch) || s.error().code == std::string(errors::kLengthMismatch))
        << s.error().code;
}

TEST_F(Tuf, TargetWithWrongHashIsRefusedAndNotKept) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    const auto served = repo->targetsDir() / "catalog" / (target->file.hashes.at("sha256") + ".approval-catalog.json");
    auto content = readFile(served);
    content[content.size() / 2] ^= 1;  // same length, other content
    writeFile(served, content);
    auto r = c.download(*target, dir / "out.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kHashMismatch);
    EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
    EXPECT_FALSE(std::filesystem::exists(dir / "out.json.part"));
}

TEST_F(Tuf, TargetsListSha256ByDefaultAndSha512WhenAsked) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    ASSERT_TRUE(target.ok());
    EXPECT_EQ(target->file.hashes.size(), 1u);
    EXPECT_EQ(target->file.hashes.count("sha256"), 1u);

    RepositoryOptions both;
    both.targetHashes = {"sha256", "sha512"};
    setUpRepository(both);
    auto c2 = client();
    ASSERT_TRUE(c2.refresh().ok());
    auto listed = c2.findTarget(kCatalogPath);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->file.hashes.size(), 2u);
    EXPECT_EQ(listed->file.hashes.at("sha512").size(), 128u);
    EXPECT_TRUE(c2.download(*listed, dir / "out.json").ok());
    EXPECT_EQ(readFile(dir / "out.json"), readFile(dir / "catalog.json"));
}

TEST_F(Tuf, PublisherRefusesUnknownTargetHashes) {
    RepositoryOptions md5;
    md5.targetHashes = {"md5"};
    EXPECT_FALSE(Repository::create(dir / "repo-md5", md5).ok());
    RepositoryOptions sha512First;
    sha512First.targetHashes = {"sha512", "sha256"};
    EXPECT_FALSE(Repository::create(dir / "repo-512", sha512First).ok());
    RepositoryOptions none;
    none.targetHashes = {};
    EXPECT_FALSE(Repository::create(dir / "repo-none", none).ok());
}

TEST_F(Tuf, TargetWithWrongLengthIsRefused) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    const auto served = repo->targetsDir() / "catalog" / (target->file.hashes.at("sha256") + ".approval-catalog.json");
    writeFile(served, readFile(served).substr(0, 20));
    auto r = c.download(*target, dir / "out.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kLengthMismatch);
}

// --- endless data --------------------------------------------------------------------------

TEST_F(Tuf, OversizedTimestampIsCutOff) {
    auto ts = signedPart(published("timestamp.json"));
    ts.insert("padding", QString(20000, 'x'));
    ts.insert("version", ts.value("version").toInteger() + 1);
    craft("timestamp.json", ts, "timestamp");
    expectRefreshRefused(errors::kTooLarge, "timestamp");
}

TEST_F(Tuf, OversizedRootIsCutOff) {
    expectRefreshOk();
    writeFile(published("2.root.json"), std::string(600 * 1024, ' '));
    expectRefreshRefused(errors::kTooLarge);
}

TEST_F(Tuf, AServerThatTricklesMetadataIsGivenUpAfterTheMetadataTime) {
    // A slow retrieval: a few bytes a second, never silent long enough for the stall timeout,
    // while the client allows a large target half an hour.
    server = std::make_unique<SimulatorProcess>(
        SimulatorSetup{.args = {"--updates-dir", (dir / "repo/published").string(), "--fault-update-rate", "50"}});
    TufClientOptions o;
    o.metadataDir = dir / "client";
    o.metadataUrl = server->updatesBase() + "metadata/";
    o.targetBaseUrl = server->updatesBase() + "targets/";
    o.clock = clientClock;
    o.http.maxAttempts = 1;
    o.http.totalTimeout = std::chrono::minutes(30);
    o.limits.metadataTime = std::chrono::seconds(2);
    TufClient c(o);
    const auto started = std::chrono::steady_clock::now();
    auto s = c.refresh();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, net::errors::kTimeout) << s.error().describe(Language::English);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
    EXPECT_NE(s.error().describe(Language::German).find("Update-Server"), std::string::npos)
        << s.error().describe(Language::German);
    // The advice is the update server's (the PC's internet connection), not a device's reboot.
    EXPECT_NE(s.error().action.de.find("Internetverbindung dieses PCs"), std::string::npos) << s.error().action.de;
    EXPECT_EQ(s.error().action.de.find("Gerät"), std::string::npos) << s.error().action.de;
    // Nothing half-read was kept: with the server at its normal speed again, the next refresh
    // goes through and the catalog can be fetched.
    server = std::make_unique<SimulatorProcess>(
        SimulatorSetup{.args = {"--updates-dir", (dir / "repo/published").string()}});
    auto again = client();
    ASSERT_TRUE(again.refresh().ok());
    EXPECT_TRUE(again.findTarget(kCatalogPath).ok());
}

TEST_F(Tuf, EndlessTargetStopsAtItsListedLength) {
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto target = c.findTarget(kCatalogPath);
    const auto served = repo->targetsDir() / "catalog" / (target->file.hashes.at("sha256") + ".approval-catalog.json");
    writeFile(served, std::string(5 * 1024 * 1024, 'x'));
    auto r = c.download(*target, dir / "out.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kTooLarge);
}

// --- signatures and thresholds -------------------------------------------------------------

TEST_F(Tuf, TamperedSignatureIsRefused) {
    auto text = readFile(published("timestamp.json"));
    const auto pos = text.find("\"sig\": \"") + 8;
    text[pos] = text[pos] == 'a' ? 'b' : 'a';
    writeFile(published("timestamp.json"), text);
    expectRefreshRefused(errors::kSignature, "timestamp");
}

TEST_F(Tuf, ThresholdNotMetIsRefused) {
    RepositoryOptions o;
    o.targets = {2, 2, 90};
    setUpRepository(o);
    expectRefreshOk();
    // New targets signed by only one of the two keys.
    auto targets = signedPart(published("targets.json"));
    targets.insert("version", targets.value("version").toInteger() + 1);
    writeFile(published(std::to_string(targets.value("version").toInteger()) + ".targets.json"),
              signMetadata(targets, {repo->keys("targets").front()}));
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("targets.json", QJsonObject{{"version", targets.value("version").toInteger()}});
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    expectRefreshRefused(errors::kSignature, "targets");
}

TEST_F(Tuf, OneKeySigningTwiceIsRefusedNotCountedTwice) {
    RepositoryOptions o;
    o.timestamp = {2, 2, 1};
    setUpRepository(o);
    auto ts = signedPart(published("timestamp.json"));
    ts.insert("version", ts.value("version").toInteger() + 1);
    const auto key = repo->keys("timestamp").front();
    craft("timestamp.json", ts, "timestamp");
    writeFile(published("timestamp.json"), signMetadata(ts, {key, key}));
    expectRefreshRefused(errors::kMalformed, "timestamp");
}

namespace {
/// The same envelope with its first signature listed a second time (same keyid).
std::string withTheFirstSignatureTwice(const std::string& envelopeJson) {
    auto envelope = QJsonDocument::fromJson(QByteArray::fromStdString(envelopeJson)).object();
    auto sigs = envelope.value("signatures").toArray();
    sigs.append(sigs[0]);
    envelope.insert("signatures", sigs);
    return QJsonDocument(envelope).toJson().toStdString();
}
}  // namespace

// TUF 1.0: the keyids in `signatures` are unique. Each role is published with one valid
// signature listed twice (threshold 1, so counting once would accept it) and must be refused.
TEST_F(Tuf, ASignatureListedTwiceIsRefusedForTheRoot) {
    auto root = signedPart(published("root.json"));
    root.insert("version", 2);
    writeFile(published("2.root.json"), withTheFirstSignatureTwice(signMetadata(root, repo->keys("root"))));
    expectRefreshRefused(errors::kMalformed, "root");
}

TEST_F(Tuf, ASignatureListedTwiceIsRefusedForTheTimestamp) {
    auto ts = signedPart(published("timestamp.json"));
    ts.insert("version", ts.value("version").toInteger() + 1);
    writeFile(published("timestamp.json"), withTheFirstSignatureTwice(signMetadata(ts, repo->keys("timestamp"))));
    expectRefreshRefused(errors::kMalformed, "timestamp");
}

TEST_F(Tuf, ASignatureListedTwiceIsRefusedForTheSnapshot) {
    auto snap = signedPart(published("snapshot.json"));
    snap.insert("version", snap.value("version").toInteger() + 1);
    const auto v = snap.value("version").toInteger();
    writeFile(published(std::to_string(v) + ".snapshot.json"),
              withTheFirstSignatureTwice(signMetadata(snap, repo->keys("snapshot"))));
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, v);
    expectRefreshRefused(errors::kMalformed, "snapshot");
}

TEST_F(Tuf, ASignatureListedTwiceIsRefusedForTheTargets) {
    const auto v = signedPart(published("snapshot.json")).value("meta").toObject().value("targets.json").toObject()
                       .value("version").toInteger();
    const auto name = std::to_string(v) + ".targets.json";
    writeFile(published(name), withTheFirstSignatureTwice(signMetadata(signedPart(published(name)), repo->keys("targets"))));
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("targets.json", QJsonObject{{"version", static_cast<qint64>(v)}});  // no hash: the signatures are what fails
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    expectRefreshRefused(errors::kMalformed, "targets");
}

TEST_F(Tuf, ASignatureListedTwiceIsRefusedForADelegatedRole) {
    ASSERT_TRUE(repo->delegate("alpha", {"firmware/*"}, false, {1, 1, 90}).ok());
    writeFile(dir / "a.bin", "a");
    ASSERT_TRUE(repo->addTarget(dir / "a.bin", "firmware/a.bin", {}, "alpha").ok());
    ASSERT_TRUE(repo->publish().ok());
    const auto v = signedPart(published("snapshot.json")).value("meta").toObject().value("alpha.json").toObject()
                       .value("version").toInteger();
    const auto name = std::to_string(v) + ".alpha.json";
    writeFile(published(name), withTheFirstSignatureTwice(signMetadata(signedPart(published(name)), repo->keys("alpha"))));
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("alpha.json", QJsonObject{{"version", static_cast<qint64>(v)}});
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto r = c.findTarget("firmware/a.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kMalformed) << r.error().describe(Language::English);
    EXPECT_FALSE(std::filesystem::exists(dir / "client/alpha.json"));
}

TEST_F(Tuf, OneKeyListedUnderTwoIdsCountsOnce) {
    // A root (version 2) listing the timestamp key twice, threshold 2.
    auto root = signedPart(published("root.json"));
    const auto key = repo->keys("timestamp").front();
    auto keys = root.value("keys").toObject();
    const QString fakeId = QString(64, 'f');
    keys.insert(fakeId, keys.value(QString::fromStdString(key.keyId())));
    root.insert("keys", keys);
    auto roles = root.value("roles").toObject();
    roles.insert("timestamp", QJsonObject{{"keyids", QJsonArray{QString::fromStdString(key.keyId()), fakeId}}, {"threshold", 2}});
    root.insert("roles", roles);
    root.insert("version", 2);
    craft("2.root.json", root, "root");
    // The timestamp carries the same signature under both ids.
    auto ts = signedPart(published("timestamp.json"));
    ts.insert("version", ts.value("version").toInteger() + 1);
    auto envelope = QJsonDocument::fromJson(QByteArray::fromStdString(signMetadata(ts, {key}))).object();
    auto sigs = envelope.value("signatures").toArray();
    auto copy = sigs[0].toObject();
    copy.insert("keyid", fakeId);
    sigs.append(copy);
    envelope.insert("signatures", sigs);
    writeFile(published("timestamp.json"), QJsonDocument(envelope).toJson().toStdString());
    expectRefreshRefused(errors::kSignature, "timestamp");
}

TEST_F(Tuf, UnknownKeyTypeNeverCountsAndNeverCrashes) {
    auto root = signedPart(published("root.json"));
    auto keys = root.value("keys").toObject();
    const QString id(64, 'e');
    keys.insert(id, QJsonObject{{"keytype", "sphincs"}, {"scheme", "sphincs-shake-256"}, {"keyval", QJsonObject{{"public", "00"}}}});
    root.insert("keys", keys);
    auto roles = root.value("roles").toObject();
    roles.insert("timestamp", QJsonObject{{"keyids", QJsonArray{id}}, {"threshold", 1}});
    root.insert("roles", roles);
    root.insert("version", 2);
    craft("2.root.json", root, "root");
    expectRefreshRefused(errors::kSignature, "timestamp");
    EXPECT_FALSE((PublicKey{"sphincs", "sphincs-shake-256", "00"}.verify("data", "00")));
}

TEST_F(Tuf, MalformedJsonIsRefused) {
    writeFile(published("timestamp.json"), "{ \"signed\": ");
    expectRefreshRefused(errors::kMalformed, "timestamp");
}

// --- key rotation --------------------------------------------------------------------------

TEST_F(Tuf, RootKeyRotationIsFollowedThroughEveryVersion) {
    expectRefreshOk();
    ASSERT_TRUE(repo->rotateKeys("root").ok());   // 2
    ASSERT_TRUE(repo->rotateKeys("root").ok());   // 3
    ASSERT_TRUE(repo->rotateKeys("targets").ok());  // 4
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    EXPECT_EQ(c.rootVersion(), 4);
    EXPECT_EQ(signedPart(dir / "client/root.json").value("version").toInteger(), 4);
    EXPECT_TRUE(c.download(*c.findTarget(kCatalogPath), dir / "out.json").ok());
}

TEST_F(Tuf, NewRootNotSignedByTheOldKeysIsRefused) {
    expectRefreshOk();
    auto root = signedPart(published("root.json"));
    auto attacker = *SigningKey::generate(SigningKey::Type::Ed25519);
    auto keys = root.value("keys").toObject();
    keys.insert(QString::fromStdString(attacker.keyId()),
                QJsonObject{{"keytype", "ed25519"}, {"scheme", "ed25519"},
                            {"keyval", QJsonObject{{"public", QString::fromStdString(attacker.publicKey().publicValue)}}}});
    root.insert("keys", keys);
    auto roles = root.value("roles").toObject();
    roles.insert("root", QJsonObject{{"keyids", QJsonArray{QString::fromStdString(attacker.keyId())}}, {"threshold", 1}});
    root.insert("roles", roles);
    root.insert("version", 2);
    writeFile(published("2.root.json"), signMetadata(root, {attacker}));
    expectRefreshRefused(errors::kSignature);
}

TEST_F(Tuf, RootRotationsPerRefreshAreBounded) {
    TufLimits limits;
    limits.maxRootRotations = 2;  // the default is 256
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(repo->rotateKeys("root").ok());  // roots 2, 3, 4
    auto first = client(limits);
    ASSERT_TRUE(first.refresh().ok());
    EXPECT_EQ(first.rootVersion(), 3);  // two rotations in this refresh
    auto second = client(limits);
    ASSERT_TRUE(second.refresh().ok());
    EXPECT_EQ(second.rootVersion(), 4);  // the rest in the next
    EXPECT_EQ(TufLimits{}.maxRootRotations, 256);
}

// --- delegations ---------------------------------------------------------------------------

TEST_F(Tuf, DelegationsAreSearchedInOrderAndTheFirstMatchWins) {
    ASSERT_TRUE(repo->delegate("alpha", {"firmware/*"}, false, {1, 1, 90}).ok());
    ASSERT_TRUE(repo->delegate("beta", {"firmware/*"}, false, {1, 1, 90}).ok());
    writeFile(dir / "a.bin", "from alpha");
    writeFile(dir / "b.bin", "from beta!!");
    ASSERT_TRUE(repo->addTarget(dir / "a.bin", "firmware/x.bin", {}, "alpha").ok());
    ASSERT_TRUE(repo->addTarget(dir / "b.bin", "firmware/x.bin", {}, "beta").ok());
    ASSERT_TRUE(repo->addTarget(dir / "b.bin", "firmware/only-beta.bin", {}, "beta").ok());
    ASSERT_TRUE(repo->publish().ok());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto x = c.findTarget("firmware/x.bin");
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(x->role, "alpha");
    auto onlyBeta = c.findTarget("firmware/only-beta.bin");
    ASSERT_TRUE(onlyBeta.ok());
    EXPECT_EQ(onlyBeta->role, "beta");
    EXPECT_EQ(readFile(*c.download(*onlyBeta, dir / "ob.bin")), "from beta!!");
    EXPECT_EQ(c.findTarget("software/x.bin").error().code, errors::kUnknownTarget);
}

TEST_F(Tuf, TerminatingDelegationEndsTheSearch) {
    ASSERT_TRUE(repo->delegate("alpha", {"firmware/*"}, true, {1, 1, 90}).ok());
    ASSERT_TRUE(repo->delegate("beta", {"firmware/*"}, false, {1, 1, 90}).ok());
    writeFile(dir / "b.bin", "from beta");
    ASSERT_TRUE(repo->addTarget(dir / "b.bin", "firmware/only-beta.bin", {}, "beta").ok());
    ASSERT_TRUE(repo->publish().ok());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto r = c.findTarget("firmware/only-beta.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kUnknownTarget);
}

TEST_F(Tuf, PathPatternsDoNotCrossFolders) {
    ASSERT_TRUE(repo->delegate("alpha", {"firmware/*"}, false, {1, 1, 90}).ok());
    writeFile(dir / "a.bin", "a");
    ASSERT_TRUE(repo->addTarget(dir / "a.bin", "firmware/sub/deep.bin", {}, "alpha").ok());
    ASSERT_TRUE(repo->publish().ok());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    EXPECT_EQ(c.findTarget("firmware/sub/deep.bin").error().code, errors::kUnknownTarget);
    DelegatedRole role{.name = "r", .keys = {}, .terminating = false, .paths = {"firmware/*.bin", "docs/?.txt"}};
    EXPECT_TRUE(role.matches("firmware/a.bin"));
    EXPECT_FALSE(role.matches("firmware/a/b.bin"));
    EXPECT_TRUE(role.matches("docs/a.txt"));
    EXPECT_FALSE(role.matches("docs/ab.txt"));
}

TEST_F(Tuf, NestedDelegationsAreBoundedByTheRolesVisited) {
    ASSERT_TRUE(repo->delegate("level1", {"firmware/*"}, false, {1, 1, 90}).ok());
    ASSERT_TRUE(repo->delegate("level2", {"firmware/*"}, false, {1, 1, 90}, "level1").ok());
    ASSERT_TRUE(repo->delegate("level3", {"firmware/*"}, false, {1, 1, 90}, "level2").ok());
    writeFile(dir / "deep.bin", "deep");
    ASSERT_TRUE(repo->addTarget(dir / "deep.bin", "firmware/deep.bin", {}, "level3").ok());
    ASSERT_TRUE(repo->publish().ok());
    auto deep = client();
    ASSERT_TRUE(deep.refresh().ok());
    auto found = deep.findTarget("firmware/deep.bin");
    ASSERT_TRUE(found.ok()) << found.error().describe(Language::English);
    EXPECT_EQ(found->role, "level3");
    TufLimits limits;
    limits.maxDelegatedRoles = 3;  // targets, level1, level2: level3 is never reached
    auto bounded = client(limits);
    ASSERT_TRUE(bounded.refresh().ok());
    EXPECT_EQ(bounded.findTarget("firmware/deep.bin").error().code, errors::kUnknownTarget);
}

TEST_F(Tuf, DelegatedRoleSignedWithTheWrongKeyIsRefused) {
    ASSERT_TRUE(repo->delegate("alpha", {"firmware/*"}, false, {1, 1, 90}).ok());
    writeFile(dir / "a.bin", "a");
    ASSERT_TRUE(repo->addTarget(dir / "a.bin", "firmware/a.bin", {}, "alpha").ok());
    ASSERT_TRUE(repo->publish().ok());
    // Re-sign alpha's metadata with the top-level targets key instead of alpha's.
    const auto v = signedPart(published("snapshot.json")).value("meta").toObject().value("alpha.json").toObject()
                       .value("version").toInteger();
    const auto name = std::to_string(v) + ".alpha.json";
    writeFile(published(name), signMetadata(signedPart(published(name)), repo->keys("targets")));
    auto snap = signedPart(published("snapshot.json"));
    auto meta = snap.value("meta").toObject();
    meta.insert("alpha.json", QJsonObject{{"version", static_cast<qint64>(v)}});  // drop the hash so the signature is what fails
    snap.insert("meta", meta);
    snap.insert("version", snap.value("version").toInteger() + 1);
    craft(std::to_string(snap.value("version").toInteger()) + ".snapshot.json", snap, "snapshot");
    craftTimestamp(signedPart(published("timestamp.json")).value("version").toInteger() + 1, snap.value("version").toInteger());
    auto c = client();
    ASSERT_TRUE(c.refresh().ok());
    auto r = c.findTarget("firmware/a.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kSignature);
    EXPECT_FALSE(std::filesystem::exists(dir / "client/alpha.json"));
}

// --- setting up trust ----------------------------------------------------------------------

TEST_F(Tuf, RefreshWithoutATrustedRootSaysSo) {
    std::filesystem::remove_all(dir / "client");
    auto c = client();
    auto s = c.refresh();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, errors::kNotInitialized);
    EXPECT_NE(s.error().message.de.find("nicht bestätigt"), std::string::npos);
}

TEST_F(Tuf, InitRefusesARootThatIsNotSelfSigned) {
    auto root = signedPart(published("1.root.json"));
    writeFile(dir / "forged-root.json", signMetadata(root, {*SigningKey::generate(SigningKey::Type::Ed25519)}));
    auto s = TufClient::trustRoot(dir / "other-client", dir / "forged-root.json");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, errors::kSignature);
    EXPECT_FALSE(std::filesystem::exists(dir / "other-client/root.json"));
}

TEST_F(Tuf, PrivateKeysAreOnlyReadableByTheOwner) {
#ifdef _WIN32
    GTEST_SKIP() << "POSIX file modes; on Windows the user's profile folder keeps the keys";
#endif
    for (const auto& e : std::filesystem::directory_iterator(dir / "repo/keys")) {
        const auto p = std::filesystem::status(e.path()).permissions();
        EXPECT_EQ(p & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none)
            << e.path();
    }
}

// --- tiservice-tuf on the command line ------------------------------------------------------

namespace {

ProcessResult tufCli(const std::vector<std::string>& args, const std::map<std::string, std::optional<std::string>>& env = {}) {
    std::vector<std::string> argv{binary("tiservice-tuf").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions o;
    o.env = env;
    o.env["LANG"] = "de_DE.UTF-8";
    return runProcess(argv, o);
}

}  // namespace

TEST_F(Tuf, CommandLineInitRefreshDownload) {
    const auto meta = (dir / "cli-meta").string();
    auto r = tufCli({"--metadata-dir", meta, "init", repo->trustedRootFile().string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "cli-meta/root.json"));
    r = tufCli({"--metadata-dir", meta, "--metadata-url", server->updatesBase() + "metadata/", "refresh"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    writeFile(dir / "fw.bin", std::string(70000, 'z'));
    ASSERT_TRUE(repo->addTarget(dir / "fw.bin", "firmware/orga930m.bin").ok());
    ASSERT_TRUE(repo->publish().ok());
    r = tufCli({"--metadata-dir", meta, "--metadata-url", server->updatesBase() + "metadata/", "--target-name",
                kCatalogPath, "--target-name", "firmware/orga930m.bin", "--target-base-url",
                server->updatesBase() + "targets/", "--target-dir", (dir / "cli-out").string(), "download"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readFile(dir / "cli-out" / kCatalogPath), readFile(dir / "catalog.json"));
    EXPECT_EQ(readFile(dir / "cli-out/firmware/orga930m.bin"), std::string(70000, 'z'));
}

TEST_F(Tuf, CommandLineStopsAtTheFirstFailureWithTheReasonOnStderr) {
    const auto meta = (dir / "cli-meta").string();
    ASSERT_EQ(tufCli({"--metadata-dir", meta, "init", repo->trustedRootFile().string()}).exitCode, 0);
    auto r = tufCli({"--metadata-dir", meta, "--metadata-url", server->updatesBase() + "metadata/", "--target-name",
                     "missing.json", "--target-name", kCatalogPath, "--target-base-url", server->updatesBase() + "targets/",
                     "--target-dir", (dir / "cli-out").string(), "download"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "cli-out" / kCatalogPath));
    writeFile(published("timestamp.json"), "kaputt");
    r = tufCli({"--metadata-dir", meta, "--metadata-url", server->updatesBase() + "metadata/", "refresh"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("nicht bestätigt"), std::string::npos) << r.err;
    r = tufCli({"--metadata-dir", meta, "refresh"});
    EXPECT_EQ(r.exitCode, 1);
    r = tufCli({"--metadata-dir", (dir / "nowhere").string(), "init", (dir / "no-root.json").string()});
    EXPECT_EQ(r.exitCode, 1);
}

TEST_F(Tuf, CommandLineWorksOverHttps) {
    SimulatorProcess tls({.args = {"--updates-dir", (dir / "repo/published").string(), "--updates-tls"}});
    ASSERT_EQ(tls.updatesBase().rfind("https://", 0), 0u);
    const auto meta = (dir / "tls-meta").string();
    ASSERT_EQ(tufCli({"--metadata-dir", meta, "init", repo->trustedRootFile().string()}).exitCode, 0);
    auto r = tufCli({"--metadata-dir", meta, "--metadata-url", tls.updatesBase() + "metadata/", "--ca-file",
                     tls.caFile().string(), "--target-name", kCatalogPath, "--target-base-url", tls.updatesBase() + "targets/",
                     "--target-dir", (dir / "tls-out").string(), "download"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // Without trusting the simulator's CA the TLS check fails.
    r = tufCli({"--metadata-dir", meta, "--metadata-url", tls.updatesBase() + "metadata/", "refresh"},
               {{"SSL_CERT_FILE", "/dev/null"}});
    EXPECT_EQ(r.exitCode, 1);
    // SSL_CERT_FILE works as the trust store too.
    r = tufCli({"--metadata-dir", meta, "--metadata-url", tls.updatesBase() + "metadata/", "refresh"},
               {{"SSL_CERT_FILE", tls.caFile().string()}});
    EXPECT_EQ(r.exitCode, 0) << r.err;
}

#ifdef TISERVICE_TEST_FULL_DISK_LIB
TEST_F(Tuf, AFirmwareFileTheDiskDidNotKeepIsNeverPutInPlace) {
    // The disk takes the writes but loses them on the way (a failing disk, a removed USB drive):
    // the kernel says so to the first sync after it and to none after that. Whichever sync that
    // is — one while the file is still arriving (it fails only after the rest has come) or the one
    // before the rename — the download fails with the reason and nothing of the file is put in
    // place as if it were whole.
    std::string firmware(6 * 1024 * 1024 + 333, '\0');
    for (std::size_t i = 0; i < firmware.size(); ++i) firmware[i] = static_cast<char>(i * 7 + i / 4096);
    writeFile(dir / "big.bin", firmware);
    ASSERT_TRUE(repo->addTarget(dir / "big.bin", "firmware/big.bin").ok());
    ASSERT_TRUE(repo->publish().ok());
    const auto meta = (dir / "cli-meta").string();
    ASSERT_EQ(tufCli({"--metadata-dir", meta, "init", repo->trustedRootFile().string()}).exitCode, 0);
    const std::vector<std::string> download{"--metadata-dir",    meta,
                                            "--metadata-url",    server->updatesBase() + "metadata/",
                                            "--target-name",     "firmware/big.bin",
                                            "--target-base-url", server->updatesBase() + "targets/",
                                            "--target-dir",      (dir / "cli-out").string(),
                                            "download"};
    std::filesystem::create_directories(dir / "cli-out");
    const std::map<std::string, std::optional<std::string>> losingDisk{
        {"LD_PRELOAD", TISERVICE_TEST_FULL_DISK_LIB},
        {"TISERVICE_TEST_FULL_DISK_DIR", (dir / "cli-out").string()},
        {"TISERVICE_TEST_FULL_DISK_AFTER", std::to_string(1L << 40)},  // room enough: the writes succeed
        {"TISERVICE_TEST_SYNC_FAILS_ONCE", "300"}};                    // after 300 ms
    auto r = tufCli(download, losingDisk);
    EXPECT_EQ(r.exitCode, 1) << r.err;
    EXPECT_NE(r.err.find("kann nicht gespeichert werden: Fehler beim Schreiben auf den Datenträger"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("Speicher voll"), std::string::npos) << r.err;  // a lost write-back is not a full disk
    EXPECT_FALSE(std::filesystem::exists(dir / "cli-out/firmware/big.bin"));
    // The disk keeps what it is given again: the same command puts the whole file in place.
    r = tufCli(download);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(readFile(dir / "cli-out/firmware/big.bin") == firmware);
}
#endif

TEST(TufCommandLine, PublisherToolCreatesARepositoryWithProtectedKeys) {
    TempDir dir;
    const auto repoTool = binary("tiservice-repo").string();
    auto r = runProcess({repoTool, "--repo", (dir / "r").string(), "init", "--key-type", "ecdsa", "--threshold", "root=2",
                         "--keys", "root=3", "--expires", "timestamp=2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("1.root.json"), std::string::npos);
    const auto root = signedPart(dir / "r/published/metadata/1.root.json");
    EXPECT_EQ(root.value("roles").toObject().value("root").toObject().value("threshold").toInt(), 2);
    EXPECT_EQ(root.value("roles").toObject().value("root").toObject().value("keyids").toArray().size(), 3);
    writeFile(dir / "c.json", "{}");
    r = runProcess({repoTool, "--repo", (dir / "r").string(), "add-target", (dir / "c.json").string(), "--path", "c.json",
                    "--custom", "{\"kind\":\"x\"}"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_EQ(runProcess({repoTool, "--repo", (dir / "r").string(), "delegate", "--name", "firmware", "--paths",
                          "firmware/*,mobile/*", "--terminating"}).exitCode, 0);
    ASSERT_EQ(runProcess({repoTool, "--repo", (dir / "r").string(), "publish"}).exitCode, 0);
    ASSERT_EQ(runProcess({repoTool, "--repo", (dir / "r").string(), "rotate-key", "--role", "snapshot"}).exitCode, 0);
    ASSERT_EQ(runProcess({repoTool, "--repo", (dir / "r").string(), "renew-timestamp"}).exitCode, 0);
    EXPECT_TRUE(std::filesystem::exists(dir / "r/published/metadata/2.root.json"));
    const auto targets = signedPart(dir / "r/published/metadata/targets.json");
    EXPECT_TRUE(targets.value("targets").toObject().contains("c.json"));
    EXPECT_EQ(targets.value("delegations").toObject().value("roles").toArray()[0].toObject().value("terminating").toBool(), true);
    r = runProcess({repoTool, "--repo", (dir / "r").string(), "add-target", (dir / "missing").string(), "--path", "x"});
    EXPECT_EQ(r.exitCode, 1);
    r = runProcess({repoTool, "--repo", (dir / "nothing").string(), "publish"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("repository.json"), std::string::npos);
}

TEST(TufCommandLine, PublisherToolListsTheTargetHashesAskedFor) {
    TempDir dir;
    const auto repoTool = binary("tiservice-repo").string();
    writeFile(dir / "c.json", "{}");
    for (const auto& [hashes, expected] : std::vector<std::pair<std::string, int>>{{"", 1}, {"sha256,sha512", 2}}) {
        const auto repo = (dir / ("r" + std::to_string(expected))).string();
        std::vector<std::string> init{repoTool, "--repo", repo, "init"};
        if (!hashes.empty()) init.insert(init.end(), {"--target-hashes", hashes});
        ASSERT_EQ(runProcess(init).exitCode, 0);
        ASSERT_EQ(runProcess({repoTool, "--repo", repo, "add-target", (dir / "c.json").string(), "--path", "c.json"}).exitCode, 0);
        ASSERT_EQ(runProcess({repoTool, "--repo", repo, "publish"}).exitCode, 0);
        const auto targets = signedPart(std::filesystem::path(repo) / "published/metadata/targets.json");
        EXPECT_EQ(targets.value("targets").toObject().value("c.json").toObject().value("hashes").toObject().size(), expected)
            << hashes;
    }
    const auto r = runProcess({repoTool, "--repo", (dir / "bad").string(), "init", "--target-hashes", "md5"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("md5"), std::string::npos) << r.err;
}
