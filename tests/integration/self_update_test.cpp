// tiservice's own new versions: releases published with tiservice-repo on the simulator's update
// server, found at a start of the real binary, verified through TUF, unpacked beside the current
// version of a standalone installation and started at the next start — or refused, or only told.
#include <gtest/gtest.h>

#include <QJsonObject>

#include "support/fixtures.h"
#include "support/process.h"
#include "support/simulator.h"
#include "tiservice/release/self_update.h"
#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class SelfUpdate : public ::testing::Test {
protected:
    void SetUp() override {
        auto repo = trust::Repository::create(dir / "repo", {});
        ASSERT_TRUE(repo.ok());
        ASSERT_TRUE(
            repo->addTarget(fs::path(TISERVICE_SOURCE_DIR) / "tools/tiservice-repo/catalog/approval-catalog.json",
                            "catalog/approval-catalog.json")
                .ok());
        ASSERT_TRUE(repo->publish().ok());
        sim = std::make_unique<SimulatorProcess>(
            SimulatorSetup{.args = {"--updates-dir", (dir / "repo/published").string()}});
        writeSettings("");
        // A standalone installation of version 1.0.0: versions side by side, `current` the one that starts.
        fs::create_directories(root() / "versions/1.0.0/bin");
        fs::copy_file(binary("tiservice"), root() / "versions/1.0.0/bin/tiservice");
        fs::create_directory_symlink("versions/1.0.0", root() / "current");
    }

    void writeSettings(const std::string& extra) {
        writeFile(dir / "tiservice.ini",
                  "[connector]\nsds_url = " + sim->sdsUrl() +
                      "\nmandant_id = Praxis1\nclient_system_id = PVS1\n"
                      "workplace_id = Empfang\n\n[tls]\nmode = server\nca_file = " +
                      sim->caFile().string() + "\n\n[update_server]\nmetadata_url = " + sim->updatesBase() +
                      "metadata/\ntargets_url = " + sim->updatesBase() + "targets/\ntrusted_root = " +
                      (dir / "repo/published/metadata/1.root.json").string() + "\n" + extra);
    }

    fs::path root() const { return dir / "Praxis Programme/tiservice"; }

    /// A release archive: bin/tiservice is the real program, or a script that fails to start.
    fs::path releaseArchive(const std::string& version, bool starts = true) {
        const auto content = dir / ("release-" + version);
        fs::create_directories(content / "bin");
        if (starts) {
            fs::copy_file(binary("tiservice"), content / "bin/tiservice", fs::copy_options::overwrite_existing);
        } else {
            writeFile(content / "bin/tiservice", "#!/bin/sh\necho 'cannot start' >&2\nexit 1\n");
            fs::permissions(content / "bin/tiservice", fs::perms::owner_all);
        }
        writeFile(content / "share/tiservice/VERSION", version + "\n");
        const auto archive = dir / ("tiservice-" + version + ".tar.gz");
        const auto r = runProcess({"/usr/bin/env", "tar", "-czf", archive.string(), "-C", content.string(), "."}, {});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return archive;
    }

    /// Publishes a release as the vendor does, with tiservice-repo.
    void publish(const std::string& version, bool starts = true, std::vector<std::string> extra = {}) {
        std::vector<std::string> add{binary("tiservice-repo").string(),
                                     "--repo",
                                     (dir / "repo").string(),
                                     "add-release",
                                     releaseArchive(version, starts).string(),
                                     "--version",
                                     version};
        add.insert(add.end(), extra.begin(), extra.end());
        auto r = runProcess(add, {});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
        r = runProcess({binary("tiservice-repo").string(), "--repo", (dir / "repo").string(), "publish"}, {});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }

    ProcessResult run(const fs::path& program, std::vector<std::string> args) {
        std::vector<std::string> argv{program.string()};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()},
                 {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()},
                 {"LANG", "de_DE.UTF-8"},
                 {"LC_ALL", std::nullopt},
                 {"LC_MESSAGES", std::nullopt},
                 {"TISERVICE_STATE_DIR", std::nullopt}};
        o.timeout = 120s;
        return runProcess(argv, o);
    }
    ProcessResult status(const fs::path& program) {
        return run(program, {"status", "--config", (dir / "tiservice.ini").string()});
    }
    fs::path installed() const { return root() / "current/bin/tiservice"; }
    std::string current() const { return fs::read_symlink(root() / "current").string(); }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
};

}  // namespace

TEST_F(SelfUpdate, ANewerReleaseIsVerifiedUnpackedBesideTheCurrentOneAndStartedAtTheNextStart) {
    publish("1.3.0");
    auto r = status(installed());
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(
        r.err, "tiservice 1.3.0 ist geladen und geprüft; es wird beim nächsten Start verwendet (jetzt: 1.0.0)."))
        << r.err;
    EXPECT_TRUE(fs::exists(root() / "versions/1.3.0/share/tiservice/VERSION"));
    EXPECT_EQ(current(), "versions/1.0.0") << "not switched while it runs";
    EXPECT_FALSE(fs::exists(root() / "versions/1.3.0.partial"));

    // The next start passes the new version's start check, switches and runs the new program.
    r = run(installed(), {"--version"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "tiservice wurde von 1.0.0 auf 1.3.0 aktualisiert.")) << r.err;
    EXPECT_TRUE(contains(r.out, "Eigenständige Installation in " + root().string() + ", Version 1.3.0")) << r.out;
    EXPECT_EQ(current(), "versions/1.3.0");
    EXPECT_EQ(readFile(root() / "previous"), "1.0.0\n");
    EXPECT_TRUE(fs::exists(root() / "versions/1.0.0/bin/tiservice")) << "the previous one stays to go back to";

    // Now the newest: nothing more to say.
    r = status(installed());
    EXPECT_FALSE(contains(r.err, "tiservice 1.3.0")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "pending"));
}

