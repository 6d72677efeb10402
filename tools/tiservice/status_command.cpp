// tiservice status: read the connector and card terminals, check them against the approval
// catalog, print what needs doing and by when.

#include <iostream>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "commands.h"
#include "terminal_io.h"
#include "tiservice/assess/status_check.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/log.h"
#include "tiservice/paths.h"

namespace tiservice::cli {
namespace {

using assess::ComponentStatus;

int exitCodeFor(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::Blocked:
        case ComponentStatus::Expired: return kExitExpired;
        case ComponentStatus::ApprovalEnds:
        case ComponentStatus::UpdateAvailable: return kExitActionNeeded;
        default: return kExitOk;
    }
}

QString q(const std::string& s) { return QString::fromStdString(s); }
QJsonObject texts(const LocalizedText& t) { return {{"de", q(t.de)}, {"en", q(t.en)}}; }

const char* kStatusHelp = R"(tiservice status [--config FILE] [--json]

  Liest Konnektor und Kartenterminals (connector.sds, EventService) und prüft sie gegen den
  Zulassungskatalog des Herstellers. Reads the connector and card terminals and checks them
  against the vendor's approval catalog.

  --config FILE   Einstellungen / settings (Standard / default: <Konfigurationsordner>/tiservice.ini)
  --json          Ausgabe für Programme / output for programs
  --notify        zusätzlich eine Desktop-Benachrichtigung, wenn etwas zu tun ist (notify-send)

  Rückgabe / exit: 0 aktuell / current, 1 Handlungsbedarf / action needed,
                   2 abgelaufen oder gesperrt / expired or blocked, 3 Prüfung nicht möglich / could not check
)";

}  // namespace

