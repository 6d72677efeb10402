#include "workflow_impl.h"

#include "tiservice/logger.h"

namespace tiservice::workflow {

/// The version the connector reports for the item's component now (SDS or EventService);
/// unknown when it cannot be read.
FirmwareVersion UpdateWorkflow::Impl::versionNow(const JournalItem& item) {
    auto s = access->read();
    if (!s.ok()) return {};
    snapshot = *s;
    if (item.component == "connector") return s->directory.product.firmwareVersion;
    for (const auto& t : s->terminals)
        if (t.ctId == item.component && t.connected) return t.product.firmwareVersion;
    return {};
}

UpdateWorkflow::Impl::Followed UpdateWorkflow::Impl::follow(JournalItem& item) {
    const bool isConnector = item.component == "connector";
    const auto total = isConnector ? opt.connectorInstallDuration : opt.terminalInstallDuration;
    const auto deadline = SteadyClock::now() + opt.followTimeout;
    auto interval = opt.pollInitial;
    int withoutTrace = 0;
    while (SteadyClock::now() < deadline) {
        if (stopping()) {
            item.reason = "stopped";
            return Followed::Stopped;
        }
        auto st = driver->status();
        if (!st.ok()) {
            // Away while rebooting: keep asking, less often, until it answers.
            ui.progress({"reboot",
                         TIS_TEXT("update_workflow", "Der Konnektor startet neu … bitte nicht ausschalten"),
                         std::nullopt, std::nullopt});
            sleepFor(interval);
            interval = std::min(interval * 2, opt.pollMax);
            continue;
        }
        interval = opt.pollInitial;
        const bool planned = std::any_of(st->planned.begin(), st->planned.end(),
                                         [&](const Installation& i) { return matches(i, item); });
        const auto done = std::find_if(st->recent.begin(), st->recent.end(),
                                       [&](const Installation& i) { return matches(i, item); });
        if (st->broken) {
            // Its own word for what happened ("power-loss"), when its list has one.
            item.reason = done != st->recent.end() && !done->reason.empty() ? done->reason : "broken";
            return Followed::Broken;
        }
        if (st->active && matches(*st->active, item)) {
            withoutTrace = 0;
            const int p = st->active->percent;
            const bool rebooting = st->active->state == Installation::State::Rebooting;
            ui.progress({rebooting ? "reboot" : "install",
                         rebooting
                             ? TIS_TEXT("update_workflow", "Der Konnektor startet neu … bitte nicht ausschalten")
                             : TIS_TEXT("update_workflow", "%1 wird installiert")
                                   .arg(componentName(item.component, item.name)),
                         p, std::chrono::duration_cast<std::chrono::seconds>(total * (100 - p) / 100)});
        } else if (done != st->recent.end() && !planned) {
            if (done->startedAt) item.startedAt = done->startedAt;
            if (done->finishedAt) item.finishedAt = done->finishedAt;
            switch (done->state) {
                case Installation::State::Succeeded: return Followed::Succeeded;
                case Installation::State::Broken:
                    item.reason = done->reason.empty() ? "broken" : done->reason;
                    return Followed::Broken;
                default:
                    item.reason = done->reason.empty() ? "failed" : done->reason;
                    return Followed::Failed;
            }
        } else if (planned) {
            withoutTrace = 0;
            ui.progress({"install", TIS_TEXT("update_workflow", "Wartet auf den geplanten Zeitpunkt"), std::nullopt,
                         std::nullopt});
        } else if (++withoutTrace >= 3) {
            // The connector answers and knows nothing of it (its list moved on, or it never
            // took it): what it runs now is the truth.
            const auto now = versionNow(item);
            const auto expected = FirmwareVersion::parse(item.toVersion);
            if (expected.ok() && now == *expected) return Followed::Succeeded;
            if (!now.isUnknown()) {
                item.reason = "not-on-connector";
                return Followed::NotOnConnector;
            }
        }
        sleepFor(interval);
    }
    item.reason = "not-back";
    return Followed::NotBack;
}

bool UpdateWorkflow::Impl::verify(const JournalItem& item) {
    const auto expected = FirmwareVersion::parse(item.toVersion);
    if (!expected.ok()) return false;
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (versionNow(item) == *expected) return true;
        sleepFor(opt.pollInitial);
    }
    return false;
}

