// `tiservice update` as a person (or an answers file) runs it, against konnektor-sim at a
// high time scale: the whole guided update, its refusals and faults, and kill-and-resume.
#include <gtest/gtest.h>

#include <signal.h>
#ifndef _WIN32
#include <sys/stat.h>  // mkfifo
#endif

#include <regex>
#include <set>
#include <thread>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "support/catalog.h"
#include "support/simulator.h"
#include "tiservice/clock.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

const std::string kOldPassword = "Praxis2025!";
const std::string kNewPassword = "Sommer2026!x";

std::string answers(const std::string& password, const std::vector<std::string>& newPasswords = {kNewPassword},
                    const std::string& when = "now", const std::string& extra = "") {
    std::string list;
    for (const auto& p : newPasswords) list += (list.empty() ? "\"" : ",\"") + p + "\"";
    return R"({"login.user":"koco-root","login.password":")" + password + R"(","password.new":[)" + list +
           R"(],"password.repeat":[)" + list + R"(],"password.noted":"noted","plan.when":")" + when +
           R"(","plan.during-hours":"now","confirm.start":"start")" + extra + "}";
}

class Workflow : public ::testing::Test {
protected:
    void start(const std::string& scenario = "expired-connector-outdated-terminal.json", std::vector<std::string> args = {},
               double scale = 600) {
        sim = std::make_unique<SimulatorProcess>(SimulatorSetup{.scenario = scenario, .timeScale = scale, .args = std::move(args)});
        writeSettings("Empfang");
    }

    void writeSettings(const std::string& workplace, const std::string& practice = "") {
        writeFile(dir / ("tiservice-" + workplace + ".ini"),
                  "[connector]\nsds_url = " + sim->sdsUrl() + "\nmanagement_url = " + sim->managementBase() +
                      "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = " + workplace + "\n\n[tls]\nmode = server\nca_file = " +
                      sim->caFile().string() + "\n\n[update]\npoll_interval_ms = 50\npoll_max_ms = 200\nfollow_timeout_minutes = 2\n" +
                      "download_timeout_minutes = 1\n\n[practice]\n" + (practice.empty() ? "hours = Mo-Fr 08:00-18:00\n" : practice));
    }

    std::vector<std::string> argv(const std::vector<std::string>& args, const std::string& workplace) {
        std::vector<std::string> a{binary("tiservice").string()};
        a.insert(a.end(), args.begin(), args.end());
        a.push_back("--config");
        a.push_back((dir / ("tiservice-" + workplace + ".ini")).string());
        return a;
    }

    ProcessOptions env(std::map<std::string, std::optional<std::string>> extra = {}) {
        ProcessOptions o;
        o.env = {{"HOME", (dir / "home").string()}, {"XDG_STATE_HOME", (dir / "state").string()},
                 {"XDG_CONFIG_HOME", (dir / "config").string()}, {"LANG", "de_DE.UTF-8"}, {"LC_ALL", std::nullopt},
                 {"TISERVICE_STATE_DIR", std::nullopt}, {"TISERVICE_FAULT_PAUSE_AT", std::nullopt},
                 {"TISERVICE_FAULT_PAUSE_MS", std::nullopt}};
        for (const auto& [k, v] : extra) o.env[k] = v;
        o.timeout = 120s;
        return o;
    }

    ProcessResult update(const std::string& answersJson, std::vector<std::string> extra = {},
                         const std::string& workplace = "Empfang", const std::string& lang = "de_DE.UTF-8") {
        const auto file = dir / ("answers-" + std::to_string(++runs) + ".json");
        writeFile(file, answersJson);
        std::vector<std::string> args{"update", "--answers", file.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        auto o = env();
        o.env["LANG"] = lang;
        auto r = runProcess(argv(args, workplace), o);
        allOutput += r.out + r.err;
        return r;
    }

    QJsonArray history() {
        const auto r = runProcess(argv({"history", "--json"}, "Empfang"), env());
        return QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).array();
    }

    int count(const QJsonArray& h, const std::string& event, const std::string& component, const std::string& result = "") {
        int n = 0;
        for (const auto& e : h) {
            const auto o = e.toObject();
            n += o["event"].toString().toStdString() == event && o["component"].toString().toStdString() == component &&
                 (result.empty() || o["result"].toString().toStdString() == result);
        }
        return n;
    }

    std::string firmware() {
        const auto sds = sim->request("GET", sim->sdsUrl()).body;
        const auto a = sds.find("<FWVersion>") + 11;
        return sds.substr(a, sds.find('<', a) - a);
    }

    QJsonObject simState() { return sim->control("GET", "/state")["connectors"].toArray()[0].toObject(); }

    std::filesystem::path journalDir() const { return dir / "state/tiservice/journal"; }
    bool journalEmpty() const {
        return !std::filesystem::exists(journalDir()) || std::filesystem::is_empty(journalDir());
    }

    /// Everything the tool wrote that a person could see or that stays on disk.
    std::string everythingWritten() {
        std::string all = allOutput;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "state"))
            if (e.is_regular_file()) all += readFile(e.path());
        return all;
    }

    void expectBothUpdatesRecordedOnce() {
        const auto h = history();
        EXPECT_EQ(count(h, "started", "CT_ID_0176"), 1);
        EXPECT_EQ(count(h, "finished", "CT_ID_0176", "succeeded"), 1);
        EXPECT_EQ(count(h, "started", "connector"), 1);
        EXPECT_EQ(count(h, "finished", "connector", "succeeded"), 1);
    }

    TempDir dir;
    std::unique_ptr<SimulatorProcess> sim;
    std::string allOutput;
    int runs = 0;
};

}  // namespace

