#include "tiservice/workflow/journal.h"
#include "tiservice/paths.h"

#include <fstream>
#include <set>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/logger.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::workflow {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toString().toStdString(); }
QJsonValue t(const std::optional<TimePoint>& tp) { return tp ? QJsonValue(q(formatUtc(*tp))) : QJsonValue(); }
std::optional<TimePoint> t(const QJsonObject& o, const char* k) { return parseUtc(s(o, k)); }

QJsonObject entryJson(const HistoryEntry& e) {
    QJsonObject o{{"id", q(e.id)}, {"time", q(formatUtc(e.time))}, {"event", q(e.event)}, {"connector", q(e.connector)},
                  {"component", q(e.component)}, {"name", q(e.name)}, {"from", q(e.fromVersion)}, {"to", q(e.toVersion)},
                  {"clientSystemId", q(e.clientSystemId)}, {"workplaceId", q(e.workplaceId)}};
    if (!e.result.empty()) o.insert("result", q(e.result));
    if (!e.reason.empty()) o.insert("reason", q(e.reason));
    if (e.plannedAt) o.insert("plannedAt", q(formatUtc(*e.plannedAt)));
    if (e.byAutoUpdate) o.insert("byAutoUpdate", true);
    if (!e.source.empty()) o.insert("source", q(e.source));
    return o;
}

}  // namespace

std::optional<ItemState> parseItemState(std::string_view id) {
    for (const auto& r : kItemStates)
        if (r.id == id) return r.state;
    return std::nullopt;
}

std::string_view stepId(Step s) {
    switch (s) {
        case Step::Confirmed: return "confirmed";
        case Step::Starting: return "starting";
        case Step::Planning: return "planning";
        case Step::Installing: return "installing";
        case Step::WaitingForConnector: return "waiting-for-connector";
        case Step::Verifying: return "verifying";
        case Step::Recording: return "recording";
        case Step::Installed: return "installed";
        case Step::Finished: return "finished";
        case Step::Planned: return "planned";
    }
    return "confirmed";
}

bool JournalItem::moveTo(ItemState to) {
    if (to == state) return true;
    if (!canMove(state, to)) {
        log::logger()->error("journal: {} may not move from {} to {}; it stays {}", updateId, itemStateId(state),
                             itemStateId(to), itemStateId(state));
        return false;
    }
    state = to;
    return true;
}

std::vector<std::string> JournalItem::dueEvents() const {
    std::vector<std::string> events;
    for (const auto& e : ruleFor(state).archive)
        if (!e.empty()) events.emplace_back(e);
    return events;
}

Status UpdateJournal::save(const std::filesystem::path& file) const {
    QJsonArray list;
    for (const auto& i : items) {
        QJsonArray archivedEvents;
        for (const auto& a : i.archived) archivedEvents.append(q(a));
        list.append(QJsonObject{{"updateId", q(i.updateId)}, {"component", q(i.component)}, {"name", q(i.name)},
                                {"from", q(i.fromVersion)}, {"to", q(i.toVersion)},
                                {"state", q(std::string(itemStateId(i.state)))}, {"startedAt", t(i.startedAt)},
                                {"finishedAt", t(i.finishedAt)}, {"reason", q(i.reason)}, {"archived", archivedEvents}});
    }
    const QJsonObject o{{"formatVersion", 1}, {"id", q(id)}, {"connector", q(connector)}, {"step", q(step)},
                        {"plannedAt", t(plannedAt)}, {"clientSystemId", q(clientSystemId)},
                        {"workplaceId", q(workplaceId)}, {"items", list}, {"updatedAt", q(formatUtc(updatedAt))}};
    return store::writeAtomically(file, QJsonDocument(o).toJson().toStdString());
}

