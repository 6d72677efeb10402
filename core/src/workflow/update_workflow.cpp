#include "tiservice/workflow/update_workflow.h"

#include <algorithm>
#include <map>
#include <cstdlib>
#include <random>
#include <thread>

#include "tiservice/assess/assessment.h"
#include "tiservice/catalog/catalog_source.h"
#include "tiservice/log.h"
#include "tiservice/password_policy.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::workflow {

using konnektor::Installation;
using konnektor::LoginAnswer;
using konnektor::ManagedUpdate;
using konnektor::PasswordChangeAnswer;
using SteadyClock = std::chrono::steady_clock;

WorkflowOptions workflowOptionsFrom(const ConnectionSettings& settings, const std::filesystem::path& stateDir,
                                    PracticeHours hours) {
    WorkflowOptions o;
    o.stateDir = stateDir;
    o.managementUrl = settings.managementUrl;
    o.practiceHours = hours;
    o.pollInitial = settings.pollInterval;
    o.pollMax = settings.pollMax;
    o.followTimeout = settings.followTimeout;
    o.downloadTimeout = settings.downloadTimeout;
    return o;
}

std::string_view outcomeId(Outcome o) {
    switch (o) {
        case Outcome::Succeeded: return "succeeded";
        case Outcome::Planned: return "planned";
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

namespace {

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

LocalizedText supportText(const std::string& customerType) {
    if (customerType == "self") return TIS_TEXT("update_workflow", "Support für Selbstinstallierer: 030 2464 908 908");
    return TIS_TEXT("update_workflow", "Support (von CGM installiert): 0800 551 551 2 (kostenlos)");
}

std::string newRunId() {
    std::random_device rd;
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 16; ++i) id += hex[rd() % 16];
    return id;
}

}  // namespace

struct UpdateWorkflow::Impl {
    ConnectionSettings settings;
    net::ClientOptions connectorOptions;
    Ui& ui;
    const Clock& clock;
    WorkflowOptions opt;
    std::unique_ptr<net::HttpClient> http;
    std::optional<konnektor::ConnectorSnapshot> snapshot;
    std::optional<catalog::ApprovalCatalog> catalog;  ///< the last verified one, for names only
    std::unique_ptr<konnektor::Driver> driver;
    std::string connectorId;
    std::filesystem::path journalPath;
    UpdateHistory history;
    std::optional<UpdateJournal> journal;
    std::optional<UpdateJournal> journalBeforeReading;  ///< read before the connector (for the warning)
    std::map<std::string, int> stepCounts;  ///< for TISERVICE_FAULT_PAUSE_AT

    Impl(ConnectionSettings s, net::ClientOptions o, Ui& u, const Clock& c, WorkflowOptions w)
        : settings(std::move(s)), connectorOptions(std::move(o)), ui(u), clock(c), opt(std::move(w)),
          history(opt.stateDir / "history.jsonl") {}

    // --- small helpers -----------------------------------------------------------------

    WorkflowResult result(Outcome o, LocalizedText message, std::optional<Error> error = std::nullopt) {
        log::logger()->info("update workflow ended: {}", outcomeId(o));
        return WorkflowResult{o, std::move(message), std::move(error)};
    }

    /// While the journal says an installation may be running, the one thing a person must
    /// not do is switch the connector off: every error says that first.
    bool underway() const { return (journal && journal->installationUnderway()) || (journalBeforeReading && journalBeforeReading->installationUnderway()); }

    Error withUnderwayWarning(Error e) const { return underway() ? withInstallationWarning(std::move(e)) : e; }

    WorkflowResult failure(const Error& original) {
        const Error e = withUnderwayWarning(original);
        ui.notice({"error", underway() ? Severity::Critical : Severity::Warning,
                   TIS_TEXT("update_workflow", "Das Update kann nicht fortgesetzt werden"), e.text()});
        return result(Outcome::CouldNotStart, e.message, e);
    }

    /// The archive could not take an entry: say so, never claim it is recorded; the journal
    /// keeps the story so the next start writes it.
    WorkflowResult archiveFailure(const Error& e) {
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Das Update-Archiv kann gerade nicht geschrieben werden: %1 Das Update selbst ist davon nicht "
                     "betroffen; beim nächsten Start wird es eingetragen.")
                .arg(e.message);
        ui.notice({"archive.failed", Severity::Warning, TIS_TEXT("update_workflow", "Update-Archiv nicht geschrieben"),
                   LocalizedText(text).append(e.action)});
        return result(Outcome::CouldNotStart, text, e);
    }

    WorkflowResult cancelled() {
        ui.notice({"cancelled", Severity::Info, TIS_TEXT("update_workflow", "Abgebrochen"),
                   TIS_TEXT("update_workflow", "Es wurde nichts installiert.")});
        return result(Outcome::Cancelled, TIS_TEXT("update_workflow", "Abgebrochen; es wurde nichts installiert."));
    }

    bool stopping() const { return opt.stopRequested && opt.stopRequested(); }

    /// Sleeps in short slices so a host shutting down is never kept waiting.
    void sleepFor(std::chrono::milliseconds d) {
        const auto until = SteadyClock::now() + d;
        while (!stopping() && SteadyClock::now() < until)
            std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
                std::chrono::milliseconds(50), std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now())));
    }

    /// Writes the journal, then honours the fault-injection pause the kill-and-resume tests use.
    Status checkpoint(const std::string& step) {
        journal->step = step;
        journal->updatedAt = clock.now();
        if (auto s = journal->save(journalPath); !s.ok()) return s;
        log::logger()->info("update journal: step {}", step);
        // "installing" pauses at the first time the step is reached, "installing:2" at the second.
        if (const char* pause = std::getenv("TISERVICE_FAULT_PAUSE_AT")) {
            const std::string wanted(pause);
            const auto colon = wanted.find(':');
            const int nth = colon == std::string::npos ? 1 : std::atoi(wanted.c_str() + colon + 1);
            if (wanted.substr(0, colon) == step && ++stepCounts[step] == nth) {
                log::logger()->warn("fault injection: pausing at step {} for a kill-and-resume test", step);
                const char* ms = std::getenv("TISERVICE_FAULT_PAUSE_MS");
                std::this_thread::sleep_for(ms ? std::chrono::milliseconds(std::atol(ms)) : std::chrono::minutes(10));
            }
        }
        return Status::success();
    }

    void dropJournal() {
        std::error_code ec;
        std::filesystem::remove(journalPath, ec);
        journal.reset();
    }

    /// Writes one archive entry for `item` unless it is there already (its id is checked), and
    /// notes it in the item, so the journal always says what the archive holds.
    Status record(JournalItem& item, const std::string& event) {
        HistoryEntry e;
        e.id = journal->id + "/" + item.updateId + "/" + event;
        // The time of the event itself, not of the run that writes it down.
        e.time = event == "started" && item.startedAt     ? *item.startedAt
                 : event == "finished" && item.finishedAt ? *item.finishedAt
                                                          : clock.now();
        e.event = event;
        e.connector = connectorId;
        e.component = item.component;
        e.name = item.name;
        e.fromVersion = item.fromVersion;
        e.toVersion = item.toVersion;
        if (event == "finished") e.result = std::string(itemStateId(item.state));
        e.reason = item.reason;
        e.clientSystemId = journal->clientSystemId;
        e.workplaceId = journal->workplaceId;
        e.plannedAt = journal->plannedAt;
        if (auto s = history.append(e); !s.ok()) return s;
        if (!item.isArchived(event)) item.archived.push_back(event);
        return Status::success();
    }

    /// Writes every archive entry the journal's states call for that is not written yet
    /// (a run killed between journal and archive), then saves the journal.
    Status archiveWhatTheJournalKnows() {
        bool wrote = false;
        for (auto& item : journal->items)
            for (const auto& event : item.dueEvents())
                if (!item.isArchived(event)) {
                    if (auto s = record(item, event); !s.ok()) return s;
                    wrote = true;
                }
        return wrote ? journal->save(journalPath) : Status::success();
    }

    // --- reading the connector ---------------------------------------------------------

    std::optional<WorkflowResult> prepare() {
        http = std::make_unique<net::HttpClient>(connectorOptions);
        // The journal first: if an installation is underway, every error must say so, even
        // when the connector cannot be read because it reboots in the middle of it.
        if (auto url = net::Url::parse(settings.sdsUrl); url.ok())
            journalBeforeReading = findJournalFor(opt.stateDir / "journal", url->hostPort());
        // Nothing is worth asking for when the journal cannot be written (a full disk).
        if (auto probe = store::writeAtomically(opt.stateDir / "journal" / ".writable", "ok"); !probe.ok())
            return failure(probe.error());
        std::error_code ignored;
        std::filesystem::remove(opt.stateDir / "journal" / ".writable", ignored);
        auto s = konnektor::readConnector(*http, settings, clock);
        if (!s.ok()) return failure(s.error());
        snapshot = std::move(s).value();
        if (auto cached = catalog::loadVerifiedCatalog(opt.stateDir); cached.ok()) catalog = std::move(cached).value();
        const auto& p = snapshot->directory.product;
        auto url = net::Url::parse(settings.sdsUrl);
        connectorId = p.vendorId + "-" + p.productCode + "@" + (url.ok() ? url->hostPort() : settings.sdsUrl);
        journalPath = opt.stateDir / "journal" / journalFileName(connectorId);
        const auto managementUrl = opt.managementUrl.empty() ? konnektor::defaultManagementUrl(settings.sdsUrl) : opt.managementUrl;
        driver = konnektor::makeDriver(p, managementUrl, connectorOptions);
        if (!driver) {
            const auto hint = konnektor::adminInterfaceHint(p, settings.sdsUrl);
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
    std::string componentName(const std::string& component, const std::string& hint) const {
        const auto* products = catalog ? &*catalog : nullptr;
        if (component == "connector") return assess::connectorDisplayName(snapshot->directory.product, products);
        for (const auto& t : snapshot->terminals)
            if (t.ctId == component) {
                const auto label = t.name.empty() ? t.ctId : t.name;
                if (!t.identity()) return label;
                return assess::terminalDisplayName(t, products) + " (" + label + ")";
            }
        return hint.empty() ? component : hint;
    }

    const konnektor::CardTerminal* terminal(const std::string& ctId) const {
        for (const auto& t : snapshot->terminals)
            if (t.ctId == ctId) return &t;
        return nullptr;
    }

    // --- other workstations ------------------------------------------------------------

    bool ours(const Installation& i) const {
        return i.clientSystemId == settings.context.clientSystemId && i.workplaceId == settings.context.workplaceId;
    }

    WorkflowResult otherWorkstation(const Installation& i) {
        const LocalizedText when = i.state == Installation::State::Planned && i.plannedAt
                                       ? TIS_TEXT("update_workflow", "geplant für %1").arg(clockText(*i.plannedAt))
                                       : TIS_TEXT("update_workflow", "läuft gerade");
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Ein Update von %1 auf %2 %3 – gestartet vom Clientsystem %4 am Arbeitsplatz %5. Hier wird kein "
                     "zweites gestartet.")
                .arg(componentName(i.component, ""), i.toVersion.toString(), when, i.clientSystemId, i.workplaceId);
        ui.notice({"other-workstation", Severity::Info, TIS_TEXT("update_workflow", "Update läuft bereits"), text});
        return result(Outcome::OtherWorkstation, text);
    }

    // --- signing in --------------------------------------------------------------------

    std::optional<WorkflowResult> signIn(std::string& user, bool passwordChangeOnly = false) {
        auto u = ui.ask({"login.user",
                         Question::Kind::Text,
                         TIS_TEXT("update_workflow", "Benutzername am Konnektor"),
                         {},
                         "koco-root"});
        if (!u) return cancelled();
        user = u->empty() ? "koco-root" : *u;
        for (;;) {
            auto pw = ui.ask({"login.password",
                              Question::Kind::Secret,
                              TIS_TEXT("update_workflow", "Passwort für %1 am Konnektor").arg(user),
                              {},
                              ""});
            if (!pw) return cancelled();
            log::ScopedSecret secret(*pw);
            auto answer = driver->login(user, *pw);
            if (!answer.ok()) return failure(answer.error());
            switch (answer->kind) {
                case LoginAnswer::Kind::SignedIn:
                    if (passwordChangeOnly) return changePasswordWith(user, *pw, false);
                    return std::nullopt;
                case LoginAnswer::Kind::PasswordExpired:
                    ui.notice({"password.expired", Severity::Warning,
                               TIS_TEXT("update_workflow", "Passwort abgelaufen"),
                               TIS_TEXT("update_workflow",
                                        "Das Passwort des Konnektors ist abgelaufen und muss jetzt geändert werden.")});
                    return changePasswordWith(user, *pw, !passwordChangeOnly);
                case LoginAnswer::Kind::WrongPassword:
                    ui.notice(
                        {"login.wrong-password", Severity::Warning, TIS_TEXT("update_workflow", "Passwort falsch"),
                         TIS_TEXT(
                             "update_workflow",
                             "Benutzername oder Passwort falsch. Noch %1 Versuch(e), dann wird die Anmeldung gesperrt.")
                             .arg(answer->triesLeft)});
                    continue;
                case LoginAnswer::Kind::Locked: {
                    const auto until = answer->lockedUntil ? clockText(*answer->lockedUntil) : LocalizedText::same("?");
                    const LocalizedText text =
                        TIS_TEXT("update_workflow",
                                 "Zu viele Fehlversuche: die Anmeldung am Konnektor ist gesperrt bis %1. Ein "
                                 "vergessenes Passwort kann nur ein Techniker vor Ort zurücksetzen.")
                            .arg(until);
                    ui.notice(
                        {"login.locked", Severity::Critical, TIS_TEXT("update_workflow", "Anmeldung gesperrt"), text});
                    return result(Outcome::CouldNotStart, text);
                }
            }
        }
    }

    /// Asks for a new password until the connector takes one; nullopt when signed in after it.
    std::optional<WorkflowResult> changePasswordWith(const std::string& user, const std::string& oldPassword,
                                                     bool continueAfterwards) {
        ui.notice({"password.rules", Severity::Info, TIS_TEXT("update_workflow", "Neues Passwort"),
                   connectorPasswordRules()});
        for (int attempt = 0; attempt < 10; ++attempt) {
            auto fresh =
                ui.ask({"password.new", Question::Kind::Secret, TIS_TEXT("update_workflow", "Neues Passwort"), {}, ""});
            if (!fresh) return cancelled();
            log::ScopedSecret s1(*fresh);
            auto repeat = ui.ask({"password.repeat",
                                  Question::Kind::Secret,
                                  TIS_TEXT("update_workflow", "Neues Passwort wiederholen"),
                                  {},
                                  ""});
            if (!repeat) return cancelled();
            log::ScopedSecret s2(*repeat);
            if (*fresh != *repeat) {
                ui.notice({"password.mismatch", Severity::Warning,
                           TIS_TEXT("update_workflow", "Passwörter verschieden"),
                           TIS_TEXT("update_workflow", "Die beiden Eingaben stimmen nicht überein.")});
                continue;
            }
            const auto violations = checkConnectorPassword(user, *fresh, {oldPassword});
            if (!violations.empty()) {
                LocalizedText text;
                for (const auto& v : violations) {
                    text.de += "• " + v.message.de + "\n";
                    text.en += "• " + v.message.en + "\n";
                }
                ui.notice({"password.refused", Severity::Warning,
                           TIS_TEXT("update_workflow", "Passwort erfüllt die Regeln nicht"), text});
                continue;
            }
            auto answer = driver->changePassword(user, oldPassword, *fresh);
            if (!answer.ok()) return failure(answer.error());
            switch (answer->kind) {
                case PasswordChangeAnswer::Kind::Changed:
                    ui.notice({"password.changed", Severity::Info, TIS_TEXT("update_workflow", "Passwort geändert"),
                               TIS_TEXT("update_workflow",
                                        "Das neue Passwort gilt ab sofort; es wird nirgends gespeichert.")});
                    if (!continueAfterwards)
                        return result(Outcome::Succeeded, TIS_TEXT("update_workflow", "Das Passwort wurde geändert."));
                    return std::nullopt;
                case PasswordChangeAnswer::Kind::Refused: {
                    LocalizedText text;
                    for (const auto& [rule, message] : answer->violations) {
                        text.de += "• " + message.de + "\n";
                        text.en += "• " + message.en + "\n";
                    }
                    ui.notice({"password.refused", Severity::Warning,
                               TIS_TEXT("update_workflow", "Der Konnektor lehnt das Passwort ab"), text});
                    continue;
                }
                case PasswordChangeAnswer::Kind::WrongPassword:
                    return result(Outcome::CouldNotStart,
                                  TIS_TEXT("update_workflow", "Das bisherige Passwort wurde nicht angenommen."));
                case PasswordChangeAnswer::Kind::Locked:
                    return result(Outcome::CouldNotStart,
                                  TIS_TEXT("update_workflow", "Die Anmeldung am Konnektor ist gesperrt."));
            }
        }
        return cancelled();
    }

    // --- planning ----------------------------------------------------------------------

    /// `autoUpdateAt`: the connector's auto-update will install the plan itself then.
    std::optional<WorkflowResult> decideWhen(std::optional<TimePoint>& plannedAt, bool askPerson,
                                             std::optional<TimePoint> autoUpdateAt = std::nullopt) {
        const auto now = clock.now();
        const auto evening = opt.practiceHours.suggestEvening(now);
        if (!askPerson) return std::nullopt;
        for (int attempt = 0; attempt < 5; ++attempt) {
            std::vector<Choice> choices{{"now", TIS_TEXT("update_workflow", "Jetzt")},
                                        {"evening", TIS_TEXT("update_workflow", "Heute Abend, %1").arg(clockText(evening))},
                                        {"at", TIS_TEXT("update_workflow", "Zu einer anderen Uhrzeit")}};
            if (autoUpdateAt)
                choices.push_back({"auto", TIS_TEXT("update_workflow", "Dem Auto-Update des Konnektors überlassen (%1)")
                                               .arg(formatLocalWeekdayTime(*autoUpdateAt))});
            choices.push_back({"cancel", TIS_TEXT("update_workflow", "Abbrechen")});
            auto when = ui.ask({"plan.when", Question::Kind::Choice,
                                TIS_TEXT("update_workflow", "Wann soll installiert werden?"), choices,
                                autoUpdateAt ? "auto" : "evening"});
            if (!when || *when == "cancel") return cancelled();
            if (*when == "auto" && autoUpdateAt) {
                const LocalizedText text =
                    TIS_TEXT("update_workflow",
                             "Der Konnektor installiert das Update beim Auto-Update am %1 selbst. Den Konnektor bis "
                             "dahin eingeschaltet lassen; am Morgen danach zeigt tiservice status, ob es gelaufen ist.")
                        .arg(formatLocalWeekdayTime(*autoUpdateAt));
                ui.notice({"plan.auto-update", Severity::Info, TIS_TEXT("update_workflow", "Auto-Update geplant"), text});
                driver->logout();
                return result(Outcome::Planned, text);
            }
            if (*when == "evening") {
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
                return std::nullopt;
            }
            // "now": warn during practice hours.
            if (opt.practiceHours.contains(now)) {
                ui.notice({"plan.practice-hours", Severity::Warning, TIS_TEXT("update_workflow", "Es ist Sprechzeit"),
                           TIS_TEXT("update_workflow",
                                    "Jetzt ist Sprechzeit (%1). Während der Installation (bis zu 20 Minuten) ist die "
                                    "TI nicht erreichbar. Empfohlen: %2.")
                               .arg(opt.practiceHours.toString(), clockText(evening))});
                auto really =
                    ui.ask({"plan.during-hours",
                            Question::Kind::Choice,
                            TIS_TEXT("update_workflow", "Trotzdem jetzt installieren?"),
                            {{"now", TIS_TEXT("update_workflow", "Ja, jetzt")},
                             {"evening", TIS_TEXT("update_workflow", "Heute Abend, %1").arg(clockText(evening))},
                             {"cancel", TIS_TEXT("update_workflow", "Abbrechen")}},
                            "evening"});
                if (!really || *really == "cancel") return cancelled();
                if (*really == "evening") plannedAt = evening;
            }
            return std::nullopt;
        }
        return cancelled();
    }

    std::optional<WorkflowResult> ensureDownloaded(std::vector<ManagedUpdate>& updates) {
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

    // --- following an installation ------------------------------------------------------

    enum class Followed { Succeeded, Failed, Broken, NotBack, NotOnConnector, Stopped };

    static bool matches(const Installation& i, const JournalItem& item) { return i.updateId == item.updateId; }

    /// The version the connector reports for the item's component now (SDS or EventService);
    /// unknown when it cannot be read.
    FirmwareVersion versionNow(const JournalItem& item) {
        http->disconnect();
        auto s = konnektor::readConnector(*http, settings, clock);
        if (!s.ok()) return {};
        snapshot = *s;
        if (item.component == "connector") return s->directory.product.firmwareVersion;
        for (const auto& t : s->terminals)
            if (t.ctId == item.component && t.connected) return t.product.firmwareVersion;
        return {};
    }

    Followed follow(JournalItem& item) {
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
            if (st->broken) {
                item.reason = "broken";
                return Followed::Broken;
            }
            const bool planned = std::any_of(st->planned.begin(), st->planned.end(),
                                             [&](const Installation& i) { return matches(i, item); });
            const auto done = std::find_if(st->recent.begin(), st->recent.end(),
                                           [&](const Installation& i) { return matches(i, item); });
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
                    case Installation::State::Broken: item.reason = "broken"; return Followed::Broken;
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

    bool verify(const JournalItem& item) {
        const auto expected = FirmwareVersion::parse(item.toVersion);
        if (!expected.ok()) return false;
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (versionNow(item) == *expected) return true;
            sleepFor(opt.pollInitial);
        }
        return false;
    }

    /// Follows one started item to its end and records it; the outcome when it did not succeed.
    std::optional<WorkflowResult> finishItem(JournalItem& item) {
        const auto followed = follow(item);
        const auto name = componentName(item.component, item.name);
        const auto support = supportText(settings.supportContact);
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
            if (auto s = checkpoint("waiting-for-connector"); !s.ok()) return failure(s.error());
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
            if (auto s = checkpoint("verifying"); !s.ok()) return failure(s.error());
            if (!verify(item)) {
                item.state = ItemState::Failed;
                item.reason = "version-not-confirmed";
            } else {
                item.state = ItemState::Succeeded;
            }
        } else {
            item.state = followed == Followed::Broken ? ItemState::Broken : ItemState::Failed;
        }
        if (!item.finishedAt) item.finishedAt = clock.now();
        // The journal first (what happened), then the archive (what is recorded).
        if (auto s = checkpoint("recording"); !s.ok()) return failure(s.error());
        if (auto s = record(item, "started"); !s.ok()) return archiveFailure(s.error());
        if (auto s = record(item, "finished"); !s.ok()) return archiveFailure(s.error());
        if (auto s = checkpoint(item.state == ItemState::Succeeded ? "installed" : "finished"); !s.ok())
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
                                                "Die Installation von %1 ist fehlgeschlagen (%2). Die bisherige "
                                                "Version %3 bleibt in Betrieb. Bitte später noch einmal versuchen.")
                                           .arg(name, item.reason, item.fromVersion);
            ui.notice({"install.failed", Severity::Warning, TIS_TEXT("update_workflow", "Installation fehlgeschlagen"),
                       text});
            dropJournal();
            return result(Outcome::Failed, text);
        }
        const LocalizedText text =
            TIS_TEXT("update_workflow",
                     "Der Konnektor meldet nach der Installation einen Defekt. Den Konnektor NICHT vom Strom "
                     "trennen und NICHT neu starten. Bitte sofort anrufen: %1")
                .arg(support);
        ui.notice(
            {"support.call", Severity::Critical, TIS_TEXT("update_workflow", "Sofort den Support anrufen"), text});
        dropJournal();
        return result(Outcome::NeedsSupport, text);
    }

    // --- starting ----------------------------------------------------------------------

    JournalItem itemFor(const ManagedUpdate& u) const {
        JournalItem i;
        i.updateId = u.updateId;
        i.component = u.component;
        i.name = componentName(u.component, u.name);
        i.fromVersion = u.installed.toString();
        i.toVersion = u.version.toString();
        return i;
    }

    JournalItem itemFor(const Installation& inst) const {
        JournalItem i;
        i.updateId = inst.updateId;
        i.component = inst.component;
        i.name = componentName(inst.component, "");
        i.fromVersion = inst.fromVersion.toString();
        i.toVersion = inst.toVersion.toString();
        return i;
    }

    void newJournal(std::optional<TimePoint> plannedAt) {
        journal = UpdateJournal{};
        journal->id = newRunId();
        journal->connector = connectorId;
        journal->plannedAt = plannedAt;
        journal->clientSystemId = settings.context.clientSystemId;
        journal->workplaceId = settings.context.workplaceId;
    }

    static bool connectionTrouble(const Error& e) {
        return e.code == net::errors::kConnectionLost || e.code == net::errors::kTimeout || e.code == net::errors::kUnreachable;
    }

    static constexpr const char* kStartUnknown = "workflow.start-unknown";

    /// What the connector itself says of an item whose start request got no answer: running,
    /// planned or finished (ours), or no trace. Waits while it reboots, up to the follow timeout.
    enum class Trace { Found, None, Unknown };
    Trace traceOf(const JournalItem& item, std::optional<Installation>& found) {
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
    Result<konnektor::InstallAnswer> startInstallation(const JournalItem& item, std::optional<TimePoint> plannedAt) {
        for (int attempt = 0;; ++attempt) {
            auto answer = driver->install(item.updateId, plannedAt, settings.context.clientSystemId, settings.context.workplaceId);
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
    WorkflowResult execute(std::optional<TimePoint> plannedAt) {
        for (auto& item : journal->items) {
            if (item.state != ItemState::Pending) continue;
            // Journalled before the request goes out: if the answer is lost, the next start
            // knows it may have begun. A journal that cannot be written stops here.
            item.state = ItemState::MaybeStarted;
            if (auto s = checkpoint("starting"); !s.ok()) {
                item.state = ItemState::Pending;
                return failure(s.error());
            }
            auto answer = startInstallation(item, plannedAt);
            if (!answer.ok()) {
                if (answer.error().code == kStartUnknown) return failure(answer.error());  // the journal keeps it
                item.state = ItemState::Pending;
                finishOrDropJournal();
                return failure(answer.error());
            }
            if (!answer->accepted) {
                if (answer->installation && !ours(*answer->installation)) {
                    item.state = ItemState::Pending;
                    finishOrDropJournal();
                    return otherWorkstation(*answer->installation);
                }
                if (!answer->installation || !ours(*answer->installation)) {
                    const LocalizedText text =
                        TIS_TEXT("update_workflow", "Der Konnektor startet das Update nicht: %1").arg(answer->message);
                    ui.notice({"install.refused", Severity::Warning,
                               TIS_TEXT("update_workflow", "Update nicht gestartet"), text});
                    item.state = ItemState::Pending;
                    finishOrDropJournal();
                    return result(Outcome::Failed, text);
                }
                // Our own installation is already there (e.g. started by a run that was killed): follow it.
            }
            if (plannedAt) {
                item.state = ItemState::Planned;
                if (auto s = checkpoint("planning"); !s.ok()) return failure(s.error());
                if (auto s = record(item, "planned"); !s.ok()) return archiveFailure(s.error());
                continue;
            }
            item.state = ItemState::Started;
            item.startedAt = answer->installation && answer->installation->startedAt ? answer->installation->startedAt
                                                                                      : std::optional(clock.now());
            if (auto s = checkpoint("installing"); !s.ok()) return failure(s.error());
            if (auto s = record(item, "started"); !s.ok()) return archiveFailure(s.error());
            (void)journal->save(journalPath);  // notes the archived start; the next checkpoint saves it anyway
            if (auto r = finishItem(item)) return *r;
        }
        if (plannedAt) {
            if (auto s = checkpoint("planned"); !s.ok()) return failure(s.error());
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
            TIS_TEXT("update_workflow",
                     "Alle Updates sind installiert und bestätigt. Sie stehen im Update-Archiv (tiservice history).");
        ui.notice({"done", Severity::Info, TIS_TEXT("update_workflow", "Fertig"), text});
        return result(Outcome::Succeeded, text);
    }

    /// After a start that did not happen: the journal goes when nothing of it is open any more
    /// (planned or underway items stay followed).
    void finishOrDropJournal() {
        const bool open = std::any_of(journal->items.begin(), journal->items.end(), [](const JournalItem& i) {
            return i.state == ItemState::Planned || isUnderway(i.state);
        });
        if (open) (void)journal->save(journalPath);
        else dropJournal();
    }

    // --- finishing a story the journal tells -----------------------------------------------

    /// nullopt: nothing left from the journal; continue as a fresh run.
    std::optional<WorkflowResult> continueJournal() {
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
            if (isFinished(item.state) || item.state == ItemState::Pending) continue;
            const bool running = st->active && matches(*st->active, item);
            const auto waiting = std::find_if(st->planned.begin(), st->planned.end(),
                                              [&](const Installation& i) { return matches(i, item); });
            const bool finished = std::any_of(st->recent.begin(), st->recent.end(),
                                              [&](const Installation& i) { return matches(i, item); });
            if (item.state == ItemState::Planned && waiting != st->planned.end() && !running) {
                const auto when = waiting->plannedAt ? clockText(*waiting->plannedAt) : LocalizedText::same("?");
                const LocalizedText text =
                    TIS_TEXT("update_workflow", "Das Update ist für %1 geplant; der Konnektor installiert dann allein.")
                        .arg(when);
                ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update geplant"), text});
                return result(Outcome::Planned, text);
            }
            if (item.state == ItemState::MaybeStarted && !running && waiting == st->planned.end() && !finished) {
                // The connector shows no trace of it: did it finish long ago, or never begin?
                const auto now = versionNow(item);
                const auto expected = FirmwareVersion::parse(item.toVersion);
                if (!(expected.ok() && now == *expected)) {
                    log::logger()->info("start of {} never reached the connector", item.updateId);
                    item.state = ItemState::Pending;
                    continue;
                }
            }
            if (item.state != ItemState::Started) {
                item.state = ItemState::Started;
                if (!item.startedAt) item.startedAt = clock.now();
            }
            if (auto s = checkpoint("installing"); !s.ok()) return failure(s.error());
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
            ui.notice({"done", Severity::Info, TIS_TEXT("update_workflow", "Fertig"), text});
            return result(Outcome::Succeeded, text);
        }
        if (anyFinished) log::logger()->info("update journal: the finished part is recorded; the rest is a new run");
        return std::nullopt;  // the rest is a new run
    }

    /// One look, no waiting and no questions: records what the connector says of items the
    /// journal still follows (for a status check that sees the new version).
    WorkflowResult reconcile() {
        if (!journal) return result(Outcome::NothingToDo, TIS_TEXT("update_workflow", "Kein begonnenes Update."));
        if (auto s = archiveWhatTheJournalKnows(); !s.ok()) return archiveFailure(s.error());
        auto st = driver->status();
        if (!st.ok()) return failure(st.error());
        LocalizedText said;
        for (auto& item : journal->items) {
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
                item.state = done->state == Installation::State::Succeeded ? ItemState::Succeeded
                             : done->state == Installation::State::Broken  ? ItemState::Broken
                                                                           : ItemState::Failed;
                if (done->finishedAt) item.finishedAt = done->finishedAt;
                if (item.state == ItemState::Failed) item.reason = done->reason.empty() ? "failed" : done->reason;
            } else if (expected.ok() && now == *expected) {
                item.state = ItemState::Succeeded;
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

    WorkflowResult run(std::optional<TimePoint> plannedAt) {
        if (auto r = prepare()) return *r;
        if (auto r = continueJournal()) {
            if (r->outcome != Outcome::Succeeded || !journal) return *r;
        }
        auto st = driver->status();
        if (!st.ok()) return failure(st.error());
        if (st->broken) {
            const auto support = supportText(settings.supportContact);
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
            journal->items.back().state = ItemState::Started;
            journal->items.back().startedAt = st->active->startedAt ? st->active->startedAt : std::optional(clock.now());
            if (auto s = checkpoint("installing"); !s.ok()) return failure(s.error());
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
            const LocalizedText text = TIS_TEXT("update_workflow", "Ein Update ist bereits für %1 geplant.").arg(when);
            ui.notice({"plan.planned", Severity::Info, TIS_TEXT("update_workflow", "Update geplant"), text});
            return result(Outcome::Planned, text);
        }

        std::string user;
        if (auto r = signIn(user)) return *r;
        auto offered = driver->offeredUpdates();
        if (!offered.ok()) return failure(offered.error());
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

        LocalizedText plan = TIS_TEXT("update_workflow", "Diese Updates stehen an, in dieser Reihenfolge:");
        for (const auto& u : *offered) {
            const auto name = componentName(u.component, u.name);
            const auto what = LocalizedText::same("• " + name + ": " + u.installed.toString() + " → " +
                                                  u.version.toString() + ", " + megabytes(u.sizeBytes));
            LocalizedText line = u.component == "connector"
                                     ? TIS_TEXT("update_workflow", "%1, bis zu 20 Minuten mit Neustarts").arg(what)
                                     : TIS_TEXT("update_workflow", "%1, etwa 5 Minuten").arg(what);
            if (u.deadline)
                line = u.critical
                           ? TIS_TEXT("update_workflow", "%1, Frist %2 (kritisch)").arg(line, formatDay(*u.deadline))
                           : TIS_TEXT("update_workflow", "%1, Frist %2").arg(line, formatDay(*u.deadline));
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

        ui.notice(
            {"warning.do-not-switch-off", Severity::Critical,
             TIS_TEXT("update_workflow", "Wichtig während der Installation"),
             TIS_TEXT("update_workflow",
                      "Den Konnektor während der Installation NICHT ausschalten, NICHT vom Strom trennen und NICHT neu "
                      "starten – sonst kann er unbrauchbar werden. Der PC und dieses Programm dürfen ausgeschaltet "
                      "werden: der Konnektor macht allein weiter.")});
        const LocalizedText when = plannedAt ? TIS_TEXT("update_workflow", "für %1 planen").arg(clockText(*plannedAt))
                                             : TIS_TEXT("update_workflow", "jetzt starten");
        auto confirm = ui.ask({"confirm.start",
                               Question::Kind::Choice,
                               TIS_TEXT("update_workflow", "Update %1?").arg(when),
                               {{"start", TIS_TEXT("update_workflow", "Ja, %1").arg(when)},
                                {"cancel", TIS_TEXT("update_workflow", "Abbrechen")}},
                               "cancel"});
        if (!confirm || *confirm != "start") return cancelled();

        newJournal(plannedAt);
        for (const auto& u : *offered) journal->items.push_back(itemFor(u));
        if (auto s = checkpoint("confirmed"); !s.ok()) return failure(s.error());
        return execute(plannedAt);
    }
};

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
