#include "workflow_impl.h"

#include "tiservice/logger.h"
#include "tiservice/workflow/offered_updates.h"

namespace tiservice::workflow {
WorkflowOptions workflowOptionsFrom(const ConnectionSettings& settings, const std::filesystem::path& stateDir) {
    WorkflowOptions o;
    o.stateDir = stateDir;
    o.practiceHours = settings.practice.hours;
    o.pollInitial = settings.update.pollInterval;
    o.pollMax = settings.update.pollMax;
    o.followTimeout = settings.update.followTimeout;
    o.downloadTimeout = settings.update.downloadTimeout;
    return o;
}

std::string_view outcomeId(Outcome o) {
    switch (o) {
        case Outcome::Succeeded: return "succeeded";
        case Outcome::Planned: return "planned";
        case Outcome::PlanCancelled: return "plan-cancelled";
        case Outcome::NothingToDo: return "nothing-to-do";
        case Outcome::Cancelled: return "cancelled";
        case Outcome::OtherWorkstation: return "other-workstation";
        case Outcome::Failed: return "failed";
        case Outcome::NeedsSupport: return "needs-support";
        case Outcome::NoDriver: return "no-driver";
        case Outcome::CouldNotStart: return "could-not-start";
    }
    return "could-not-start";
}

Error withInstallationWarning(Error e) {
    e.message = LocalizedText(TIS_TEXT("update_workflow",
                                       "Ein Update läuft gerade: den Konnektor nicht ausschalten und nicht vom Strom "
                                       "trennen."))
                    .append(e.message);
    if (e.code == net::errors::kUnreachable || e.code == net::errors::kTimeout || e.code == net::errors::kConnectionLost)
        e.action = TIS_TEXT("update_workflow",
                            "Er startet dabei vermutlich neu. In einigen Minuten noch einmal prüfen; das Update wird "
                            "dann weiterverfolgt.");
    return e;
}

WorkflowResult UpdateWorkflow::Impl::run(std::optional<TimePoint> plannedAt) {
    if (auto r = prepare()) return *r;
    if (auto r = continueJournal()) {
        if (r->outcome != Outcome::Succeeded || !journal) return *r;
    }
    auto st = driver->status();
    if (!st.ok()) return failure(st.error());
    if (st->broken) {
        const auto support = supportText(catalog ? &*catalog : nullptr, settings.practice.customerType);
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Der Konnektor meldet einen Defekt. Nicht vom Strom trennen; bitte sofort anrufen: %1")
                .arg(support);
        ui.notice(
            {"support.call", Severity::Critical, TIS_TEXT("update_workflow", "Sofort den Support anrufen"), text});
        return result(Outcome::NeedsSupport, text);
    }
    if (st->active) {
        if (!ours(*st->active)) return otherWorkstation(*st->active);
        newJournal(std::nullopt);
        journal->items.push_back(itemFor(*st->active));
        journal->items.back().moveTo(ItemState::Started);
        journal->items.back().startedAt = st->active->startedAt ? st->active->startedAt : std::optional(clock.now());
        if (auto s = checkpoint(Step::Installing); !s.ok()) return failure(s.error());
        if (auto s = record(journal->items.back(), "started"); !s.ok()) return archiveFailure(s.error());
        if (auto r = finishItem(journal->items.back())) return *r;
        dropJournal();
        return result(Outcome::Succeeded, TIS_TEXT("update_workflow", "Das laufende Update ist abgeschlossen."));
    }
    for (const auto& p : st->planned)
        if (!ours(p)) return otherWorkstation(p);
    if (!st->planned.empty()) {
        const auto when =
            st->planned.front().plannedAt ? clockText(*st->planned.front().plannedAt) : LocalizedText::same("?");
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Ein Update ist bereits für %1 geplant. Verschieben oder absagen lässt es sich über „Geplantes "
                     "Update ändern“.")
                .arg(when);
        ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update geplant"), text});
        return result(Outcome::Planned, text);
    }

    std::string user;
    if (auto r = signIn(user)) return *r;
    auto offered = driver->offeredUpdates();
    if (!offered.ok()) return failure(offered.error());
    // Kept for the status checks, which do not sign in: they then name the same deadlines.
    if (auto kept = saveOfferedUpdates(opt.stateDir, connectorId, *offered, clock.now()); !kept.ok())
        log::logger()->info("offered updates not kept: {}", kept.error().describe(Language::English));
    if (offered->empty()) {
        const LocalizedText text =
            TIS_TEXT("update_workflow", "Der Konnektor bietet kein Update an: alles ist aktuell.");
        ui.notice({"nothing-to-do", Severity::Info, TIS_TEXT("update_workflow", "Alles aktuell"), text});
        driver->logout();
        return result(Outcome::NothingToDo, text);
    }
    // A terminal that is not connected cannot be updated: say so up front, never start it.
    for (auto it = offered->begin(); it != offered->end();) {
        const auto* t = it->component == "connector" ? nullptr : terminal(it->component);
        if (!t || t->connected) {
            ++it;
            continue;
        }
        ui.notice({"terminal.not-connected", Severity::Warning,
                   TIS_TEXT("update_workflow", "Kartenterminal nicht verbunden"),
                   TIS_TEXT("update_workflow",
                            "Das Kartenterminal „%1“ ist nicht verbunden und wird nicht aktualisiert. Bitte "
                            "einschalten und danach das Update noch einmal starten.")
                       .arg(t->name.empty() ? t->ctId : t->name)});
        it = offered->erase(it);
    }
    if (offered->empty()) {
        const LocalizedText text = TIS_TEXT(
            "update_workflow", "Es ist nichts zu installieren, solange das Kartenterminal nicht verbunden ist.");
        driver->logout();
        return result(Outcome::NothingToDo, text);
    }
    // Card terminals first, then the connector (vendor guidance; the connector insists).
    std::stable_sort(offered->begin(), offered->end(), [](const ManagedUpdate& a, const ManagedUpdate& b) {
        return (a.component == "connector") < (b.component == "connector");
    });