TEST_F(Workflow, HappyPathWithExpiredPasswordTerminalFirstThenConnector) {
    start();
    const auto r = update(answers(kOldPassword));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Passwort abgelaufen"));
    EXPECT_TRUE(contains(r.out, "Passwort geändert"));
    // tiservice keeps no password: the practice is asked to note it, and confirms.
    EXPECT_TRUE(contains(r.out, "auf dem Merkblatt „Wichtige Kenndaten und Zugangsdaten der Praxis“")) << r.out;
    EXPECT_LT(r.out.find("ORGA 6141 online (Empfang) läuft jetzt mit Version 3.7.4"),
              r.out.find("KoCoBox MED+ läuft jetzt mit Version 1.3.10"));
    EXPECT_TRUE(contains(r.out, "NICHT ausschalten"));
    EXPECT_TRUE(contains(r.out, "Der PC und dieses Programm dürfen ausgeschaltet werden"));
    // The vendor's release notes, before the start.
    EXPECT_LT(r.out.find("Was ist neu? Sicherheitsupdate; von der gematik zugelassen."),
              r.out.find("Update jetzt starten?"))
        << r.out;
    EXPECT_EQ(firmware(), "1.3.10");
    expectBothUpdatesRecordedOnce();
    // The archive as a printable proof of maintenance.
    const auto record = dir / "Wartungsnachweis.html";
    const auto exported = runProcess(argv({"history", "--export", record.string()}, "Empfang"), env());
    ASSERT_EQ(exported.exitCode, 0) << exported.out << exported.err;
    EXPECT_TRUE(contains(exported.out, "Wartungsnachweis geschrieben: " + record.string())) << exported.out;
    const auto html = readFile(record);
    EXPECT_TRUE(contains(html, "<h1>Wartungsnachweis der TI-Komponenten</h1>")) << html;
    EXPECT_TRUE(contains(html, "<th>Mandant</th><td>Praxis1</td>")) << html;
    EXPECT_TRUE(contains(html, "<td>KoCoBox MED+</td><td>1.3.10</td>")) << html;
    EXPECT_TRUE(contains(html, "<td>ORGA 6141 online (Empfang)</td><td>3.7.4</td>")) << html;
    EXPECT_TRUE(contains(html, "<td>1.3.4 → 1.3.10</td><td>erfolgreich</td><td>PVS1/Empfang</td>")) << html;
    const auto text = std::regex_replace(html, std::regex("<[^>]*>"), " ");  // what the page says
    EXPECT_TRUE(foreignInGerman(text).empty()) << ::testing::PrintToString(foreignInGerman(text));
    // A mistyped folder is said, not made; what is not a file (a device, a pipe) is never replaced.
    const auto nowhere = runProcess(argv({"history", "--export", (dir / "Ablage/x.html").string()}, "Empfang"), env());
    EXPECT_EQ(nowhere.exitCode, 3) << nowhere.out;
    EXPECT_TRUE(
        contains(nowhere.err, "Der Ordner " + (dir / "Ablage").string() + " für den Wartungsnachweis existiert nicht."))
        << nowhere.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "Ablage"));
    EXPECT_FALSE(contains(nowhere.out, "Wartungsnachweis geschrieben")) << nowhere.out;
#ifndef _WIN32
    ASSERT_EQ(::mkfifo((dir / "pipe").c_str(), 0600), 0);
    const auto pipe = runProcess(argv({"history", "--export", (dir / "pipe").string()}, "Empfang"), env());
    EXPECT_EQ(pipe.exitCode, 3) << pipe.out;
    EXPECT_TRUE(contains(pipe.err, "an dieser Stelle steht keine gewöhnliche Datei")) << pipe.err;
    EXPECT_TRUE(std::filesystem::is_fifo(dir / "pipe"));
    EXPECT_FALSE(contains(pipe.out, "Wartungsnachweis geschrieben")) << pipe.out;
#endif
    EXPECT_TRUE(journalEmpty());
    const auto h = history();
    EXPECT_EQ(h[0].toObject()["workplaceId"].toString(), "Empfang");
    EXPECT_EQ(h[0].toObject()["from"].toString(), "3.7.2");
    const auto table = runProcess(argv({"history"}, "Empfang"), env());
    EXPECT_TRUE(contains(table.out, "KoCoBox MED+")) << table.out;
    EXPECT_TRUE(contains(table.out, "1.3.4 → 1.3.10")) << table.out;
    EXPECT_TRUE(contains(table.out, "erfolgreich")) << table.out;
}

TEST_F(Workflow, TheWholeUpdateSpeaksEnglishWhenLangSaysSo) {
    start();
    const auto r = update(answers(kOldPassword), {}, "Empfang", "en_GB.UTF-8");
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "do NOT switch the connector off")) << r.out;
    EXPECT_TRUE(contains(r.out, "now runs version 1.3.10")) << r.out;
    EXPECT_TRUE(otherLanguageIn(r.out + r.err, true).empty())
        << ::testing::PrintToString(otherLanguageIn(r.out + r.err, true)) << "\n"
        << r.out;
    auto o = env();
    o.env["LANG"] = "en_GB.UTF-8";
    const auto table = runProcess(argv({"history"}, "Empfang"), o);
    EXPECT_TRUE(contains(table.out, "succeeded")) << table.out;
    EXPECT_TRUE(otherLanguageIn(table.out, true).empty()) << table.out;
    // The same update in German shows no English sentence either.
    EXPECT_TRUE(otherLanguageIn(runProcess(argv({"history"}, "Empfang"), env()).out, false).empty());
}

TEST_F(Workflow, PasswordNeverAppearsInLogsJournalHistoryOrOutput) {
    start();
    ASSERT_EQ(update(answers(kOldPassword)).exitCode, 0);
    const auto all = everythingWritten();
    EXPECT_FALSE(contains(all, kOldPassword));
    EXPECT_FALSE(contains(all, kNewPassword));
    EXPECT_TRUE(std::filesystem::exists(dir / "state/tiservice/logs/tiservice.log"));
}