Result<std::optional<UpdateJournal>> UpdateJournal::read(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) return std::optional<UpdateJournal>{};
    auto text = store::readFile(file, 1024 * 1024);
    if (!text.ok()) return text.error();
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(*text), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject() || doc.object().value("formatVersion").toInt() != 1)
        return Error{
            .code = "journal.unreadable",
            .message = TIS_TEXT("journal", "Das Update-Journal %1 ist beschädigt.").arg(tiservice::utf8Of(file)),
            .action = TIS_TEXT("journal", "Den Konnektor noch einmal prüfen; das Journal wird dann neu angelegt."),
            .detail = tiservice::utf8Of(file)};
    const auto o = doc.object();
    UpdateJournal j;
    j.id = s(o, "id");
    j.connector = s(o, "connector");
    j.step = s(o, "step");
    j.plannedAt = t(o, "plannedAt");
    j.clientSystemId = s(o, "clientSystemId");
    j.workplaceId = s(o, "workplaceId");
    j.updatedAt = t(o, "updatedAt").value_or(TimePoint{});
    for (const auto& v : o.value("items").toArray()) {
        const auto i = v.toObject();
        const auto state = parseItemState(s(i, "state"));
        if (!state)
            return Error{
                .code = "journal.unreadable",
                .message = TIS_TEXT("journal", "Das Update-Journal %1 ist beschädigt.").arg(tiservice::utf8Of(file)),
                .action = TIS_TEXT("journal", "Den Konnektor noch einmal prüfen; das Journal wird dann neu angelegt."),
                .detail = "state " + s(i, "state")};
        JournalItem item{s(i, "updateId"), s(i, "component"), s(i, "name"), s(i, "from"), s(i, "to"), *state,
                         t(i, "startedAt"), t(i, "finishedAt"), s(i, "reason"), {}};
        for (const auto& a : i.value("archived").toArray()) item.archived.push_back(a.toString().toStdString());
        j.items.push_back(std::move(item));
    }
    return std::optional<UpdateJournal>(std::move(j));
}

UpdateHistory::UpdateHistory(std::filesystem::path file) : file_(std::move(file)) {}

Status UpdateHistory::append(const HistoryEntry& entry) {
    for (const auto& existing : read())
        if (existing.id == entry.id) return Status::success();
    auto appended = store::appendLine(file_, QJsonDocument(entryJson(entry)).toJson(QJsonDocument::Compact).toStdString());
    if (!appended.ok()) return appended.error();
    if (appended->tornLineFound)
        log::logger()->warn(
            "update archive {}: an incomplete line from an interrupted write is kept as it was; the new "
            "entry starts on a line of its own",
            tiservice::utf8Of(file_));
    return Status::success();
}

std::vector<HistoryEntry> UpdateHistory::read(int* unreadable) const {
    std::vector<HistoryEntry> out;
    if (unreadable) *unreadable = 0;
    // Only a regular file, and only so much of it: a device or a runaway file must not
    // make the archive endless (a symlink to /dev/full yields zeros forever).
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file_, ec)) return out;
    constexpr std::uintmax_t kMaxBytes = 64ull * 1024 * 1024;
    std::ifstream in(file_);
    std::string line;
    std::uintmax_t consumed = 0;
    while (consumed < kMaxBytes && std::getline(in, line)) {
        consumed += line.size() + 1;
        if (line.empty()) continue;
        QJsonParseError e{};
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(line), &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject()) {
            if (unreadable) ++*unreadable;
            continue;
        }
        const auto o = doc.object();
        HistoryEntry h;
        h.id = s(o, "id");
        h.time = t(o, "time").value_or(TimePoint{});
        h.event = s(o, "event");
        h.connector = s(o, "connector");
        h.component = s(o, "component");
        h.name = s(o, "name");
        h.fromVersion = s(o, "from");
        h.toVersion = s(o, "to");
        h.result = s(o, "result");
        h.reason = s(o, "reason");
        h.clientSystemId = s(o, "clientSystemId");
        h.workplaceId = s(o, "workplaceId");
        h.plannedAt = t(o, "plannedAt");
        h.byAutoUpdate = o.value("byAutoUpdate").toBool(false);
        h.source = s(o, "source");
        out.push_back(std::move(h));
    }
    return out;
}

Status recordInArchive(UpdateHistory& history, const UpdateJournal& journal, JournalItem& item,
                       const std::string& event, const std::string& connector, TimePoint now) {
    HistoryEntry e;
    e.id = journal.id + "/" + item.updateId + "/" + event;
    e.time = event == "started" && item.startedAt     ? *item.startedAt
             : event == "finished" && item.finishedAt ? *item.finishedAt
                                                      : now;
    e.event = event;
    e.connector = connector;
    e.component = item.component;
    e.name = item.name;
    e.fromVersion = item.fromVersion;
    e.toVersion = item.toVersion;
    if (event == "finished") e.result = std::string(itemStateId(item.state));
    e.reason = item.reason;
    e.clientSystemId = journal.clientSystemId;
    e.workplaceId = journal.workplaceId;
    e.plannedAt = journal.plannedAt;
    if (auto s = history.append(e); !s.ok()) return s;
    if (!item.isArchived(event)) item.archived.push_back(event);
    return Status::success();
}