    // The dates as the status check says them: one assessment, with what the connector offers.
    assess::Input facts;
    facts.connector = snapshot->directory.product;
    facts.resources = snapshot->resources;
    facts.terminals = snapshot->terminals;
    facts.catalog = catalog ? &*catalog : nullptr;
    facts.now = clock.now();
    for (const auto& u : *offered) facts.offered.push_back({u.component, u.version, u.critical, u.deadline});
    const auto findings = assess::assess(facts);

    LocalizedText plan = TIS_TEXT("update_workflow", "Diese Updates stehen an, in dieser Reihenfolge:");
    for (const auto& u : *offered) {
        const auto name = componentName(u.component, u.name);
        const auto what = LocalizedText::same("• " + name + ": " + u.installed.toString() + " → " +
                                              u.version.toString() + ", " + megabytes(u.sizeBytes));
        LocalizedText line = u.component == "connector"
                                 ? TIS_TEXT("update_workflow", "%1, bis zu 20 Minuten mit Neustarts").arg(what)
                                 : TIS_TEXT("update_workflow", "%1, etwa 5 Minuten").arg(what);
        const auto f = std::find_if(findings.begin(), findings.end(),
                                    [&](const assess::Finding& x) { return x.component == u.component; });
        if (f != findings.end() && f->deadline)
            line = TIS_TEXT("update_workflow", "%1 – %2").arg(line, assess::deadlineText(*f, facts.now));
        if (u.critical) line = TIS_TEXT("update_workflow", "%1 (kritisches Update)").arg(line);
        // What the connector's vendor says about it, before anyone decides to start.
        if (!u.releaseNotes.empty())
            line.append(TIS_TEXT("update_workflow", "  Was ist neu? %1").arg(u.releaseNotes), "\n");
        plan.append(line, "\n");
    }
    plan.de += "\n";
    plan.en += "\n";
    ui.notice({"plan.summary", Severity::Info, TIS_TEXT("update_workflow", "Geplante Updates"), plan});

    // The connector's own auto-update covers the connector, not its terminals.
    std::optional<TimePoint> autoUpdateAt;
    if (st->autoUpdate && st->autoUpdate->enabled && st->autoUpdate->next && st->autoUpdate->pending &&
        std::all_of(offered->begin(), offered->end(), [&](const ManagedUpdate& u) {
            return u.component == "connector" && u.version == *st->autoUpdate->pending;
        }))
        autoUpdateAt = st->autoUpdate->next;
    if (auto r = decideWhen(plannedAt, !plannedAt.has_value(), autoUpdateAt)) return *r;
    if (auto r = ensureDownloaded(*offered)) return *r;

    // The safety warning is the question itself: a dialog a person must answer in every
    // host, whatever style its other notices have — never a banner that can be overlooked.
    const LocalizedText when = plannedAt ? TIS_TEXT("update_workflow", "für %1 planen").arg(clockText(*plannedAt))
                                         : TIS_TEXT("update_workflow", "jetzt starten");
    auto confirm = ui.ask(
        {"confirm.start",
         Question::Kind::Choice,
         TIS_TEXT("update_workflow",
                  "Wichtig während der Installation: den Konnektor NICHT ausschalten, NICHT vom Strom trennen und "
                  "NICHT neu starten – sonst kann er unbrauchbar werden. Der PC und dieses Programm dürfen "
                  "ausgeschaltet werden: der Konnektor macht allein weiter.\n\nUpdate %1?")
             .arg(when),
         {{"start", TIS_TEXT("update_workflow", "Verstanden – %1").arg(when)},
          {"cancel", TIS_TEXT("update_workflow", "Abbrechen")}},
         "cancel"});
    if (!confirm || *confirm != "start") return cancelled();

    newJournal(plannedAt);
    for (const auto& u : *offered) journal->items.push_back(itemFor(u));
    if (auto s = checkpoint(Step::Confirmed); !s.ok()) return failure(s.error());
    return execute(plannedAt);
}
;

UpdateWorkflow::UpdateWorkflow(ConnectionSettings settings, net::ClientOptions connectorOptions, Ui& ui, const Clock& clock,
                               WorkflowOptions options)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(connectorOptions), ui, clock, std::move(options))) {}

UpdateWorkflow::~UpdateWorkflow() = default;

WorkflowResult UpdateWorkflow::run(std::optional<TimePoint> plannedAt) { return impl_->run(plannedAt); }

WorkflowResult UpdateWorkflow::resume() {
    if (auto r = impl_->prepare()) return *r;
    if (!impl_->journal)
        return impl_->result(Outcome::NothingToDo, TIS_TEXT("update_workflow", "Kein begonnenes Update."));
    if (auto r = impl_->continueJournal()) return *r;
    return impl_->result(Outcome::NothingToDo, TIS_TEXT("update_workflow", "Das begonnene Update ist abgeschlossen."));
}

WorkflowResult UpdateWorkflow::reconcile() {
    if (auto r = impl_->prepare()) return *r;
    return impl_->reconcile();
}

WorkflowResult UpdateWorkflow::changePassword() {
    if (auto r = impl_->prepare()) return *r;
    std::string user;
    if (auto r = impl_->signIn(user, true)) return *r;
    return impl_->result(Outcome::Succeeded, TIS_TEXT("update_workflow", "Das Passwort wurde geändert."));
}

}  // namespace tiservice::workflow
