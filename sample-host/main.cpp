// tiservice-host: a stand-in practice software (PVS). It loads a tiservice adapter through
// plugins/loader, hosts it on a real main-thread loop that honours request_callback, shows
// notices, questions and progress in the terminal in the PVS's style, and answers from a
// file for automation. It is the reference for PVS vendors hosting an adapter.

#include <unistd.h>

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
#include "tiservice/display_text.h"
#include "tiservice/i18n.h"
#include "host_settings.h"
#include "tiservice/plugin_loader.h"
#include "tiservice/workflow/answers.h"

using namespace tiservice;

namespace {

constexpr Message kHelp = TIS_TEXT(
    "sample_host", R"(tiservice-host – eine Praxissoftware zum Ausprobieren: lädt einen tiservice-Adapter und zeigt
seine Hinweise, Fragen und Fortschritte im Terminal.

Aufruf: tiservice-host --pvs NAME --settings DATEI [Optionen]

  --pvs NAME          medistar | albis | z1 | turbomed | chremasoft
  --plugins ORDNER    Ordner der Adapter (Standard: <bin>/../lib/tiservice/adapters)
  --settings DATEI    TI-Einstellungen in der Sprache der Praxissoftware ("Schlüssel = Wert"), siehe
                      host-adapters/<pvs>/README.md
  --answers DATEI     Antworten als JSON ({"frage.id": "Antwort" | ["…", "…"]})
  --interactive       Fragen im Terminal beantworten
  --run ID            Menüeintrag ausführen, z. B. ti-service.update (mehrfach möglich)
  --state-dir ORDNER  Ordner für Journal, Archiv, Protokoll
  --lang de|en        Sprache
  --timeout SEKUNDEN  spätestens dann beenden (Standard 900)
  --stay              nicht beenden, wenn alles erledigt ist (Strg+C)
)");

struct HostState {
    std::string pvs;
    std::map<std::string, std::string> settings;
    std::map<std::string, std::vector<std::string>> answers;
    std::map<std::string, std::size_t> answered;
    bool interactive = false;
    std::string style = "banner";
    const tis_plugin* plugin = nullptr;

    std::mutex mutex;
    std::condition_variable cv;
    bool callbackRequested = false;
    std::deque<std::pair<uint64_t, std::optional<std::string>>> pendingAnswers;  // answered on the next loop turn
    std::string lastProgress;
    int notices = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::optional<double> firstNoticeMs;
};

HostState g;  // one host, one plugin: the C callbacks find their state here through host_data as well

HostState& state(const tis_host* h) { return *static_cast<HostState*>(h->host_data); }

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

void hostLog(const tis_host*, int32_t level, const char* message) {
    if (level >= TIS_LOG_WARNING) std::cerr << "[tiservice] " << message << "\n";
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
    auto& s = state(h);
    auto it = s.settings.find(key ? key : "");
    return it == s.settings.end() ? nullptr : it->second.c_str();
}

void endProgressLine(HostState& s) {
    if (!s.lastProgress.empty()) {
        std::cout << "\n";
        s.lastProgress.clear();
    }
}

void hostShowNotice(const tis_host* h, const tis_notice* n) {
    auto& s = state(h);
    endProgressLine(s);
    if (!s.firstNoticeMs)
        s.firstNoticeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s.started).count();
    ++s.notices;
    const char* level = n->severity == TIS_SEVERITY_CRITICAL ? "!!" : n->severity == TIS_SEVERITY_WARNING ? "! " : "  ";
    std::string actions;
    for (uint32_t i = 0; i < n->action_count; ++i) actions += " [" + std::string(n->actions[i].label) + "]";
    switch (n->style) {
        case TIS_NOTICE_MODAL:
            std::cout << "\n┌─ " << upper(s.pvs) << " ─ " << n->title << "\n│ " << level << " ";
            for (const char* c = n->text; *c; ++c) std::cout << (*c == '\n' ? std::string("\n│    ") : std::string(1, *c));
            std::cout << "\n└─" << (actions.empty() ? " [OK]" : actions) << "  (" << n->id << ")\n";
            break;
        case TIS_NOTICE_TASK_LIST:
            std::cout << "\n☐ " << tr(TIS_TEXT("sample_host", "%1-Aufgabe:").arg(upper(s.pvs))) << " " << n->title
                      << " " << level << "\n    ";
            for (const char* c = n->text; *c; ++c) std::cout << (*c == '\n' ? std::string("\n    ") : std::string(1, *c));
            std::cout << actions << "  (" << n->id << ")\n";
            break;
        default:
            std::cout << "\n▌" << upper(s.pvs) << " " << level << n->title << ": ";
            for (const char* c = n->text; *c; ++c) std::cout << (*c == '\n' ? std::string("\n▌   ") : std::string(1, *c));
            std::cout << actions << "  (" << n->id << ")\n";
    }
    std::cout << std::flush;
}

