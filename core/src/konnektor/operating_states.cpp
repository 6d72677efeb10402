#include "tiservice/konnektor/operating_states.h"

#include <map>
#include <optional>
#include <string>

namespace tiservice::konnektor {
namespace {

struct Texts {
    Message meaning;
    std::optional<Message> action;  ///< none: nothing to do
};

const std::map<std::string, Texts, std::less<>>& knownConditions() {
    // Built on first use, not while the library loads.
    static const std::map<std::string, Texts, std::less<>> table{
        {"EC_Connector_Software_Out_Of_Date",
         {TIS_TEXT("operating_states", "Für den Konnektor gibt es ein Update; er arbeitet bis dahin normal weiter."),
          TIS_TEXT("operating_states", "Das Update einplanen, am besten außerhalb der Sprechzeiten.")}},
        {"EC_CardTerminal_Software_Out_Of_Date",
         {TIS_TEXT("operating_states", "Für das Kartenterminal %1 gibt es ein Update."),
          TIS_TEXT("operating_states", "Das Update einplanen; Kartenterminals kommen vor dem Konnektor an die Reihe.")}},
        {"EC_CardTerminal_Not_Available",
         {TIS_TEXT("operating_states", "Das Kartenterminal %1 ist nicht erreichbar."),
          TIS_TEXT("operating_states", "Das Terminal einschalten und das Netzwerkkabel prüfen.")}},
        {"EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon",
         {TIS_TEXT("operating_states", "Die Sicherheitskarte (gSMC-KT) im Kartenterminal %1 läuft bald ab."),
          TIS_TEXT("operating_states", "Rechtzeitig eine neue Sicherheitskarte beim Support bestellen.")}},
        {"EC_FW_Not_Valid_Status_Blocked",
         {TIS_TEXT("operating_states",
                   "Der Konnektor sperrt den Zugang zur TI: die Frist eines kritischen Updates ist abgelaufen."),
          TIS_TEXT("operating_states", "Jetzt das Update installieren; danach ist der Zugang wieder frei.")}},
        {"EC_Software_Integrity_Check_Failed",
         {TIS_TEXT("operating_states", "Der Konnektor hat einen Fehler in seiner eigenen Software festgestellt."),
          TIS_TEXT("operating_states", "Den Konnektor nicht vom Strom trennen und sofort den Support anrufen.")}},
        {"EC_No_VPN_TI_Connection",
         {TIS_TEXT("operating_states", "Der Konnektor ist nicht mit der TI verbunden."),
          TIS_TEXT("operating_states", "Internetverbindung der Praxis prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_No_VPN_SIS_Connection",
         {TIS_TEXT("operating_states",
                   "Der sichere Internetzugang über den Konnektor (SIS) ist nicht verbunden; ohne gebuchten SIS-Dienst "
                   "ist das normal."),
          std::nullopt}},
        {"EC_No_Online_Connection",
         {TIS_TEXT("operating_states", "Der Konnektor erreicht das Internet nicht."),
          TIS_TEXT("operating_states", "Router und Internetverbindung der Praxis prüfen.")}},
        {"EC_IP_Adresses_Not_Available",
         {TIS_TEXT("operating_states", "Dem Konnektor fehlen Netzwerkadressen."),
          TIS_TEXT("operating_states", "Den Support anrufen.")}},
        {"EC_Time_Sync_Not_Successful",
         {TIS_TEXT("operating_states", "Der Konnektor konnte seine Uhr nicht stellen."),
          TIS_TEXT("operating_states", "Später noch einmal prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_Time_Sync_Pending_Warning",
         {TIS_TEXT("operating_states", "Der Konnektor hat seine Uhr länger nicht gestellt."),
          TIS_TEXT("operating_states", "Internetverbindung prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_Time_Sync_Pending_Critical",
         {TIS_TEXT("operating_states", "Die Uhr des Konnektors ist seit Langem nicht gestellt; er arbeitet nur eingeschränkt."),
          TIS_TEXT("operating_states", "Den Support anrufen.")}},
        {"EC_Time_Difference_Intolerable",
         {TIS_TEXT("operating_states", "Die Uhr des Konnektors geht stark falsch; er arbeitet nur eingeschränkt."),
          TIS_TEXT("operating_states", "Den Support anrufen.")}},
        {"EC_TSL_Expiring",
         {TIS_TEXT("operating_states", "Die Vertrauensliste der TI (TSL) im Konnektor läuft bald ab; er holt sich "
                                       "normalerweise selbst eine neue."),
          std::nullopt}},
        {"EC_TSL_Trust_Anchor_Expiring",
         {TIS_TEXT("operating_states", "Der Vertrauensanker der TI im Konnektor läuft bald ab."),
          TIS_TEXT("operating_states", "Updates des Konnektors einspielen; im Zweifel den Support fragen.")}},
        {"EC_TSL_Update_Not_Successful",
         {TIS_TEXT("operating_states", "Der Konnektor konnte die Vertrauensliste der TI (TSL) nicht erneuern."),
          TIS_TEXT("operating_states", "Später noch einmal prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_TSL_Out_Of_Date_Within_Grace_Period",
         {TIS_TEXT("operating_states", "Die Vertrauensliste der TI (TSL) im Konnektor ist abgelaufen; noch gilt eine "
                                       "Übergangsfrist."),
          TIS_TEXT("operating_states", "Den Support anrufen, bevor die Übergangsfrist endet.")}},
        {"EC_TSL_Out_Of_Date_Beyond_Grace_Period",
         {TIS_TEXT("operating_states", "Die Vertrauensliste der TI (TSL) im Konnektor ist abgelaufen; er arbeitet nur "
                                       "eingeschränkt."),
          TIS_TEXT("operating_states", "Sofort den Support anrufen.")}},
        {"EC_TSL_Trust_Anchor_Out_Of_Date",
         {TIS_TEXT("operating_states", "Der Vertrauensanker der TI im Konnektor ist abgelaufen; er arbeitet nur "
                                       "eingeschränkt."),
          TIS_TEXT("operating_states", "Sofort den Support anrufen.")}},
        {"EC_CRL_Expiring",
         {TIS_TEXT("operating_states", "Die Sperrliste im Konnektor läuft bald ab; er holt sich normalerweise selbst "
                                       "eine neue."),
          std::nullopt}},
        {"EC_CRL_Out_Of_Date",
         {TIS_TEXT("operating_states", "Die Sperrliste im Konnektor ist abgelaufen."),
          TIS_TEXT("operating_states", "Internetverbindung prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_BNetzA_VL_Update_Error",
         {TIS_TEXT("operating_states", "Der Konnektor konnte die Vertrauensliste der Bundesnetzagentur nicht erneuern."),
          TIS_TEXT("operating_states", "Später noch einmal prüfen; bleibt es so, den Support anrufen.")}},
        {"EC_BNetzA_VL_not_valid",
         {TIS_TEXT("operating_states", "Die Vertrauensliste der Bundesnetzagentur im Konnektor ist ungültig; "
                                       "qualifizierte Signaturen gehen nicht."),
          TIS_TEXT("operating_states", "Den Support anrufen.")}},
        {"EC_LOG_OVERFLOW",
         {TIS_TEXT("operating_states", "Das Protokoll des Konnektors ist voll."),
          TIS_TEXT("operating_states", "Den Support bitten, das Protokoll zu sichern.")}},
        {"EC_Security_Log_Not_Writable",
         {TIS_TEXT("operating_states", "Der Konnektor kann sein Sicherheitsprotokoll nicht schreiben und arbeitet nur "
                                       "eingeschränkt."),
          TIS_TEXT("operating_states", "Sofort den Support anrufen.")}},
        {"EC_Secure_KeyStore_Not_Available",
         {TIS_TEXT("operating_states", "Der Schlüsselspeicher des Konnektors ist nicht verfügbar; er arbeitet nicht."),
          TIS_TEXT("operating_states", "Den Konnektor nicht vom Strom trennen und sofort den Support anrufen.")}},
        {"EC_Firewall_Not_Reliable",
         {TIS_TEXT("operating_states", "Die Firewall des Konnektors arbeitet nicht zuverlässig; er arbeitet nicht."),
          TIS_TEXT("operating_states", "Sofort den Support anrufen.")}},
    };
    return table;
}

LocalizedText severityWord(std::string_view severity) {
    if (severity == "Fatal") return TIS_TEXT("operating_states", "schwerwiegend");
    if (severity == "Error") return TIS_TEXT("operating_states", "Fehler");
    if (severity == "Warning") return TIS_TEXT("operating_states", "Warnung");
    return TIS_TEXT("operating_states", "Hinweis");
}

}  // namespace

ConditionMeaning describeState(const OperatingState& state, std::string_view subjectName) {
    const std::string subject = subjectName.empty() ? state.subject : std::string(subjectName);
    const auto& table = knownConditions();
    if (const auto it = table.find(state.condition); it != table.end())
        return {it->second.meaning.arg(subject),
                it->second.action ? LocalizedText(*it->second.action) : LocalizedText()};
    if (state.condition == "EC_OTHER_ERROR_STATE")
        return {TIS_TEXT("operating_states", "Der Konnektor meldet einen eigenen Zustand Nr. %1 (%2).")
                    .arg(state.subject, severityWord(state.severity)),
                TIS_TEXT("operating_states",
                         "Was er bedeutet, zeigt die Verwaltungsoberfläche des Konnektors; im Zweifel den Support fragen.")};
    return {TIS_TEXT("operating_states", "Der Konnektor meldet den Zustand „%1“ (%2), den tiservice nicht kennt.")
                .arg(state.errorCondition, severityWord(state.severity)),
            TIS_TEXT("operating_states", "Im Zweifel den Support fragen.")};
}

bool isHarmless(const OperatingState& state) { return state.condition == "EC_No_VPN_SIS_Connection"; }

}  // namespace tiservice::konnektor
