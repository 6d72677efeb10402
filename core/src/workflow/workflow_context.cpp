#include "workflow_impl.h"

#include "tiservice/workflow/offered_updates.h"

#include "tiservice/logger.h"

namespace tiservice::workflow {

// --- small helpers -----------------------------------------------------------------
WorkflowResult UpdateWorkflow::Impl::result(Outcome o, LocalizedText message, std::optional<Error> error) {
    log::logger()->info("update workflow ended: {}", outcomeId(o));
    return WorkflowResult{o, std::move(message), std::move(error)};
}

WorkflowResult UpdateWorkflow::Impl::failure(const Error& original) {
    const Error e = withUnderwayWarning(original);
    ui.notice({"error", underway() ? Severity::Critical : Severity::Warning,
               TIS_TEXT("update_workflow", "Das Update kann nicht fortgesetzt werden"), e.text()});
    return result(Outcome::CouldNotStart, e.message, e);
}

/// The archive could not take an entry: say so, never claim it is recorded; the journal
/// keeps the story so the next start writes it.
WorkflowResult UpdateWorkflow::Impl::archiveFailure(const Error& e) {
    const LocalizedText text =
        TIS_TEXT("update_workflow",
                 "Das Update-Archiv kann gerade nicht geschrieben werden: %1 Das Update selbst ist davon nicht "
                 "betroffen; beim nächsten Start wird es eingetragen.")
            .arg(e.message);
    ui.notice({"archive.failed", Severity::Warning, TIS_TEXT("update_workflow", "Update-Archiv nicht geschrieben"),
               LocalizedText(text).append(e.action)});
    return result(Outcome::CouldNotStart, text, e);
}

WorkflowResult UpdateWorkflow::Impl::cancelled() {
    ui.notice({"cancelled", Severity::Info, TIS_TEXT("update_workflow", "Abgebrochen"),
               TIS_TEXT("update_workflow", "Es wurde nichts installiert.")});
    return result(Outcome::Cancelled, TIS_TEXT("update_workflow", "Abgebrochen; es wurde nichts installiert."));
}

namespace detail {
void pauseForFaultInjection(const std::string& step, std::map<std::string, int>& counts) {
#ifdef TISERVICE_FAULT_HOOKS
    // Test builds only (TISERVICE_DEVELOPER_MODE): the kill-and-resume tests pause here.
    // "installing" pauses at the first time the step is reached, "installing:2" at the second.
    if (const char* pause = std::getenv("TISERVICE_FAULT_PAUSE_AT")) {
        const std::string wanted(pause);
        const auto colon = wanted.find(':');
        const int nth = colon == std::string::npos ? 1 : std::atoi(wanted.c_str() + colon + 1);
        if (wanted.substr(0, colon) == step && ++counts[step] == nth) {
            log::logger()->warn("fault injection: pausing at step {} for a kill-and-resume test", step);
            const char* ms = std::getenv("TISERVICE_FAULT_PAUSE_MS");
            std::this_thread::sleep_for(ms ? std::chrono::milliseconds(std::atol(ms)) : std::chrono::minutes(10));
        }
    }
#else
    (void)step;
    (void)counts;
#endif
}
}  // namespace detail

/// Sleeps in short slices so a host shutting down is never kept waiting.
void UpdateWorkflow::Impl::sleepFor(std::chrono::milliseconds d) {
    const auto until = SteadyClock::now() + d;
    while (!stopping() && SteadyClock::now() < until)
        std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
            std::chrono::milliseconds(50), std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now())));
}

/// Writes the journal, then honours the fault-injection pause the kill-and-resume tests use.
Status UpdateWorkflow::Impl::checkpoint(Step at) {
    const std::string step(stepId(at));
    journal->step = step;
    journal->updatedAt = clock.now();
    if (auto s = journal->save(journalPath); !s.ok()) return s;
    log::logger()->info("update journal: step {}", step);
    pauseForFaultInjection(step, stepCounts);
    return Status::success();
}

void UpdateWorkflow::Impl::dropJournal() {
    std::error_code ec;
    std::filesystem::remove(journalPath, ec);
    journal.reset();
}

