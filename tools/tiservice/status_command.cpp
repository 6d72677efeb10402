// tiservice status: read the connector and card terminals, check them against the approval
// catalog, print what needs doing and by when.

#include <algorithm>
#include <iostream>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "command_line.h"
#include "commands.h"
#include "exit_codes.h"
#include "terminal_io.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/engine/engine.h"
#include "tiservice/engine/status_check.h"
#include "tiservice/logger.h"
#include "tiservice/paths.h"

namespace tiservice::cli {
namespace {

using assess::ComponentStatus;

/// The status check shows its own report; it asks only for a secret it needs (the client
/// certificate's password without a password file), on the terminal.
class SecretPromptUi final : public workflow::Ui {
public:
    void notice(const workflow::Notice&) override {}
    std::optional<std::string> ask(const workflow::Question& q) override {
        if (q.kind != workflow::Question::Kind::Secret) return std::nullopt;
        return askSecret(q.text);
    }
    void progress(const workflow::Progress&) override {}
};

QString q(const std::string& s) { return QString::fromStdString(s); }
QJsonObject texts(const LocalizedText& t) { return {{"de", q(t.de)}, {"en", q(t.en)}}; }

constexpr Message kStatusHelp = TIS_TEXT("status_command", R"(tiservice status [--config DATEI] [--json] [--notify]

  Liest Konnektor und Kartenterminals (connector.sds, EventService) und prüft sie gegen den
  Zulassungskatalog des Herstellers.

  --config DATEI  Einstellungen (Standard: <Konfigurationsordner>/tiservice.ini)
  --json          Ausgabe für Programme
  --notify        zusätzlich eine Desktop-Benachrichtigung über notify-send, wenn etwas zu tun ist

  Rückgabewerte: 0 aktuell, 1 Handlungsbedarf, 2 abgelaufen oder gesperrt, 3 Prüfung nicht möglich
)");

}  // namespace

int runStatus(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
    const Language l = currentLanguage();
    std::filesystem::path config = defaultConfigFolder() / "tiservice.ini";
    bool json = false, notify = false;
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) config = o.path();
            else if (o.is("--json")) json = true;
            else if (o.is("--notify")) notify = true;
            else if (o.is("-h", "--help")) {
                out << tr(kStatusHelp);
                return general_exit::kDone;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        return usage("status", e, err);
    }
    const auto stateDir = defaultStateFolder();
    if (auto s = log::init({.directory = stateDir / "logs", .stderrLevel = log::Level::Off}); !s.ok())
        err << s.error().describe() << "\n";