void hostAsk(const tis_host* h, const tis_question* q) {
    auto& s = state(h);
    endProgressLine(s);
    std::cout << "\n? " << q->text;
    for (uint32_t i = 0; i < q->choice_count; ++i) std::cout << "\n    " << (i + 1) << ") " << q->choices[i].label;
    std::optional<std::string> value;
    const auto it = s.answers.find(q->id);
    if (it != s.answers.end() && s.answered[q->id] < it->second.size()) {
        value = it->second[s.answered[q->id]++];
        std::cout << "\n  → " << (q->kind == TIS_ASK_SECRET ? std::string("********") : *value) << "\n";
    } else if (s.interactive) {
        std::cout << "\n  > " << std::flush;
        std::string line;
        if (std::getline(std::cin, line)) {
            value = line.empty() ? std::string(q->default_value) : line;
            for (uint32_t i = 0; i < q->choice_count; ++i)
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

void hostProgress(const tis_host* h, const tis_progress* p) {
    auto& s = state(h);
    std::string line = p->text;
    if (p->percent >= 0) line += " – " + std::to_string(p->percent) + " %";
    if (line == s.lastProgress) return;
    std::cout << (s.lastProgress.empty() ? "" : "\n") << "  … " << line << std::flush;
    s.lastProgress = line;
}

void hostOpenUrl(const tis_host*, const char* url) { std::cout << "\n[Browser] " << url << "\n"; }

std::map<std::string, std::string> readSettings(const std::filesystem::path& file, std::string& error) {
    std::ifstream in(file);
    if (!in) {
        error = tr(TIS_TEXT("sample_host", "Die Einstellungsdatei %1 ist nicht lesbar.").arg(file.string()));
        return {};
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return sample_host::parseHostSettings(text);
}

}  // namespace

int main(int argc, char** argv) {
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
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string pvs;
    std::filesystem::path pluginsDir, settingsFile, answersFile, stateDir;
    std::vector<std::string> runs;
    int timeoutSeconds = 900;
    bool stay = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                std::cerr << "tiservice-host: " << tr(command_line::missingValue(a).text) << "\n";
                std::exit(2);
            }
            return args[++i];
        };
        if (a == "-h" || a == "--help") {
            std::cout << tr(kHelp);
            return 0;
        } else if (a == "--pvs") pvs = value();
        else if (a == "--plugins") pluginsDir = value();
        else if (a == "--settings") settingsFile = value();
        else if (a == "--answers") answersFile = value();
        else if (a == "--interactive") g.interactive = true;
        else if (a == "--run") runs.push_back(value());
        else if (a == "--state-dir") stateDir = value();
        else if (a == "--timeout") {
            try {
                timeoutSeconds = command_line::number<int>(a, value());
            } catch (const command_line::UsageError& e) {
                std::cerr << "tiservice-host: " << tr(e.text) << "\n";
                return 2;
            }
            if (timeoutSeconds <= 0) {
                std::cerr << "tiservice-host: " << tr(TIS_TEXT("sample_host", "--timeout erwartet Sekunden größer als 0"))
                          << "\n";
                return 2;
            }
        } else if (a == "--stay")
            stay = true;
        else if (a == "--lang") {
            const auto v = value();
            const auto l = parseLanguage(v);
            if (!l) {
                std::cerr << "tiservice-host: "
                          << tr(TIS_TEXT("sample_host", "Unbekannte Sprache \"%1\". Erlaubt sind de und en.").arg(v))
                          << "\n";
                return 2;
            }
            setCurrentLanguage(*l);
        } else {
            std::cerr << "tiservice-host: " << tr(TIS_TEXT("sample_host", "unbekannte Option %1").arg(a)) << "\n"
                      << tr(kHelp);
            return 2;
        }
    }
    if (pvs.empty() || settingsFile.empty()) {
        std::cerr << tr(kHelp);
        return 2;
    }
    if (pluginsDir.empty()) {
        char self[4096];
        const auto n = readlink("/proc/self/exe", self, sizeof self - 1);
        const std::filesystem::path exe = n > 0 ? std::filesystem::path(std::string(self, static_cast<std::size_t>(n)))
                                                : std::filesystem::path(argv[0]);
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
    if (!stateDir.empty()) g.settings["tiservice.state_dir"] = stateDir.string();
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
    auto loaded = plugins::LoadedPlugin::load(plugins::adapterFile(pluginsDir, pvs), pvs);
    if (loaded->state() != plugins::PluginState::Loaded) {
        std::cout << tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) << loaded->error()->describe() << "\n"
                  << tr(TIS_TEXT("sample_host", "Die Praxissoftware läuft ohne TI-Service weiter.")) << "  ("
                  << plugins::pluginStateId(loaded->state()) << ")\n";
        return 4;
    }
    std::cout << tr(TIS_TEXT("sample_host", "Erweiterung geladen: ")) << loaded->manifest().name << " "
              << loaded->manifest().version << "\n";

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

    g.started = loadStart;
    const auto initStart = std::chrono::steady_clock::now();
    if (!loaded->start(&host)) {
        std::cout << tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) << loaded->error()->describe() << "\n"
                  << tr(TIS_TEXT("sample_host", "Die Praxissoftware läuft ohne TI-Service weiter.")) << "  ("
                  << plugins::pluginStateId(loaded->state()) << ")\n";
        return 4;
    }
    const auto initMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - initStart).count();
    const auto* plugin = loaded->plugin();
    g.plugin = plugin;
    const auto* activity = static_cast<const tis_activity_ext*>(plugin->get_extension(plugin, TIS_EXT_ACTIVITY));

    std::cout << tr(TIS_TEXT("sample_host", "Menü "));
    for (uint32_t i = 0; i < plugin->menu_entry_count(plugin); ++i) {
        tis_menu_entry e{sizeof(tis_menu_entry), nullptr, nullptr, nullptr};
        if (plugin->get_menu_entry(plugin, i, &e) == TIS_OK)
            std::cout << (i == 0 ? std::string(e.location) + ": " : std::string(", ")) << e.label << " [" << e.id << "]";
    }
    std::cout << "\n";

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
        plugin->on_main_thread(plugin);
        std::deque<std::pair<uint64_t, std::optional<std::string>>> answers;
        {
            std::lock_guard lock(g.mutex);
            answers.swap(g.pendingAnswers);
        }
        for (const auto& [handle, value] : answers) plugin->answer(plugin, handle, value ? value->c_str() : nullptr);

        const bool busy = activity && activity->busy(plugin) != 0;
        idleTurns = busy || !answers.empty() ? 0 : idleTurns + 1;
        if (idleTurns >= 3) {
            if (nextRun < runs.size()) {
                std::cout << "\n== " << tr(TIS_TEXT("sample_host", "Menü:")) << " " << runs[nextRun] << " ==\n";
                if (plugin->run_menu_entry(plugin, runs[nextRun].c_str()) != TIS_OK)
                    std::cout << plugin->last_error(plugin) << "\n";
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
    const std::string figures =
        g.firstNoticeMs
            ? tr(TIS_TEXT("sample_host", "%1 Hinweise; init %2 ms; erster Hinweis nach %3 ms")
                     .arg(g.notices, static_cast<int>(initMs), static_cast<int>(*g.firstNoticeMs)))
            : tr(TIS_TEXT("sample_host", "%1 Hinweise; init %2 ms").arg(g.notices, static_cast<int>(initMs)));
    std::cout << "\n== " << tr(TIS_TEXT("sample_host", "%1 beendet").arg(upper(pvs))) << " (" << figures << ") ==\n";
    return exitCode;
}
