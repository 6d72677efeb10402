// tiservice update / plan / password / history: the guided update in a terminal.

#include <iostream>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_line.h"
#include "commands.h"
#include "exit_codes.h"
#include "terminal_io.h"
#include "terminal_ui.h"
#include "tiservice/engine/engine.h"
#include "tiservice/engine/maintenance_record.h"
#include "tiservice/log.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::cli {
namespace {

constexpr Message kUpdateHelp =
    TIS_TEXT("update_command", R"(tiservice update [--config DATEI] [--answers DATEI] [--at HH:MM | --mobile-terminal]

  Führt durch das Update: anmelden (abgelaufenes Passwort ändern), planen (Kartenterminals vor dem
  Konnektor), laden, bestätigen, starten, den Konnektor durch seine Neustarts begleiten, prüfen,
  im Update-Archiv eintragen. Ein unterbrochenes Update wird beim nächsten Start zu Ende verfolgt.

  --answers DATEI    Antworten aus einer JSON-Datei statt vom Terminal
  --at HH:MM         für diese Uhrzeit planen
  --mobile-terminal  das mobile Kartenterminal von diesem PC aus aktualisieren (Firmware und
                     CVC-Zertifikatsliste; Akku und Ladeschale werden vorher geprüft, eine
                     unterbrochene Übertragung geht dort weiter, wo sie stand)

  Rückgabewerte: 0 erledigt oder geplant, 1 abgebrochen oder an einem anderen Arbeitsplatz
  gestartet, 2 fehlgeschlagen oder Support nötig, 3 nicht möglich
)");

constexpr Message kPasswordHelp = TIS_TEXT("update_command", R"(tiservice password [--config DATEI] [--answers DATEI]

  Ändert das Admin-Passwort des Konnektors, nach den Regeln seines Herstellers.

  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 geändert, 1 abgebrochen, 2 nicht gelungen oder Support nötig, 3 nicht möglich
)");

constexpr Message kPlanHelp =
    TIS_TEXT("update_command", R"(tiservice plan [--config DATEI] [--answers DATEI] [--move HH:MM | --cancel]

  Geplantes Update ändern: zeigt, was im Konnektor geplant ist (wer es wann geplant hat), und
  verschiebt oder sagt es ab – an jedem Arbeitsplatz, auch ein Update, das ein anderer
  Arbeitsplatz geplant hat. Ohne Option wird gefragt. Dazu ist die Anmeldung am Konnektor nötig,
  wie beim Planen.

  --move HH:MM     auf diese Uhrzeit verschieben (in der Sprechzeit wird gewarnt)
  --cancel         absagen (die Frist gilt weiter)
  --answers DATEI  Antworten aus einer JSON-Datei statt vom Terminal

  Rückgabewerte: 0 verschoben, abgesagt oder nichts geplant, 1 so gelassen oder abgebrochen,
  3 nicht möglich
)");

constexpr Message kHistoryHelp =
    TIS_TEXT("update_command", R"(tiservice history [--config DATEI] [--json] [--export DATEI.html] [--local]

  Zeigt das Update-Archiv, den Nachweis der Wartung: wer hat wann was aktualisiert, geplant,
  abgebrochen. Dazu liest es die Liste der Installationen im Konnektor (ohne Anmeldung), so
  dass jeder Arbeitsplatz dasselbe Archiv zeigt: auch was ein anderer Arbeitsplatz, das
  Auto-Update des Konnektors oder Ihr Dienstleister vor Ort installiert hat.

  --local               nur das Archiv dieses Arbeitsplatzes, ohne den Konnektor zu fragen
  --json                Ausgabe für Programme
  --export DATEI.html   den Wartungsnachweis als Seite zum Drucken schreiben (Praxis, Geräte,
                        Versionen, alle Updates)
)");

struct Prepared {
    std::unique_ptr<TerminalUi> ui;
    std::unique_ptr<engine::Engine> engine;
};

std::optional<Prepared> prepare(const std::filesystem::path& config, const std::optional<std::filesystem::path>& answers,
                                std::ostream& out, std::ostream& err) {
    const auto stateDir = defaultStateFolder();
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = log::Level::Off}); !s.ok())
        err << s.error().describe() << "\n";
    Prepared p;
    p.ui = terminalUiFor(answers, out, err);
    if (!p.ui) return std::nullopt;
    auto settings = loadConnectionSettings(config);
    if (!settings.ok()) {
        err << settings.error().describe() << "\n";
        return std::nullopt;
    }
    // No waiting for the state folder: a second start at the same moment is told at once
    // that one is running.
    p.engine = std::make_unique<engine::Engine>(
        engine::EngineSetup{.stateDir = stateDir, .ui = p.ui.get(), .lockWait = std::chrono::milliseconds(0)});
    p.engine->useSettings(std::move(settings).value());
    return p;
}

