// Runs the real tiservice binary as a child process.
#include <gtest/gtest.h>

#include <algorithm>

#include <map>

#include "support/catalog.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace tiservice::testing;

namespace {

ProcessResult runTiservice(std::vector<std::string> args, const std::string& lang = "de_DE.UTF-8") {
    static TempDir home;
    args.insert(args.begin(), binary("tiservice").string());
    ProcessOptions o;
    o.env = {{"HOME", home.path().string()},
             {"XDG_CONFIG_HOME", (home / "config").string()},
             {"XDG_STATE_HOME", (home / "state").string()},
             {"LANG", lang},
             {"LC_ALL", std::nullopt},
             {"LC_MESSAGES", std::nullopt}};
    return runProcess(args, o);
}

}  // namespace

TEST(TiserviceCli, VersionPrintsTheProjectVersion) {
    auto r = runTiservice({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("tiservice 0.1.0"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("OpenSSL 3"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(TiserviceCli, HelpIsGermanByDefault) {
    auto r = runTiservice({"--help"}, "C");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("Aufruf: tiservice"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Rückgabewerte"), std::string::npos);
}

TEST(TiserviceCli, HelpFollowsLang) {
    auto r = runTiservice({"--help"}, "en_GB.UTF-8");
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("Usage: tiservice"), std::string::npos) << r.out;
}

TEST(TiserviceCli, LangOptionOverridesTheEnvironment) {
    auto r = runTiservice({"--lang", "en", "--help"}, "de_DE.UTF-8");
    EXPECT_NE(r.out.find("Usage: tiservice"), std::string::npos) << r.out;
    r = runTiservice({"--lang=de", "--help"}, "en_US.UTF-8");
    EXPECT_NE(r.out.find("Aufruf: tiservice"), std::string::npos) << r.out;
}

TEST(TiserviceCli, HelpNamesTheFoldersItUses) {
    auto r = runTiservice({"--help"});
#ifdef _WIN32
    std::replace(r.out.begin(), r.out.end(), '\\', '/');  // the same folders, with Windows' separators
#endif
    EXPECT_NE(r.out.find("/config/tiservice/tiservice.ini"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/state/tiservice"), std::string::npos) << r.out;
}

TEST(TiserviceCli, UnknownLanguageIsRefusedWithExitCode3) {
    auto r = runTiservice({"--lang", "fr", "--help"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("Unbekannte Sprache \"fr\""), std::string::npos) << r.err;
    r = runTiservice({"status", "--lang"});  // the language forgotten: said, not only the help shown
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("Nach --lang fehlt die Sprache: de oder en."), std::string::npos) << r.err;
}

TEST(TiserviceCli, UnknownCommandAndOptionAreRefused) {
    auto r = runTiservice({"frobnicate"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("Unbekannter Befehl \"frobnicate\""), std::string::npos) << r.err;
    r = runTiservice({"--lang", "en", "--frobnicate"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("Unknown option \"--frobnicate\""), std::string::npos) << r.err;
}

TEST(TiserviceCli, EveryCommandReadsItsOptionsTheSameWay) {
    // "--name value" and "--name=value" both work; a missing value and an unknown option say
    // which, for the command that was called, with exit code 3 (general_exit::kUsage).
    for (const std::string command : {"status", "update", "password"}) {
        auto r = runTiservice({command, "--config"});
        EXPECT_EQ(r.exitCode, 3) << command;
        EXPECT_NE(r.err.find("tiservice " + command + ": Wert fehlt für --config"), std::string::npos) << r.err;
        r = runTiservice({command, "--frobnicate"});
        EXPECT_EQ(r.exitCode, 3) << command;
        EXPECT_NE(r.err.find("tiservice " + command + ": Unbekannte Option: --frobnicate"), std::string::npos) << r.err;
        r = runTiservice({command, "--config=/nonexistent/tiservice.ini"});
        EXPECT_EQ(r.exitCode, 3) << command;
        const auto shown = std::filesystem::path("/nonexistent/tiservice.ini").make_preferred().string();
        EXPECT_NE(r.err.find(shown), std::string::npos) << command << ": " << r.err;
        EXPECT_EQ(r.err.find("Unbekannte Option"), std::string::npos) << r.err;
    }
    auto r = runTiservice({"history", "--config"});
    EXPECT_EQ(r.exitCode, 3);
    r = runTiservice({"--lang", "en", "history", "--bogus"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("tiservice history: Unknown option: --bogus"), std::string::npos) << r.err;
    r = runTiservice({"update", "--at=25:99"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("--at erwartet eine Uhrzeit HH:MM"), std::string::npos) << r.err;
}

TEST(TiserviceCli, EachCommandsHelpNamesItsExitCodes) {
    for (const std::string command : {"status", "update", "password"}) {
        const auto r = runTiservice({command, "--help"});
        EXPECT_EQ(r.exitCode, 0) << command;
        EXPECT_NE(r.out.find("Rückgabewerte: 0 "), std::string::npos) << command << ": " << r.out;
        EXPECT_NE(r.out.find("nicht möglich"), std::string::npos) << command << ": " << r.out;
    }
    const auto r = runTiservice({"--lang", "en", "password", "--help"});
    EXPECT_NE(r.out.find("Exit codes: 0 changed"), std::string::npos) << r.out;
}

TEST(TiserviceCli, NoArgumentsShowsHelpOnStderrAndFails) {
    auto r = runTiservice({});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.err.find("Aufruf: tiservice"), std::string::npos);
}

TEST(TiserviceCli, EveryTextFollowsLang) {
    // Enough catalog fragments to mean something: the check below cannot pass by having none.
    ASSERT_GT(catalogFragments(true).size(), 200u);
    ASSERT_GT(catalogFragments(false).size(), 200u);
    const std::vector<std::vector<std::string>> calls{{"--help"},
                                                      {"--version"},
                                                      {"status", "--help"},
                                                      {"update", "--help"},
                                                      {"history"},
                                                      {"status", "--config", "/nonexistent/tiservice.ini"},
                                                      {"status", "--bogus"},
                                                      {"--lang", "xx"}};
    for (const auto& args : calls) {
        const auto en = runTiservice(args, "en_US.UTF-8");
        const auto de = runTiservice(args, "de_DE.UTF-8");
        const auto all = ::testing::PrintToString(args);
        EXPECT_FALSE((en.out + en.err).empty()) << all;
        EXPECT_TRUE(otherLanguageIn(en.out + en.err, true).empty())
            << all << ::testing::PrintToString(otherLanguageIn(en.out + en.err, true)) << "\n"
            << en.out << en.err;
        EXPECT_TRUE(otherLanguageIn(de.out + de.err, false).empty())
            << all << ::testing::PrintToString(otherLanguageIn(de.out + de.err, false)) << "\n"
            << de.out << de.err;
        if (args[0] != "--version") {
            EXPECT_NE(en.out + en.err, de.out + de.err) << all;
        }
    }
}

TEST(TiserviceCli, TheOtherToolsFollowLangToo) {
    const std::vector<std::vector<std::string>> calls{
        {"tiservice-tuf", "--help"},    {"tiservice-tuf", "refresh"},
        {"tiservice-repo", "--help"},   {"tiservice-repo", "--repo", "/nonexistent", "init", "--threshold", "root=zwei"},
        {"konnektor-sim", "--help"},    {"konnektor-sim", "--port", "acht"},
        {"tiservice-host", "--help"},   {"tiservice-host", "--timeout", "bald"},
        {"tiservice-host", "--lang", "fr"}};
    for (auto args : calls) {
        const auto all = ::testing::PrintToString(args);
        args[0] = binary(args[0]).string();
        std::map<std::string, std::string> output;
        for (const char* lang : {"de_DE.UTF-8", "en_US.UTF-8"}) {
            ProcessOptions o;
            o.env = {{"LANG", lang}, {"LC_ALL", std::nullopt}, {"LC_MESSAGES", std::nullopt}};
            const auto r = runProcess(args, o);
            // Help answers 0; a command line the tool cannot run with is refused, never ignored.
            EXPECT_EQ(r.exitCode == 0, args[1] == "--help") << all << " " << r.exitCode;
            output[lang] = r.out + r.err;
        }
        EXPECT_FALSE(output["en_US.UTF-8"].empty()) << all;
        EXPECT_NE(output["de_DE.UTF-8"], output["en_US.UTF-8"]) << all;
        EXPECT_TRUE(otherLanguageIn(output["en_US.UTF-8"], true).empty())
            << all << ::testing::PrintToString(otherLanguageIn(output["en_US.UTF-8"], true));
        EXPECT_TRUE(otherLanguageIn(output["de_DE.UTF-8"], false).empty())
            << all << ::testing::PrintToString(otherLanguageIn(output["de_DE.UTF-8"], false));
    }
}