TEST_F(Workflow, EachPolicyRefusalIsNamedAndTheConnectorDecidesLast) {
    start();
    // Local check refuses the first five; the connector refuses a reused old password; then one is taken.
    const auto r = update(answers(kOldPassword, {"Ab1!", "abcdefghij", "Praxis 2026!", "Koco-Root2026!", "Toor-Ocok2026!",
                                                 "Praxis2024!", kNewPassword}));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "8 bis 24 Zeichen lang sein (es hat 4)"));
    EXPECT_TRUE(contains(r.out, "mindestens 3 von 4 Gruppen"));
    EXPECT_TRUE(contains(r.out, "keine Umlaute, keine Leerzeichen"));
    EXPECT_TRUE(contains(r.out, "nicht enthalten, auch nicht rückwärts"));
    EXPECT_TRUE(contains(r.out, "Der Konnektor lehnt das Passwort ab"));
    EXPECT_TRUE(contains(r.out, "vor kurzem schon verwendet"));
    EXPECT_EQ(firmware(), "1.3.10");
}

TEST_F(Workflow, WrongPasswordShowsTriesLeftThenLockShowsUntilWhen) {
    start();
    auto r = update(answers("falsch-1") .replace(answers("falsch-1").find("\"falsch-1\""), 10, "[\"falsch-1\",\"" + kOldPassword + "\"]"));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Noch 4 Versuch(e)")) << r.out;
    start("all-current.json");
    r = update(R"({"login.user":"koco-root","login.password":["a1","a2","a3","a4","a5","a6"]})");
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_TRUE(contains(r.out, "gesperrt bis")) << r.out;
    EXPECT_TRUE(contains(r.out, "Techniker vor Ort")) << r.out;
}

TEST_F(Workflow, NothingToDoWhenEverythingIsCurrent) {
    start("all-current.json");
    const auto r = update(answers("Praxis2026!"));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "alles ist aktuell")) << r.out;
    EXPECT_TRUE(history().isEmpty());
}

TEST_F(Workflow, PlannedForTonightRunsWhileThePcIsOffAndIsRecordedAtTheNextStart) {
    start();
    // Eight hours from now: the simulator's clock (600 times as fast) gets there in 48 s, long
    // after the checks below. (A fixed "23:59" was due during the test when it ran late at night.)
    // The time may fall into the practice hours: planned there all the same.
    const auto at = tiservice::formatLocalTime(std::chrono::system_clock::now() + 8h);
    const auto r =
        update(answers(kOldPassword, {kNewPassword}, "now", R"(,"plan.at-during-hours":"at")"), {"--at", at});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Update geplant")) << r.out;
    EXPECT_TRUE(contains(r.out, at)) << r.out;
    EXPECT_EQ(count(history(), "planned", "connector"), 1);
    EXPECT_EQ(count(history(), "planned", "CT_ID_0176"), 1);
    EXPECT_FALSE(journalEmpty());
    EXPECT_EQ(firmware(), "1.3.4");
    // Every status check now says it is planned, by whom, and that nothing else is to do.
    const auto status = runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_TRUE(contains(status.out, "geplant (von PVS1/Empfang): nichts weiter tun")) << status.out;
    EXPECT_FALSE(contains(status.out, "Sofort das Update")) << status.out;
    // Still before the time: the next start says it is planned.
    auto again = update(answers(kNewPassword));
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_TRUE(contains(again.out, "geplant")) << again.out;
    // The night passes (the PC was off); the connector installed on its own.
    sim->control("POST", "/clock", R"({"advanceSeconds": 86400})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return firmware() == "1.3.10"; }, 30s));
    const auto next = update(answers(kNewPassword));
    EXPECT_EQ(next.exitCode, 0) << next.out << next.err;
    EXPECT_TRUE(contains(next.out, "abgeschlossen")) << next.out;
    const auto h = history();
    EXPECT_EQ(count(h, "finished", "CT_ID_0176", "succeeded"), 1);
    EXPECT_EQ(count(h, "finished", "connector", "succeeded"), 1);
    EXPECT_TRUE(journalEmpty());
}

TEST_F(Workflow, AFullRunInGermanHasNoEnglishWordAndNoRawCode) {
    start();
    std::string seen;
    for (const auto& args : std::vector<std::vector<std::string>>{{"status"}, {"status", "--help"}}) {
        const auto r = runProcess(argv(args, "Empfang"), env());
        seen += r.out + r.err;
    }
    const auto r = update(answers(kOldPassword));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    seen += r.out + r.err;
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"status"}, {"history"}, {"history", "--help"}, {"update", "--help"}, {"password", "--help"}}) {
        const auto x = runProcess(argv(args, "Empfang"), env());
        seen += x.out + x.err;
    }
    const auto foreign = foreignInGerman(seen);
    EXPECT_TRUE(foreign.empty()) << ::testing::PrintToString(foreign) << "\n" << seen;
}

