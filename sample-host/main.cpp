// tiservice-host: a stand-in practice software (PVS). It loads a tiservice adapter through
// plugins/loader, hosts it on a real main-thread loop that honours request_callback, shows
// notices, questions and progress in the terminal in the PVS's style, and answers from a
// file for automation; with --gui it is a window instead (pvs_window.h). It is the reference for PVS vendors hosting an
// adapter: it calls the plugin only through plugins::LoadedPlugin (guarded calls, deadlines for init and shutdown) and
// reads what the plugin hands over only through plugins::check*() (NULL, length, count, control characters), as
// plugin.h asks of every host.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_line.h"
#include "hidden_input.h"
#include "host_settings.h"
#include "this_program.h"
#ifdef TISERVICE_HOST_GUI
#include "pvs_window.h"
#endif
#include "tiservice/display_text.h"
#include "tiservice/i18n.h"
#include "tiservice/paths.h"
#include "tiservice/plugin_loader.h"
#include "tiservice/workflow/answers.h"

using namespace tiservice;

namespace {

constexpr Message kHelp = TIS_TEXT(
    "sample_host", R"(tiservice-host – eine Praxissoftware zum Ausprobieren: lädt einen tiservice-Adapter und zeigt
seine Hinweise, Fragen und Fortschritte im Terminal oder (--gui) als Fenster.

Aufruf: tiservice-host --pvs NAME --settings DATEI [Optionen]

  --pvs NAME          medistar | albis | z1 | turbomed | chremasoft | m1pro | z1pro
  --plugins ORDNER    Ordner der Adapter (Standard: <bin>/../lib/tiservice/adapters)
  --settings DATEI    TI-Einstellungen in der Sprache der Praxissoftware ("Schlüssel = Wert"), siehe
                      host-adapters/<pvs>/README.md
  --answers DATEI     Antworten als JSON ({"frage.id": "Antwort" | ["…", "…"]})
  --interactive       Fragen im Terminal beantworten
  --run ID            Menüeintrag ausführen, z. B. ti-service.update (mehrfach möglich)
  --state-dir ORDNER  Ordner für Journal, Archiv, Protokoll
  --lang de|en        Sprache
  --timeout SEKUNDEN  spätestens dann beenden (Standard 900)
  --plugin-deadline SEKUNDEN
                      so lange darf der Start oder das Beenden der Erweiterung dauern (Standard 10)
  --workplaces-in-use N
                      so viele weitere Arbeitsplätze sind gerade angemeldet (für die Warnung vor
                      einem Update während der Arbeit; Standard: unbekannt)
  --stay              nicht beenden, wenn alles erledigt ist (Strg+C)
  --gui               als Fenster: Hinweise als Leiste, Dialog oder Aufgabe (je nach Adapter),
                      Fragen als Dialoge, Fortschritt als Balken, die Menüeinträge im Menü
  --screenshots ORDNER
                      mit --gui: ein Bild des Fensters zu jedem Hinweis und jeder Frage
)");

struct HostState {
    std::string pvs;
    std::map<std::string, std::string> settings;
    std::map<std::string, std::vector<std::string>> answers;
    std::map<std::string, std::size_t> answered;
    bool interactive = false;
    std::string style = "banner";
    plugins::LoadedPlugin* plugin = nullptr;

