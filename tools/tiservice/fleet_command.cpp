// tiservice fleet: for service providers, many practices' connectors in one run — a settings
// file each (or every .ini in a folder), a bounded number at a time, each under its own
// deadline, worst first with the deadlines.

#include <algorithm>
#include <iostream>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_line.h"
#include "commands.h"
#include "exit_codes.h"
#include "terminal_io.h"
#include "tiservice/engine/fleet_check.h"
#include "tiservice/logger.h"
#include "tiservice/paths.h"

namespace tiservice::cli {
namespace {

using assess::ComponentStatus;

constexpr Message kFleetHelp = TIS_TEXT(
    "fleet_command",
    R"(tiservice fleet [--dir ORDNER] [--practices LISTE] [DATEI …] [--parallel N] [--timeout SEKUNDEN] [--json]

  Für Dienstleister: prüft die Konnektoren vieler Praxen in einem Lauf – je Praxis eine
  Einstellungsdatei (wie tiservice.ini) oder ein Abschnitt einer Praxisliste – und listet das
  Dringendste zuerst, mit den Fristen. Ein toter oder langsamer Konnektor hält die anderen
  nicht auf.

  --dir ORDNER          jede .ini-Datei in ORDNER ist eine Praxis (ihr Name: der Dateiname)
  --practices LISTE     eine Datei für alle: je Praxis ein Abschnitt [Name] mit Zeilen wie
                        connector.sds_url = https://…; was vor der ersten Praxis steht, gilt
                        für alle (etwa update_server.metadata_url, tls.ca_file)
  DATEI …               einzelne Einstellungsdateien
  --parallel N          so viele Konnektoren zugleich (Standard 32, höchstens 256)
  --timeout SEKUNDEN    so lange darf ein Konnektor brauchen (Standard 10)
  --json                Ausgabe für Programme

  Passwörter stehen nur in Dateien, die die Einstellungen nennen; gefragt wird nichts.
  Rückgabewerte: 0 alle aktuell, 1 Handlungsbedarf, 2 abgelaufen oder gesperrt,
  3 mindestens eine Praxis nicht prüfbar (ohne abgelaufene oder gesperrte)
)");

QString q(const std::string& s) { return QString::fromStdString(s); }
QJsonObject texts(const LocalizedText& t) { return {{"de", q(t.de)}, {"en", q(t.en)}}; }

std::string statusWord(const engine::FleetResult& r) {
    if (r.notCheckable()) return tr(TIS_TEXT("fleet_command", "nicht prüfbar"));
    return tr(assess::statusText(r.report->overall));
}

}  // namespace

int runFleet(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const Language l = currentLanguage();
    std::vector<engine::FleetPractice> practices;
    engine::FleetOptions options;
    bool json = false;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--dir")) {
                const std::filesystem::path dir = o.path();
                std::error_code ec;
                std::vector<std::filesystem::path> files;
                for (const auto& e : std::filesystem::directory_iterator(dir, ec))
                    if (e.path().extension() == ".ini") files.push_back(e.path());
                if (ec)
                    throw command_line::UsageError{
                        TIS_TEXT("fleet_command", "Der Ordner %1 ist nicht lesbar.").arg(tiservice::utf8Of(dir))};
                std::sort(files.begin(), files.end());
                for (const auto& f : files) practices.push_back({tiservice::utf8Of(f.stem()), f});
            } else if (o.is("--practices")) {
                auto list = engine::loadPracticeList(o.path());
                if (!list.ok()) {
                    err << "tiservice fleet: " << list.error().describe() << "\n";
                    return general_exit::kUsage;
                }
                for (auto& p : *list) practices.push_back(std::move(p));
            } else if (o.is("--parallel")) {
                const auto n = o.number<int>();
                if (n < 1 || n > 256)
                    throw command_line::UsageError{TIS_TEXT("fleet_command", "--parallel erwartet 1 bis 256")};
                options.parallel = static_cast<std::size_t>(n);
            } else if (o.is("--timeout")) {
                const auto s = o.number<int>();
                if (s < 1 || s > 600)
                    throw command_line::UsageError{TIS_TEXT("fleet_command", "--timeout erwartet 1 bis 600 Sekunden")};
                options.perConnector = std::chrono::seconds(s);
            } else if (o.is("--json")) {
                json = true;
            } else if (o.is("-h", "--help")) {
                out << tr(kFleetHelp);
                return general_exit::kDone;
            } else if (!o.name().starts_with("-")) {
                const std::filesystem::path f = tiservice::pathFromUtf8(o.name());  // a settings file
                practices.push_back({tiservice::utf8Of(f.stem()), f});
            } else {
                o.unknown();
            }
        }
    } catch (const command_line::UsageError& e) {
        return usage("fleet", e, err);
    }
    if (practices.empty()) {
        err << "tiservice fleet: "
            << tr(TIS_TEXT("fleet_command",
                           "Keine Praxis angegeben: --dir ORDNER, --practices LISTE oder Einstellungsdateien nennen."))
            << "\n";
        return general_exit::kUsage;
    }
    const auto stateDir = defaultStateFolder();
    options.stateDir = stateDir / "fleet";
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = log::Level::Off}); !s.ok())
        err << s.error().describe() << "\n";

    const auto started = std::chrono::steady_clock::now();
    const auto results = engine::checkFleet(practices, options);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

    int code = status_exit::kCurrent;
    int unreachable = 0, expired = 0, due = 0, current = 0;
    for (const auto& r : results) {
        if (r.notCheckable()) {
            ++unreachable;
            continue;
        }
        const int c = status_exit::forStatus(r.report->overall);
        code = std::max(code, c);
        (c == status_exit::kExpiredOrBlocked ? expired : c == status_exit::kActionNeeded ? due : current)++;
    }
    if (unreachable > 0 && code != status_exit::kExpiredOrBlocked) code = status_exit::kNotPossible;
    log::logger()->info("fleet: {} practices in {} ms, exit {}", results.size(), took.count(), code);

    if (json) {
        QJsonArray list;
        for (const auto& r : results) {
            QJsonObject o{{"practice", q(r.practice.name)},
                          {"settings", q(tiservice::utf8Of(r.practice.settingsFile))},
                          {"sdsUrl", q(r.sdsUrl)},
                          {"tookMs", static_cast<qint64>(r.took.count())},
                          {"rank", engine::fleetRank(r)}};
            const auto why = r.notCheckable();
            o.insert("overall", why ? QString("not-checked") : q(std::string(assess::statusId(r.report->overall))));
            if (why)
                o.insert("error",
                         QJsonObject{
                             {"code", q(why->code)}, {"message", texts(why->message)}, {"action", texts(why->action)}});
            if (r.report) {
                const auto& p = r.report->snapshot.directory.product;
                o.insert("connector", QJsonObject{{"productName", q(p.productName)},
                                                  {"firmwareVersion", q(p.firmwareVersion.toString())}});
                QJsonArray findings;
                for (const auto& f : r.report->findings) {
                    if (f.status == ComponentStatus::Current) continue;
                    QJsonObject x{{"component", q(f.component)},
                                  {"name", q(f.name)},
                                  {"status", q(std::string(assess::statusId(f.status)))},
                                  {"summary", texts(f.summary)}};
                    if (f.deadline) x.insert("deadline", q(formatUtc(*f.deadline)));
                    if (f.daysLeft) x.insert("daysLeft", *f.daysLeft);
                    findings.append(x);
                }
                o.insert("findings", findings);
                if (const auto d = r.earliestDeadline()) o.insert("deadline", q(formatUtc(*d)));
            }
            list.append(o);
        }
        out << QJsonDocument(QJsonObject{{"practices", list},
                                         {"counts", QJsonObject{{"expiredOrBlocked", expired},
                                                                {"actionNeeded", due},
                                                                {"notChecked", unreachable},
                                                                {"current", current}}},
                                         {"tookMs", static_cast<qint64>(took.count())},
                                         {"exitCode", code}})
                   .toJson(QJsonDocument::Indented)
                   .toStdString();
        return code;
    }

    std::vector<std::vector<std::string>> rows;
    rows.reserve(results.size());
    for (const auto& r : results) {
        std::string connector = "–", what;
        if (r.report) {
            const auto& p = r.report->snapshot.directory.product;
            connector = (p.productName.empty() ? p.key() : p.productName) + " " + p.firmwareVersion.toString();
        }
        if (const auto why = r.notCheckable()) {
            what = tr(why->text());
        } else {
            for (const auto& f : r.report->findings)
                if (f.status != ComponentStatus::Current) {
                    what = f.name + ": " + tr(f.summary);
                    break;
                }
        }
        const auto deadline = r.earliestDeadline();
        rows.push_back({r.practice.name, connector, statusWord(r),
                        deadline ? day(*deadline - std::chrono::seconds(1), l) : "–", what});
    }
    out << tr(TIS_TEXT("fleet_command",
                       "%1 Praxen geprüft in %2 s: %3 abgelaufen oder gesperrt, %4 mit "
                       "Handlungsbedarf, %5 nicht prüfbar, %6 aktuell.")
                  .arg(static_cast<int>(results.size()),
                       std::to_string(took.count() / 1000) + "," + std::to_string((took.count() % 1000) / 100), expired,
                       due, unreachable, current))
        << "\n\n"
        << table({tr(TIS_TEXT("fleet_command", "Praxis")), tr(TIS_TEXT("fleet_command", "Konnektor")),
                  tr(TIS_TEXT("fleet_command", "Status")), tr(TIS_TEXT("fleet_command", "Frist")),
                  tr(TIS_TEXT("fleet_command", "Was"))},
                 rows);
    return code;
}

}  // namespace tiservice::cli
