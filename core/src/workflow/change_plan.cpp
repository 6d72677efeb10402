// Moving or cancelling what the connector has planned, from any workstation.
#include <algorithm>

#include "tiservice/logger.h"
#include "workflow_impl.h"

namespace tiservice::workflow {

Status UpdateWorkflow::Impl::recordPlanChange(const Installation& p, const std::string& event, TimePoint plannedAt) {
    HistoryEntry e;
    e.id = connectorId + "/plan/" + p.updateId + "/" + formatUtc(plannedAt) + "/" + event;
    e.time = clock.now();
    e.event = event;
    e.connector = connectorId;
    e.component = p.component;
    e.name = componentName(p.component, "");
    e.fromVersion = p.fromVersion.toString();
    e.toVersion = p.toVersion.toString();
    // Who changed it: this workstation.
    e.clientSystemId = settings.connector.context.clientSystemId;
    e.workplaceId = settings.connector.context.workplaceId;
    e.plannedAt = plannedAt;
    return history.append(e);
}

WorkflowResult UpdateWorkflow::Impl::changePlan(PlanChange change) {
    auto st = driver->status();
    if (!st.ok()) return failure(st.error());
    if (st->planned.empty()) {
        const LocalizedText text = st->active
                                       ? TIS_TEXT("update_workflow",
                                                  "Das Update läuft bereits und lässt sich nicht mehr verschieben. "
                                                  "Den Konnektor nicht ausschalten.")
                                       : TIS_TEXT("update_workflow", "Im Konnektor ist kein Update geplant.");
        ui.notice({"plan.none", Severity::Info, TIS_TEXT("update_workflow", "Geplantes Update"), text});
        return result(Outcome::NothingToDo, text);
    }
    // The plan as the connector holds it, whoever made it.
    LocalizedText plan = TIS_TEXT("update_workflow", "Im Konnektor geplant:");
    for (const auto& p : st->planned) {
        plan.append(
            TIS_TEXT("update_workflow", "• %1 auf %2, %3 (%4)")
                .arg(componentName(p.component, ""), p.toVersion.toString(),
                     p.plannedAt ? clockText(*p.plannedAt) : LocalizedText::same("?"), assess::startedByText(p)),
            "\n");
    }
    ui.notice({"plan.current", Severity::Info, TIS_TEXT("update_workflow", "Geplantes Update"), plan});

    const auto now = clock.now();
    const auto evening = opt.practiceHours.suggestEvening(now);
    if (change.kind == PlanChange::Kind::Ask) {
        std::vector<Choice> choices;
        if (evening)
            choices.push_back(
                {"evening", TIS_TEXT("update_workflow", "Verschieben auf %1").arg(eveningText(*evening, now))});
        choices.push_back({"move", TIS_TEXT("update_workflow", "Auf eine andere Uhrzeit verschieben")});
        choices.push_back({"cancel", TIS_TEXT("update_workflow", "Absagen")});
        choices.push_back({"keep", TIS_TEXT("update_workflow", "So lassen")});
        const auto answer =
            ui.ask({"plan.change", Question::Kind::Choice,
                    TIS_TEXT("update_workflow", "Was soll mit dem geplanten Update geschehen?"), choices, "keep"});
        if (!answer || *answer == "keep") {
            const LocalizedText text = TIS_TEXT("update_workflow", "Der Plan bleibt, wie er ist.");
            return result(Outcome::Cancelled, text);
        }
        if (*answer == "cancel") change.kind = PlanChange::Kind::Cancel;
        else {
            change.kind = PlanChange::Kind::Move;
            if (*answer == "evening") change.to = evening;
        }
    }
    if (change.kind == PlanChange::Kind::Move) {
        for (int attempt = 0; !change.to && attempt < 3; ++attempt) {
            auto t = ui.ask(
                {"plan.time", Question::Kind::Text, TIS_TEXT("update_workflow", "Neue Uhrzeit (HH:MM)"), {}, "19:00"});
            if (!t) return cancelled();
            change.to = nextLocalTime(*t, now);
            if (!change.to)
                ui.notice({"plan.invalid-time", Severity::Warning, TIS_TEXT("update_workflow", "Uhrzeit ungültig"),
                           TIS_TEXT("update_workflow", "Bitte die Uhrzeit als HH:MM eingeben, z. B. 19:30.")});
        }
        if (!change.to) return cancelled();
        if (auto r = checkPlannedTime(change.to, evening)) return *r;
    }

    // Changing the plan needs the connector's admin, like planning it.
    std::string user;
    if (auto r = signIn(user)) return *r;
    int changed = 0;
    for (const auto& p : st->planned) {
        const auto was = p.plannedAt.value_or(now);
        if (change.kind == PlanChange::Kind::Cancel) {
            if (auto s = driver->cancel(p.updateId); !s.ok()) {
                driver->logout();
                return failure(s.error());
            }
            // This workstation's own plan: recorded through its journal, under the id its next
            // start would use, so a crash between the two never writes "cancelled" twice.
            JournalItem* mine = nullptr;
            if (journal)
                for (auto& item : journal->items)
                    if (item.updateId == p.updateId && item.state == ItemState::Planned) mine = &item;
            if (mine) {
                if (auto s = record(*mine, "cancelled"); !s.ok()) return archiveFailure(s.error());
                mine->moveTo(ItemState::Pending);
                if (auto s = journal->save(journalPath); !s.ok()) return failure(s.error());
            } else if (auto s = recordPlanChange(p, "cancelled", was); !s.ok()) {
                return archiveFailure(s.error());
            }
        } else {
            auto moved = driver->reschedule(p.updateId, *change.to);
            if (!moved.ok()) {
                driver->logout();
                return failure(moved.error());
            }
            if (auto s = recordPlanChange(p, "planned", *change.to); !s.ok()) return archiveFailure(s.error());
        }
        ++changed;
    }
    driver->logout();
    if (journal) {
        if (change.kind == PlanChange::Kind::Move) {
            journal->plannedAt = change.to;
            (void)journal->save(journalPath);
        } else {
            finishOrDropJournal();
        }
    }
    log::logger()->info("plan: {} installation(s) {}", changed,
                        change.kind == PlanChange::Kind::Cancel ? "cancelled" : "moved to " + formatUtc(*change.to));
    if (change.kind == PlanChange::Kind::Cancel) {
        const LocalizedText text = TIS_TEXT("update_workflow",
                                            "Das geplante Update ist abgesagt. Die Frist gilt weiter: bitte bald neu "
                                            "planen.");
        ui.notice({"plan.cancelled", Severity::Warning, TIS_TEXT("update_workflow", "Update abgesagt"), text});
        return result(Outcome::PlanCancelled, text);
    }
    const LocalizedText text =
        TIS_TEXT("update_workflow",
                 "Das Update ist jetzt für %1 geplant. Der Konnektor installiert dann allein; den Konnektor in dieser "
                 "Zeit nicht ausschalten.")
            .arg(clockText(*change.to));
    ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update verschoben"), text});
    return result(Outcome::Planned, text);
}

WorkflowResult UpdateWorkflow::changePlan(PlanChange change) {
    if (auto r = impl_->prepare()) return *r;
    return impl_->changePlan(change);
}

}  // namespace tiservice::workflow
