// The architecture docs/architecture.md draws, kept by reading the sources: what an SDK user
// includes carries no Qt or spdlog type, the assessment knows no network, and the plugin SDK
// decides nothing that belongs to the engine.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::filesystem::path kSourceDir = TISERVICE_SOURCE_DIR;

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::filesystem::path> filesUnder(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file() && (e.path().extension() == ".h" || e.path().extension() == ".cpp"))
            files.push_back(e.path());
    return files;
}

/// Lines of `text` matching `pattern`, outside // comments, as "file:line: text".
std::vector<std::string> offending(const std::filesystem::path& file, const std::regex& pattern) {
    std::vector<std::string> hits;
    std::istringstream in(readAll(file));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const auto code = line.substr(0, line.find("//"));
        if (std::regex_search(code, pattern))
            hits.push_back(std::filesystem::relative(file, kSourceDir).string() + ":" + std::to_string(n) + ": " +
                           line);
    }
    return hits;
}

std::vector<std::string> offendingUnder(const std::vector<std::filesystem::path>& dirs, const std::regex& pattern) {
    std::vector<std::string> hits;
    for (const auto& d : dirs)
        for (const auto& f : filesUnder(d))
            for (auto& h : offending(f, pattern)) hits.push_back(std::move(h));
    return hits;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

// Qt types (QString, QJsonObject, QByteArray, …), Qt and spdlog headers, the spdlog namespace.
const std::regex kQtOrSpdlog(
    R"re(#\s*include\s*[<"](Q[A-Za-z]+|Qt[A-Za-z]*/|spdlog/)|\bQ(String|Json[A-Za-z]*|ByteArray|Object|Variant|List|Map|Url|DateTime|Settings|File)\b|\bspdlog::)re");
const std::regex kInternalInclude(
    R"re(#\s*include\s*"tiservice/(logger\.h|trust/envelope\.h|trust/canonical_json\.h)")re");

// What assess/ may not include: the network, the TUF client, the engine, the state folder.
const std::regex kReachingOut(
    R"re(#\s*include\s*"tiservice/(net/|trust/tuf_client|engine/|catalog/catalog_source|konnektor/(connector_reader|connector_access)|store/|workflow/))re");
// A decision the engine makes: looking at a finding, picking a severity, making up a notice.
const std::regex kPolicy(
    R"re(tiservice/assess/|\bassess::|\bComponentStatus\b|\bFinding\b|Severity::\w+\s*[;,})]|\bworkflow::Notice\s*[{(]|\bNotice\s+\w+\s*[{;]|\.id\s*=\s*")re");

// Qt Gui or Widgets: the window's world, never the engine's or an adapter's.
const std::regex kWidgets(
    R"re(#\s*include\s*[<"](QtWidgets/|QtGui/|Q(Widget|Application|MainWindow|Dialog|Label|PushButton|MessageBox|Painter|Pixmap|Image|Icon|Font|Gui[A-Za-z]*)\b))re");

const std::vector<std::filesystem::path> kPublicHeaderDirs = {
    kSourceDir / "core/include", kSourceDir / "plugins/include", kSourceDir / "plugins/sdk/include"};

TEST(Architecture, PublicHeadersCarryNoQtOrSpdlogType) {
    const auto hits = offendingUnder(kPublicHeaderDirs, kQtOrSpdlog);
    EXPECT_TRUE(hits.empty()) << "an SDK user would need Qt or spdlog to include these:\n" << joined(hits);
}

TEST(Architecture, PublicHeadersIncludeNothingInternal) {
    const auto hits = offendingUnder(kPublicHeaderDirs, kInternalInclude);
    EXPECT_TRUE(hits.empty()) << "core/internal is not installed; a public header may not include it:\n"
                              << joined(hits);
}

TEST(Architecture, TheAssessmentKnowsNoNetworkAndNoEngine) {
    const auto hits =
        offendingUnder({kSourceDir / "core/include/tiservice/assess", kSourceDir / "core/src/assess"}, kReachingOut);
    EXPECT_TRUE(hits.empty()) << "assess/ is pure: (snapshot, catalog, now) → findings:\n" << joined(hits);
}

TEST(Architecture, ThePluginSdkDecidesNothingTheEngineDecides) {
    // The SDK passes on what the engine process says: it never looks at a finding and never
    // judges the TI. (The only notices it makes itself are about its own engine process, which
    // nobody else can report: it did not start, it ended.)
    for (const auto* f : {"plugins/sdk/plugin_sdk.cpp", "plugins/engine/main.cpp"}) {
        const auto hits = offending(kSourceDir / f, kPolicy);
        EXPECT_TRUE(hits.empty()) << "this belongs in core/engine:\n" << joined(hits);
    }
}