/// Follows one started item to its end and records it; the outcome when it did not succeed.
std::optional<WorkflowResult> UpdateWorkflow::Impl::finishItem(JournalItem& item) {
    const auto followed = follow(item);
    const auto name = componentName(item.component, item.name);
    const auto support = supportText(catalog ? &*catalog : nullptr, settings.practice.customerType);
    if (followed == Followed::Stopped) {
        // The connector goes on alone; the journal stays for the next start.
        (void)journal->save(journalPath);
        return result(
            Outcome::CouldNotStart,
            TIS_TEXT("update_workflow",
                     "Beendet; das Update läuft im Konnektor weiter und wird beim nächsten Start weiterverfolgt."));
    }
    if (followed == Followed::NotBack) {
        // Not back in time is not "broken": the journal keeps following it, and the next
        // start or check that sees the connector records what really happened.
        if (auto s = checkpoint(Step::WaitingForConnector); !s.ok()) return failure(s.error());
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Der Konnektor meldet sich nach der Installation nicht zurück. Den Konnektor NICHT vom "
                     "Strom trennen und NICHT neu starten. Bitte sofort anrufen: %1. Sobald er wieder antwortet, "
                     "trägt tiservice ein, was er meldet.")
                .arg(support);
        ui.notice({"support.call", Severity::Critical, TIS_TEXT("update_workflow", "Sofort den Support anrufen"),
                   text});
        return result(Outcome::NeedsSupport, text);
    }
    if (followed == Followed::Succeeded) {
        if (auto s = checkpoint(Step::Verifying); !s.ok()) return failure(s.error());
        if (!verify(item)) {
            item.moveTo(ItemState::Failed);
            item.reason = "version-not-confirmed";
        } else {
            item.moveTo(ItemState::Succeeded);
        }
    } else {
        item.moveTo(followed == Followed::Broken ? ItemState::Broken : ItemState::Failed);
    }
    if (!item.finishedAt) item.finishedAt = clock.now();
    // The journal first (what happened), then the archive (what is recorded).
    if (auto s = checkpoint(Step::Recording); !s.ok()) return failure(s.error());
    if (auto s = record(item, "started"); !s.ok()) return archiveFailure(s.error());
    if (auto s = record(item, "finished"); !s.ok()) return archiveFailure(s.error());
    if (auto s = checkpoint(item.state == ItemState::Succeeded ? Step::Installed : Step::Finished); !s.ok())
        return failure(s.error());
    if (item.state == ItemState::Succeeded) {
        ui.notice({"install.succeeded", Severity::Info, TIS_TEXT("update_workflow", "Update installiert"),
                   TIS_TEXT("update_workflow", "%1 läuft jetzt mit Version %2.").arg(name, item.toVersion)});
        return std::nullopt;
    }
    if (followed == Followed::NotOnConnector) {
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Der Konnektor meldet keine Installation von %1 auf %2; es läuft weiterhin Version %3. Das "
                     "Update wurde nicht installiert; bitte noch einmal starten.")
                .arg(name, item.toVersion, item.fromVersion);
        ui.notice({"install.not-on-connector", Severity::Warning,
                   TIS_TEXT("update_workflow", "Installation nicht gefunden"), text});
        dropJournal();
        return result(Outcome::Failed, text);
    }
    if (item.state == ItemState::Failed) {
        const LocalizedText text = TIS_TEXT("update_workflow",
                                            "Die Installation von %1 ist fehlgeschlagen: %2. Die bisherige "
                                            "Version %3 bleibt in Betrieb. Bitte später noch einmal versuchen.")
                                       .arg(name, historyReasonText(item.reason), item.fromVersion);
        ui.notice({"install.failed", Severity::Warning, TIS_TEXT("update_workflow", "Installation fehlgeschlagen"),
                   text});
        dropJournal();
        return result(Outcome::Failed, text);
    }
    // A power cut in the middle: say what happened, then what to do and whom to call now.
    const LocalizedText text =
        item.reason == "power-loss"
            ? TIS_TEXT("update_workflow",
                       "Während der Installation ist der Strom ausgefallen; der Konnektor meldet jetzt einen "
                       "Defekt und muss vom Support wiederhergestellt werden. Den Konnektor NICHT vom Strom "
                       "trennen und NICHT neu starten. Bitte jetzt sofort anrufen: %1")
                  .arg(support)
            : TIS_TEXT("update_workflow",
                       "Der Konnektor meldet nach der Installation einen Defekt. Den Konnektor NICHT vom Strom "
                       "trennen und NICHT neu starten. Bitte sofort anrufen: %1")
                  .arg(support);
    ui.notice(
        {"support.call", Severity::Critical, TIS_TEXT("update_workflow", "Sofort den Support anrufen"), text});
    dropJournal();
    return result(Outcome::NeedsSupport, text);
}