int runStatus(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const Language l = currentLanguage();
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    bool json = false, notify = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config" && i + 1 < args.size()) config = args[++i];
        else if (args[i] == "--json") json = true;
        else if (args[i] == "--notify") notify = true;
        else if (args[i] == "-h" || args[i] == "--help") {
            out << kStatusHelp;
            return kExitOk;
        } else {
            err << tr({"Unbekannte Option für status: " + args[i], "Unknown option for status: " + args[i]}) << "\n";
            return kExitFailed;
        }
    }
    const auto stateDir = defaultStateFolder();
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = spdlog::level::off}); !s.ok())
        err << s.error().describe() << "\n";

    auto settings = loadConnectionSettings(config);
    if (!settings.ok()) {
        err << settings.error().describe() << "\n";
        return kExitFailed;
    }
    auto clientOptions = konnektor::connectorClientOptions(*settings, askSecret);
    if (!clientOptions.ok()) {
        err << clientOptions.error().describe() << "\n";
        return kExitFailed;
    }
    const auto& clock = *SystemClock::shared();
    auto report = assess::runStatusCheck(*settings, *clientOptions, stateDir, clock);
    if (!report.ok()) {
        log::logger()->error("status: {}", report.error().describe(Language::English));
        if (json) {
            out << QJsonDocument(QJsonObject{{"ok", false},
                                             {"error", QJsonObject{{"code", q(report.error().code)},
                                                                   {"message", texts(report.error().message)},
                                                                   {"action", texts(report.error().action)}}},
                                             {"exitCode", kExitFailed}})
                       .toJson(QJsonDocument::Indented)
                       .toStdString();
        }
        err << tr({"Prüfung nicht möglich: ", "Could not check: "}) << report.error().describe() << "\n";
        return kExitFailed;
    }
    const auto& snapshot = report->snapshot;
    const auto& findings = report->findings;
    const auto overall = report->overall;
    const auto& catalog = report->catalog;  // nullopt: no verified catalog (report->catalogError says why)
    const auto now = report->checkedAt;
    int code = exitCodeFor(overall);
    if (!catalog && code != kExitExpired) code = kExitFailed;
    log::logger()->info("status: overall {}, exit {}", assess::statusId(overall), code);

    if (json) {
        QJsonArray list;
        for (const auto& f : findings) {
            QJsonObject o{{"code", q(f.code)},
                          {"status", q(std::string(assess::statusId(f.status)))},
                          {"component", q(f.component)},
                          {"type", q(std::string(componentTypeId(f.type)))},
                          {"name", q(f.name)},
                          {"productKey", q(f.productKey)},
                          {"installed", f.installed.isUnknown() ? QJsonValue() : QJsonValue(q(f.installed.toString()))},
                          {"recommended", f.recommended ? QJsonValue(q(f.recommended->toString())) : QJsonValue()},
                          {"summary", texts(f.summary)},
                          {"action", texts(f.action)}};
            if (f.deadline) o.insert("deadline", q(formatUtc(*f.deadline)));
            if (f.daysLeft) o.insert("daysLeft", *f.daysLeft);
            list.append(o);
        }
        const auto& p = snapshot.directory.product;
        QJsonObject root{{"ok", true},
                         {"checkedAt", q(formatUtc(now))},
                         {"connector", QJsonObject{{"vendorId", q(p.vendorId)}, {"productCode", q(p.productCode)},
                                                   {"productName", q(p.productName)}, {"vendorName", q(p.vendorName)},
                                                   {"firmwareVersion", q(p.firmwareVersion.toString())},
                                                   {"hardwareVersion", q(p.hardwareVersion.toString())},
                                                   {"vpnTi", snapshot.resources.vpnTiOnline},
                                                   {"sdsUrl", q(settings->sdsUrl)}}},
                         {"findings", list},
                         {"overall", q(std::string(assess::statusId(overall)))},
                         {"exitCode", code}};
        if (catalog) {
            QJsonObject c{{"published", q(formatUtc(catalog->catalog.published))},
                          {"verifiedAt", q(formatUtc(catalog->verifiedAt))},
                          {"fresh", catalog->fresh}};
            if (catalog->refreshError) c.insert("refreshError", q(catalog->refreshError->code));
            root.insert("catalog", c);
        } else {
            root.insert("catalog", QJsonObject{{"error", q(report->catalogError->code)}, {"message", texts(report->catalogError->message)}});
        }
        out << QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
        return code;
    }

    const auto& p = snapshot.directory.product;
    out << tr({"Prüfung vom ", "Check of "}) << localTime(now, l) << "\n";
    out << tr({"Konnektor: ", "Connector: "}) << (p.productName.empty() ? p.vendorId + "-" + p.productCode : p.productName)
        << " (" << p.vendorId << "-" << p.productCode << "), Firmware " << p.firmwareVersion.toString() << " – "
        << settings->sdsUrl << "\n";
    out << tr({"VPN zur TI: ", "VPN to the TI: "})
        << tr(snapshot.resources.vpnTiOnline ? LocalizedText{"verbunden", "connected"}
                                              : LocalizedText{"NICHT verbunden", "NOT connected"})
        << "\n";
    if (catalog) {
        const auto age = std::chrono::duration_cast<std::chrono::hours>(now - catalog->verifiedAt).count() / 24;
        out << tr({"Zulassungskatalog vom ", "Approval catalog of "}) << day(catalog->catalog.published, l);
        if (catalog->fresh) {
            out << tr({", eben geprüft", ", just verified"}) << "\n";
        } else {
            out << tr({", zuletzt geprüft am ", ", last verified on "}) << localTime(catalog->verifiedAt, l) << " ("
                << tr({"vor " + std::to_string(age) + " Tagen", std::to_string(age) + " days ago"}) << ")\n";
            out << tr({"  Hinweis: ", "  Note: "}) << catalog->refreshError->describe() << "\n";
        }
    } else {
        out << tr({"Zulassungskatalog: nicht verfügbar – ", "Approval catalog: not available – "})
            << report->catalogError->describe() << "\n";
    }
    out << "\n";

    std::vector<std::vector<std::string>> rows;
    for (const auto& f : findings)
        rows.push_back({f.name, f.installed.isUnknown() ? "?" : f.installed.toString(),
                        f.recommended ? f.recommended->toString() : "–", tr(assess::statusText(f.status)),
                        f.deadline ? day(*f.deadline - std::chrono::seconds(1), l) : "–"});
    out << table({tr({"Komponente", "Component"}), tr({"installiert", "installed"}), tr({"empfohlen", "recommended"}),
                  tr({"Status", "Status"}), tr({"Frist", "Deadline"})},
                 rows);

    int n = 0;
    std::string todo;
    for (const auto& f : findings) {
        if (f.status == ComponentStatus::Current) continue;
        todo += "  " + std::to_string(++n) + ". " + f.name + ": " + tr(f.summary) + "\n";
        if (!f.action.empty()) todo += "     → " + tr(f.action) + "\n";
    }
    out << "\n";
    if (todo.empty()) out << tr({"Alles aktuell. Es ist nichts zu tun.", "Everything is current. Nothing to do."}) << "\n";
    else out << tr({"Zu tun:", "To do:"}) << "\n" << todo;
    if (notify && code != kExitOk) {
        // Best effort: a desktop notification where notify-send exists; the log has it anyway.
        const std::string title = tr({"TI-Komponenten: Handlungsbedarf", "TI components: action needed"});
        std::string body = findings.empty() ? std::string() : tr(findings.front().summary);
        std::string cmd = "notify-send --app-name=tiservice '" + title + "' '";
        for (char c : body) cmd += c == '\'' ? std::string("'\\''") : std::string(1, c);
        cmd += "' >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0) log::logger()->warn("notify-send not available; the finding is in this log");
    }
    return code;
}

std::vector<Command> allCommands() {
    return {
        {"status",
         {"Konnektor und Kartenterminals prüfen: was ist zu tun, bis wann?",
          "check the connector and card terminals: what needs doing, by when?"},
         runStatus},
        {"update",
         {"durch das Update führen: anmelden, planen, installieren, begleiten, eintragen",
          "guide through the update: sign in, plan, install, follow, record"},
         runUpdate},
        {"password", {"Admin-Passwort des Konnektors ändern", "change the connector's admin password"}, runPassword},
        {"history", {"Update-Archiv anzeigen (Nachweis der Wartung)", "show the update archive (proof of maintenance)"}, runHistory},
    };
}

}  // namespace tiservice::cli
