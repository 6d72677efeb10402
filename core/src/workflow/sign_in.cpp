#include "workflow_impl.h"

namespace tiservice::workflow {

// --- signing in --------------------------------------------------------------------
std::optional<WorkflowResult> UpdateWorkflow::Impl::signIn(std::string& user, bool passwordChangeOnly) {
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
std::optional<WorkflowResult> UpdateWorkflow::Impl::changePasswordWith(const std::string& user, const std::string& oldPassword,
                                                     bool continueAfterwards) {
    ui.notice({"password.rules", Severity::Info, TIS_TEXT("update_workflow", "Neues Passwort"),
               driver->passwordPolicy().rules()});
    for (int attempt = 0; attempt < 10; ++attempt) {
        const auto& policy = driver->passwordPolicy();
        auto fresh = ui.ask({"password.new",
                             Question::Kind::Secret,
                             TIS_TEXT("update_workflow", "Neues Passwort"),
                             {},
                             "",
                             policy.ruleLines(),
                             [&policy, &user, &oldPassword](std::string_view typed) {
                                 return policy.check(user, typed, {oldPassword});
                             }});
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
        const auto violations = driver->passwordPolicy().check(user, *fresh, {oldPassword});
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
                // tiservice keeps no password: without a note the practice is locked out next time.
                (void)ui.ask({"password.noted",
                              Question::Kind::Choice,
                              TIS_TEXT("update_workflow",
                                       "Notieren Sie das neue Passwort jetzt auf dem Merkblatt „Wichtige Kenndaten und "
                                       "Zugangsdaten der Praxis“ und bewahren Sie es sicher auf."),
                              {{"noted", TIS_TEXT("update_workflow", "Notiert")}},
                              "noted"});
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

}  // namespace tiservice::workflow