UpdateWorkflow::Impl::Trace UpdateWorkflow::Impl::traceOf(const JournalItem& item, std::optional<Installation>& found) {
    const auto deadline = SteadyClock::now() + opt.followTimeout;
    auto interval = opt.pollInitial;
    while (SteadyClock::now() < deadline && !stopping()) {
        auto st = driver->status();
        if (!st.ok()) {
            ui.progress({"reboot", TIS_TEXT("update_workflow", "Der Konnektor startet neu … bitte nicht ausschalten"),
                         std::nullopt, std::nullopt});
            sleepFor(interval);
            interval = std::min(interval * 2, opt.pollMax);
            continue;
        }
        const auto mine = [&](const Installation& i) { return matches(i, item) && ours(i); };
        if (st->active && mine(*st->active)) found = *st->active;
        for (const auto& p : st->planned)
            if (!found && mine(p)) found = p;
        for (const auto& r : st->recent)
            if (!found && mine(r)) found = r;
        return found ? Trace::Found : Trace::None;
    }
    return Trace::Unknown;
}

/// Sends the start request. When its answer is lost on the way the outcome is unknown: the
/// item is journalled as "maybe started" before the request goes out, and the connector's
/// own status decides (it may reboot meanwhile and end every session); the request is sent
/// again only when the connector shows no trace of it.
Result<konnektor::InstallAnswer> UpdateWorkflow::Impl::startInstallation(const JournalItem& item, std::optional<TimePoint> plannedAt) {
    for (int attempt = 0;; ++attempt) {
        auto answer = driver->install(item.updateId, plannedAt, settings.connector.context.clientSystemId, settings.connector.context.workplaceId);
        if (answer.ok() || !connectionTrouble(answer.error())) return answer;
        log::logger()->warn("start request for {} got no answer ({}); asking the connector", item.updateId,
                            answer.error().code);
        std::optional<Installation> found;
        switch (traceOf(item, found)) {
            case Trace::Found: return konnektor::InstallAnswer{true, *found, {}, {}};
            case Trace::Unknown:
                return Error{.code = kStartUnknown,
                             .message = TIS_TEXT("update_workflow",
                                                 "Ob der Konnektor das Update von %1 begonnen hat, ist noch "
                                                 "unklar: er antwortet nicht.")
                                            .arg(componentName(item.component, item.name)),
                             .action = TIS_TEXT("update_workflow",
                                                "Den Konnektor nicht ausschalten. In einigen Minuten noch einmal "
                                                "starten: dann wird weiterverfolgt, was er tut."),
                             .detail = item.updateId};
            case Trace::None:
                if (attempt >= 2) return answer;
                break;  // it did not take it: send it again
        }
    }
}