TEST_F(Workflow, SetupFindsTheConnectorAndWritesSettingsThatWork) {
    start("all-current.json");
    const auto config = dir / "config/tiservice/tiservice.ini";
    const auto setup = [&](const std::string& address, const std::string& extra = "") {
        writeFile(dir / "setup.json", R"({"setup.address":")" + address +
                                          R"(","setup.tls":"server","setup.ca-file":")" +
                                          sim->caFile().generic_string() +
                                          R"(","setup.mandant":"Praxis1","setup.client-system":"PVS1",)"
                                          R"("setup.workplace":"Empfang","setup.support":"self")" +
                                          extra + "}");
        std::vector<std::string> a{binary("tiservice").string(), "setup", "--config", config.string(), "--answers",
                                   (dir / "setup.json").string()};
        return runProcess(a, env());
    };
    auto r = setup(sim->sdsUrl());
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Konnektor gefunden")) << r.out;
    EXPECT_TRUE(contains(r.out, "Unter " + sim->sdsUrl() + " antwortet KoCoBox MED+ mit Firmware")) << r.out;
    EXPECT_TRUE(
        contains(r.out, "Einstellungen geschrieben: " + std::filesystem::path(config).make_preferred().string()))
        << r.out;
    const auto written = readFile(config);
    EXPECT_TRUE(contains(written, "sds_url = " + sim->sdsUrl())) << written;
    EXPECT_TRUE(contains(written, "support = self")) << written;
    EXPECT_FALSE(contains(written, "password =")) << written;
    // What it wrote works: the status check reads the connector with it.
    const auto status = runProcess({binary("tiservice").string(), "status", "--config", config.string()}, env());
    EXPECT_TRUE(contains(status.out, "KoCoBox MED+")) << status.out << status.err;
    EXPECT_FALSE(contains(status.err, "Einstellungen")) << status.err;
    // An existing file is replaced only when the person says so.
    r = setup(sim->sdsUrl());
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_EQ(readFile(config), written);
    // A wrong address is said before anything is written, and nothing is written when cancelled.
    r = setup("127.0.0.1:9", R"(,"setup.replace":"replace","setup.keep-address":"cancel")");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "Konnektor nicht erreicht")) << r.out;
    EXPECT_EQ(readFile(config), written);
    EXPECT_TRUE(foreignInGerman(r.out).empty()) << ::testing::PrintToString(foreignInGerman(r.out));
    // An answer with a line break would write settings of its own (here: TLS switched off).
    writeFile(dir / "inject.json", R"({"setup.replace":"replace","setup.address":")" + sim->sdsUrl() +
                                       R"(","setup.tls":"server","setup.ca-file":")" + sim->caFile().generic_string() +
                                       R"(","setup.mandant":"Praxis1","setup.client-system":"PVS1",)"
                                       R"("setup.workplace":"Empfang
[tls]
mode = none","setup.support":"self"})");
    r = runProcess({binary("tiservice").string(), "setup", "--config", config.string(), "--answers",
                    (dir / "inject.json").string()},
                   env());
    EXPECT_NE(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out + r.err, "Zeilenumbrüche und Steuerzeichen sind nicht erlaubt")) << r.out << r.err;
    EXPECT_EQ(readFile(config), written);
    // Another scheme is named as such, not turned into https://ftp://….
    r = setup("ftp://127.0.0.1/", R"(,"setup.replace":"replace","setup.keep-address":"cancel")");
    EXPECT_NE(r.exitCode, 0) << r.out;
    EXPECT_FALSE(contains(r.out + r.err, "https://ftp")) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "http:// oder https://")) << r.out << r.err;
    EXPECT_EQ(readFile(config), written);
}

TEST_F(Workflow, TheDeadlineIsSaidTheSameWayInThePlanAndInTheStatus) {
    // The connector's KSR gives the critical 1.3.10 ten days. The plan says it, and every later
    // status check — which does not sign in — says the same date and the same countdown.
    start("connector-deadline-in-10-days.json", {}, 1);
    const auto plan = update(R"({"login.user":"koco-root","login.password":"Praxis2026!","plan.when":"now",)"
                             R"("plan.during-hours":"now","confirm.start":"cancel"})");
    EXPECT_EQ(plan.exitCode, 1) << plan.out;
    const auto at = plan.out.find(" – Frist ");
    ASSERT_NE(at, std::string::npos) << plan.out;
    const auto day = plan.out.substr(at + std::string(" – Frist ").size(), 10);  // DD.MM.YYYY
    EXPECT_TRUE(contains(plan.out, "Frist " + day + ", noch 10 Tage (kritisches Update)")) << plan.out;
    const auto status = runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_TRUE(
        contains(status.out, "Das kritische Update 1.3.10 muss bis " + day + " installiert sein (noch 10 Tage)."))
        << status.out << status.err;
    auto english = env();
    english.env["LANG"] = "en_GB.UTF-8";
    const auto en = runProcess(argv({"status"}, "Empfang"), english);
    EXPECT_TRUE(contains(en.out, "(10 days left)")) << en.out;
}

TEST_F(Workflow, PracticeHoursWarnAndSuggestTheEvening) {
    start();
    writeSettings("Empfang", "hours = Mo-So 00:00-23:59\n");
    const auto r = update(answers(kOldPassword, {kNewPassword}, "now").replace(
        answers(kOldPassword).find("\"plan.during-hours\":\"now\""), 25, "\"plan.during-hours\":\"cancel\""));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "Es ist Sprechzeit")) << r.out;
    // Open day and night: no evening is made up (not 23:59, the hours' last minute).
    EXPECT_TRUE(contains(r.out, "Laut den Einstellungen ist immer Sprechzeit")) << r.out;
    EXPECT_FALSE(contains(r.out, "Empfohlen:")) << r.out;
    EXPECT_EQ(firmware(), "1.3.4");
    EXPECT_TRUE(history().isEmpty());
}

TEST_F(Workflow, AnotherWorkstationAlreadyUpdatingIsShownNotDoubled) {
    start("terminal-update-available.json", {}, 20);
    const auto token = sim->login("Praxis2026!");
    ASSERT_EQ(sim->management("POST", "/updates/INGHC-ORGA6100-3.7.4/install", token,
                              R"({"clientSystemId":"PVS1","workplaceId":"Sprechzimmer1"})").status, 202);
    const auto r = update(answers("Praxis2026!"));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "am Arbeitsplatz Sprechzimmer1")) << r.out;
    EXPECT_EQ(simState()["installations"].toArray().size(), 1);
}