Status UpdateWorkflow::Impl::record(JournalItem& item, const std::string& event) {
    return recordInArchive(history, *journal, item, event, connectorId, clock.now());
}

Status UpdateWorkflow::Impl::archiveWhatTheJournalKnows() {
    bool wrote = false;
    if (auto s = recordDueEvents(history, *journal, connectorId, clock.now(), wrote); !s.ok()) return s;
    return wrote ? journal->save(journalPath) : Status::success();
}

// --- reading the connector ---------------------------------------------------------
std::optional<WorkflowResult> UpdateWorkflow::Impl::prepare() {
    access = opt.connectorAccess ? opt.connectorAccess(settings, connectorOptions, clock)
                                 : konnektor::connectorOverNetwork(settings, connectorOptions, clock);
    // The journal first: if an installation is underway, every error must say so, even
    // when the connector cannot be read because it reboots in the middle of it.
    if (auto url = net::Url::parse(settings.connector.sdsUrl); url.ok())
        journalBeforeReading = findJournalFor(opt.stateDir / "journal", url->hostPort());
    // Nothing is worth asking for when the journal cannot be written (a full disk).
    if (auto probe = store::writeAtomically(opt.stateDir / "journal" / ".writable", "ok"); !probe.ok())
        return failure(probe.error());
    std::error_code ignored;
    std::filesystem::remove(opt.stateDir / "journal" / ".writable", ignored);
    auto s = access->read();
    if (!s.ok()) return failure(s.error());
    snapshot = std::move(s).value();
    if (auto cached = catalog::loadVerifiedCatalog(opt.stateDir); cached.ok()) catalog = std::move(cached).value();
    const auto& p = snapshot->directory.product;
    connectorId = connectorKey(p, settings.connector.sdsUrl);
    journalPath = opt.stateDir / "journal" / journalFileName(connectorId);
    driver = access->driver(p, false);
    if (!driver) {
        const auto hint = konnektor::adminInterfaceHint(p, settings.connector.sdsUrl);
        ui.notice({"no-driver", Severity::Info, TIS_TEXT("update_workflow", "Update im Konnektor starten"), hint});
        return result(Outcome::NoDriver, hint);
    }
    auto j = UpdateJournal::read(journalPath);
    if (!j.ok()) {
        ui.notice({"journal.damaged", Severity::Warning, TIS_TEXT("update_workflow", "Journal beschädigt"),
                   j.error().message});
        dropJournal();
    } else if (*j) {
        journal = std::move(**j);
    }
    return std::nullopt;
}

/// What people call a component: the product table's name (real terminals report none)
/// with the terminal's own name as the place.
std::string UpdateWorkflow::Impl::componentName(const std::string& component, const std::string& hint) const {
    const auto* products = catalog ? &*catalog : nullptr;
    if (component == "connector") return assess::connectorDisplayName(snapshot->directory.product, products);
    for (const auto& t : snapshot->terminals)
        if (t.ctId == component) {
            auto label = t.name.empty() ? t.ctId : t.name;
            if (!t.identity()) return label;
            return assess::terminalDisplayName(t, products) + " (" + label + ")";
        }
    return hint.empty() ? component : hint;
}

const konnektor::CardTerminal* UpdateWorkflow::Impl::terminal(const std::string& ctId) const {
    for (const auto& t : snapshot->terminals)
        if (t.ctId == ctId) return &t;
    return nullptr;
}

// --- other workstations ------------------------------------------------------------
bool UpdateWorkflow::Impl::ours(const Installation& i) const {
    return i.clientSystemId == settings.connector.context.clientSystemId && i.workplaceId == settings.connector.context.workplaceId;
}