/// Starts (or plans) the items in order; follows each when started now.
WorkflowResult UpdateWorkflow::Impl::execute(std::optional<TimePoint> plannedAt) {
    for (auto& item : journal->items) {
        if (item.state != ItemState::Pending) continue;
        // Journalled before the request goes out: if the answer is lost, the next start
        // knows it may have begun. A journal that cannot be written stops here.
        item.moveTo(ItemState::MaybeStarted);
        if (auto s = checkpoint(Step::Starting); !s.ok()) {
            item.moveTo(ItemState::Pending);
            return failure(s.error());
        }
        auto answer = startInstallation(item, plannedAt);
        if (!answer.ok()) {
            if (answer.error().code == kStartUnknown) return failure(answer.error());  // the journal keeps it
            item.moveTo(ItemState::Pending);
            finishOrDropJournal();
            return failure(answer.error());
        }
        if (!answer->accepted) {
            if (answer->installation && !ours(*answer->installation)) {
                item.moveTo(ItemState::Pending);
                finishOrDropJournal();
                return otherWorkstation(*answer->installation);
            }
            if (!answer->installation || !ours(*answer->installation)) {
                const LocalizedText text =
                    TIS_TEXT("update_workflow", "Der Konnektor startet das Update nicht: %1").arg(answer->message);
                ui.notice({"install.refused", Severity::Warning,
                           TIS_TEXT("update_workflow", "Update nicht gestartet"), text});
                item.moveTo(ItemState::Pending);
                finishOrDropJournal();
                return result(Outcome::Failed, text);
            }
            // Our own installation is already there (e.g. started by a run that was killed): follow it.
        }
        if (plannedAt) {
            item.moveTo(ItemState::Planned);
            if (auto s = checkpoint(Step::Planning); !s.ok()) return failure(s.error());
            if (auto s = record(item, "planned"); !s.ok()) return archiveFailure(s.error());
            continue;
        }
        item.moveTo(ItemState::Started);
        item.startedAt = answer->installation && answer->installation->startedAt ? answer->installation->startedAt
                                                                                  : std::optional(clock.now());
        if (auto s = checkpoint(Step::Installing); !s.ok()) return failure(s.error());
        if (auto s = record(item, "started"); !s.ok()) return archiveFailure(s.error());
        (void)journal->save(journalPath);  // notes the archived start; the next checkpoint saves it anyway
        if (auto r = finishItem(item)) return *r;
    }
    if (plannedAt) {
        if (auto s = checkpoint(Step::Planned); !s.ok()) return failure(s.error());
        const auto when = clockText(*plannedAt);
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Das Update ist für %1 geplant. Der Konnektor installiert dann allein; der PC darf "
                     "ausgeschaltet sein. Den Konnektor in dieser Zeit nicht ausschalten.")
                .arg(when);
        ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update geplant"), text});
        return result(Outcome::Planned, text);
    }
    dropJournal();
    const LocalizedText text =
        TIS_TEXT("update_workflow", "Alle Updates sind installiert und bestätigt. Sie stehen im Update-Archiv.");
    return result(Outcome::Succeeded, text);
}

/// After a start that did not happen: the journal goes when nothing of it is open any more
/// (planned or underway items stay followed).
void UpdateWorkflow::Impl::finishOrDropJournal() {
    const bool open = std::any_of(journal->items.begin(), journal->items.end(), [](const JournalItem& i) {
        return i.state == ItemState::Planned || isUnderway(i.state);
    });
    if (open) (void)journal->save(journalPath);
    else dropJournal();
}

// --- finishing a story the journal tells -----------------------------------------------
/// A planned item the connector no longer has planned: gone (cancelled here or at another
/// workstation — also when another workstation then installed it itself, whose archive entry
/// comes from the connector's list, never as ours) unless it runs or ran as ours, or the new
/// version runs without a trace of anybody's installation.
bool UpdateWorkflow::Impl::planGone(const JournalItem& item, const konnektor::ManagementStatus& st) {
    const bool running = st.active && matches(*st.active, item);
    const bool finishedOurs = std::any_of(st.recent.begin(), st.recent.end(),
                                          [&](const Installation& i) { return matches(i, item) && ours(i); });
    if ((running && ours(*st.active)) || finishedOurs) return false;
    const bool others = running || std::any_of(st.recent.begin(), st.recent.end(),
                                               [&](const Installation& i) { return matches(i, item) && !ours(i); });
    const auto now = versionNow(item);
    const auto expected = FirmwareVersion::parse(item.toVersion);
    return others || !(expected.ok() && now == *expected);
}

Status UpdateWorkflow::Impl::recordPlanGone(JournalItem& item) {
    log::logger()->info("planned {} is no longer planned on the connector: cancelled", item.updateId);
    if (auto s = record(item, "cancelled"); !s.ok()) return s;
    item.moveTo(ItemState::Pending);
    return Status::success();
}