    std::mutex mutex;
    std::condition_variable cv;
    bool callbackRequested = false;
    std::deque<std::pair<uint64_t, std::optional<std::string>>> pendingAnswers;  // answered on the next loop turn
    std::deque<std::pair<std::string, bool>> pendingClosings;  // notice id, postponed: told on the next loop turn
    std::map<std::string, std::string> shownNotices;           // id → title, while shown
    std::string lastProgress;
    int notices = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::optional<double> firstNoticeMs;
    int workplacesInUse = -1;
};

HostState g;  // one host, one plugin: the C callbacks find their state here through host_data as well

// A plugin may pass any `self`; there is one host, so its state is found without trusting it.
HostState& state(const tis_host*) { return g; }

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void hostLog(const tis_host*, int32_t level, const char* message) {
    if (level >= TIS_LOG_WARNING) std::cerr << "[tiservice] " << plugins::checkedString(message) << "\n";
}

void hostRequestCallback(const tis_host* h) {  // [thread-safe]
    auto& s = state(h);
    {
        std::lock_guard lock(s.mutex);
        s.callbackRequested = true;
    }
    s.cv.notify_all();
}

const char* hostGetSetting(const tis_host* h, const char* key) {
    if (!key) return nullptr;
    auto& s = state(h);
    auto it = s.settings.find(plugins::checkedString(key, 256));
    return it == s.settings.end() ? nullptr : it->second.c_str();
}

void endProgressLine(HostState& s) {
    if (!s.lastProgress.empty()) {
        std::cout << "\n";
        s.lastProgress.clear();
    }
}

void hostShowNotice(const tis_host* h, const tis_notice* raw) {
    auto& s = state(h);
    const auto n = plugins::checkNotice(raw);
    if (!n) {
        std::cerr << "[tiservice-host] " << tr(TIS_TEXT("sample_host", "Ein leerer oder ungültiger Hinweis der Erweiterung wurde nicht angezeigt."))
                  << "\n";
        return;
    }
    endProgressLine(s);
    if (!s.firstNoticeMs)
        s.firstNoticeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s.started).count();
    ++s.notices;
    const std::string id = n->id.empty() ? std::string() : "  (" + n->id + ")";
    const char* level = n->severity == TIS_SEVERITY_CRITICAL ? "!!" : n->severity == TIS_SEVERITY_WARNING ? "! " : "  ";
    std::string actions;
    for (const auto& a : n->actions) actions += " [" + a.label + "]";
    switch (n->style) {
        case TIS_NOTICE_MODAL:
            std::cout << "\n┌─ " << upper(s.pvs) << " ─ " << n->title << "\n│ " << level << " ";
            for (const char c : n->text) std::cout << (c == '\n' ? std::string("\n│    ") : std::string(1, c));
            std::cout << "\n└─" << (actions.empty() ? " [OK]" : actions) << id << "\n";
            break;
        case TIS_NOTICE_TASK_LIST:
            std::cout << "\n☐ " << tr(TIS_TEXT("sample_host", "%1-Aufgabe:").arg(upper(s.pvs))) << " " << n->title
                      << " " << level << "\n    ";
            for (const char c : n->text) std::cout << (c == '\n' ? std::string("\n    ") : std::string(1, c));
            std::cout << actions << id << "\n";
            break;
        default:
            std::cout << "\n▌" << upper(s.pvs) << " " << level << n->title << (n->title.empty() || n->text.empty() ? "" : ": ");
            for (const char c : n->text) std::cout << (c == '\n' ? std::string("\n▌   ") : std::string(1, c));
            std::cout << actions << id << "\n";
    }
    if (!n->id.empty()) s.shownNotices[n->id] = n->title;
    // A person closing it, as the answers file says ("notice:<id>": "later" or "close").
    const auto it = n->id.empty() ? s.answers.end() : s.answers.find("notice:" + n->id);
    if (it != s.answers.end() && s.answered[it->first] < it->second.size()) {
        const bool later = it->second[s.answered[it->first]++] == "later";
        std::cout << "  → "
                  << (later ? tr(TIS_TEXT("sample_host", "Später")) : tr(TIS_TEXT("sample_host", "Geschlossen")))
                  << "\n";
        s.shownNotices.erase(n->id);
        std::lock_guard lock(s.mutex);
        s.pendingClosings.emplace_back(n->id, later);
    }
    std::cout << std::flush;
}