TEST_F(Workflow, TwoSimultaneousStartsEndInExactlyOneInstallation) {
    start("terminal-update-available.json", {}, 300);
    writeSettings("Sprechzimmer1");
    writeFile(dir / "a.json", answers("Praxis2026!"));
    ProcessResult a, b;
    // Two PCs (own state folders) reach "start" together: both wait at the confirmed step.
    const std::map<std::string, std::optional<std::string>> together{{"TISERVICE_FAULT_PAUSE_AT", "confirmed"},
                                                                       {"TISERVICE_FAULT_PAUSE_MS", "2000"}};
    auto envA = env(together), envB = env(together);
    envB.env["XDG_STATE_HOME"] = (dir / "state-b").string();
    std::thread ta([&] { a = runProcess(argv({"update", "--answers", (dir / "a.json").string()}, "Empfang"), envA); });
    std::thread tb([&] { b = runProcess(argv({"update", "--answers", (dir / "a.json").string()}, "Sprechzimmer1"), envB); });
    ta.join();
    tb.join();
    EXPECT_EQ(simState()["installations"].toArray().size(), 1) << a.out << b.out;
    EXPECT_EQ(std::multiset<int>({a.exitCode, b.exitCode}).count(0), std::size_t{1}) << a.out << "\n---\n" << b.out;
    EXPECT_TRUE(contains(a.out + b.out, "Hier wird kein zweites gestartet")) << a.out << b.out;
}

TEST_F(Workflow, FailedInstallationKeepsTheOldVersionAndSaysTryAgainLater) {
    start("terminal-update-available.json", {"--fault-install-fails", "Signaturprüfung fehlgeschlagen"});
    const auto r = update(answers("Praxis2026!"));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "Signaturprüfung fehlgeschlagen")) << r.out;
    EXPECT_TRUE(contains(r.out, "später noch einmal versuchen")) << r.out;
    EXPECT_EQ(count(history(), "finished", "CT_ID_0176", "failed"), 1);
    EXPECT_TRUE(journalEmpty());
}

TEST_F(Workflow, PowerLossMeansDoNotUnplugAndCallSupportWithTheRightNumber) {
    start("expired-connector-outdated-terminal.json", {"--fault-power-loss"});
    auto r = update(answers(kOldPassword));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "NICHT vom Strom trennen")) << r.out;
    // What happened first, then what to do now, and whom to call.
    EXPECT_TRUE(contains(r.out, "Während der Installation ist der Strom ausgefallen")) << r.out;
    EXPECT_TRUE(contains(r.out, "Bitte jetzt sofort anrufen: Von CGM installiert")) << r.out;
    EXPECT_TRUE(contains(r.out, "0800 551 551 2")) << r.out;
    EXPECT_EQ(count(history(), "finished", "connector", "broken"), 1);
    const auto shown = runProcess(argv({"history"}, "Empfang"), env());
    EXPECT_TRUE(contains(shown.out, "defekt: Stromausfall oder Defekt während der Installation")) << shown.out;
    // A self-installer gets the other number.
    start("expired-connector-outdated-terminal.json", {"--fault-power-loss"});
    writeSettings("Empfang", "support = self\n");
    r = update(answers(kOldPassword));
    EXPECT_TRUE(contains(r.out, "030 2464 908 908")) << r.out;
}

TEST_F(Workflow, SlowerRebootIsWaitedFor) {
    start("expired-connector-outdated-terminal.json", {"--fault-reboot-seconds", "1800"});
    const auto r = update(answers(kOldPassword));
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "startet neu")) << r.out;
    EXPECT_EQ(firmware(), "1.3.10");
}

TEST_F(Workflow, ConnectorThatDoesNotComeBackInTimeMeansCallSupport) {
    start("expired-connector-outdated-terminal.json", {"--fault-reboot-seconds", "200000"});
    writeSettings("Empfang", "hours = Mo-Fr 08:00-18:00\n");
    auto ini = readFile(dir / "tiservice-Empfang.ini");
    ini.replace(ini.find("follow_timeout_minutes = 2"), 26, "follow_timeout_seconds = 5");
    writeFile(dir / "tiservice-Empfang.ini", ini);
    const auto r = update(answers(kOldPassword));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "meldet sich nach der Installation nicht zurück")) << r.out;
}

TEST_F(Workflow, ConnectorWithoutDriverSendsToItsOwnAdminInterface) {
    start("other-connector-vendors.json");
    const auto r = update(answers("x"));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "Verwaltungsoberfläche")) << r.out;
    EXPECT_TRUE(contains(r.out, ":8443")) << r.out;
}

TEST_F(Workflow, PasswordCommandChangesThePasswordAlone) {
    start();
    auto r = runProcess(argv({"password", "--answers", (dir / "pw.json").string()}, "Empfang"), env());
    writeFile(dir / "pw.json", answers(kOldPassword));
    r = runProcess(argv({"password", "--answers", (dir / "pw.json").string()}, "Empfang"), env());
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Passwort geändert")) << r.out;
    EXPECT_NE(sim->login(kNewPassword), "");
    EXPECT_EQ(firmware(), "1.3.4");  // nothing else happened
}

// --- SIGKILL in every state of the machine, then started again --------------------------

class KillAndResume : public Workflow, public ::testing::WithParamInterface<const char*> {};