/// nullopt: nothing left from the journal; continue as a fresh run.
std::optional<WorkflowResult> UpdateWorkflow::Impl::continueJournal() {
    if (!journal) return std::nullopt;
    if (journal->items.empty()) {
        // Nothing was ever asked of the connector: no story to finish, and no success to claim.
        log::logger()->info("update journal without items dropped");
        dropJournal();
        return std::nullopt;
    }
    // What the journal knows reaches the archive first (a run killed between the two).
    if (auto s = archiveWhatTheJournalKnows(); !s.ok()) return archiveFailure(s.error());
    auto st = driver->status();
    if (!st.ok()) {
        if (!journal->installationUnderway() &&
            std::none_of(journal->items.begin(), journal->items.end(),
                         [](const JournalItem& i) { return i.state == ItemState::Planned; }))
            return failure(st.error());
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Ein Update ist unterwegs, aber der Konnektor antwortet gerade nicht. Er startet "
                     "vielleicht neu. Bitte nicht ausschalten und gleich noch einmal prüfen.");
        ui.notice({"resume.unreachable", Severity::Warning, TIS_TEXT("update_workflow", "Update unterwegs"), text});
        return result(Outcome::CouldNotStart, text, st.error());
    }
    ui.notice({"resume", Severity::Info, TIS_TEXT("update_workflow", "Begonnenes Update"),
               TIS_TEXT("update_workflow", "Ein begonnenes Update wird weiterverfolgt.")});
    for (auto& item : journal->items) {
        // What to do is the state table's resume rule, nothing else.
        const auto rule = ruleFor(item.state).onResume;
        if (rule == ResumeRule::NewRun || rule == ResumeRule::ArchiveOnly) continue;  // archived above
        const bool running = st->active && matches(*st->active, item);
        const auto waiting = std::find_if(st->planned.begin(), st->planned.end(),
                                          [&](const Installation& i) { return matches(i, item); });
        const bool finished = std::any_of(st->recent.begin(), st->recent.end(),
                                          [&](const Installation& i) { return matches(i, item); });
        if (rule == ResumeRule::WaitForThePlan && waiting != st->planned.end() && !running) {
            const auto when = waiting->plannedAt ? clockText(*waiting->plannedAt) : LocalizedText::same("?");
            const LocalizedText text =
                TIS_TEXT("update_workflow",
                         "Das Update ist für %1 geplant; der Konnektor installiert dann allein. Verschieben oder "
                         "absagen lässt es sich über „Geplantes Update ändern“.")
                    .arg(when);
            ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update geplant"), text});
            return result(Outcome::Planned, text);
        }
        if (rule == ResumeRule::WaitForThePlan && waiting == st->planned.end()) {
            if (planGone(item, *st)) {
                if (auto s = recordPlanGone(item); !s.ok()) return archiveFailure(s.error());
                continue;
            }
        }
        if (rule == ResumeRule::AskTheConnector && !running && waiting == st->planned.end() && !finished) {
            // The connector shows no trace of it: did it finish long ago, or never begin?
            const auto now = versionNow(item);
            const auto expected = FirmwareVersion::parse(item.toVersion);
            if (!(expected.ok() && now == *expected)) {
                log::logger()->info("start of {} never reached the connector", item.updateId);
                item.moveTo(ItemState::Pending);
                continue;
            }
        }
        if (item.state != ItemState::Started) {
            item.moveTo(ItemState::Started);
            if (!item.startedAt) item.startedAt = clock.now();
        }
        if (auto s = checkpoint(Step::Installing); !s.ok()) return failure(s.error());
        if (auto s = record(item, "started"); !s.ok()) return archiveFailure(s.error());
        if (auto r = finishItem(item)) return *r;
    }
    const bool anyFinished = std::any_of(journal->items.begin(), journal->items.end(),
                                         [](const JournalItem& i) { return isFinished(i.state); });
    const bool allDone = std::all_of(journal->items.begin(), journal->items.end(),
                                     [](const JournalItem& i) { return i.state == ItemState::Succeeded; });
    dropJournal();
    if (allDone) {
        const LocalizedText text =
            TIS_TEXT("update_workflow", "Das begonnene Update ist abgeschlossen und im Update-Archiv eingetragen.");
        return result(Outcome::Succeeded, text);
    }
    if (anyFinished) log::logger()->info("update journal: the finished part is recorded; the rest is a new run");
    return std::nullopt;  // the rest is a new run
}

