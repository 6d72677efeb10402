// The packages as a practice or a PVS vendor gets them: built with CPack, unpacked into a
// fresh prefix with dpkg -x, then used from there — nothing may depend on the build tree.
#include <gtest/gtest.h>

#include <set>

#include "support/simulator.h"
#include "tiservice/trust/repository.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::filesystem::path buildDir() { return std::filesystem::path(TISERVICE_BIN_DIR).parent_path(); }

// CPack ran once for the whole suite (the test packages.cpack, a fixture every test here
// needs, tests/integration/make_packages.cmake): packing takes 20 s, each test only reads.
const std::filesystem::path kPackages = TISERVICE_TEST_PACKAGES_DIR;

class Packages : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new TempDir();
        ASSERT_TRUE(std::filesystem::is_directory(kPackages)) << kPackages << ": run through ctest (packages.cpack)";
        for (const auto& e : std::filesystem::directory_iterator(kPackages)) {
            if (e.path().extension() != ".deb") continue;
            debs.push_back(e.path().filename().string());
            const auto x = runProcess({"/usr/bin/dpkg", "-x", e.path().string(), (dir->path() / "prefix").string()});
            ASSERT_EQ(x.exitCode, 0) << x.err;
        }
    }
    static void TearDownTestSuite() { delete dir; }
    static std::filesystem::path prefix() { return dir->path() / "prefix/usr"; }
    static TempDir* dir;
    static std::vector<std::string> debs;
};
TempDir* Packages::dir = nullptr;
std::vector<std::string> Packages::debs;

}  // namespace

TEST_F(Packages, OnePackagePerComponentAsDebAndTarball) {
    for (const char* c :
         {"runtime", "gui", "sample-host", "simulator", "publisher", "sdk", "adapter-medistar", "adapter-albis",
          "adapter-z1", "adapter-turbomed", "adapter-chremasoft", "adapter-m1pro", "adapter-z1pro"}) {
        bool deb = false, tgz = false;
        for (const auto& e : std::filesystem::directory_iterator(kPackages)) {
            const auto n = e.path().filename().string();
            deb = deb || (contains(n, std::string("-") + c) && n.ends_with(".deb"));
            tgz = tgz || (contains(n, std::string("-") + c) && n.ends_with(".tar.gz"));
        }
        EXPECT_TRUE(deb) << c;
        EXPECT_TRUE(tgz) << c;
    }
}

TEST_F(Packages, EachPackageSaysWhatItIsAndShipsNoDebugInfo) {
    std::set<std::string> descriptions;
    for (const auto& deb : debs) {
        const auto f = runProcess({"/usr/bin/dpkg-deb", "-f", (kPackages / deb).string(), "Description"});
        ASSERT_EQ(f.exitCode, 0) << f.err;
        EXPECT_TRUE(f.out.starts_with("tiservice: ")) << deb << ": " << f.out;
        EXPECT_TRUE(descriptions.insert(f.out).second) << deb << " repeats another package's description: " << f.out;
    }
    EXPECT_GE(descriptions.size(), 12u);
    // Stripped: the debug info is in the -dbgsym package beside it, not in what a practice installs.
    const auto sections = runProcess({"/usr/bin/readelf", "-S", (prefix() / "lib/libtiservice_core.so").string()});
    ASSERT_EQ(sections.exitCode, 0) << sections.err;
    EXPECT_FALSE(contains(sections.out, ".debug_info")) << "libtiservice_core.so is not stripped";
    bool dbgsym = false;
    for (const auto& e : std::filesystem::directory_iterator(kPackages)) {
        const auto n = e.path().filename().string();
        if (!contains(n, "runtime-dbgsym")) continue;
        dbgsym = true;
        const auto listing = runProcess({"/usr/bin/dpkg-deb", "-c", e.path().string()});
        EXPECT_TRUE(contains(listing.out, "/usr/lib/debug/.build-id/")) << listing.out;
    }
    EXPECT_TRUE(dbgsym) << "no tiservice-runtime-dbgsym package";
}