TEST_P(KillAndResume, FinishesTheStoryAfterBeingKilled) {
    start();
    const std::string step = GetParam();
    writeFile(dir / "first.json", answers(kOldPassword));
    BackgroundProcess first(argv({"update", "--answers", (dir / "first.json").string()}, "Empfang"),
                            env({{"TISERVICE_FAULT_PAUSE_AT", step}}), dir / "logs");
    const auto plain = step.substr(0, step.find(':'));
    const auto journalFile = [&]() -> std::string {
        if (!std::filesystem::exists(journalDir())) return {};
        for (const auto& e : std::filesystem::directory_iterator(journalDir())) return readFile(e.path());
        return {};
    };
    const bool reached = SimulatorProcess::waitFor(
        [&] { return contains(readFile(dir / "state/tiservice/logs/tiservice.log"), "pausing at step " + plain); }, 60s);
    ASSERT_TRUE(reached) << first.out() << first.err();
    EXPECT_TRUE(contains(journalFile(), "\"step\": \"" + plain + "\""));
    first.stop(SIGKILL);
    allOutput += first.out() + first.err();

    // Started again: the password was already changed in the first run.
    const auto r = update(answers(kNewPassword));
    ASSERT_EQ(r.exitCode, 0) << "after kill at " << step << ":\n" << r.out << r.err;
    // Whatever was running is followed; the rest is done; each event recorded once.
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return firmware() == "1.3.10"; }, 30s)) << r.out;
    expectBothUpdatesRecordedOnce();
    EXPECT_TRUE(journalEmpty()) << journalFile();
    EXPECT_FALSE(contains(everythingWritten(), kOldPassword));
    EXPECT_FALSE(contains(everythingWritten(), kNewPassword));
}

INSTANTIATE_TEST_SUITE_P(EveryStep, KillAndResume,
                         ::testing::Values("confirmed", "starting", "installing", "verifying", "recording", "installed",
                                           "starting:2", "installing:2", "verifying:2", "recording:2"),
                         [](const auto& testInfo) {
                             std::string n = testInfo.param;
                             for (auto& c : n)
                                 if (c == ':') c = '_';
                             return n;
                         });

// --- terminals and auto-update as real connectors have them --------------------------------

TEST_F(Workflow, ADisconnectedTerminalIsRefusedUpFrontNotReportedFailedAfterwards) {
    sim = std::make_unique<SimulatorProcess>(SimulatorSetup{
        .scenarioJson = R"({"connector": {
            "terminals": [{"template": "orga-6141", "identity": {"fwVersion": "3.7.2"}, "connected": false},
                          {"template": "cherry-g87"}],
            "updates": [{"updateId": "INGHC-ORGA6100-3.7.4", "component": "CT_ID_0176", "version": "3.7.4",
                         "downloaded": true, "sizeBytes": 12582912}]}})",
        .timeScale = 600});
    writeSettings("Empfang");
    const auto r = update(answers("Praxis2026!"));
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Das Kartenterminal „ORGA6100-0241000000B692“ ist nicht verbunden und wird nicht aktualisiert"))
        << r.out;
    EXPECT_FALSE(contains(r.out, "fehlgeschlagen")) << r.out;
    EXPECT_TRUE(simState()["installations"].toArray().isEmpty());
    EXPECT_EQ(count(history(), "finished", "CT_ID_0176"), 0);
    EXPECT_TRUE(journalEmpty());
}

TEST_F(Workflow, ThePlanCanLeaveTheConnectorToItsOwnAutoUpdate) {
    start("kocobox-5.1.8-field.json");
    const auto r = update(answers("Praxis2026!", {}, "auto"));
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Auto-Update geplant")) << r.out;
    EXPECT_TRUE(contains(r.out, "Der Konnektor installiert das Update beim Auto-Update am Mi 02:00 selbst")) << r.out;
    EXPECT_TRUE(simState()["installations"].toArray().isEmpty());  // nothing started by us
    EXPECT_TRUE(journalEmpty());
}

