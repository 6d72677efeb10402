#include "tiservice/engine/engine.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "tiservice/catalog/catalog_source.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/logger.h"
#include "tiservice/net/http_client.h"
#include "tiservice/release/self_update.h"
#include "tiservice/store/state_lock.h"
#include "tiservice/workflow/mobile_terminal_update.h"
#include "tiservice/workflow/offered_updates.h"
#include "tiservice/workflow/practice_archive.h"

namespace tiservice::engine {
namespace {

using assess::ComponentStatus;
using workflow::Notice;
using workflow::Severity;

/// The host's Ui, remembering the last notice's text: a workflow's result that only repeats
/// what its last notice said is not said twice.
class RememberingUi final : public workflow::Ui {
public:
    explicit RememberingUi(workflow::Ui& inner) : inner_(inner) {}
    void notice(const Notice& n) override {
        last_ = n.text;
        inner_.notice(n);
    }
    std::optional<std::string> ask(const workflow::Question& q) override { return inner_.ask(q); }
    void progress(const workflow::Progress& p) override { inner_.progress(p); }
    void withdraw(const std::string& id) override { inner_.withdraw(id); }
    [[nodiscard]] const LocalizedText& lastText() const { return last_; }

private:
    workflow::Ui& inner_;
    LocalizedText last_;
};

/// 00:00 of the next local day: when a dismissed notice may come back.
TimePoint startOfNextLocalDay(TimePoint t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    tm.tm_mday += 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&tm));
}

Severity severityOf(ComponentStatus s) {
    if (s >= ComponentStatus::Expired) return Severity::Critical;
    if (s == ComponentStatus::ApprovalEnds) return Severity::Warning;
    return Severity::Info;
}

}  // namespace

Wording Wording::standard() {
    return {TIS_TEXT("engine", "TI-Komponenten"), TIS_TEXT("engine", "Jetzt aktualisieren"), "update"};
}

struct Engine::Impl {
    EngineSetup setup;
    const Clock& clock;
    RememberingUi ui;
    std::optional<ConnectionSettings> settings;
    /// The check's notices the host shows now, with their severity.
    std::map<std::string, Severity> shown;
    /// Notices a person closed: not again before `until` unless more urgent than `severity`.
    struct Held {
        TimePoint until;
        Severity severity;
    };
    std::map<std::string, Held> held;
    Error settingsError{.code = "settings.missing",
                        .message = TIS_TEXT("engine", "Es sind noch keine TI-Einstellungen hinterlegt."),
                        .action = TIS_TEXT("engine", "Die Verbindung zum Konnektor in den Einstellungen eintragen."),
                        .detail = ""};

    explicit Impl(EngineSetup s)
        : setup(std::move(s)), clock(setup.clock ? *setup.clock : *SystemClock::shared()), ui(*setup.ui) {}

    Result<net::ClientOptions> clientOptions() {
        return konnektor::connectorClientOptions(*settings, [this](const LocalizedText& question) {
            return ui.ask({"connection.password", workflow::Question::Kind::Secret, question, {}, ""});
        });
    }

    workflow::WorkflowOptions workflowOptions() const {
        auto o = workflow::workflowOptionsFrom(*settings, setup.stateDir);
        o.stopRequested = setup.stopRequested;
        o.workplacesSignedIn = setup.workplacesSignedIn;
        o.connectorAccess = setup.connectorAccess;
        return o;
    }

    std::optional<workflow::UpdateJournal> journal() const {
        const auto url = net::Url::parse(settings->connector.sdsUrl);
        return url.ok() ? workflow::findJournalFor(setup.stateDir / "journal", url->hostPort()) : std::nullopt;
    }

    /// Takes the connector's finished installations into the archive. Only while this process
    /// holds the state folder and no journal tells a story of its own: an installation the
    /// journal still follows is recorded by the journal, once.
    Result<int> takeConnectorList(const konnektor::ConnectorSnapshot& snapshot,
                                  const konnektor::ManagementStatus& management) const {
        if (journal()) return 0;
        const auto catalog = catalog::loadVerifiedCatalog(setup.stateDir);
        const catalog::ApprovalCatalog* known = catalog.ok() ? &catalog.value() : nullptr;
        workflow::UpdateHistory history(setup.stateDir / "history.jsonl");
        const workflow::ConnectorList list{
            .connectorId = workflow::connectorKey(snapshot.directory.product, settings->connector.sdsUrl),
            .identity = snapshot.directory.product.key(),
            .clientSystemId = settings->connector.context.clientSystemId,
            .workplaceId = settings->connector.context.workplaceId};
        auto added =
            workflow::takeConnectorInstallations(history, list, management.recent, [&](const std::string& component) {
                if (component == "connector") return assess::connectorDisplayName(snapshot.directory.product, known);
                for (const auto& t : snapshot.terminals)
                    if (t.ctId == component) return assess::terminalDisplayName(t, known);
                return component;
            });
        if (added.ok() && *added > 0)
            log::logger()->info("archive: {} installation(s) taken from the connector's list", *added);
        return added;
    }