TEST_F(Packages, TheManPageTheUnitNamesIsInstalled) {
    const auto page = prefix() / "share/man/man1/tiservice.1";
    ASSERT_TRUE(std::filesystem::exists(page));
    const auto text = readFile(page);
    EXPECT_TRUE(contains(text, ".TH TISERVICE 1")) << text;
    for (const char* command : {"status", "update", "plan", "password", "history", "setup"})
        EXPECT_TRUE(contains(text, std::string(".B ") + command)) << command;
    EXPECT_TRUE(contains(readFile(dir->path() / "prefix/usr/lib/systemd/user/tiservice-check.service"),
                         "Documentation=man:tiservice(1)"));
    // Rendered as a person reads it, where man is installed.
    if (std::filesystem::exists("/usr/bin/man")) {
        const auto shown = runProcess({"/usr/bin/man", "-l", page.string()}, {.env = {{"MANPAGER", "cat"}, {"PAGER", "cat"}}});
        EXPECT_EQ(shown.exitCode, 0) << shown.err;
        EXPECT_TRUE(contains(shown.out, "tiservice")) << shown.out;
    }
}

TEST_F(Packages, TheWindowHasItsOwnPackageWithADesktopEntryAndAnIcon) {
    const auto entry = dir->path() / "prefix/usr/share/applications/tiservice-gui.desktop";
    ASSERT_TRUE(std::filesystem::exists(entry));
    const auto text = readFile(entry);
    for (const char* line : {"[Desktop Entry]", "Type=Application", "Exec=tiservice-gui", "Icon=tiservice-gui",
                             "Name=tiservice", "Comment[en]="})
        EXPECT_TRUE(contains(text, line)) << line << "\n" << text;
    // The icon the entry names, where desktops look for it.
    const auto icon = dir->path() / "prefix/usr/share/icons/hicolor/scalable/apps/tiservice-gui.svg";
    ASSERT_TRUE(std::filesystem::exists(icon));
    EXPECT_TRUE(contains(readFile(icon), "<svg"));
    // The window runs from the fresh prefix.
    const auto r =
        runProcess({(prefix() / "bin/tiservice-gui").string(), "--help"}, {.env = {{"LD_LIBRARY_PATH", std::nullopt},
                                                                                   {"QT_QPA_PLATFORM", "offscreen"},
                                                                                   {"LANG", "de_DE.UTF-8"},
                                                                                   {"LC_ALL", std::nullopt},
                                                                                   {"LC_MESSAGES", std::nullopt}}});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "tiservice-gui [--config DATEI]")) << r.out;
    // Widgets only where a window is: the runtime, which every adapter needs, stays on Qt Core.
    std::string runtimeDeb, guiDeb;
    for (const auto& deb : debs) {
        if (contains(deb, "-runtime") && !contains(deb, "dbgsym")) runtimeDeb = deb;
        if (contains(deb, "-gui") && !contains(deb, "dbgsym")) guiDeb = deb;
    }
    ASSERT_FALSE(guiDeb.empty());
    const auto guiDepends = runProcess({"/usr/bin/dpkg-deb", "-f", (kPackages / guiDeb).string(), "Depends"});
    EXPECT_TRUE(contains(guiDepends.out, "libqt6widgets6")) << guiDepends.out;
    const auto runtimeDepends = runProcess({"/usr/bin/dpkg-deb", "-f", (kPackages / runtimeDeb).string(), "Depends"});
    EXPECT_FALSE(contains(runtimeDepends.out, "widgets")) << runtimeDepends.out;
    const auto runtimeFiles = runProcess({"/usr/bin/dpkg-deb", "-c", (kPackages / runtimeDeb).string()});
    EXPECT_FALSE(contains(runtimeFiles.out, "tiservice-gui")) << runtimeFiles.out;
}

TEST_F(Packages, InstalledToolRunsFromTheFreshPrefix) {
    const auto r = runProcess({(prefix() / "bin/tiservice").string(), "--version"},
                              {.env = {{"LD_LIBRARY_PATH", std::nullopt}}});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "tiservice 0.1.0")) << r.out;
    const auto ldd = runProcess({"/usr/bin/ldd", (prefix() / "bin/tiservice").string()});
    EXPECT_TRUE(contains(ldd.out, (prefix() / "bin/../lib/libtiservice_core.so").string())) << ldd.out;
    EXPECT_FALSE(contains(ldd.out, buildDir().string())) << ldd.out;
    EXPECT_TRUE(std::filesystem::exists(dir->path() / "prefix/usr/lib/systemd/user/tiservice-check.timer"));
    EXPECT_TRUE(contains(readFile(dir->path() / "prefix/usr/lib/systemd/user/tiservice-check.service"), "tiservice status --notify"));
}

