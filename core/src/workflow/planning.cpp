#include "workflow_impl.h"

namespace tiservice::workflow {

// --- planning ----------------------------------------------------------------------
namespace {

/// What to recommend instead of a time in practice hours.
LocalizedText recommendation(const std::optional<TimePoint>& evening) {
    if (evening) return TIS_TEXT("update_workflow", "Empfohlen: %1.").arg(clockText(*evening));
    return TIS_TEXT("update_workflow",
                    "Laut den Einstellungen ist immer Sprechzeit: bitte einen ruhigen Moment wählen oder die "
                    "Sprechzeiten in den Einstellungen berichtigen.");
}

}  // namespace

/// `autoUpdateAt`: the connector's auto-update will install the plan itself then.
std::optional<WorkflowResult> UpdateWorkflow::Impl::decideWhen(std::optional<TimePoint>& plannedAt, bool askPerson,
                                                               std::optional<TimePoint> autoUpdateAt) {
    const auto now = clock.now();
    const auto evening = opt.practiceHours.suggestEvening(now);
    if (!askPerson) return checkPlannedTime(plannedAt, evening);
    for (int attempt = 0; attempt < 5; ++attempt) {
        std::vector<Choice> choices{{"now", TIS_TEXT("update_workflow", "Jetzt")}};
        if (evening) choices.push_back({"evening", eveningText(*evening, now)});
        choices.push_back({"at", TIS_TEXT("update_workflow", "Zu einer anderen Uhrzeit")});
        if (autoUpdateAt)
            choices.push_back({"auto", TIS_TEXT("update_workflow", "Dem Auto-Update des Konnektors überlassen (%1)")
                                           .arg(formatLocalWeekdayTime(*autoUpdateAt))});
        choices.push_back({"cancel", TIS_TEXT("update_workflow", "Abbrechen")});
        auto when = ui.ask({"plan.when", Question::Kind::Choice,
                            TIS_TEXT("update_workflow", "Wann soll installiert werden?"), choices,
                            autoUpdateAt ? "auto"
                            : evening    ? "evening"
                                         : "at"});
        if (!when || *when == "cancel") return cancelled();
        if (*when == "auto" && autoUpdateAt) {
            const LocalizedText text =
                TIS_TEXT("update_workflow",
                         "Der Konnektor installiert das Update beim Auto-Update am %1 selbst. Den Konnektor bis "
                         "dahin eingeschaltet lassen; am Morgen danach zeigt die Prüfung, ob es gelaufen ist.")
                    .arg(formatLocalWeekdayTime(*autoUpdateAt));
            ui.notice({"plan.auto-update", Severity::Info, TIS_TEXT("update_workflow", "Auto-Update geplant"), text});
            driver->logout();
            return result(Outcome::Planned, text);
        }
        if (*when == "evening" && evening) {
            plannedAt = evening;
            return std::nullopt;
        }
        if (*when == "at") {
            auto t = ui.ask(
                {"plan.time", Question::Kind::Text, TIS_TEXT("update_workflow", "Uhrzeit (HH:MM)"), {}, "19:00"});
            if (!t) return cancelled();
            auto at = nextLocalTime(*t, now);
            if (!at) {
                ui.notice({"plan.invalid-time", Severity::Warning, TIS_TEXT("update_workflow", "Uhrzeit ungültig"),
                           TIS_TEXT("update_workflow", "Bitte die Uhrzeit als HH:MM eingeben, z. B. 19:30.")});
                continue;
            }
            plannedAt = at;
            return checkPlannedTime(plannedAt, evening);
        }
        // "now": warn during practice hours, and whenever the practice software says people work.
        const int othersWorking = opt.workplacesSignedIn ? opt.workplacesSignedIn() : -1;
        if (opt.practiceHours.contains(now)) {
            ui.notice({"plan.practice-hours", Severity::Warning, TIS_TEXT("update_workflow", "Es ist Sprechzeit"),
                       TIS_TEXT("update_workflow",
                                "Jetzt ist Sprechzeit (%1). Während der Installation (bis zu 20 Minuten) ist die "
                                "TI nicht erreichbar.")
                           .arg(opt.practiceHours.toString())
                           .append(recommendation(evening))});
        } else if (othersWorking > 0) {
            ui.notice({"plan.workplaces-in-use", Severity::Warning,
                       TIS_TEXT("update_workflow", "In der Praxis wird gerade gearbeitet"),
                       (othersWorking == 1
                            ? LocalizedText(
                                  TIS_TEXT("update_workflow",
                                           "Gerade ist ein weiterer Arbeitsplatz in der Praxissoftware angemeldet."))
                            : TIS_TEXT("update_workflow",
                                       "Gerade sind %1 weitere Arbeitsplätze in der Praxissoftware angemeldet.")
                                  .arg(othersWorking))
                           .append(TIS_TEXT("update_workflow",
                                            "Während der Installation (bis zu 20 Minuten) ist die TI dort nicht "
                                            "erreichbar."))
                           .append(recommendation(evening))});
        }
        if (opt.practiceHours.contains(now) || othersWorking > 0) {
            std::vector<Choice> instead{{"now", TIS_TEXT("update_workflow", "Ja, jetzt")}};
            if (evening) instead.push_back({"evening", eveningText(*evening, now)});
            instead.push_back({"cancel", TIS_TEXT("update_workflow", "Abbrechen")});
            auto really = ui.ask({"plan.during-hours", Question::Kind::Choice,
                                  TIS_TEXT("update_workflow", "Trotzdem jetzt installieren?"), instead,
                                  evening ? "evening" : "cancel"});
            if (!really || *really == "cancel") return cancelled();
            if (*really == "evening" && evening) plannedAt = evening;
        }
        return std::nullopt;
    }
    return cancelled();
}

std::optional<WorkflowResult> UpdateWorkflow::Impl::checkPlannedTime(std::optional<TimePoint>& plannedAt,
                                                                     const std::optional<TimePoint>& evening) {
    if (!plannedAt || !opt.practiceHours.contains(*plannedAt)) return std::nullopt;
    const auto at = clockText(*plannedAt);
    ui.notice({"plan.at-during-hours", Severity::Warning, TIS_TEXT("update_workflow", "Geplant in der Sprechzeit"),
               TIS_TEXT("update_workflow",
                        "%1 liegt in der Sprechzeit (%2). Während der Installation (bis zu 20 Minuten) ist die TI "
                        "nicht erreichbar.")
                   .arg(at, opt.practiceHours.toString())
                   .append(recommendation(evening))});
    std::vector<Choice> choices{{"at", TIS_TEXT("update_workflow", "Ja, %1").arg(at)}};
    if (evening) choices.push_back({"evening", eveningText(*evening, clock.now())});
    choices.push_back({"cancel", TIS_TEXT("update_workflow", "Abbrechen")});
    auto answer = ui.ask({"plan.at-during-hours", Question::Kind::Choice,
                          TIS_TEXT("update_workflow", "Trotzdem für %1 planen?").arg(at), choices,
                          evening ? "evening" : "cancel"});
    if (!answer || *answer == "cancel") return cancelled();
    if (*answer == "evening" && evening) plannedAt = evening;
    return std::nullopt;
}

std::optional<WorkflowResult> UpdateWorkflow::Impl::ensureDownloaded(std::vector<ManagedUpdate>& updates) {
    for (auto& u : updates) {
        if (u.download == ManagedUpdate::Download::Downloaded) continue;
        if (u.download == ManagedUpdate::Download::NotStarted) {
            if (auto s = driver->startDownload(u.updateId); !s.ok()) {
                ui.notice(
                    {"download.failed", Severity::Warning, TIS_TEXT("update_workflow", "Download nicht möglich"),
                     s.error().text().append(TIS_TEXT("update_workflow", "Bitte später noch einmal versuchen."))});
                return result(Outcome::CouldNotStart, s.error().message, s.error());
            }
        }
        const auto deadline = SteadyClock::now() + opt.downloadTimeout;
        for (;;) {
            auto list = driver->offeredUpdates();
            if (list.ok()) {
                auto it = std::find_if(list->begin(), list->end(), [&](const ManagedUpdate& x) { return x.updateId == u.updateId; });
                if (it == list->end()) break;
                ui.progress({"download",
                             TIS_TEXT("update_workflow", "Der Konnektor lädt %1 %2")
                                 .arg(componentName(u.component, u.name), u.version.toString()),
                             it->downloadPercent, std::nullopt});
                if (it->download == ManagedUpdate::Download::Downloaded) break;
            }
            if (stopping()) return result(Outcome::Cancelled, TIS_TEXT("update_workflow", "Beendet."));
            if (SteadyClock::now() > deadline) {
                const LocalizedText text = TIS_TEXT(
                    "update_workflow", "Der Download kommt nicht voran. Bitte später noch einmal versuchen.");
                ui.notice(
                    {"download.stalled", Severity::Warning, TIS_TEXT("update_workflow", "Download hängt"), text});
                return result(Outcome::CouldNotStart, text);
            }
            sleepFor(opt.pollInitial);
        }
    }
    return std::nullopt;
}

}  // namespace tiservice::workflow