    /// What the guided update and the password change need before they begin.
    template <typename Run>
    Result<workflow::WorkflowResult> guided(std::string_view purpose, Run run) {
        if (!settings) return settingsError;
        auto options = clientOptions();
        if (!options.ok()) return options.error();
        auto lock = store::StateLock::acquire(setup.stateDir, setup.lockWait, purpose);
        if (!lock.ok()) return lock.error();
        workflow::UpdateWorkflow wf(*settings, *options, ui, clock, workflowOptions());
        return run(wf);
    }
};

Engine::Engine(EngineSetup setup) : impl_(std::make_unique<Impl>(std::move(setup))) {}
Engine::~Engine() = default;

void Engine::useSettings(Result<ConnectionSettings> settings) {
    impl_->settings.reset();
    if (!settings.ok()) {
        impl_->settingsError = settings.error();
        return;
    }
    impl_->settings = std::move(settings).value();
}

const std::optional<ConnectionSettings>& Engine::settings() const { return impl_->settings; }
const std::filesystem::path& Engine::stateDir() const { return impl_->setup.stateDir; }

CheckOutcome Engine::check() {
    auto& x = *impl_;
    if (!x.settings) return {x.settingsError, std::nullopt};
    auto options = x.clientOptions();
    if (!options.ok()) return {options.error(), std::nullopt};
    // While another tiservice works with this PC's data (an update), check with the last
    // verified catalog instead of refreshing it beside the other's writes.
    auto lock = store::StateLock::acquire(x.setup.stateDir, std::chrono::seconds(3), "status");
    if (!lock.ok()) log::logger()->info("status: {}", lock.error().describe(Language::English));
    std::optional<Error> notRefreshed;
    if (!lock.ok() && lock.error().code != store::kStateBusy) notRefreshed = lock.error();  // not busy: why
    CheckOutcome outcome{runStatusCheck(*x.settings, *options, x.setup.stateDir, x.clock,
                                        {.refreshCatalog = lock.ok(),
                                         .notRefreshedBecause = std::move(notRefreshed),
                                         .connectorAccess = x.setup.connectorAccess}),
                         std::nullopt};
    // An update the journal still follows: when the connector is away, it is most likely
    // rebooting in the middle of it — say that first; when it answers, record what it says.
    const auto journal = x.journal();
    if (!outcome.report.ok() && journal && journal->installationUnderway())
        outcome.report = workflow::withInstallationWarning(outcome.report.error());
    if (outcome.report.ok() && journal && lock.ok()) {
        workflow::SilentUi quiet;  // a check asks nobody anything: the follow-up's notices are its message
        workflow::UpdateWorkflow wf(*x.settings, *options, quiet, x.clock, x.workflowOptions());
        const auto r = wf.reconcile();
        if (r.outcome == workflow::Outcome::Succeeded) {
            outcome.followedUp = r.message;
            outcome.report = runStatusCheck(*x.settings, *options, x.setup.stateDir, x.clock,
                                            {.refreshCatalog = false, .connectorAccess = x.setup.connectorAccess});
        }
    }
    if (outcome.report.ok() && outcome.report->management && lock.ok()) {
        if (auto taken = x.takeConnectorList(outcome.report->snapshot, *outcome.report->management); !taken.ok())
            log::logger()->warn("archive: {}", taken.error().describe(Language::English));
    }
    if (!outcome.report.ok()) log::logger()->warn("status: {}", outcome.report.error().describe(Language::English));
    else log::logger()->info("status: overall {}", assess::statusId(outcome.report->overall));
    return outcome;
}

Result<workflow::WorkflowResult> Engine::update(std::optional<TimePoint> plannedAt) {
    return impl_->guided("update", [&](workflow::UpdateWorkflow& wf) { return wf.run(plannedAt); });
}