    // Every "not possible" reaches a program that asked for --json as JSON, as below.
    const auto jsonError = [&](const Error& e) {
        if (!json) return;
        out << QJsonDocument(QJsonObject{{"ok", false},
                                         {"error", QJsonObject{{"code", q(e.code)},
                                                               {"message", texts(e.message)},
                                                               {"action", texts(e.action)}}},
                                         {"exitCode", status_exit::kNotPossible}})
                   .toJson(QJsonDocument::Indented)
                   .toStdString();
    };
    auto settings = loadConnectionSettings(config);
    if (!settings.ok()) {
        jsonError(settings.error());
        err << settings.error().describe() << "\n";
        return status_exit::kNotPossible;
    }
    SecretPromptUi ui;
    engine::Engine engine({.stateDir = stateDir, .ui = &ui});
    engine.useSettings(*settings);
    auto outcome = engine.check();
    auto& report = outcome.report;
    const auto& followedUp = outcome.followedUp;
    if (!report.ok()) {
        log::logger()->error("status: {}", report.error().describe(Language::English));
        jsonError(report.error());
        err << tr(TIS_TEXT("status_command", "Prüfung nicht möglich: ")) << report.error().describe() << "\n";
        return status_exit::kNotPossible;
    }
    const auto& snapshot = report->snapshot;
    const auto& findings = report->findings;
    const auto overall = report->overall;
    const auto& catalog = report->catalog;  // nullopt: no verified catalog (report->catalogError says why)
    const auto now = report->checkedAt;
    int code = status_exit::forStatus(overall);
    if (!catalog && code != status_exit::kExpiredOrBlocked) {
        // Every exit code 3 says why, on stderr.
        code = status_exit::kNotPossible;
        err << tr(TIS_TEXT("status_command",
                           "Prüfung unvollständig: ohne geprüften Zulassungskatalog lässt sich nicht sagen, ob die "
                           "Versionen zugelassen sind. "))
            << report->catalogError->describe() << "\n";
    }
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
                          {"noUpdateOffered", f.noUpdateOffered},
                          {"summary", texts(f.summary)},
                          {"action", texts(f.action)}};
            if (!f.place.empty()) o.insert("place", q(f.place));
            if (!f.hardware.isUnknown()) o.insert("hardwareVersion", q(f.hardware.toString()));
            QJsonArray details;
            for (const auto& d : f.details) details.append(texts(d));
            o.insert("details", details);
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
                                                   {"vpnSis", snapshot.resources.vpnSisOnline},
                                                   {"tlsMandatory", snapshot.directory.tlsMandatory},
                                                   {"clientAuthMandatory", snapshot.directory.clientAuthMandatory},
                                                   {"sdsUrl", q(settings->connector.sdsUrl)},
                                                   {"eventService", QJsonObject{{"url", q(snapshot.eventServiceUrl)},
                                                                                {"version", q(snapshot.eventServiceVersion)}}}}},
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
    const auto* knownCatalog = catalog ? &catalog->catalog : nullptr;
    out << tr(TIS_TEXT("status_command", "Prüfung vom ")) << localTime(now, l) << "\n";
    if (followedUp) out << tr(TIS_TEXT("status_command", "Begonnenes Update: ")) << tr(*followedUp) << "\n";
    out << tr(TIS_TEXT("status_command", "Konnektor: %1 (%2), Firmware %3, Hardware %4 – %5")
                  .arg(assess::connectorDisplayName(p, knownCatalog), p.key(), p.firmwareVersion.toString(),
                       p.hardwareVersion.toString(), settings->connector.sdsUrl))
        << "\n";
    out << tr(TIS_TEXT("status_command", "Systeminformationsdienst (EventService %1): %2")
                  .arg(snapshot.eventServiceVersion, snapshot.eventServiceUrl))
        << "\n";
    out << tr(TIS_TEXT("status_command", "VPN zur TI: "))
        << tr(snapshot.resources.vpnTiOnline ? TIS_TEXT("status_command", "verbunden")
                                             : TIS_TEXT("status_command", "NICHT verbunden"))
        << tr(TIS_TEXT("status_command", " · sicherer Internetzugang (SIS): "))
        << tr(snapshot.resources.vpnSisOnline
                  ? TIS_TEXT("status_command", "verbunden")
                  : TIS_TEXT("status_command", "nicht verbunden (ohne gebuchten SIS-Dienst normal)"))
        << "\n";
    if (catalog) {
        const auto age = std::chrono::duration_cast<std::chrono::hours>(now - catalog->verifiedAt).count() / 24;
        out << tr(TIS_TEXT("status_command", "Zulassungskatalog vom ")) << day(catalog->catalog.published, l);
        if (catalog->fresh) {
            out << tr(TIS_TEXT("status_command", ", eben geprüft")) << "\n";
        } else {
            out << tr(TIS_TEXT("status_command", ", zuletzt geprüft am ")) << localTime(catalog->verifiedAt, l) << " ("
                << tr(age <= 0   ? TIS_TEXT("status_command", "heute")
                      : age == 1 ? TIS_TEXT("status_command", "gestern")
                                 : TIS_TEXT("status_command", "vor %1 Tagen").arg(age))
                << ")\n";
            out << tr(TIS_TEXT("status_command", "  Hinweis: ")) << catalog->refreshError->describe() << "\n";
        }
    } else {
        out << tr(TIS_TEXT("status_command", "Zulassungskatalog: nicht verfügbar – "))
            << report->catalogError->describe() << "\n";
    }
    out << "\n";

    std::vector<std::vector<std::string>> rows;
    rows.reserve(findings.size());
    for (const auto& f : findings)
        rows.push_back({f.name, f.installed.isUnknown() ? "?" : f.installed.toString(),
                        f.recommended       ? f.recommended->toString()
                        : f.noUpdateOffered ? tr(TIS_TEXT("status_command", "kein Update verfügbar"))
                                            : "–",
                        tr(assess::statusText(f.status)),
                        f.deadline ? day(*f.deadline - std::chrono::seconds(1), l) : "–"});
    out << table({tr(TIS_TEXT("status_command", "Komponente")), tr(TIS_TEXT("status_command", "installiert")),
                  tr(TIS_TEXT("status_command", "empfohlen")), tr(TIS_TEXT("status_command", "Status")),
                  tr(TIS_TEXT("status_command", "Frist"))},
                 rows);

    int n = 0;
    std::string todo, notes;
    for (const auto& f : findings) {
        std::string details;
        for (const auto& d : f.details) details += "     · " + tr(d) + "\n";
        if (f.status == ComponentStatus::Current) {
            if (!details.empty()) notes += "  " + f.name + ":\n" + details;
            continue;
        }
        todo += "  " + std::to_string(++n) + ". " + f.name + ": " + tr(f.summary) + "\n";
        if (!f.action.empty()) todo += "     → " + tr(f.action) + "\n";
        todo += details;
    }
    out << "\n";
    if (todo.empty())
        out << tr(TIS_TEXT("status_command", "Alles aktuell. Es ist nichts zu tun.")) << "\n";
    else {
        out << tr(TIS_TEXT("status_command", "Zu tun:")) << "\n" << todo;
        // The notices inside a practice software carry the button; here it is the command.
        if (std::any_of(findings.begin(), findings.end(),
                        [](const assess::Finding& f) { return f.status >= ComponentStatus::UpdateAvailable; }))
            out << "\n" << tr(TIS_TEXT("status_command", "Update starten oder planen: tiservice update")) << "\n";
        // One number: the one for this practice (installed by CGM, or self-installed).
        out << "\n"
            << tr(TIS_TEXT("status_command", "Support: %1")
                      .arg(catalog::supportContactText(catalog ? &catalog->catalog : nullptr,
                                                       customerTypeId(settings->practice.customerType))))
            << "\n";
    }
    if (!notes.empty()) out << "\n" << tr(TIS_TEXT("status_command", "Hinweise:")) << "\n" << notes;
    if (notify && code != status_exit::kCurrent) {
        // Best effort: a desktop notification where notify-send exists; the log has it anyway.
        const std::string title = tr(TIS_TEXT("status_command", "TI-Komponenten: Handlungsbedarf"));
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
        {"status", TIS_TEXT("status_command", "Konnektor und Kartenterminals prüfen: was ist zu tun, bis wann?"),
         runStatus},
        {"update",
         TIS_TEXT("status_command", "durch das Update führen: anmelden, planen, installieren, begleiten, eintragen"),
         runUpdate},
        {"plan", TIS_TEXT("status_command", "geplantes Update verschieben oder absagen, an jedem Arbeitsplatz"),
         runPlan},
        {"password", TIS_TEXT("status_command", "Admin-Passwort des Konnektors ändern"), runPassword},
        {"history", TIS_TEXT("status_command", "Update-Archiv anzeigen (Nachweis der Wartung)"), runHistory},
        {"setup", TIS_TEXT("status_command", "einrichten: Konnektor suchen, Einstellungen schreiben"), runSetup},
        {"fleet", TIS_TEXT("status_command", "für Dienstleister: die Konnektoren vieler Praxen auf einmal prüfen"),
         runFleet},
    };
}

}  // namespace tiservice::cli