TEST_F(SelfUpdate, ANewReleaseThatFailsItsStartCheckFallsBackToTheCurrentOne) {
    publish("1.4.0", false);
    auto r = status(installed());
    EXPECT_TRUE(contains(r.err, "tiservice 1.4.0 ist geladen und geprüft")) << r.err;
    r = run(installed(), {"--version"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(
        contains(r.err, "Die neue Version 1.4.0 von tiservice ließ sich nicht starten; tiservice bleibt bei 1.0.0."))
        << r.err;
    EXPECT_TRUE(contains(r.out, "Version 1.0.0")) << r.out;
    EXPECT_EQ(current(), "versions/1.0.0");
    EXPECT_TRUE(contains(readFile(root() / "versions/1.4.0/failed"), "start check")) << "marked, not tried again";
    // Not tried at every start again.
    r = status(installed());
    EXPECT_FALSE(contains(r.err, "1.4.0")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "pending"));
}

TEST_F(SelfUpdate, AReleaseChangedOnTheServerIsRefusedWithTheReason) {
    publish("1.3.0");
    for (const auto& e : fs::recursive_directory_iterator(dir / "repo/published/targets"))
        if (e.is_regular_file() && e.path().filename().string().ends_with("tiservice.tar.gz"))
            writeFile(e.path(), readFile(e.path()) + "tampered");
    const auto r = status(installed());
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "Eine angebotene neue Version von tiservice wurde abgelehnt:")) << r.err;
    EXPECT_TRUE(contains(r.err, "tiservice arbeitet mit der installierten Version weiter.")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "versions/1.3.0"));
    EXPECT_FALSE(fs::exists(root() / "pending"));
    EXPECT_EQ(current(), "versions/1.0.0");
}

TEST_F(SelfUpdate, AnOlderReleaseIsNeverInstalledEvenWhenCorrectlySigned) {
    publish("0.9.0");
    const auto r = status(installed());
    EXPECT_FALSE(contains(r.err, "0.9.0")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "versions/0.9.0"));
    EXPECT_FALSE(fs::exists(root() / "pending"));
}

TEST_F(SelfUpdate, AReleaseForAnotherPlatformIsRefused) {
    auto repo = trust::Repository::open(dir / "repo");
    ASSERT_TRUE(repo.ok());
    ASSERT_TRUE(
        repo->addTarget(releaseArchive("1.3.0"), release::releaseTarget("stable", release::thisPlatform()),
                        QJsonObject{{"version", "1.3.0"}, {"platform", "windows-x86_64"}, {"channel", "stable"}})
            .ok());
    ASSERT_TRUE(repo->publish().ok());
    const auto r = status(installed());
    EXPECT_TRUE(contains(r.err, "ist für ein anderes Betriebssystem (windows-x86_64) und wird nicht installiert"))
        << r.err;
    EXPECT_FALSE(fs::exists(root() / "versions/1.3.0"));
}

TEST_F(SelfUpdate, AnInstallationTiserviceDoesNotOwnIsOnlyTold) {
    publish("9.0.0");
    const auto r = status(binary("tiservice"));  // as a package manager (or a practice software) installed it
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "Eine neuere Version von tiservice ist verfügbar: 9.0.0")) << r.err;
    EXPECT_TRUE(contains(r.err, "Paketverwaltung")) << r.err;
    EXPECT_FALSE(fs::exists(binary("tiservice").parent_path().parent_path() / "versions"));
    EXPECT_FALSE(fs::exists(binary("tiservice").parent_path() / "pending"));
}

TEST_F(SelfUpdate, NotWhileAnUpdateIsUnderwayAndNotWhenSwitchedOff) {
    publish("1.3.0");
    writeFile(dir / "state/tiservice/journal/KOCOC-kocobox@127.0.0.1_8443.json", "{}");
    auto r = status(installed());
    EXPECT_FALSE(contains(r.err, "1.3.0")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "versions/1.3.0"));
    fs::remove_all(dir / "state/tiservice/journal");
    writeSettings("releases = off\n");
    r = status(installed());
    EXPECT_FALSE(contains(r.err, "1.3.0")) << r.err;
    EXPECT_FALSE(fs::exists(root() / "versions/1.3.0"));
    // And with the journal closed and the look switched on again, the same release is taken.
    writeSettings("releases = stable\n");
    r = status(installed());
    EXPECT_TRUE(contains(r.err, "tiservice 1.3.0 ist geladen und geprüft")) << r.err;
    writeSettings("releases = weekly\n");
    r = status(installed());
    EXPECT_TRUE(contains(r.err, "erlaubt sind stable, beta und off")) << r.err;
}