void hostWithdrawNotice(const tis_host* h, const char* rawId) {
    auto& s = state(h);
    const auto id = plugins::checkedString(rawId, 256);
    const auto it = s.shownNotices.find(id);
    if (it == s.shownNotices.end()) return;  // not shown (or closed by the person): nothing to take away
    endProgressLine(s);
    std::cout << "\n"
              << tr(TIS_TEXT("sample_host", "%1: Hinweis entfernt – %2").arg(upper(s.pvs), it->second)) << "  (" << id
              << ")\n"
              << std::flush;
    s.shownNotices.erase(it);
}

/// A line from the terminal; a secret without echo (a PVS shows dots, never the password).
bool readLine(std::string& line, bool secret) {
    if (!secret || !tiservice::cli::inputIsTerminal()) return static_cast<bool>(std::getline(std::cin, line));
    auto typed = tiservice::cli::readLineHidden();
    std::cout << "********\n";
    if (!typed) return false;
    line = std::move(*typed);
    return true;
}

void hostAsk(const tis_host* h, const tis_question* raw) {
    auto& s = state(h);
    const auto q = plugins::checkQuestion(raw);
    if (!q || q->text.empty()) {
        std::cerr << "[tiservice-host] "
                  << tr(TIS_TEXT("sample_host", "Eine ungültige Frage der Erweiterung wurde nicht gestellt.")) << "\n";
        // A question that cannot be asked is cancelled, so the plugin does not wait for ever.
        if (q) {
            std::lock_guard lock(s.mutex);
            s.pendingAnswers.emplace_back(q->handle, std::nullopt);
        }
        return;
    }
    endProgressLine(s);
    std::cout << "\n? " << q->text;
    for (std::size_t i = 0; i < q->choices.size(); ++i) std::cout << "\n    " << (i + 1) << ") " << q->choices[i].label;
    std::optional<std::string> value;
    const auto it = s.answers.find(q->id);
    if (it != s.answers.end() && s.answered[q->id] < it->second.size()) {
        value = it->second[s.answered[q->id]++];
        // What the person would have clicked: the choice's label, never its id; dots for a secret.
        std::string shown = q->kind == TIS_ASK_SECRET ? std::string("********") : *value;
        for (const auto& c : q->choices)
            if (c.id == *value) shown = c.label;
        std::cout << "\n  → " << shown << "\n";
    } else if (s.interactive) {
        std::cout << "\n  > " << std::flush;
        std::string line;
        if (readLine(line, q->kind == TIS_ASK_SECRET)) {
            value = line.empty() ? q->defaultValue : line;
            for (std::size_t i = 0; i < q->choices.size(); ++i)
                if (line == std::to_string(i + 1)) value = q->choices[i].id;
        }
    } else {
        std::cout << "\n  → (" << tr(TIS_TEXT("sample_host", "keine Antwort: abgebrochen")) << ")\n";
    }
    std::cout << std::flush;
    // Answered on the next turn of the main loop, never from inside ask().
    std::lock_guard lock(s.mutex);
    s.pendingAnswers.emplace_back(q->handle, value);
}

void hostProgress(const tis_host* h, const tis_progress* raw) {
    auto& s = state(h);
    const auto p = plugins::checkProgress(raw);
    if (!p || p->text.empty()) return;
    std::string line = p->text;
    if (p->percent >= 0) line += " – " + std::to_string(p->percent) + " %";
    if (line == s.lastProgress) return;
    std::cout << (s.lastProgress.empty() ? "" : "\n") << "  … " << line << std::flush;
    s.lastProgress = line;
}

void hostOpenUrl(const tis_host*, const char* url) {
    const auto u = plugins::checkedString(url, 2048);
    if (u.starts_with("https://") || u.starts_with("http://")) std::cout << "\n[Browser] " << u << "\n";
}

int32_t hostWorkplacesSignedIn(const tis_host* h) { return state(h).workplacesInUse; }  // [thread-safe]: set before start
const tis_workplaces_ext kWorkplaces{hostWorkplacesSignedIn};