TEST_F(Packages, InstalledSampleHostLoadsAnInstalledAdapterAgainstTheInstalledSimulator) {
    auto repo = tiservice::trust::Repository::create(dir->path() / "repo", {});
    ASSERT_TRUE(repo.ok());
    ASSERT_TRUE(repo->addTarget(prefix() / "share/tiservice/catalog/approval-catalog.json", "catalog/approval-catalog.json").ok());
    ASSERT_TRUE(repo->publish().ok());
    TempDir simState;
    BackgroundProcess sim(
        {(prefix() / "bin/konnektor-sim").string(), "--scenario",
         (prefix() / "share/tiservice/scenarios/expired-connector-outdated-terminal.json").string(), "--port", "0",
         "--plain-port", "0", "--management-port", "0", "--control-port", "0", "--update-port", "0", "--state-dir",
         simState.path().string(), "--updates-dir", (dir->path() / "repo/published").string(), "--ready-file",
         (simState / "ready.json").string()},
        {}, simState / "logs");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return std::filesystem::exists(simState / "ready.json"); }, 20s)) << sim.err();
    const auto ready = readFile(simState / "ready.json");
    const auto field = [&](const std::string& key) {
        const auto a = ready.find("\"" + key + "\":\"") + key.size() + 4;
        return ready.substr(a, ready.find('"', a) - a);
    };
    writeFile(simState / "medistar.settings",
              "Konnektor.Dienstverzeichnis = " + field("sds") + "\nKonnektor.MandantID = Praxis1\nKonnektor.ClientsystemID = PVS1\n"
              "Konnektor.ArbeitsplatzID = Empfang\nKonnektor.Sicherheit = server\nKonnektor.CAZertifikat = " + field("caCertificate") +
              "\nUpdate.Metadaten = " + field("updates") + "metadata/\nUpdate.Dateien = " + field("updates") +
              "targets/\nUpdate.Vertrauensbasis = " + (dir->path() / "repo/published/metadata/1.root.json").string() + "\n");
    const auto r = runProcess({(prefix() / "bin/tiservice-host").string(), "--pvs", "medistar", "--settings",
                               (simState / "medistar.settings").string(), "--state-dir", (simState / "host").string(), "--timeout", "60"},
                              {.env = {{"HOME", simState.path().string()}}, .timeout = 90s});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "(status.connector.approval-expired)")) << r.out;
}

TEST_F(Packages, ExampleAdapterBuildsAgainstTheInstalledSdk) {
    const auto build = dir->path() / "example-build";
    auto r = runProcess({"/usr/bin/cmake", "-S", std::string(TISERVICE_SOURCE_DIR) + "/examples/example-adapter", "-B", build.string(),
                         "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + prefix().string()},
                        {.timeout = 300s});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    r = runProcess({"/usr/bin/cmake", "--build", build.string()}, {.timeout = 300s});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    ASSERT_TRUE(std::filesystem::exists(build / "libtiservice_adapter_examplepvs.so"));
    // The installed sample host loads it (no settings: it says so, in the PVS's task list).
    writeFile(build / "empty.settings", "# no TI settings yet\n");
    r = runProcess({(prefix() / "bin/tiservice-host").string(), "--pvs", "examplepvs", "--plugins", build.string(), "--settings",
                    (build / "empty.settings").string(), "--state-dir", (build / "state").string(), "--timeout", "30"},
                   {.env = {{"HOME", build.string()}}, .timeout = 60s});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "tiservice für Beispiel-PVS")) << r.out;
    EXPECT_TRUE(contains(r.out, "(settings.invalid)")) << r.out;
    EXPECT_TRUE(contains(r.out, "☐")) << r.out;
}