WorkflowResult UpdateWorkflow::Impl::otherWorkstation(const Installation& i) {
    const LocalizedText when = i.state == Installation::State::Planned && i.plannedAt
                                   ? TIS_TEXT("update_workflow", "geplant für %1").arg(clockText(*i.plannedAt))
                                   : TIS_TEXT("update_workflow", "läuft gerade");
    LocalizedText text =
        TIS_TEXT("update_workflow",
                 "Ein Update von %1 auf %2 %3 – gestartet vom Clientsystem %4 am Arbeitsplatz %5. Hier wird kein "
                 "zweites gestartet.")
            .arg(componentName(i.component, ""), i.toVersion.toString(), when, i.clientSystemId, i.workplaceId);
    if (i.state == Installation::State::Planned)
        text.append(TIS_TEXT("update_workflow",
                             "Verschieben oder absagen lässt es sich an jedem Arbeitsplatz über „Geplantes Update "
                             "ändern“."));
    ui.notice({"other-workstation", Severity::Info, TIS_TEXT("update_workflow", "Update läuft bereits"), text});
    return result(Outcome::OtherWorkstation, text);
}

// --- starting ----------------------------------------------------------------------
JournalItem UpdateWorkflow::Impl::itemFor(const ManagedUpdate& u) const {
    JournalItem i;
    i.updateId = u.updateId;
    i.component = u.component;
    i.name = componentName(u.component, u.name);
    i.fromVersion = u.installed.toString();
    i.toVersion = u.version.toString();
    return i;
}

JournalItem UpdateWorkflow::Impl::itemFor(const Installation& inst) const {
    JournalItem i;
    i.updateId = inst.updateId;
    i.component = inst.component;
    i.name = componentName(inst.component, "");
    i.fromVersion = inst.fromVersion.toString();
    i.toVersion = inst.toVersion.toString();
    return i;
}

void UpdateWorkflow::Impl::newJournal(std::optional<TimePoint> plannedAt) {
    journal = UpdateJournal{};
    journal->id = newRunId();
    journal->connector = connectorId;
    journal->plannedAt = plannedAt;
    journal->clientSystemId = settings.connector.context.clientSystemId;
    journal->workplaceId = settings.connector.context.workplaceId;
}

namespace detail {
std::string megabytes(std::uint64_t bytes) {
    return std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

LocalizedText clockText(TimePoint t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char de[16], en[16], time[8];
    std::strftime(de, sizeof de, "%d.%m.%Y", &tm);
    std::strftime(en, sizeof en, "%Y-%m-%d", &tm);
    std::strftime(time, sizeof time, "%H:%M", &tm);
    return TIS_TEXT("update_workflow", "%1 um %2").arg(LocalizedText::fromData(de, en), time);
}

LocalizedText eveningText(TimePoint evening, TimePoint now) {
    const auto localDay = [](TimePoint t) {
        const std::time_t tt = std::chrono::system_clock::to_time_t(t);
        std::tm tm{};
        localtime_r(&tt, &tm);
        return tm;
    };
    const std::tm e = localDay(evening);
    std::tm tomorrow = localDay(now);
    const bool today = tomorrow.tm_year == e.tm_year && tomorrow.tm_yday == e.tm_yday;
    tomorrow.tm_mday += 1;
    tomorrow.tm_isdst = -1;
    std::mktime(&tomorrow);
    const bool nextDay = tomorrow.tm_year == e.tm_year && tomorrow.tm_yday == e.tm_yday;
    char de[16], en[16], time[8];
    std::strftime(de, sizeof de, "%d.%m.%Y", &e);
    std::strftime(en, sizeof en, "%Y-%m-%d", &e);
    std::strftime(time, sizeof time, "%H:%M", &e);
    if (today) return TIS_TEXT("update_workflow", "Heute Abend, %1").arg(time);
    if (nextDay) return TIS_TEXT("update_workflow", "Morgen Abend, %1").arg(time);
    return TIS_TEXT("update_workflow", "Am %1 abends, %2").arg(LocalizedText::fromData(de, en), time);
}

LocalizedText supportText(const catalog::ApprovalCatalog* catalog, CustomerType customerType) {
    return catalog::supportContactText(catalog, customerTypeId(customerType));
}

std::string newRunId() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 16; ++i) id += hex[rd() % 16];
    return id;
}

}  // namespace detail

}  // namespace tiservice::workflow