Status recordDueEvents(UpdateHistory& history, UpdateJournal& journal, const std::string& connector, TimePoint now,
                       bool& wrote) {
    for (auto& item : journal.items)
        for (const auto& event : item.dueEvents())
            if (!item.isArchived(event)) {
                if (auto s = recordInArchive(history, journal, item, event, connector, now); !s.ok()) return s;
                wrote = true;
            }
    return Status::success();
}

std::string journalFileName(const std::string& connector) {
    std::string out;
    for (char c : connector) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
    return out + ".json";
}

std::optional<UpdateJournal> findJournalFor(const std::filesystem::path& journalDir, const std::string& hostPort) {
    const auto suffix = journalFileName("@" + hostPort);  // "_127.0.0.1_8443.json"
    std::error_code ec;
    if (!std::filesystem::is_directory(journalDir, ec)) return std::nullopt;
    for (const auto& e : std::filesystem::directory_iterator(journalDir, ec)) {
        const auto name = tiservice::utf8Of(e.path().filename());
        if (!name.ends_with(suffix)) continue;
        auto j = UpdateJournal::read(e.path());
        if (j.ok() && *j) return std::move(**j);
    }
    return std::nullopt;
}

LocalizedText historyEventText(const std::string& event) {
    if (event == "planned") return TIS_TEXT("journal", "geplant");
    if (event == "started") return TIS_TEXT("journal", "gestartet");
    if (event == "finished") return TIS_TEXT("journal", "beendet");
    if (event == "cancelled") return TIS_TEXT("journal", "abgebrochen");
    if (event == "password-changed") return TIS_TEXT("journal", "Passwort geändert");
    return LocalizedText::same(event);
}

LocalizedText historyResultText(const std::string& result) {
    if (result == "succeeded") return TIS_TEXT("journal", "erfolgreich");
    if (result == "failed") return TIS_TEXT("journal", "fehlgeschlagen");
    if (result == "broken") return TIS_TEXT("journal", "defekt");
    return LocalizedText::same(result);
}

LocalizedText historyReasonText(const std::string& reason) {
    if (reason.empty()) return {};
    if (reason == "version-not-confirmed")
        return TIS_TEXT("journal", "der Konnektor meldet danach nicht die neue Version");
    if (reason == "stopped") return TIS_TEXT("journal", "vor dem Start beendet");
    if (reason == "broken" || reason == "power-loss")
        return TIS_TEXT("journal", "Stromausfall oder Defekt während der Installation");
    if (reason == "failed") return TIS_TEXT("journal", "der Konnektor nennt keinen Grund");
    if (reason == "not-on-connector") return TIS_TEXT("journal", "der Konnektor kennt die Installation nicht");
    if (reason == "not-back") return TIS_TEXT("journal", "der Konnektor meldete sich nicht zurück");
    // The mobile card terminal, updated from this PC.
    if (reason == "device-not-back") return TIS_TEXT("journal", "das Gerät meldete sich nicht zurück");
    if (reason == "device-version-not-confirmed")
        return TIS_TEXT("journal", "das Gerät meldet danach nicht die neue Version");
    if (reason == "transfer-interrupted") return TIS_TEXT("journal", "die Übertragung zum Gerät brach ab");
    if (reason == "transfer-failed") return TIS_TEXT("journal", "die Übertragung zum Gerät ist nicht gelungen");
    if (reason == "battery-low") return TIS_TEXT("journal", "der Akku des Geräts war zu schwach");
    if (reason == "wrong-firmware")
        return TIS_TEXT("journal", "das Gerät lehnte die Firmware ab: nicht für dieses Gerät");
    if (reason == "refused-by-device") return TIS_TEXT("journal", "das Gerät lehnte die Firmware ab");
    return TIS_TEXT("journal", "der Konnektor meldet „%1“").arg(reason);
}

LocalizedText historyStartedByText(const HistoryEntry& e) {
    if (e.byAutoUpdate) return TIS_TEXT("journal", "Auto-Update des Konnektors");
    if (e.clientSystemId.empty() && e.workplaceId.empty()) return TIS_TEXT("journal", "am Konnektor selbst");
    return LocalizedText::same(e.clientSystemId + "/" + e.workplaceId);
}

}  // namespace tiservice::workflow