/// What the engine did: the result's message, or on stderr why it could not begin
/// (settings, the connection, another tiservice on this PC).
int finish(const Result<workflow::WorkflowResult>& r, std::ostream& out, std::ostream& err) {
    if (!r.ok()) {
        err << r.error().describe() << "\n";
        return update_exit::kNotPossible;
    }
    out << "\n" << tr(r->message) << "\n";
    return update_exit::forOutcome(r->outcome);
}

}  // namespace

int runUpdate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    std::optional<std::string> at;
    bool mobileTerminal = false;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.path();
            else if (o.is("--answers")) answers = o.path();
            else if (o.is("--at")) at = o.value();
            else if (o.is("--mobile-terminal")) mobileTerminal = true;
            else if (o.is("-h", "--help")) {
                out << tr(kUpdateHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("update", e, err);
    }
    if (at && mobileTerminal) {
        err << tr(TIS_TEXT("update_command",
                           "--at gilt für den Konnektor und die Kartenterminals; das mobile Kartenterminal wird sofort "
                           "aktualisiert."))
            << "\n";
        return general_exit::kUsage;
    }
    std::optional<TimePoint> plannedAt;
    if (at) {
        plannedAt = workflow::nextLocalTime(*at, SystemClock::shared()->now());
        if (!plannedAt) {
            err << tr(TIS_TEXT("update_command", "--at erwartet eine Uhrzeit HH:MM, z. B. 19:30.")) << "\n";
            return general_exit::kUsage;
        }
    }
    auto p = prepare(config, answers, out, err);
    if (!p) return update_exit::kNotPossible;
    if (mobileTerminal) return finish(p->engine->updateMobileTerminal(), out, err);
    return finish(p->engine->update(plannedAt), out, err);
}

