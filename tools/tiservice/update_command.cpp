// tiservice update / password / history: the guided update in a terminal.

#include <iostream>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "commands.h"
#include "terminal_io.h"
#include "terminal_ui.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/log.h"
#include "tiservice/paths.h"
#include "tiservice/workflow/update_workflow.h"

namespace tiservice::cli {
namespace {

using workflow::Outcome;

int exitCodeFor(Outcome o) {
    switch (o) {
        case Outcome::Succeeded:
        case Outcome::Planned:
        case Outcome::NothingToDo: return 0;
        case Outcome::Cancelled:
        case Outcome::OtherWorkstation:
        case Outcome::NoDriver: return 1;
        case Outcome::Failed:
        case Outcome::NeedsSupport: return 2;
        case Outcome::CouldNotStart: return 3;
    }
    return 3;
}

const char* kUpdateHelp = R"(tiservice update [--config FILE] [--answers FILE] [--at HH:MM]

  Führt durch das Update: anmelden (abgelaufenes Passwort ändern), planen (Kartenterminals vor dem
  Konnektor), laden, bestätigen, starten, den Konnektor durch seine Neustarts begleiten, prüfen,
  im Update-Archiv eintragen. Ein unterbrochenes Update wird beim nächsten Start zu Ende verfolgt.
  Guides through the update; an interrupted one is followed up at the next start.

  --answers FILE   Antworten aus einer JSON-Datei statt vom Terminal / answers from a JSON file
  --at HH:MM       für diese Uhrzeit planen / plan it for this time

  Rückgabe / exit: 0 erledigt oder geplant / done or planned, 1 abgebrochen oder anderer Arbeitsplatz /
  cancelled or another workplace, 2 fehlgeschlagen oder Support nötig / failed or support needed,
  3 nicht möglich / could not start
)";

struct Prepared {
    ConnectionSettings settings;
    net::ClientOptions options;
    workflow::WorkflowOptions workflowOptions;
    std::unique_ptr<TerminalUi> ui;
};

std::optional<Prepared> prepare(const std::filesystem::path& config, const std::optional<std::filesystem::path>& answers,
                                std::ostream& out, std::ostream& err) {
    const auto stateDir = defaultStateFolder();
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = spdlog::level::off}); !s.ok())
        err << s.error().describe() << "\n";
    Prepared p;
    if (answers) {
        auto ui = AnswersFileUi::load(*answers, out, std::cin);
        if (!ui.ok()) {
            err << ui.error().describe() << "\n";
            return std::nullopt;
        }
        p.ui = std::move(ui).value();
    } else {
        p.ui = std::make_unique<TerminalUi>(out, std::cin);
    }
    auto settings = loadConnectionSettings(config);
    if (!settings.ok()) {
        err << settings.error().describe() << "\n";
        return std::nullopt;
    }
    p.settings = *settings;
    TerminalUi* ui = p.ui.get();
    auto options = konnektor::connectorClientOptions(*settings, [ui](const LocalizedText& question) {
        return ui->ask({"connection.password", workflow::Question::Kind::Secret, question, {}, ""});
    });
    if (!options.ok()) {
        err << options.error().describe() << "\n";
        return std::nullopt;
    }
    p.options = *options;
    auto hours = workflow::PracticeHours::parse(settings->practiceHours);
    if (!hours.ok()) {
        err << hours.error().describe() << "\n";
        return std::nullopt;
    }
    p.workflowOptions = workflow::workflowOptionsFrom(*settings, stateDir, *hours);
    return p;
}

int finish(const workflow::WorkflowResult& r, std::ostream& out) {
    out << "\n" << tr(r.message) << "\n";
    return exitCodeFor(r.outcome);
}

}  // namespace

int runUpdate(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    std::optional<std::string> at;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) config = args[++i];
        else if (args[i] == "--answers" && i + 1 < args.size()) answers = args[++i];
        else if (args[i] == "--at" && i + 1 < args.size()) at = args[++i];
        else if (args[i] == "-h" || args[i] == "--help") {
            out << kUpdateHelp;
            return 0;
        } else {
            err << tr({"Unbekannte Option für update: " + args[i], "Unknown option for update: " + args[i]}) << "\n";
            return 3;
        }
    }
    std::optional<TimePoint> plannedAt;
    if (at) {
        plannedAt = workflow::nextLocalTime(*at, SystemClock::shared()->now());
        if (!plannedAt) {
            err << tr({"--at erwartet eine Uhrzeit HH:MM, z. B. 19:30.", "--at expects a time HH:MM, e.g. 19:30."}) << "\n";
            return 3;
        }
    }
    auto p = prepare(config, answers, out, err);
    if (!p) return 3;
    workflow::UpdateWorkflow wf(p->settings, p->options, *p->ui, *SystemClock::shared(), p->workflowOptions);
    return finish(wf.run(plannedAt), out);
}