/// One look, no waiting and no questions: records what the connector says of items the
/// journal still follows (for a status check that sees the new version).
WorkflowResult UpdateWorkflow::Impl::reconcile() {
    if (!journal) return result(Outcome::NothingToDo, TIS_TEXT("update_workflow", "Kein begonnenes Update."));
    if (auto s = archiveWhatTheJournalKnows(); !s.ok()) return archiveFailure(s.error());
    auto st = driver->status();
    if (!st.ok()) return failure(st.error());
    LocalizedText said;
    for (auto& item : journal->items) {
        if (item.state == ItemState::Planned) {
            // A PC that is never restarted learns here what became of its plan: it ran (then it
            // is followed like any started item), it is still planned, or it is gone (cancelled).
            const bool stillPlanned = std::any_of(st->planned.begin(), st->planned.end(),
                                                  [&](const Installation& i) { return matches(i, item); });
            if (stillPlanned) continue;
            if (planGone(item, *st)) {
                if (auto s = recordPlanGone(item); !s.ok()) return archiveFailure(s.error());
                if (auto s = journal->save(journalPath); !s.ok()) return failure(s.error());
                continue;
            }
            const bool runningOurs = st->active && matches(*st->active, item) && ours(*st->active);
            const auto done = std::find_if(st->recent.begin(), st->recent.end(),
                                           [&](const Installation& i) { return matches(i, item) && ours(i); });
            item.moveTo(ItemState::Started);
            if (runningOurs && st->active->startedAt) item.startedAt = st->active->startedAt;
            else if (done != st->recent.end() && done->startedAt) item.startedAt = done->startedAt;
            else item.startedAt = clock.now();
            if (auto s = journal->save(journalPath); !s.ok()) return failure(s.error());
            if (auto s = archiveWhatTheJournalKnows(); !s.ok()) return archiveFailure(s.error());
        }
        if (!isUnderway(item.state)) continue;
        if (st->active && matches(*st->active, item)) {
            said.append(TIS_TEXT("update_workflow", "%1 wird gerade installiert: den Konnektor nicht ausschalten.")
                            .arg(componentName(item.component, item.name)));
            continue;
        }
        const auto done = std::find_if(st->recent.begin(), st->recent.end(),
                                       [&](const Installation& i) { return matches(i, item); });
        const auto now = versionNow(item);
        const auto expected = FirmwareVersion::parse(item.toVersion);
        if (done != st->recent.end()) {
            item.moveTo(done->state == Installation::State::Succeeded ? ItemState::Succeeded
                        : done->state == Installation::State::Broken  ? ItemState::Broken
                                                                      : ItemState::Failed);
            if (done->finishedAt) item.finishedAt = done->finishedAt;
            if (item.state == ItemState::Failed) item.reason = done->reason.empty() ? "failed" : done->reason;
        } else if (expected.ok() && now == *expected) {
            item.moveTo(ItemState::Succeeded);
        } else {
            continue;
        }
        if (!item.finishedAt) item.finishedAt = clock.now();
        if (item.state == ItemState::Succeeded) item.reason.clear();
        if (auto s = journal->save(journalPath); !s.ok()) return failure(s.error());
        if (auto s = archiveWhatTheJournalKnows(); !s.ok()) return archiveFailure(s.error());
        said.append(TIS_TEXT("update_workflow", "Das Update von %1 auf %2 ist beendet (%3) und im Update-Archiv eingetragen.")
                        .arg(componentName(item.component, item.name), item.toVersion,
                             historyResultText(std::string(itemStateId(item.state)))));
    }
    if (std::all_of(journal->items.begin(), journal->items.end(),
                    [](const JournalItem& i) { return isFinished(i.state) || i.state == ItemState::Pending; }))
        dropJournal();
    if (said.empty()) return result(Outcome::NothingToDo, TIS_TEXT("update_workflow", "Kein begonnenes Update."));
    ui.notice({"resume", Severity::Info, TIS_TEXT("update_workflow", "Begonnenes Update"), said});
    return result(Outcome::Succeeded, said);
}

}  // namespace tiservice::workflow