Result<workflow::WorkflowResult> Engine::changePlan(workflow::PlanChange change) {
    return impl_->guided("plan", [&](workflow::UpdateWorkflow& wf) { return wf.changePlan(change); });
}

Result<workflow::WorkflowResult> Engine::changePassword() {
    return impl_->guided("password", [](workflow::UpdateWorkflow& wf) { return wf.changePassword(); });
}

bool Engine::lookForRelease() {
    auto& x = *impl_;
    if (!x.settings) return false;
    release::Installation embedded;  // inside a practice software: its files are never written to
    embedded.version = release::findInstallation({}).version;
    const auto found = release::checkForRelease(*x.settings, x.setup.stateDir, x.clock, embedded);
    if (found.error) log::logger()->info("release check: {}", found.error->describe(Language::English));
    const auto text = release::describe(found, embedded);
    if (!text) return false;
    x.ui.notice({"tiservice.new-version", found.refused ? workflow::Severity::Warning : workflow::Severity::Info,
                 TIS_TEXT("engine", "Neue Version von tiservice"), *text});
    return true;
}

Result<workflow::WorkflowResult> Engine::updateMobileTerminal() {
    auto& x = *impl_;
    if (!x.settings) return x.settingsError;
    auto lock = store::StateLock::acquire(x.setup.stateDir, x.setup.lockWait, "mobile-terminal");
    if (!lock.ok()) return lock.error();
    workflow::MobileTerminalUpdateOptions o{.stateDir = x.setup.stateDir,
                                            .rebootTimeout = std::min<std::chrono::milliseconds>(
                                                x.settings->update.followTimeout, std::chrono::minutes(10)),
                                            .pollInterval = x.settings->update.pollInterval,
                                            .stopRequested = x.setup.stopRequested};
    return workflow::updateMobileTerminal(*x.settings, x.ui, x.clock, o);
}

workflow::WorkflowResult Engine::resume() {
    auto& x = *impl_;
    workflow::WorkflowResult nothing{workflow::Outcome::NothingToDo, {}, std::nullopt};
    if (!x.settings) return nothing;
    const auto dir = x.setup.stateDir / "journal";
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec)) return nothing;
    auto options = x.clientOptions();
    if (!options.ok()) return nothing;
    auto lock = store::StateLock::acquire(x.setup.stateDir, std::chrono::seconds(3), "update");
    if (!lock.ok()) return nothing;  // whoever holds it follows the story
    workflow::UpdateWorkflow wf(*x.settings, *options, x.ui, x.clock, x.workflowOptions());
    return wf.resume();
}

HistoryView Engine::history() const {
    workflow::UpdateHistory h(impl_->setup.stateDir / "history.jsonl");
    HistoryView view;
    view.entries = h.read(&view.unreadableLines);
    // In the order things happened: entries taken from the connector's list later are older.
    std::stable_sort(view.entries.begin(), view.entries.end(),
                     [](const workflow::HistoryEntry& a, const workflow::HistoryEntry& b) { return a.time < b.time; });
    view.file = h.file();
    return view;
}