int runPassword(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    std::optional<std::filesystem::path> answers;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) config = args[++i];
        else if (args[i] == "--answers" && i + 1 < args.size()) answers = args[++i];
        else if (args[i] == "-h" || args[i] == "--help") {
            out << "tiservice password [--config FILE] [--answers FILE]\n  "
                << tr({"Ändert das Admin-Passwort des Konnektors (nach seinen Regeln).",
                       "Changes the connector's admin password (by its rules)."})
                << "\n";
            return 0;
        } else {
            err << tr({"Unbekannte Option für password: " + args[i], "Unknown option for password: " + args[i]}) << "\n";
            return 3;
        }
    }
    auto p = prepare(config, answers, out, err);
    if (!p) return 3;
    workflow::UpdateWorkflow wf(p->settings, p->options, *p->ui, *SystemClock::shared(), p->workflowOptions);
    return finish(wf.changePassword(), out);
}

int runHistory(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--json") json = true;
        else if (a == "--config" && i + 1 < args.size()) ++i;  // accepted like every command; the archive lives in the state folder
        else if (a == "-h" || a == "--help") {
            out << "tiservice history [--json]\n  "
                << tr({"Zeigt das Update-Archiv: wer hat wann was aktualisiert.", "Shows the update archive: who updated what, when."})
                << "\n";
            return 0;
        } else {
            err << tr({"Unbekannte Option für history: " + a, "Unknown option for history: " + a}) << "\n";
            return 3;
        }
    }
    workflow::UpdateHistory history(defaultStateFolder() / "history.jsonl");
    int unreadable = 0;
    const auto entries = history.read(&unreadable);
    const Language l = currentLanguage();
    if (json) {
        QJsonArray list;
        for (const auto& e : entries) {
            QJsonObject o{{"time", QString::fromStdString(formatUtc(e.time))}, {"event", QString::fromStdString(e.event)},
                          {"connector", QString::fromStdString(e.connector)}, {"component", QString::fromStdString(e.component)},
                          {"name", QString::fromStdString(e.name)}, {"from", QString::fromStdString(e.fromVersion)},
                          {"to", QString::fromStdString(e.toVersion)}, {"result", QString::fromStdString(e.result)},
                          {"reason", QString::fromStdString(e.reason)},
                          {"clientSystemId", QString::fromStdString(e.clientSystemId)},
                          {"workplaceId", QString::fromStdString(e.workplaceId)}};
            if (e.plannedAt) o.insert("plannedAt", QString::fromStdString(formatUtc(*e.plannedAt)));
            list.append(o);
        }
        out << QJsonDocument(list).toJson(QJsonDocument::Indented).toStdString();
        return 0;
    }
    if (entries.empty()) {
        out << tr({"Das Update-Archiv ist leer.", "The update archive is empty."}) << "\n";
        return 0;
    }
    static const std::map<std::string, LocalizedText> events{
        {"planned", {"geplant", "planned"}}, {"started", {"gestartet", "started"}}, {"finished", {"beendet", "finished"}}};
    static const std::map<std::string, LocalizedText> results{
        {"succeeded", {"erfolgreich", "succeeded"}}, {"failed", {"fehlgeschlagen", "failed"}}, {"broken", {"defekt", "broken"}}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : entries) {
        const auto ev = events.count(e.event) ? tr(events.at(e.event)) : e.event;
        std::string result = results.count(e.result) ? tr(results.at(e.result)) : e.result;
        if (!e.reason.empty() && e.result != "succeeded") result += " (" + e.reason + ")";
        if (e.event == "planned" && e.plannedAt) result = tr({"für ", "for "}) + localTime(*e.plannedAt, l);
        rows.push_back({localTime(e.time, l), ev, e.name, e.fromVersion + " → " + e.toVersion, result,
                        e.clientSystemId + "/" + e.workplaceId});
    }
    out << tr({"Update-Archiv", "Update archive"}) << "\n\n"
        << table({tr({"Zeit", "Time"}), tr({"Ereignis", "Event"}), tr({"Komponente", "Component"}), tr({"Version", "Version"}),
                   tr({"Ergebnis", "Result"}), tr({"Clientsystem/Arbeitsplatz", "Client system/workplace"})},
                 rows);
    if (unreadable > 0)
        out << tr({std::to_string(unreadable) + " unlesbare Zeile(n) übersprungen.", std::to_string(unreadable) + " unreadable line(s) skipped."})
            << "\n";
    return 0;
}

}  // namespace tiservice::cli