const void* hostGetExtension(const tis_host*, const char* id) {
    if (id && std::string_view(id) == TIS_HOST_EXT_WORKPLACES) return &kWorkplaces;
    return nullptr;
}

/// The practice software carries on without the plugin and says so.
int withoutTiService(const plugins::LoadedPlugin& loaded) {
    std::cout << tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: "))
              << (loaded.error() ? loaded.error()->describe() : std::string()) << "\n"
              << tr(TIS_TEXT("sample_host", "Die Praxissoftware läuft ohne TI-Service weiter.")) << "  ("
              << plugins::pluginStateId(loaded.state()) << ")\n";
    // For the vendor's support: which call and what the plugin said (the host's log).
    if (loaded.error() && !loaded.error()->detail.empty())
        std::cerr << "[tiservice-host] " << loaded.error()->code << ": " << loaded.error()->detail << "\n";
    return 4;
}

std::map<std::string, std::string> readSettings(const std::filesystem::path& file, std::string& error) {
    std::ifstream in(file);
    if (!in) {
        error = tr(TIS_TEXT("sample_host", "Die Einstellungsdatei %1 ist nicht lesbar.").arg(tiservice::utf8Of(file)));
        return {};
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return sample_host::parseHostSettings(text);
}

}  // namespace

int main(int argc, char** argv) {
    tiservice::cli::claimQtMainThread();
    tiservice::cli::useUtf8Console();
    // What a plugin hands over is shown without control characters, whatever the plugin does.
    tiservice::PrintableStreambuf printableOut(std::cout.rdbuf()), printableErr(std::cerr.rdbuf());
    std::cout.rdbuf(&printableOut);
    std::cerr.rdbuf(&printableErr);
    struct Restore {
        std::streambuf *o, *e;
        ~Restore() {
            std::cout.flush();
            std::cerr.flush();
            std::cout.rdbuf(o);
            std::cerr.rdbuf(e);
        }
    } restore{printableOut.target(), printableErr.target()};
    std::vector<std::string> args = tiservice::cli::arguments(argc, argv);
    std::string pvs;
    std::filesystem::path pluginsDir, settingsFile, answersFile, stateDir;
    std::vector<std::string> runs;
    int timeoutSeconds = 900;
    int pluginDeadlineSeconds = 10;
    bool stay = false;
    bool gui = false;
    std::filesystem::path screenshots;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("-h", "--help")) {
                std::cout << tr(kHelp);
                return 0;
            } else if (o.is("--pvs")) pvs = o.value();
            else if (o.is("--plugins")) pluginsDir = o.path();
            else if (o.is("--settings")) settingsFile = o.path();
            else if (o.is("--answers")) answersFile = o.path();
            else if (o.is("--interactive")) g.interactive = true;
            else if (o.is("--run")) runs.push_back(o.value());
            else if (o.is("--state-dir")) stateDir = o.path();
            else if (o.is("--timeout")) {
                timeoutSeconds = o.number<int>();
                if (timeoutSeconds <= 0)
                    throw command_line::UsageError{TIS_TEXT("sample_host", "--timeout erwartet Sekunden größer als 0")};
            } else if (o.is("--plugin-deadline")) {
                pluginDeadlineSeconds = o.number<int>();
                if (pluginDeadlineSeconds <= 0 || pluginDeadlineSeconds > 600)
                    throw command_line::UsageError{
                        TIS_TEXT("sample_host", "--plugin-deadline erwartet Sekunden von 1 bis 600")};
            } else if (o.is("--workplaces-in-use")) g.workplacesInUse = o.number<int>();
            else if (o.is("--stay")) stay = true;
            else if (o.is("--gui")) gui = true;
            else if (o.is("--screenshots")) screenshots = o.path();
            else if (o.is("--lang")) {
                const auto v = o.value();
                const auto l = parseLanguage(v);
                if (!l)
                    throw command_line::UsageError{
                        TIS_TEXT("sample_host", "Unbekannte Sprache \"%1\". Erlaubt sind de und en.").arg(v)};
                setCurrentLanguage(*l);
            } else {
                o.unknown();
            }
        }
    } catch (const command_line::UsageError& e) {
        std::cerr << "tiservice-host: " << tr(e.text) << "\n" << tr(kHelp);
        return 2;
    }
    if (pvs.empty() || settingsFile.empty()) {
        std::cerr << tr(kHelp);
        return 2;
    }