TEST_F(Workflow, EveryWorkstationShowsThePracticesArchiveFromTheConnectorsList) {
    start("terminal-update-available.json", {}, 20);
    writeSettings("Sprechzimmer1");
    // Sprechzimmer 1 installs the terminal update: another PC, with a state folder of its own.
    auto other = env();
    other.env["XDG_STATE_HOME"] = (dir / "state-b").string();
    writeFile(dir / "b.json", answers("Praxis2026!"));
    const auto b = runProcess(argv({"update", "--answers", (dir / "b.json").string()}, "Sprechzimmer1"), other);
    ASSERT_EQ(b.exitCode, 0) << b.out << b.err;

    // The reception did nothing itself: its own entries alone are none …
    const auto local = runProcess(argv({"history", "--local"}, "Empfang"), env());
    EXPECT_TRUE(contains(local.out, "Das Update-Archiv ist leer.")) << local.out;
    EXPECT_TRUE(contains(local.out, "Nur die Einträge dieses Arbeitsplatzes")) << local.out;
    // … the practice's archive shows the colleague's update, who started it, and the result.
    const auto shown = runProcess(argv({"history"}, "Empfang"), env());
    EXPECT_EQ(shown.exitCode, 0) << shown.err;
    EXPECT_TRUE(contains(shown.out, "Gestartet von")) << shown.out;
    EXPECT_TRUE(contains(shown.out, "PVS1/Sprechzimmer1")) << shown.out;
    EXPECT_TRUE(contains(shown.out, "erfolgreich")) << shown.out;
    EXPECT_TRUE(contains(shown.out, "3.7.4")) << shown.out;
    EXPECT_FALSE(contains(shown.out, "nicht zu lesen")) << shown.out;
    // Asked again and again, at both PCs: once each, never doubled.
    auto h = history();
    EXPECT_EQ(count(h, "finished", "CT_ID_0176", "succeeded"), 1) << QJsonDocument(h).toJson().toStdString();
    EXPECT_EQ(count(history(), "finished", "CT_ID_0176", "succeeded"), 1);
    for (const auto& e : h) {
        EXPECT_EQ(e.toObject()["source"].toString(), "connector");
    }
    const auto atB = runProcess(argv({"history", "--json"}, "Sprechzimmer1"), other);
    const auto hb = QJsonDocument::fromJson(QByteArray::fromStdString(atB.out)).array();
    EXPECT_EQ(count(hb, "finished", "CT_ID_0176", "succeeded"), 1) << atB.out;
    for (const auto& e : hb) {
        EXPECT_EQ(e.toObject()["source"].toString(), "this-workstation") << atB.out;
    }
    // Sprechzimmer 1 gets a new PC (a state folder of its own, empty): its own update comes back
    // from the connector's list, once however often it is asked — the proof of maintenance.
    auto renewed = env();
    renewed.env["XDG_STATE_HOME"] = (dir / "state-c").string();
    for (int i = 0; i < 2; ++i) {
        const auto atC = runProcess(argv({"history", "--json"}, "Sprechzimmer1"), renewed);
        const auto hc = QJsonDocument::fromJson(QByteArray::fromStdString(atC.out)).array();
        EXPECT_EQ(count(hc, "finished", "CT_ID_0176", "succeeded"), 1) << atC.out << atC.err;
    }

    // The status check says that it is done, and by whom, so nobody starts it again.
    const auto status = runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_TRUE(contains(status.out, "auf 3.7.4 aktualisiert (von PVS1/Sprechzimmer1).")) << status.out;
    // Every German word of it, as a person reads it: no English, no raw code.
    const auto seen = local.out + shown.out + status.out;
    EXPECT_TRUE(foreignInGerman(seen).empty()) << ::testing::PrintToString(foreignInGerman(seen));
    // The printed proof of maintenance at the reception holds it too.
    const auto exported = runProcess(argv({"history", "--export", (dir / "nachweis.html").string()}, "Empfang"), env());
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    EXPECT_TRUE(contains(readFile(dir / "nachweis.html"), "PVS1/Sprechzimmer1"));

    auto english = env();
    english.env["LANG"] = "en_GB.UTF-8";
    const auto en = runProcess(argv({"history"}, "Empfang"), english);
    EXPECT_TRUE(contains(en.out, "Started by")) << en.out;
    EXPECT_TRUE(contains(en.out, "succeeded")) << en.out;
    const auto enStatus = runProcess(argv({"status"}, "Empfang"), english);
    EXPECT_TRUE(contains(enStatus.out, "Updated to 3.7.4 on")) << enStatus.out;
}

TEST_F(Workflow, WithoutTheConnectorTheArchiveSaysItShowsOnlyThisWorkstation) {
    start("terminal-update-available.json", {}, 20);
    ASSERT_EQ(update(answers("Praxis2026!")).exitCode, 0);
    sim.reset();  // the connector is gone
    const auto r = runProcess(argv({"history"}, "Empfang"), env());
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "erfolgreich")) << r.out;
    EXPECT_TRUE(contains(r.out, "Die Liste der Installationen im Konnektor war nicht zu lesen")) << r.out;
    EXPECT_TRUE(contains(r.out, "PVS1/Empfang")) << r.out;
}

TEST_F(Workflow, APlannedUpdateIsMovedAndCancelledFromAnyWorkstation) {
    start("terminal-update-available.json", {}, 1);
    writeSettings("Sprechzimmer1");
    // The reception plans tonight's update …
    ASSERT_EQ(update(answers("Praxis2026!"), {"--at", "21:00"}).exitCode, 0) << allOutput;
    auto other = env();
    other.env["XDG_STATE_HOME"] = (dir / "state-b").string();
    writeFile(dir / "b.json", R"({"login.user":"koco-root","login.password":"Praxis2026!"})");
    const auto planAt = [&](const std::vector<std::string>& args, const std::string& workplace,
                            const ProcessOptions& o) {
        std::vector<std::string> a{"plan", "--answers", (dir / "b.json").string()};
        a.insert(a.end(), args.begin(), args.end());
        return runProcess(argv(a, workplace), o);
    };
    // … Sprechzimmer 1 moves it to 22:30: who planned it stays the reception.
    const auto moved = planAt({"--move", "22:30"}, "Sprechzimmer1", other);
    ASSERT_EQ(moved.exitCode, 0) << moved.out << moved.err;
    EXPECT_TRUE(contains(moved.out, "Im Konnektor geplant:")) << moved.out;
    EXPECT_TRUE(contains(moved.out, "(von PVS1/Empfang)")) << moved.out;
    EXPECT_TRUE(contains(moved.out, "Das Update ist jetzt für")) << moved.out;
    EXPECT_TRUE(contains(moved.out, "22:30 geplant")) << moved.out;
    auto planned = simState()["installations"].toArray();
    ASSERT_EQ(planned.size(), 1);
    EXPECT_EQ(planned[0].toObject()["state"].toString(), "planned");
    EXPECT_EQ(planned[0].toObject()["startedBy"].toObject()["workplaceId"].toString(), "Empfang");
    const auto plannedAt = tiservice::parseUtc(planned[0].toObject()["plannedAt"].toString().toStdString());
    ASSERT_TRUE(plannedAt);
    EXPECT_EQ(tiservice::formatLocalTime(*plannedAt), "22:30");
    // Every workstation says the new time.
    const auto status = runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_TRUE(contains(status.out, "22:30 geplant (von PVS1/Empfang)")) << status.out;

    // Then cancelled, again from Sprechzimmer 1.
    const auto cancelled = planAt({"--cancel"}, "Sprechzimmer1", other);
    ASSERT_EQ(cancelled.exitCode, 0) << cancelled.out << cancelled.err;
    EXPECT_TRUE(contains(cancelled.out, "Das geplante Update ist abgesagt. Die Frist gilt weiter")) << cancelled.out;
    EXPECT_TRUE(simState()["installations"].toArray().isEmpty());
    const auto atB =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(runProcess(argv({"history", "--json", "--local"}, "Sprechzimmer1"), other).out))
            .array();
    EXPECT_EQ(count(atB, "planned", "CT_ID_0176"), 1);  // moved
    EXPECT_EQ(count(atB, "cancelled", "CT_ID_0176"), 1);

    const auto said = moved.out + status.out + cancelled.out;
    EXPECT_TRUE(foreignInGerman(said).empty()) << ::testing::PrintToString(foreignInGerman(said));
    // The reception's next start finds its plan gone: it records that once and plans anew.
    const auto again = update(answers("Praxis2026!", {kNewPassword}, "cancel"));
    EXPECT_EQ(again.exitCode, 1) << again.out;
    EXPECT_EQ(count(history(), "cancelled", "CT_ID_0176"), 1);
    EXPECT_EQ(count(history(), "started", "CT_ID_0176"), 0);
    EXPECT_TRUE(journalEmpty());

    // Nothing planned: said, in both languages.
    const auto none = planAt({}, "Empfang", env());
    EXPECT_EQ(none.exitCode, 0);
    EXPECT_TRUE(contains(none.out, "Im Konnektor ist kein Update geplant.")) << none.out;
    auto english = env();
    english.env["LANG"] = "en_GB.UTF-8";
    EXPECT_TRUE(contains(planAt({}, "Empfang", english).out, "No update is planned in the connector."));
}