int runPassword(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.path();
            else if (o.is("--answers")) answers = o.path();
            else if (o.is("-h", "--help")) {
                out << tr(kPasswordHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("password", e, err);
    }
    auto p = prepare(config, answers, out, err);
    if (!p) return update_exit::kNotPossible;
    return finish(p->engine->changePassword(), out, err);
}

int runPlan(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    std::optional<std::string> move;
    bool cancel = false;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.path();
            else if (o.is("--answers")) answers = o.path();
            else if (o.is("--move")) move = o.value();
            else if (o.is("--cancel")) cancel = true;
            else if (o.is("-h", "--help")) {
                out << tr(kPlanHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("plan", e, err);
    }
    workflow::PlanChange change;
    if (move && cancel) {
        err << tr(TIS_TEXT("update_command", "--move und --cancel schließen sich aus.")) << "\n";
        return general_exit::kUsage;
    }
    if (move) {
        change = {workflow::PlanChange::Kind::Move, workflow::nextLocalTime(*move, SystemClock::shared()->now())};
        if (!change.to) {
            err << tr(TIS_TEXT("update_command", "--move erwartet eine Uhrzeit HH:MM, z. B. 19:30.")) << "\n";
            return general_exit::kUsage;
        }
    } else if (cancel) {
        change.kind = workflow::PlanChange::Kind::Cancel;
    }
    auto p = prepare(config, answers, out, err);
    if (!p) return update_exit::kNotPossible;
    return finish(p->engine->changePlan(change), out, err);
}

int runHistory(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    bool json = false;
    bool localOnly = false;
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> exportTo;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--json")) json = true;
            else if (o.is("--config")) config = o.path();
            else if (o.is("--export")) exportTo = o.path();
            else if (o.is("--local")) localOnly = true;
            else if (o.is("-h", "--help")) {
                out << tr(kHistoryHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("history", e, err);
    }
    const auto stateDir = defaultStateFolder();
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = log::Level::Off}); !s.ok())
        err << s.error().describe() << "\n";
    // The practice's archive: the connector's list taken in when settings and connector allow;
    // the archive alone is always enough.
    // Reading the connector's list asks nobody anything: a client certificate's password that
    // is not stored means the local archive.
    workflow::SilentUi quiet;
    engine::Engine engine({.stateDir = stateDir, .ui = &quiet});
    auto settings = loadConnectionSettings(config);
    engine.useSettings(settings);
    const auto view = localOnly ? engine.history() : engine.practiceHistory();
    const auto& entries = view.entries;
    const int unreadable = view.unreadableLines;
    const Language l = currentLanguage();
    if (exportTo) {
        // The practice's names come from its settings when they can be read; the archive is enough.
        const auto practice = settings.ok() ? engine::practiceIdentityOf(*settings) : engine::PracticeIdentity{};
        const auto html = engine::maintenanceRecordHtml(view, practice, SystemClock::shared()->now(), l);
        // Into a folder that is there: a mistyped folder is said, not made.
        std::error_code folderError;
        if (const auto folder = exportTo->parent_path();
            !folder.empty() && !std::filesystem::is_directory(folder, folderError)) {
            if (folderError && folderError != std::errc::no_such_file_or_directory) {  // no permission, a loop
                err << store::writeError(*exportTo, folderError.value()).describe() << "\n";
                return update_exit::kNotPossible;
            }
            err << Error{.code = "history.export-folder",
                         .message =
                             TIS_TEXT("update_command", "Der Ordner %1 für den Wartungsnachweis existiert nicht.")
                                 .arg(tiservice::utf8Of(folder)),
                         .action = TIS_TEXT("update_command", "Einen vorhandenen Ordner angeben."),
                         .detail = tiservice::utf8Of(folder)}
                       .describe()
                << "\n";
            return update_exit::kNotPossible;
        }
        if (auto written = store::writeAtomically(*exportTo, html); !written.ok()) {
            err << written.error().describe() << "\n";
            return update_exit::kNotPossible;
        }
        out << tr(TIS_TEXT("update_command", "Wartungsnachweis geschrieben: %1 (zum Drucken im Browser öffnen)")
                      .arg(exportTo->string()))
            << "\n";
        return general_exit::kDone;
    }
    if (json) {
        QJsonArray list;
        for (const auto& e : entries) {
            QJsonObject o{{"time", QString::fromStdString(formatUtc(e.time))},
                          {"event", QString::fromStdString(e.event)},
                          {"connector", QString::fromStdString(e.connector)},
                          {"component", QString::fromStdString(e.component)},
                          {"name", QString::fromStdString(e.name)},
                          {"from", QString::fromStdString(e.fromVersion)},
                          {"to", QString::fromStdString(e.toVersion)},
                          {"result", QString::fromStdString(e.result)},
                          {"reason", QString::fromStdString(e.reason)},
                          {"clientSystemId", QString::fromStdString(e.clientSystemId)},
                          {"workplaceId", QString::fromStdString(e.workplaceId)},
                          {"byAutoUpdate", e.byAutoUpdate},
                          {"source", QString::fromStdString(e.source.empty() ? "this-workstation" : e.source)}};
            if (e.plannedAt) o.insert("plannedAt", QString::fromStdString(formatUtc(*e.plannedAt)));
            list.append(o);
        }
        out << QJsonDocument(list).toJson(QJsonDocument::Indented).toStdString();
        return general_exit::kDone;
    }
    const auto whereFrom = [&] {
        if (view.connectorListRead) return;
        if (localOnly)
            out << tr(TIS_TEXT("update_command", "Nur die Einträge dieses Arbeitsplatzes (--local).")) << "\n";
        else if (view.connectorListError)
            out << tr(TIS_TEXT("update_command",
                               "Die Liste der Installationen im Konnektor war nicht zu lesen: %1 Gezeigt wird, was "
                               "dieser Arbeitsplatz selbst eingetragen hat.")
                          .arg(view.connectorListError->message))
                << "\n";
    };
    if (entries.empty()) {
        out << tr(TIS_TEXT("update_command", "Das Update-Archiv ist leer.")) << "\n";
        whereFrom();
        return general_exit::kDone;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : entries) {
        const auto ev = tr(workflow::historyEventText(e.event));
        std::string result = tr(workflow::historyResultText(e.result));
        if (!e.reason.empty() && e.result != "succeeded" && e.event == "finished")
            result += ": " + tr(workflow::historyReasonText(e.reason));
        if (e.event == "planned" && e.plannedAt)
            result = tr(TIS_TEXT("update_command", "für %1").arg(localTime(*e.plannedAt, l)));
        rows.push_back({localTime(e.time, l), ev, e.name, e.fromVersion + " → " + e.toVersion, result,
                        tr(workflow::historyStartedByText(e))});
    }
    out << tr(TIS_TEXT("update_command", "Update-Archiv")) << "\n\n"
        << table({tr(TIS_TEXT("update_command", "Zeit")), tr(TIS_TEXT("update_command", "Ereignis")),
                  tr(TIS_TEXT("update_command", "Komponente")), tr(TIS_TEXT("update_command", "Version")),
                  tr(TIS_TEXT("update_command", "Ergebnis")), tr(TIS_TEXT("update_command", "Gestartet von"))},
                 rows);
    whereFrom();
    if (unreadable > 0)
        out << tr(TIS_TEXT(
                      "update_command",
                      "%1 Zeile(n) des Archivs sind unvollständig oder unlesbar (etwa nach einem Stromausfall beim "
                      "Schreiben); sie bleiben unverändert in %2.")
                      .arg(unreadable, tiservice::utf8Of(view.file)))
            << "\n";
    return general_exit::kDone;
}

}  // namespace tiservice::cli
