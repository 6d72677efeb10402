#include "tiservice/engine/maintenance_record.h"

#include <map>

#include "tiservice/xml_text.h"

namespace tiservice::engine {
namespace {

/// HTML text and attribute values need exactly XML's five escapes.
std::string escaped(std::string_view text) { return xmlEscape(text); }

std::string cell(std::string_view text) { return "<td>" + escaped(text) + "</td>"; }
std::string head(std::string_view text) { return "<th>" + escaped(text) + "</th>"; }

}  // namespace

std::string maintenanceRecordHtml(const HistoryView& history, const PracticeIdentity& practice, TimePoint printedAt,
                                  Language l) {
    const auto t = [l](const LocalizedText& text) { return text.in(l); };
    std::string html = "<!DOCTYPE html>\n<html lang=\"" + std::string(l == Language::English ? "en" : "de") +
                       "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                       escaped(t(TIS_TEXT("maintenance_record", "Wartungsnachweis der TI-Komponenten"))) +
                       "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
                       "width:100%;margin-bottom:1.5em}th,td{border:1px solid #999;padding:4px 8px;text-align:left}"
                       "th{background:#eee}@media print{body{margin:0}}</style>\n</head>\n<body>\n";
    html += "<h1>" + escaped(t(TIS_TEXT("maintenance_record", "Wartungsnachweis der TI-Komponenten"))) + "</h1>\n";
    html += "<p>" +
            escaped(t(TIS_TEXT("maintenance_record", "Erstellt am %1 aus dem Update-Archiv.")
                          .arg(formatLocalDateTime(printedAt)))) +
            "</p>\n";

    html += "<h2>" + escaped(t(TIS_TEXT("maintenance_record", "Praxis"))) + "</h2>\n<table>\n";
    const std::pair<Message, std::string> identity[] = {
        {TIS_TEXT("maintenance_record", "Mandant"), practice.mandantId},
        {TIS_TEXT("maintenance_record", "Clientsystem"), practice.clientSystemId},
        {TIS_TEXT("maintenance_record", "Arbeitsplatz"), practice.workplaceId},
        {TIS_TEXT("maintenance_record", "Konnektor (Dienstverzeichnis)"), practice.connectorAddress}};
    for (const auto& [label, value] : identity)
        html += "<tr>" + head(t(label)) + cell(value.empty() ? "–" : value) + "</tr>\n";
    html += "</table>\n";

    // Each device with the version its last successful update installed.
    std::map<std::string, std::pair<std::string, const workflow::HistoryEntry*>> devices;
    for (const auto& e : history.entries)
        if (e.event == "finished" && e.result == "succeeded") devices[e.component] = {e.name, &e};
    html += "<h2>" + escaped(t(TIS_TEXT("maintenance_record", "Geräte"))) + "</h2>\n";
    if (devices.empty()) {
        html += "<p>" + escaped(t(TIS_TEXT("maintenance_record", "Noch kein Update eingetragen."))) + "</p>\n";
    } else {
        html += "<table>\n<tr>" + head(t(TIS_TEXT("maintenance_record", "Gerät"))) +
                head(t(TIS_TEXT("maintenance_record", "Version"))) +
                head(t(TIS_TEXT("maintenance_record", "aktualisiert am"))) + "</tr>\n";
        for (const auto& [component, d] : devices)
            html += "<tr>" + cell(d.first) + cell(d.second->toVersion) + cell(t(formatLocalDateTime(d.second->time))) +
                    "</tr>\n";
        html += "</table>\n";
    }

    html += "<h2>" + escaped(t(TIS_TEXT("maintenance_record", "Updates"))) + "</h2>\n";
    if (history.entries.empty()) {
        html += "<p>" + escaped(t(TIS_TEXT("maintenance_record", "Das Update-Archiv ist leer."))) + "</p>\n";
    } else {
        html += "<table>\n<tr>" + head(t(TIS_TEXT("maintenance_record", "Zeit"))) +
                head(t(TIS_TEXT("maintenance_record", "Ereignis"))) + head(t(TIS_TEXT("maintenance_record", "Gerät"))) +
                head(t(TIS_TEXT("maintenance_record", "Version"))) +
                head(t(TIS_TEXT("maintenance_record", "Ergebnis"))) +
                head(t(TIS_TEXT("maintenance_record", "Gestartet von"))) + "</tr>\n";
        for (const auto& e : history.entries) {
            std::string result = e.event == "finished" ? t(workflow::historyResultText(e.result)) : std::string();
            if (e.event == "finished" && e.result != "succeeded" && !e.reason.empty())
                result += ": " + t(workflow::historyReasonText(e.reason));
            if (e.event == "planned" && e.plannedAt)
                result = t(TIS_TEXT("maintenance_record", "für %1").arg(formatLocalDateTime(*e.plannedAt)));
            html += "<tr>" + cell(t(formatLocalDateTime(e.time))) + cell(t(workflow::historyEventText(e.event))) +
                    cell(e.name) + cell(e.fromVersion + " → " + e.toVersion) + cell(result) +
                    cell(t(workflow::historyStartedByText(e))) + "</tr>\n";
        }
        html += "</table>\n";
    }
    if (history.unreadableLines > 0)
        html += "<p>" +
                escaped(t(TIS_TEXT("maintenance_record",
                                   "%1 Zeile(n) des Archivs sind unlesbar und fehlen hier; sie bleiben in der "
                                   "Archivdatei erhalten.")
                              .arg(history.unreadableLines))) +
                "</p>\n";
    html += "</body>\n</html>\n";
    return html;
}

PracticeIdentity practiceIdentityOf(const ConnectionSettings& settings) {
    const auto& c = settings.connector;
    return {c.context.mandantId, c.context.clientSystemId, c.context.workplaceId, c.sdsUrl};
}

}  // namespace tiservice::engine