HistoryView Engine::practiceHistory() {
    auto& x = *impl_;
    const auto withReason = [this](Error e) {
        auto view = history();
        view.connectorListError = std::move(e);
        return view;
    };
    if (!x.settings) return withReason(x.settingsError);
    auto options = x.clientOptions();
    if (!options.ok()) return withReason(options.error());
    // A look, like the connector's display: a connector that does not answer soon leaves the
    // local archive, it does not hold up the person.
    options->connectTimeout = std::min(options->connectTimeout, std::chrono::milliseconds(3'000));
    options->readTimeout = std::min(options->readTimeout, std::chrono::milliseconds(5'000));
    options->totalTimeout = std::min(options->totalTimeout, std::chrono::milliseconds(10'000));
    options->maxAttempts = 1;
    auto lock = store::StateLock::acquire(x.setup.stateDir, std::chrono::seconds(3), "history");
    if (!lock.ok()) return withReason(lock.error());
    const auto access = x.setup.connectorAccess ? x.setup.connectorAccess(*x.settings, *options, x.clock)
                                                : konnektor::connectorOverNetwork(*x.settings, *options, x.clock);
    auto snapshot = access->read();
    if (!snapshot.ok()) return withReason(snapshot.error());
    auto driver = access->driver(snapshot->directory.product, true);
    if (!driver)
        return withReason(Error{
            .code = "history.no-driver",
            .message = TIS_TEXT("engine", "Die Liste der Installationen dieses Konnektors kann tiservice nicht lesen."),
            .action = TIS_TEXT("engine", "Sie steht in der Verwaltungsoberfläche des Konnektors."),
            .detail = snapshot->directory.product.productCode});
    auto management = driver->status();
    if (!management.ok()) return withReason(management.error());
    const auto taken = x.takeConnectorList(*snapshot, *management);
    if (!taken.ok()) return withReason(taken.error());
    auto view = history();
    view.connectorListRead = true;
    view.takenFromConnector = *taken;
    return view;
}

// --- what it means to a person --------------------------------------------------------------

namespace {
bool sameLocalDay(TimePoint a, TimePoint b) {
    const auto day = [](TimePoint t) {
        const std::time_t tt = std::chrono::system_clock::to_time_t(t);
        std::tm tm{};
        localtime_r(&tt, &tm);
        return std::pair(tm.tm_year, tm.tm_yday);
    };
    return day(a) == day(b);
}
}  // namespace

std::optional<MainAction> Engine::mainAction(const assess::Finding& f) const {
    if (f.status == ComponentStatus::Blocked)
        return MainAction{"support", TIS_TEXT("engine", "Support anrufen"), std::nullopt,
                          LocalizedText(f.summary).append(f.action)};
    if (f.status < ComponentStatus::UpdateAvailable || f.noUpdateOffered || !f.recommended) return std::nullopt;
    if (f.type == ComponentType::MobileTerminal)
        return MainAction{"mobile-terminal-update", TIS_TEXT("engine", "Jetzt aktualisieren"), std::nullopt};
    const auto now = impl_->clock.now();
    const PracticeHours hours = impl_->settings ? impl_->settings->practice.hours : PracticeHours{};
    const auto evening = hours.suggestEvening(now);
    // Expired: the VPN access is blocked soon, there is no evening to wait for.
    if (f.status == ComponentStatus::Expired || !evening || (f.deadline && *evening >= *f.deadline))
        return MainAction{"update", TIS_TEXT("engine", "Jetzt aktualisieren"), std::nullopt};
    const auto at = LocalizedText::same(formatLocalTime(*evening));
    if (sameLocalDay(*evening, now))
        return MainAction{"plan-evening", TIS_TEXT("engine", "Heute Abend um %1 einplanen").arg(at), evening};
    if (sameLocalDay(*evening, now + std::chrono::hours(24)))
        return MainAction{"plan-evening", TIS_TEXT("engine", "Morgen Abend um %1 einplanen").arg(at), evening};
    return MainAction{"plan-evening", TIS_TEXT("engine", "Für %1 einplanen").arg(formatLocalWeekdayTime(*evening)),
                      evening};
}

std::vector<Notice> Engine::noticesFor(const StatusReport& report) const {
    const auto& w = impl_->setup.wording;
    std::vector<Notice> notices;
    bool anything = false;
    for (const auto& f : report.findings) {
        if (f.status == ComponentStatus::Current) continue;
        // A mobile terminal out on a house call is no news at every check: `status` says it.
        if (f.type == ComponentType::MobileTerminal && f.status == ComponentStatus::NotConnected) continue;
        anything = true;
        LocalizedText text = LocalizedText(f.summary).append(f.action);
        for (const auto& d : f.details) text.append(d, "\n");
        Notice n{"status." + f.code, severityOf(f.status), LocalizedText(w.statusTitle).append(LocalizedText::same(f.name), ": "),
                 text};
        if (f.status >= ComponentStatus::UpdateAvailable) n.actions.push_back({w.updateActionId, w.updateAction});
        n.actions.push_back({"later", TIS_TEXT("engine", "Später")});
        notices.push_back(std::move(n));
    }
    if (report.catalogError)
        notices.push_back({"status.catalog-missing", Severity::Warning, w.statusTitle, report.catalogError->text()});
    if (!anything && !report.catalogError) {
        LocalizedText text =
            TIS_TEXT("engine", "Konnektor und Kartenterminals sind auf einem zugelassenen, aktuellen Stand.");
        // Someone already did it: say who, so nobody starts it again.
        for (const auto& f : report.findings)
            if (f.recentInstallation)
                text.append(LocalizedText::same(f.name).append(*f.recentInstallation, ": "), "\n");
        notices.push_back({"status.current", Severity::Info, w.statusTitle, text});
    }
    return notices;
}

void Engine::announce(const CheckOutcome& outcome) {
    const auto& w = impl_->setup.wording;
    if (!outcome.report.ok()) {
        const auto& e = outcome.report.error();
        // The findings shown before stay (nothing is known that contradicts them); the error
        // itself is withdrawn by the next check that succeeds.
        if (e.code.starts_with("settings.")) {
            announce(e);
            impl_->shown["settings.invalid"] = Severity::Warning;
            return;
        }
        impl_->ui.notice({"status.error", Severity::Warning,
                          TIS_TEXT("engine", "%1: Prüfung nicht möglich").arg(w.statusTitle), e.text()});
        impl_->shown["status.error"] = Severity::Warning;
        return;
    }
    auto& x = *impl_;
    const auto now = x.clock.now();
    std::map<std::string, Severity> shownNow;
    if (outcome.followedUp) {
        x.ui.notice({"status.followed-up", Severity::Info, w.statusTitle, *outcome.followedUp});
        shownNow.emplace("status.followed-up", Severity::Info);
    }
    for (const auto& n : noticesFor(*outcome.report)) {
        if (const auto h = x.held.find(n.id); h != x.held.end()) {
            if (now < h->second.until && n.severity <= h->second.severity) continue;  // closed by a person: not yet
            x.held.erase(h);
        }
        x.ui.notice(n);  // replaces the one with the same id
        shownNow.emplace(n.id, n.severity);
    }
    // What the last check said and this one no longer does (the update is installed).
    for (const auto& [id, severity] : x.shown)
        if (!shownNow.contains(id)) x.ui.withdraw(id);
    x.shown = std::move(shownNow);
}

void Engine::noticeClosed(const std::string& noticeId, NoticeClosed how) {
    auto& x = *impl_;
    const auto it = x.shown.find(noticeId);
    if (it == x.shown.end()) return;  // not one of the check's notices: nothing to hold back
    const auto now = x.clock.now();
    const auto until = how == NoticeClosed::Postponed ? now + std::chrono::hours(4) : startOfNextLocalDay(now);
    x.held[noticeId] = {until, it->second};
    x.shown.erase(it);
    log::logger()->info("notice {} {} until {}", noticeId, how == NoticeClosed::Postponed ? "postponed" : "dismissed",
                        formatUtc(until));
}

void Engine::announce(const workflow::WorkflowResult& result, bool) {
    // "Update geplant: …" already said it in these words: the result adds nothing.
    if (!result.message.empty() && result.message.de == impl_->ui.lastText().de) return;
    impl_->ui.notice({"workflow." + std::string(workflow::outcomeId(result.outcome)), Severity::Info,
                      impl_->setup.wording.statusTitle, result.message});
}

void Engine::announce(const Error& couldNotBegin) {
    const auto& w = impl_->setup.wording;
    if (couldNotBegin.code == "store.busy") {
        impl_->ui.notice({"workflow.busy", Severity::Warning, w.statusTitle, couldNotBegin.text()});
        return;
    }
    if (couldNotBegin.code.starts_with("settings.")) {
        impl_->ui.notice({"settings.invalid", Severity::Warning, TIS_TEXT("engine", "TI-Einstellungen unvollständig"),
                          couldNotBegin.text()});
        return;
    }
    impl_->ui.notice({"status.error", Severity::Warning, w.statusTitle, couldNotBegin.text()});
}

void Engine::announce(const HistoryView& history) {
    LocalizedText body;
    for (const auto& e : history.entries) {
        if (e.event != "finished") continue;
        LocalizedText line = formatLocalDateTime(e.time);
        line.append(LocalizedText::same(e.name + "  " + e.fromVersion + " → " + e.toVersion), "  ")
            .append(workflow::historyResultText(e.result), "  ");
        if (e.result != "succeeded" && !e.reason.empty()) line.append(workflow::historyReasonText(e.reason), ": ");
        line.append(LocalizedText::same("("), "  ")
            .append(workflow::historyStartedByText(e), "")
            .append(LocalizedText::same(")\n"), "");
        body.append(line, "");
    }
    if (body.empty()) body = TIS_TEXT("engine", "Das Update-Archiv ist leer.");
    if (history.connectorListError)
        body.append(TIS_TEXT("engine",
                             "Die Liste des Konnektors war nicht zu lesen; gezeigt wird, was dieser "
                             "Arbeitsplatz selbst eingetragen hat."),
                    "\n");
    impl_->ui.notice({"history", Severity::Info, TIS_TEXT("engine", "Update-Archiv"), body});
}

}  // namespace tiservice::engine