// What the practice software's process carries of an adapter: the SDK and the wire, nothing of
// the engine — no Qt, no spdlog, no Boost, no OpenSSL, no header of the core.
const std::regex kEngineInTheHost(
    R"re(#\s*include\s*[<"](Q[A-Za-z]+|Qt[A-Za-z]*/|spdlog/|boost/|openssl/|tiservice/(?!plugin\.h|plugin_sdk\.h|engine_wire\.h)))re");

TEST(Architecture, AnAdapterBringsNothingOfTheEngineIntoThePracticeSoftwaresProcess) {
    const auto hits = offendingUnder(
        {kSourceDir / "plugins/sdk", kSourceDir / "plugins/wire", kSourceDir / "plugins/include"}, kEngineInTheHost);
    EXPECT_TRUE(hits.empty()) << "the engine runs in tiservice-engine, not in the practice software:\n" << joined(hits);
    EXPECT_TRUE(std::regex_search("#include <QJsonDocument>", kEngineInTheHost));
    EXPECT_TRUE(std::regex_search("#include \"tiservice/engine/engine.h\"", kEngineInTheHost));
    EXPECT_TRUE(std::regex_search("#include <openssl/ssl.h>", kEngineInTheHost));
    EXPECT_FALSE(std::regex_search("#include \"tiservice/engine_wire.h\"", kEngineInTheHost));
    EXPECT_FALSE(std::regex_search("#include \"tiservice/plugin.h\"", kEngineInTheHost));
}

TEST(Architecture, QtWidgetsOnlyInTheWindowAndTheSampleHostsWindow) {
    // The engine and every adapter run inside a practice software's process: Qt Core only.
    // Widgets belong to tools/tiservice-gui and to sample-host's window (pvs_window.*).
    auto hits = offendingUnder(
        {kSourceDir / "core", kSourceDir / "plugins", kSourceDir / "publisher", kSourceDir / "tools/tiservice",
         kSourceDir / "tools/konnektor-sim", kSourceDir / "tools/command-line"},
        kWidgets);
    for (const auto& f : filesUnder(kSourceDir / "sample-host"))
        if (f.filename().string().rfind("pvs_window", 0) != 0)
            for (auto& h : offending(f, kWidgets)) hits.push_back(std::move(h));
    EXPECT_TRUE(hits.empty()) << "Qt Widgets outside the window:\n" << joined(hits);
}

TEST(Architecture, TheChecksFindWhatTheyLookFor) {
    EXPECT_TRUE(std::regex_search("#include <QWidget>", kWidgets));
    EXPECT_TRUE(std::regex_search("#include <QtWidgets/QLabel>", kWidgets));
    EXPECT_TRUE(std::regex_search("#include <QApplication>", kWidgets));
    EXPECT_FALSE(std::regex_search("#include <QCoreApplication>", kWidgets));
    EXPECT_FALSE(std::regex_search("#include <QJsonDocument>", kWidgets));
    // Each rule above, shown a line it must refuse — a rule that matches nothing proves nothing.
    EXPECT_TRUE(std::regex_search("#include <QString>", kQtOrSpdlog));
    EXPECT_TRUE(std::regex_search("    QJsonObject toJson() const;", kQtOrSpdlog));
    EXPECT_TRUE(std::regex_search("std::shared_ptr<spdlog::logger> logger();", kQtOrSpdlog));
    EXPECT_TRUE(std::regex_search("#include <spdlog/spdlog.h>", kQtOrSpdlog));
    EXPECT_FALSE(std::regex_search("std::string Query;  // a QR code", kQtOrSpdlog));
    EXPECT_TRUE(std::regex_search("#include \"tiservice/logger.h\"", kInternalInclude));
    EXPECT_FALSE(std::regex_search("#include \"tiservice/log.h\"", kInternalInclude));
    EXPECT_TRUE(std::regex_search("#include \"tiservice/net/http_client.h\"", kReachingOut));
    EXPECT_TRUE(std::regex_search("#include \"tiservice/engine/status_check.h\"", kReachingOut));
    EXPECT_FALSE(std::regex_search("#include \"tiservice/konnektor/driver.h\"", kReachingOut));
    EXPECT_TRUE(std::regex_search("    n.severity = workflow::Severity::Critical;", kPolicy));
    EXPECT_TRUE(std::regex_search("    if (f.status == assess::ComponentStatus::Expired)", kPolicy));
    EXPECT_TRUE(std::regex_search("    workflow::Notice{.id = \"status.expired\"}", kPolicy));
    EXPECT_TRUE(std::regex_search("    notice.id = \"status.current\";", kPolicy));
    // The SDK's mapping stays allowed.
    EXPECT_FALSE(std::regex_search(
        "    o.severity = n.severity == workflow::Severity::Critical ? TIS_SEVERITY_CRITICAL", kPolicy));
    EXPECT_FALSE(std::regex_search("    o.id = n.id;", kPolicy));
}

}  // namespace