TEST_F(Workflow, APlanAskedAboutAndLeftAsItWasStaysUnchanged) {
    start("terminal-update-available.json", {}, 1);
    ASSERT_EQ(update(answers("Praxis2026!"), {"--at", "21:00"}).exitCode, 0) << allOutput;
    writeFile(dir / "keep.json", R"({"plan.change":"keep"})");
    const auto r = runProcess(argv({"plan", "--answers", (dir / "keep.json").string()}, "Empfang"), env());
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "Was soll mit dem geplanten Update geschehen?")) << r.out;
    EXPECT_TRUE(contains(r.out, "Der Plan bleibt, wie er ist.")) << r.out;
    EXPECT_EQ(simState()["installations"].toArray().size(), 1);
    // A second "update" points to the change instead of planning twice.
    const auto twice = update(answers("Praxis2026!"));
    EXPECT_TRUE(contains(twice.out, "„Geplantes Update ändern“")) << twice.out;
    EXPECT_EQ(simState()["installations"].toArray().size(), 1);
}

TEST_F(Workflow, APlanReplacedByAColleaguesInstallationIsRecordedAsCancelledNotAsOurs) {
    start("terminal-update-available.json", {}, 20);
    ASSERT_EQ(update(answers("Praxis2026!"), {"--at", "21:00"}).exitCode, 0) << allOutput;
    // Sprechzimmer 1 cancels the reception's plan and installs at once.
    writeSettings("Sprechzimmer1");
    auto other = env();
    other.env["XDG_STATE_HOME"] = (dir / "state-b").string();
    writeFile(dir / "b.json", answers("Praxis2026!"));
    ASSERT_EQ(
        runProcess(argv({"plan", "--cancel", "--answers", (dir / "b.json").string()}, "Sprechzimmer1"), other).exitCode,
        0);
    const auto b = runProcess(argv({"update", "--answers", (dir / "b.json").string()}, "Sprechzimmer1"), other);
    ASSERT_EQ(b.exitCode, 0) << b.out << b.err;
    // The reception's next start: its plan is gone; the installation is the colleague's.
    const auto again = update(answers("Praxis2026!"));
    EXPECT_TRUE(journalEmpty()) << again.out;
    const auto h = history();
    EXPECT_EQ(count(h, "cancelled", "CT_ID_0176"), 1) << QJsonDocument(h).toJson().toStdString();
    EXPECT_EQ(count(h, "finished", "CT_ID_0176", "succeeded"), 1) << QJsonDocument(h).toJson().toStdString();
    for (const auto& e : h)
        if (e.toObject()["event"] == "finished") {
            EXPECT_EQ(e.toObject()["workplaceId"].toString(), "Sprechzimmer1");
            EXPECT_EQ(e.toObject()["source"].toString(), "connector");
        }
}

TEST_F(Workflow, APlannedUpdateThatRanIsRecordedByTheNextCheckWithoutARestart) {
    start("terminal-update-available.json", {}, 600);
    ASSERT_EQ(update(answers("Praxis2026!"), {"--at", "21:00"}).exitCode, 0) << allOutput;
    EXPECT_FALSE(journalEmpty());
    // The evening comes; the connector installs alone. The next status check (the practice
    // software's periodic one, here the CLI) records it: no start of the tool needed.
    sim->control("POST", "/clock", R"({"untilPlanned": true})");
    ASSERT_TRUE(SimulatorProcess::waitFor(
        [&] {
            const auto installs = simState()["installations"].toArray();
            return !installs.isEmpty() && installs[0].toObject()["state"].toString() == "succeeded";
        },
        60s));
    const auto status = runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_TRUE(contains(status.out, "ist beendet (erfolgreich) und im Update-Archiv eingetragen")) << status.out;
    EXPECT_TRUE(journalEmpty());
    const auto h = history();
    EXPECT_EQ(count(h, "started", "CT_ID_0176"), 1);
    EXPECT_EQ(count(h, "finished", "CT_ID_0176", "succeeded"), 1);
    // Asked again: nothing twice.
    (void)runProcess(argv({"status"}, "Empfang"), env());
    EXPECT_EQ(count(history(), "finished", "CT_ID_0176", "succeeded"), 1);
}