#ifndef TISERVICE_HOST_GUI
    if (gui) {
        std::cerr << "tiservice-host: "
                  << tr(TIS_TEXT("sample_host",
                                 "Diese Ausgabe hat kein Fenster. Bitte ohne --gui starten, dann im Terminal."))
                  << "\n";
        return 2;
    }
#endif
    if (pluginsDir.empty()) {
        auto exe = tiservice::cli::currentExecutable();
        if (exe.empty()) exe = std::filesystem::path(argv[0]);
        pluginsDir = exe.parent_path().parent_path() / "lib" / "tiservice" / "adapters";
    }
    g.pvs = pvs;
    std::string error;
    g.settings = readSettings(settingsFile, error);
    if (!error.empty()) {
        std::cerr << "tiservice-host: " << error << "\n";
        return 2;
    }
    g.settings["language"] = std::string(languageTag(currentLanguage()));
    if (!stateDir.empty()) g.settings["tiservice.state_dir"] = tiservice::utf8Of(stateDir);
    if (!answersFile.empty()) {
        std::ifstream in(answersFile);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto answers = workflow::parseAnswers(text);
        if (!answers.ok()) {
            std::cerr << "tiservice-host: " << answers.error().describe() << "\n";
            return 2;
        }
        g.answers = std::move(answers).value();
    }

    std::cout << "== " << tr(TIS_TEXT("sample_host", "%1 (tiservice-host) startet").arg(upper(pvs))) << " ==\n";
    const auto loadStart = std::chrono::steady_clock::now();
    const std::chrono::milliseconds pluginDeadline = std::chrono::seconds(pluginDeadlineSeconds);
    auto loaded = plugins::LoadedPlugin::load(plugins::adapterFile(pluginsDir, pvs), pvs,
                                              {.start = pluginDeadline, .stop = pluginDeadline});
    // A plugin cut off inside its own code may still run there: end without unloading it.
    const auto finish = [&](int code) {
        if (!loaded->notResponding()) return code;
        std::cout.flush();
        std::cerr.flush();
        printableOut.pubsync();
        printableErr.pubsync();
        std::_Exit(code);
    };
    if (loaded->state() != plugins::PluginState::Loaded) return finish(withoutTiService(*loaded));
    std::cout << tr(TIS_TEXT("sample_host", "Erweiterung geladen: ")) << loaded->manifest().name << " "
              << loaded->manifest().version << "\n";

    if (gui) {
#ifdef TISERVICE_HOST_GUI
        return finish(sample_host::runGuiHost(argc, argv, *loaded,
                                              {.pvs = pvs,
                                               .settings = g.settings,
                                               .answers = g.answers,
                                               .runs = runs,
                                               .stay = stay,
                                               .timeout = std::chrono::seconds(timeoutSeconds),
                                               .workplacesInUse = g.workplacesInUse,
                                               .screenshots = screenshots}));
#endif
    }

    static tis_host host{};
    host.struct_size = sizeof(tis_host);
    host.host_data = &g;
    host.name = pvs.c_str();
    host.version = "sample";
    host.log = hostLog;
    host.request_callback = hostRequestCallback;
    host.get_setting = hostGetSetting;
    host.show_notice = hostShowNotice;
    host.ask = hostAsk;
    host.progress = hostProgress;
    host.open_url = hostOpenUrl;
    host.get_extension = hostGetExtension;
    host.withdraw_notice = hostWithdrawNotice;

    g.started = loadStart;
    const auto initStart = std::chrono::steady_clock::now();
    if (!loaded->start(&host)) return finish(withoutTiService(*loaded));
    const auto initMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - initStart).count();
    g.plugin = loaded.get();

    std::cout << tr(TIS_TEXT("sample_host", "Menü "));
    const auto menu = loaded->menuEntries();
    for (std::size_t i = 0; i < menu.size(); ++i)
        std::cout << (i > 0 ? std::string(", ") : menu[i].location.empty() ? std::string() : menu[i].location + ": ")
                  << menu[i].label << " [" << menu[i].id << "]";
    std::cout << "\n";
    if (!loaded->running()) return finish(withoutTiService(*loaded));

    // The main-thread loop: wait for request_callback, then let the plugin deliver on this thread.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    std::size_t nextRun = 0;
    int idleTurns = 0;
    int exitCode = 0;
    while (true) {
        {
            std::unique_lock lock(g.mutex);
            g.cv.wait_for(lock, std::chrono::milliseconds(50), [] { return g.callbackRequested || !g.pendingAnswers.empty(); });
            g.callbackRequested = false;
        }
        loaded->onMainThread();
        std::deque<std::pair<uint64_t, std::optional<std::string>>> answers;
        {
            std::lock_guard lock(g.mutex);
            answers.swap(g.pendingAnswers);
        }
        for (const auto& [handle, value] : answers) loaded->answer(handle, value);
        std::deque<std::pair<std::string, bool>> closings;
        {
            std::lock_guard lock(g.mutex);
            closings.swap(g.pendingClosings);
        }
        for (const auto& [id, later] : closings) loaded->noticeClosed(id, later);
        if (!loaded->running()) {
            endProgressLine(g);
            exitCode = withoutTiService(*loaded);
            break;
        }

        const bool busy = loaded->busy().value_or(false);
        idleTurns = busy || !answers.empty() ? 0 : idleTurns + 1;
        if (idleTurns >= 3) {
            if (nextRun < runs.size()) {
                std::cout << "\n== " << tr(TIS_TEXT("sample_host", "Menü:")) << " " << runs[nextRun] << " ==\n";
                if (const auto refused = loaded->runMenuEntry(runs[nextRun])) std::cout << *refused << "\n";
                if (!loaded->running()) {
                    exitCode = withoutTiService(*loaded);
                    break;
                }
                ++nextRun;
                idleTurns = 0;
            } else if (!stay) {
                break;
            }
        }
        if (std::chrono::steady_clock::now() > deadline) {
            std::cout << "\n"
                      << tr(TIS_TEXT("sample_host", "Zeitlimit erreicht; die Praxissoftware beendet sich.")) << "\n";
            exitCode = 5;
            break;
        }
    }
    endProgressLine(g);
    loaded->stop();
    if (loaded->notResponding()) {
        std::cout << tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) << loaded->error()->describe() << "  ("
                  << plugins::pluginStateId(loaded->state()) << ")\n";
        std::cerr << "[tiservice-host] " << loaded->error()->code << ": " << loaded->error()->detail << "\n";
        exitCode = 4;
    }
    const std::string figures =
        g.firstNoticeMs
            ? tr(TIS_TEXT("sample_host", "Hinweise: %1; init %2 ms; erster Hinweis nach %3 ms")
                     .arg(g.notices, static_cast<int>(initMs), static_cast<int>(*g.firstNoticeMs)))
            : tr(TIS_TEXT("sample_host", "Hinweise: %1; init %2 ms").arg(g.notices, static_cast<int>(initMs)));
    std::cout << "\n== " << tr(TIS_TEXT("sample_host", "%1 beendet").arg(upper(pvs))) << " (" << figures << ") ==\n";
    return finish(exitCode);
}
