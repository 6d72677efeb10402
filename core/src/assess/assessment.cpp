#include "tiservice/assess/assessment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "tiservice/konnektor/operating_states.h"

namespace tiservice::assess {
namespace {

/// Calendar days from `from`'s day to the day of the deadline's last moment, counted on the
/// days formatDay shows: a deadline at the end of Friday is "noch 2 Tage" all Wednesday.
int wholeDays(TimePoint from, TimePoint deadline) {
    using std::chrono::days;
    return static_cast<int>(
        (std::chrono::floor<days>(deadline - std::chrono::seconds(1)) - std::chrono::floor<days>(from)).count());
}

/// The approval ends at the end of the last approved day; show that day.
LocalizedText lastDay(TimePoint endsAt) { return formatDay(endsAt - std::chrono::seconds(1)); }

/// The one number this practice calls: its own contact (its customer type), else the product's;
/// from the verified catalog, else from the one shipped with tiservice — "call support" never
/// comes without a number. Without any contact there is none: no number beats a wrong one.
LocalizedText supportLine(const Input& in, const catalog::CatalogProduct* product) {
    const catalog::SupportContact* c = nullptr;
    for (const auto* cat : {in.catalog, &catalog::builtInProductTable()}) {
        if (!cat || c) continue;
        if (!in.supportContact.empty()) c = cat->contact(in.supportContact);
        if (!c && product && !product->support.empty()) c = cat->contact(product->support);
    }
    if (!c) return {};
    return LocalizedText::fromData(c->name.de + ": " + c->phone, c->name.en + ": " + c->phone);
}

void setDeadline(Finding& f, TimePoint deadline, TimePoint now) {
    f.deadline = deadline;
    f.daysLeft = wholeDays(now, deadline);
}

struct Offer {
    std::optional<FirmwareVersion> version;
    bool critical = false;
    std::optional<TimePoint> deadline;
};

/// What the connector offers for a component; only versions newer than the installed one.
Offer offerFor(const Input& in, const std::string& component, const FirmwareVersion& installed) {
    Offer o;
    for (const auto& u : in.offered) {
        if (u.component != component || !(u.version > installed)) continue;
        if (!o.version || u.version > *o.version) o.version = u.version;
        if (u.critical) {
            o.critical = true;
            if (u.deadline && (!o.deadline || *u.deadline < *o.deadline)) o.deadline = u.deadline;
        }
    }
    return o;
}

/// The catalog rules shared by connector and terminals; `product` is null when the catalog
/// does not know the device. No rule ever names a version lower than or equal to the
/// installed one: the target is the recommendation of the device's own firmware line (or
/// what the connector offers), and only when it is newer.
void judgeByCatalog(Finding& f, const Input& in, const catalog::CatalogProduct* product, const Offer& offer,
                    bool reportedOutOfDate, const std::string& prefix, bool connectorOffersUpdates = false) {
    const auto& v = f.installed;
    if (!in.catalog) {
        // Without the catalog the connector's own (KSR) deadline still governs.
        if (offer.version && offer.critical && offer.deadline) {
            f.recommended = offer.version;
            setDeadline(f, *offer.deadline, in.now);
            const auto day = lastDay(*offer.deadline);
            const auto targetText = offer.version->toString();
            if (in.now >= *offer.deadline) {
                f.status = ComponentStatus::Expired;
                f.code = prefix + ".critical-deadline-passed";
                f.summary = TIS_TEXT("assessment",
                                     "Die Frist für das kritische Update %1 ist am %2 abgelaufen: der TI-Zugang wird "
                                     "gesperrt.")
                                .arg(targetText, day);
                f.action = TIS_TEXT("assessment", "Sofort das Update auf %1 installieren.").arg(targetText);
            } else {
                f.status = ComponentStatus::ApprovalEnds;
                f.code = prefix + ".approval-ends";
                f.summary = TIS_TEXT("assessment", "Das kritische Update %1 muss bis %2 installiert sein (%3).")
                                .arg(targetText, day, daysLeftText(*f.daysLeft));
                f.action = TIS_TEXT("assessment",
                                    "Update auf %1 vor dem %2 installieren, am besten außerhalb der Sprechzeiten.")
                               .arg(targetText, day);
            }
            return;
        }
        if (offer.version || reportedOutOfDate) {
            f.status = ComponentStatus::UpdateAvailable;
            f.code = prefix + ".update-available";
            if (offer.version) f.recommended = offer.version;
            f.summary = TIS_TEXT("assessment", "Der Konnektor meldet ein Update (installiert: %1).").arg(v.toString());
            f.action = TIS_TEXT("assessment", "Das Update einplanen.");
            return;
        }
        f.status = ComponentStatus::Unknown;
        f.code = prefix + ".catalog-unavailable";
        f.summary = TIS_TEXT("assessment",
                             "Ob Version %1 zugelassen ist, lässt sich nicht prüfen: es liegt noch kein geprüfter "
                             "Zulassungskatalog vor.")
                        .arg(v.toString());
        f.action = TIS_TEXT("assessment",
                            "Der Update-Server des Herstellers ist nicht erreichbar: die Internetverbindung prüfen und "
                            "später noch einmal prüfen.");
        return;
    }
    FirmwareVersion target;
    if (product && product->updatesAvailable) target = product->recommendedFor(v);
    if (offer.version && (target.isUnknown() || *offer.version > target)) target = *offer.version;
    if (!target.isUnknown() && !(target > v)) target = FirmwareVersion{};  // never the installed one or older
    if (!target.isUnknown()) f.recommended = target;
    const bool behind = !target.isUnknown();
    const std::string targetText = target.toString();
    // What the catalog says about the device's firmware line matters while something is due.
    if (const auto* line = product ? product->lineFor(v) : nullptr; line && !line->notes.empty() && behind)
        f.details.push_back(line->notes);

    const auto* approved = product ? product->find(v) : nullptr;
    const auto endsAt = approved ? approved->endsAt() : std::nullopt;

    std::optional<TimePoint> critical = offer.deadline;
    if (product && behind) {
        if (const auto deadline = product->criticalDeadlineFor(v)) {
            const auto end = *deadline + std::chrono::hours(24);
            if (!critical || end < *critical) critical = end;
        }
    }

    if (endsAt && in.now >= *endsAt) {
        f.status = ComponentStatus::Expired;
        f.code = prefix + ".approval-expired";
        setDeadline(f, *endsAt, in.now);
        const auto day = lastDay(*endsAt);
        if (critical && behind && in.now < *critical) {
            // The approval ended; the connector blocks the TI access at the critical deadline.
            f.blockedFrom = critical;
            f.summary = TIS_TEXT("assessment",
                                 "Die Zulassung von Version %1 ist am %2 abgelaufen. Der Konnektor sperrt den "
                                 "TI-Zugang am %3 (%4).")
                            .arg(v.toString(), day, lastDay(*critical), daysLeftText(wholeDays(in.now, *critical)));
        } else {
            f.summary =
                TIS_TEXT("assessment",
                         "Die Zulassung von Version %1 ist am %2 abgelaufen: der VPN-Zugang zur TI wird gesperrt.")
                    .arg(v.toString(), day);
        }
        const auto support = supportLine(in, product);
        f.action = behind            ? TIS_TEXT("assessment", "Sofort das Update auf %1 installieren.").arg(targetText)
                   : support.empty() ? TIS_TEXT("assessment", "Sofort den Support anrufen.")
                                     : TIS_TEXT("assessment", "Sofort den Support anrufen: %1.").arg(support);
        return;
    }
    if (critical && behind && in.now >= *critical) {
        f.status = ComponentStatus::Expired;
        f.code = prefix + ".critical-deadline-passed";
        setDeadline(f, *critical, in.now);
        const auto day = lastDay(*critical);
        f.summary = TIS_TEXT("assessment",
                             "Die Frist für das kritische Update %1 ist am %2 abgelaufen: der TI-Zugang wird gesperrt.")
                        .arg(targetText, day);
        f.action = TIS_TEXT("assessment", "Sofort das Update auf %1 installieren.").arg(targetText);
        return;
    }
    std::optional<TimePoint> due;
    if (behind && endsAt) due = endsAt;
    if (behind && critical && (!due || *critical < *due)) due = critical;
    if (due) {
        f.status = ComponentStatus::ApprovalEnds;
        f.code = prefix + ".approval-ends";
        setDeadline(f, *due, in.now);
        const auto day = lastDay(*due);
        const auto when = daysLeftText(*f.daysLeft);
        const bool approvalFirst = endsAt && *due == *endsAt;
        f.summary =
            approvalFirst
                ? TIS_TEXT("assessment", "Die Zulassung von Version %1 endet am %2 (%3).").arg(v.toString(), day, when)
                : TIS_TEXT("assessment", "Das kritische Update %1 muss bis %2 installiert sein (%3).")
                      .arg(targetText, day, when);
        f.action =
            TIS_TEXT("assessment", "Update auf %1 vor dem %2 installieren, am besten außerhalb der Sprechzeiten.")
                .arg(targetText, day);
        return;
    }
    if (behind) {
        f.status = ComponentStatus::UpdateAvailable;
        f.code = prefix + ".update-available";
        f.summary = TIS_TEXT("assessment", "Version %1 ist verfügbar (installiert: %2).").arg(targetText, v.toString());
        f.action = TIS_TEXT("assessment", "Update auf %1 einplanen.").arg(targetText);
        // Without an update the connector offers, the vendor's advice for old versions applies.
        if (product && !offer.version && !connectorOffersUpdates && !product->olderVersions.empty() && !approved)
            f.action = product->olderVersions;
        return;
    }
    if (reportedOutOfDate) {
        f.status = ComponentStatus::UpdateAvailable;
        f.code = prefix + ".update-available";
        f.summary = TIS_TEXT("assessment", "Der Konnektor meldet ein Update (installiert: %1).").arg(v.toString());
        f.action = TIS_TEXT("assessment", "Das Update einplanen; welche Version es ist, zeigt die geführte Aktualisierung.");
        return;
    }
    if (!product) {
        f.status = ComponentStatus::Unknown;
        f.code = prefix + ".not-in-catalog";
        f.summary =
            TIS_TEXT("assessment",
                     "Dieses Gerät steht nicht im Zulassungskatalog; ob Version %1 zugelassen ist, ist unbekannt.")
                .arg(v.toString());
        f.action = TIS_TEXT("assessment", "Beim Support nachfragen, welche Version zugelassen ist.");
        return;
    }
    if (product->updatesAvailable) {
        const auto newest = product->newestKnownFor(v);
        if (!approved && (newest.isUnknown() || v > newest)) {
            f.status = ComponentStatus::Unknown;
            f.code = prefix + ".newer-than-catalog";
            f.summary =
                newest.isUnknown()
                    ? TIS_TEXT("assessment",
                               "Der Zulassungskatalog kennt dieses Gerät, nennt aber noch keine Version dafür; ob Version "
                               "%1 zugelassen ist, ist unbekannt.")
                          .arg(v.toString())
                    : TIS_TEXT("assessment",
                               "Version %1 ist neuer als alle Versionen, die der Zulassungskatalog kennt (zuletzt %2): "
                               "der Katalog kennt diese Version noch nicht.")
                          .arg(v.toString(), newest.toString());
            f.action = TIS_TEXT("assessment",
                                "Nichts tun: ob sie zugelassen ist, zeigt eine der nächsten Aktualisierungen des "
                                "Katalogs. Im Zweifel beim Support nachfragen.");
            return;
        }
    }
    f.status = ComponentStatus::Current;
    f.code = prefix + ".current";
    f.noUpdateOffered = !product->updatesAvailable;
    if (endsAt) setDeadline(f, *endsAt, in.now);
    f.summary =
        product->updatesAvailable
            ? TIS_TEXT("assessment", "Version %1 ist aktuell.").arg(v.toString())
            : TIS_TEXT("assessment", "Version %1 ist aktuell; für dieses Gerät gibt es kein Update (kein Update verfügbar).")
                  .arg(v.toString());
}

/// Why the connector missed its auto-update, as a clause after "weil"; nullopt when it gives no reason.
std::optional<LocalizedText> missedBecause(const std::string& reason) {
    if (reason == "powered-off") return TIS_TEXT("assessment", "der Konnektor ausgeschaltet war");
    if (reason == "busy") return TIS_TEXT("assessment", "der Konnektor gerade beschäftigt war");
    if (reason == "not-downloaded") return TIS_TEXT("assessment", "das Update noch nicht heruntergeladen war");
    if (reason == "broken") return TIS_TEXT("assessment", "der Konnektor einen Defekt meldet");
    return std::nullopt;
}

/// What the connector's auto-update did last night and will do next.
void judgeAutoUpdate(Finding& f, const Input& in) {
    if (!in.management || !in.management->autoUpdate) return;
    const auto& a = *in.management->autoUpdate;
    const bool open = f.status == ComponentStatus::UpdateAvailable || f.status == ComponentStatus::ApprovalEnds;
    bool actionSet = false;  // what went wrong last night decides what to do, not the next plan
    if (a.lastRun && a.lastRun->at > in.now - std::chrono::hours(24 * 7)) {
        const auto& r = *a.lastRun;
        const auto day = formatLocalWeekdayDay(r.at);
        const auto time = TIS_TEXT("assessment", "%1 um %2").arg(day, formatLocalTime(r.at));
        if (r.result == "installed")
            f.details.push_back(TIS_TEXT("assessment", "Das Auto-Update des Konnektors hat am %1 Version %2 installiert.")
                                    .arg(day, r.toVersion.toString()));
        else if (r.result == "running")
            f.details.push_back(
                TIS_TEXT("assessment", "Das Auto-Update installiert gerade Version %1: den Konnektor nicht ausschalten.")
                    .arg(r.toVersion.toString()));
        else if (r.result == "failed") {
            f.details.push_back(TIS_TEXT("assessment",
                                         "Das Auto-Update am %1 ist fehlgeschlagen (%2); der Konnektor läuft mit Version "
                                         "%3 weiter.")
                                    .arg(time, r.reason.empty() ? std::string("?") : r.reason, f.installed.toString()));
            if (open) {
                f.action =
                    TIS_TEXT("assessment", "Das Update von Hand starten; scheitert es wieder, den Support anrufen.");
                actionSet = true;
            }
        } else if (r.result == "missed") {
            const auto because = missedBecause(r.reason);
            f.details.push_back(
                because ? TIS_TEXT("assessment",
                                   "Das Auto-Update am %1 wurde verpasst, weil %2; der Konnektor holt es nicht nach.")
                              .arg(time, *because)
                        : TIS_TEXT("assessment",
                                   "Das Auto-Update am %1 wurde verpasst; der Konnektor nennt keinen Grund und holt es "
                                   "nicht nach.")
                              .arg(time));
            if (open) {
                f.action = a.next ? TIS_TEXT("assessment",
                                             "Das Update von Hand starten oder den Konnektor bis zum nächsten "
                                             "Auto-Update (%1) eingeschaltet lassen.")
                                        .arg(formatLocalWeekdayTime(*a.next))
                                  : TIS_TEXT("assessment", "Das Update von Hand starten.");
                actionSet = true;
            }
        }
    }
    if (!a.enabled || !a.next || !a.pending || !(*a.pending > f.installed)) return;
    const auto when = formatLocalWeekdayTime(*a.next);
    f.details.push_back(TIS_TEXT("assessment", "Auto-Update geplant für %1: der Konnektor installiert Version %2 dann selbst.")
                            .arg(when, a.pending->toString()));
    if (!open || actionSet) return;
    if (f.deadline && *f.deadline <= *a.next)
        f.action = TIS_TEXT("assessment",
                            "Das Auto-Update (%1) kommt erst nach der Frist: das Update vorher von Hand installieren.")
                       .arg(when);
    else
        f.action = TIS_TEXT("assessment",
                            "Auto-Update geplant für %1: nichts weiter tun, den Konnektor nur eingeschaltet lassen.")
                       .arg(when);
}

/// What the connector's active operating states say about `subject` ("" for the connector).
void addStateDetails(Finding& f, const Input& in, const std::string& subject, const std::string& subjectName) {
    for (const auto* s : in.resources.active()) {
        const bool forTerminal = !s->subject.empty() && s->condition != "EC_OTHER_ERROR_STATE";
        if (subject.empty() ? forTerminal : s->subject != subject || !forTerminal) continue;
        // These two are the finding's summary already.
        if (s->condition == "EC_FW_Not_Valid_Status_Blocked" || s->condition == "EC_Software_Integrity_Check_Failed")
            continue;
        if (konnektor::isHarmless(*s)) continue;
        // A terminal's update is the finding's summary; the connector's says it keeps working.
        if (s->condition == "EC_CardTerminal_Software_Out_Of_Date") continue;
        const auto meaning = konnektor::describeState(*s, subjectName);
        if (s->condition == "EC_Connector_Software_Out_Of_Date") f.details.push_back(meaning.meaning);
        else f.details.push_back(LocalizedText(meaning.meaning).append(meaning.action));
    }
}

/// While something is due, how to read the version on the device itself (the vendor's words).
void addHowToCheckVersion(Finding& f, const catalog::CatalogProduct* product) {
    if (!product || product->howToCheckVersion.empty() || f.status < ComponentStatus::UpdateAvailable) return;
    f.details.push_back(TIS_TEXT("assessment", "Version am Gerät selbst ablesen: %1").arg(product->howToCheckVersion));
}

/// The vendor's separate upgrades (NFDM/eMP): what they are and whether the connector has them.
void addFeatureUpgrades(Finding& f, const Input& in, const catalog::CatalogProduct* product) {
    if (!product) return;
    for (const auto& u : product->featureUpgrades) {
        const LocalizedText what = u.paid ? TIS_TEXT("assessment", "Kostenpflichtiges Upgrade „%1“").arg(u.name)
                                          : TIS_TEXT("assessment", "Upgrade „%1“").arg(u.name);
        const bool known = !u.services.empty() && !in.connectorServices.empty();
        const bool active = known && std::all_of(u.services.begin(), u.services.end(), [&](const std::string& service) {
                                return std::find(in.connectorServices.begin(), in.connectorServices.end(), service) !=
                                       in.connectorServices.end();
                            });
        if (!known) continue;  // its state is what matters; without it the line would only advertise
        if (active) f.details.push_back(TIS_TEXT("assessment", "%1: im Konnektor freigeschaltet.").arg(what));
        else f.details.push_back(TIS_TEXT("assessment", "%1: nicht freigeschaltet. %2").arg(what, u.description));
    }
}

Finding connectorFinding(const Input& in) {
    Finding f;
    f.type = ComponentType::Connector;
    f.component = "connector";
    f.productKey = in.connector.key();
    f.name = connectorDisplayName(in.connector, in.catalog);
    f.installed = in.connector.firmwareVersion;
    f.hardware = in.connector.hardwareVersion;
    const auto* product = in.catalog ? in.catalog->find(f.productKey) : nullptr;
    const LocalizedText support = supportLine(in, product);
    addStateDetails(f, in, "", f.name);

    if (in.resources.isActive("EC_Software_Integrity_Check_Failed")) {
        f.status = ComponentStatus::Blocked;
        f.code = "connector.integrity-failed";
        f.summary = TIS_TEXT("assessment", "Der Konnektor meldet einen Integritätsfehler und ist nicht betriebsbereit.");
        f.action = support.empty()
                       ? TIS_TEXT("assessment", "Den Konnektor nicht vom Strom trennen und sofort den Support anrufen.")
                       : TIS_TEXT("assessment", "Den Konnektor nicht vom Strom trennen und sofort den Support anrufen. %1")
                             .arg(support);
        return f;
    }
    const Offer offer = offerFor(in, "connector", f.installed);
    for (const auto& s : in.resources.states) {
        if (!s.active || s.condition != "EC_FW_Not_Valid_Status_Blocked") continue;
        f.status = ComponentStatus::Blocked;
        f.code = "connector.blocked";
        if (s.validFrom) setDeadline(f, *s.validFrom, in.now);
        FirmwareVersion target = product ? product->recommendedFor(f.installed) : FirmwareVersion{};
        if (offer.version && (target.isUnknown() || *offer.version > target)) target = *offer.version;
        if (!target.isUnknown() && target > f.installed) f.recommended = target;
        f.summary = TIS_TEXT("assessment",
                             "Der Konnektor sperrt den TI-Zugang: die Frist des kritischen Updates ist abgelaufen.");
        f.action = TIS_TEXT("assessment", "Jetzt das Update installieren; danach ist der TI-Zugang wieder frei.");
        return f;
    }
    judgeByCatalog(f, in, product, offer, in.resources.isActive("EC_Connector_Software_Out_Of_Date"), "connector");
    judgeAutoUpdate(f, in);
    addHowToCheckVersion(f, product);
    addFeatureUpgrades(f, in, product);
    return f;
}

Finding terminalFinding(const Input& in, const konnektor::CardTerminal& t) {
    Finding f;
    f.type = ComponentType::StationaryTerminal;
    f.component = t.ctId;
    f.place = t.name.empty() ? t.ctId : t.name;
    const auto identity = t.identity();
    if (!identity || t.product.firmwareVersion.isUnknown()) {
        f.name = f.place;
        f.status = t.connected ? ComponentStatus::Unknown : ComponentStatus::NotConnected;
        f.code = t.connected ? "terminal.version-unknown" : "terminal.not-connected";
        f.summary = t.connected
                        ? TIS_TEXT("assessment", "Das Kartenterminal „%1“ meldet keine Version.").arg(f.place)
                        : TIS_TEXT("assessment", "Das Kartenterminal „%1“ ist nicht verbunden; seine Version ist unbekannt.")
                              .arg(f.place);
        f.action =
            TIS_TEXT("assessment", "Das Terminal einschalten und mit dem Praxisnetz verbinden, dann erneut prüfen.");
        return f;
    }
    f.productKey = identity->key();
    f.name = terminalDisplayName(t, in.catalog) + " (" + f.place + ")";
    f.installed = t.product.firmwareVersion;
    f.hardware = t.product.hardwareVersion;
    addStateDetails(f, in, t.ctId, f.name);
    const auto* product = in.catalog ? in.catalog->find(f.productKey) : nullptr;
    const bool reported = in.resources.isActiveFor("EC_CardTerminal_Software_Out_Of_Date", t.ctId);
    judgeByCatalog(f, in, product, offerFor(in, t.ctId, f.installed), reported, "terminal", reported);
    addHowToCheckVersion(f, product);
    return f;
}

/// The mobile card terminal: its firmware by the catalog like any device, and the CVC
/// certificate list it must hold (the catalog's requirement "cvc-list"). It is updated from a
/// PC, never through the connector.
Finding mobileTerminalFinding(const Input& in) {
    Finding f;
    f.type = ComponentType::MobileTerminal;
    f.component = "mobile-terminal";
    if (!in.mobileTerminal) {
        // Named as the catalog names the practice's kind of mobile terminal (a name is the same
        // in every language).
        const auto& table = in.catalog ? *in.catalog : catalog::builtInProductTable();
        for (const auto& p : table.products)
            if (p.type == ComponentType::MobileTerminal && f.name.empty()) f.name = p.name;
        if (f.name.empty()) f.name = "ORGA 930 M online";
        f.status = ComponentStatus::NotConnected;
        f.code = "mobile-terminal.not-connected";
        f.summary = TIS_TEXT("assessment", "Das mobile Kartenterminal antwortet nicht; seine Version ist unbekannt.");
        f.action = TIS_TEXT("assessment",
                            "Das Gerät in seine Ladeschale stellen oder per USB an diesen PC anschließen, dann erneut "
                            "prüfen.");
        return f;
    }
    const auto& m = *in.mobileTerminal;
    f.productKey = m.key();
    const auto named = catalog::productName(in.catalog, f.productKey);
    f.name = named.empty() ? (m.productName.empty() ? f.productKey : m.productName) : named;
    f.installed = m.firmwareVersion;
    const auto* product = in.catalog ? in.catalog->find(f.productKey) : nullptr;
    judgeByCatalog(f, in, product, Offer{}, false, "mobile-terminal");
    addHowToCheckVersion(f, product);
    if (!product) return f;
    for (const auto& r : product->requirements) {
        if (r.id != "cvc-list") continue;
        const auto needed = FirmwareVersion::parse(r.version);
        if (!needed.ok()) continue;
        if (m.cvcListVersion.isUnknown()) {
            f.details.push_back(
                TIS_TEXT("assessment", "%1: das Gerät nennt keine Version; nötig ist %2.").arg(r.name, r.version));
        } else if (m.cvcListVersion < *needed) {
            // The card list matters as much as the firmware: without it new cards are not read.
            if (f.status < ComponentStatus::UpdateAvailable) {
                f.status = ComponentStatus::UpdateAvailable;
                f.code = "mobile-terminal.cvc-list-outdated";
                f.summary = TIS_TEXT("assessment", "%1 %2 ist veraltet; nötig ist %3.")
                                .arg(r.name, m.cvcListVersion.toString(), r.version);
                f.action = TIS_TEXT("assessment",
                                    "Das mobile Terminal am PC aktualisieren (nicht über den Konnektor): erst dann "
                                    "liest es auch die neueste Kartengeneration.");
            } else {
                f.details.push_back(TIS_TEXT("assessment", "%1 %2 ist veraltet; nötig ist %3.")
                                        .arg(r.name, m.cvcListVersion.toString(), r.version));
            }
        } else {
            f.details.push_back(
                TIS_TEXT("assessment", "%1: %2 (nötig: %3).").arg(r.name, m.cvcListVersion.toString(), r.version));
        }
    }
    if (m.batteryPercent >= 0)
        f.details.push_back(m.docked
                                ? TIS_TEXT("assessment", "Akku %1 %, in der Ladeschale.").arg(m.batteryPercent)
                                : TIS_TEXT("assessment", "Akku %1 %, nicht in der Ladeschale.").arg(m.batteryPercent));
    return f;
}

int rank(const Finding& f) { return static_cast<int>(f.status); }

}  // namespace

std::string terminalDisplayName(const konnektor::CardTerminal& t, const catalog::ApprovalCatalog* catalog) {
    const auto key = t.product.key();
    if (auto name = catalog::productName(catalog, key); !name.empty()) return name;
    if (!t.product.productName.empty()) return t.product.productName;
    return key.empty() ? (t.name.empty() ? t.ctId : t.name) : key;
}

std::string connectorDisplayName(const konnektor::ProductInformation& c, const catalog::ApprovalCatalog* catalog) {
    if (!c.productName.empty()) return c.productName;
    if (auto name = catalog::productName(catalog, c.key()); !name.empty()) return name;
    return c.key();
}

std::string_view statusId(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::Current: return "current";
        case ComponentStatus::Unknown: return "unknown";
        case ComponentStatus::NotConnected: return "not-connected";
        case ComponentStatus::UpdateAvailable: return "update-available";
        case ComponentStatus::ApprovalEnds: return "approval-ends";
        case ComponentStatus::Expired: return "expired";
        case ComponentStatus::Blocked: return "blocked";
    }
    return "unknown";
}

const LocalizedText& statusText(ComponentStatus s) {
    // Built on first use, not while the library loads (an adapter's dlopen stays cheap).
    static const std::array<LocalizedText, 7> texts{{
        TIS_TEXT("assessment", "aktuell"),
        TIS_TEXT("assessment", "unbekannt"),
        TIS_TEXT("assessment", "nicht verbunden – einschalten"),
        TIS_TEXT("assessment", "Update verfügbar"),
        TIS_TEXT("assessment", "Zulassung endet"),
        TIS_TEXT("assessment", "abgelaufen: VPN wird gesperrt"),
        TIS_TEXT("assessment", "TI-Zugang gesperrt"),
    }};
    return texts[static_cast<std::size_t>(s)];
}

LocalizedText daysLeftText(int days) {
    if (days <= 0) return TIS_TEXT("assessment", "letzter Tag");
    if (days == 1) return TIS_TEXT("assessment", "noch 1 Tag");
    return TIS_TEXT("assessment", "noch %1 Tage").arg(days);
}

LocalizedText deadlineText(const Finding& f, TimePoint now) {
    if (!f.deadline) return {};
    const auto day = formatDay(*f.deadline - std::chrono::seconds(1));
    if (*f.deadline > now)
        return TIS_TEXT("assessment", "Frist %1, %2").arg(day, daysLeftText(wholeDays(now, *f.deadline)));
    if (f.blockedFrom && *f.blockedFrom > now)
        return TIS_TEXT("assessment", "abgelaufen am %1; Sperre am %2, %3")
            .arg(day, formatDay(*f.blockedFrom - std::chrono::seconds(1)),
                 daysLeftText(wholeDays(now, *f.blockedFrom)));
    return TIS_TEXT("assessment", "abgelaufen am %1").arg(day);
}

LocalizedText startedByText(const konnektor::Installation& i) {
    if (i.byAutoUpdate) return TIS_TEXT("assessment", "vom Auto-Update des Konnektors");
    if (i.clientSystemId.empty() && i.workplaceId.empty())
        return TIS_TEXT("assessment",
                        "an der Verwaltungsoberfläche des Konnektors, etwa von Ihrem Dienstleister vor Ort (DVO)");
    return TIS_TEXT("assessment", "von %1/%2").arg(i.clientSystemId, i.workplaceId);
}

namespace {

/// A colleague, the service partner or the auto-update has already installed it: the
/// connector's own list says so, whoever did it.
void noteRecentInstallation(Finding& f, const Input& in) {
    if (!in.management) return;
    constexpr auto kRecent = std::chrono::hours(24 * 14);
    // "Recent" by the connector's clock, which wrote the times.
    const auto now = std::max(in.management->connectorTime.value_or(in.now), in.now);
    for (const auto& r : in.management->recent) {
        if (r.component != f.component || r.state != konnektor::Installation::State::Succeeded || !r.finishedAt ||
            *r.finishedAt > now || now - *r.finishedAt > kRecent || r.toVersion != f.installed)
            continue;
        f.recentInstallation = TIS_TEXT("assessment", "Am %1 auf %2 aktualisiert (%3).")
                                   .arg(formatLocalDateTime(*r.finishedAt), r.toVersion.toString(), startedByText(r));
        f.details.push_back(*f.recentInstallation);
        return;
    }
}

/// An update that is planned or running changes what to do: nothing but wait, and never
/// switch the connector off — at every workstation, whoever started it.
void followPlan(Finding& f, const Input& in) {
    if (!in.management || f.status == ComponentStatus::Current) return;
    const auto& m = *in.management;
    if (m.active && m.active->component == f.component) {
        f.action = TIS_TEXT("assessment",
                            "Das Update auf %1 läuft gerade (%2): nichts weiter tun und den Konnektor nicht "
                            "ausschalten.")
                       .arg(m.active->toVersion.toString(), startedByText(*m.active));
        return;
    }
    for (const auto& p : m.planned) {
        if (p.component != f.component || !p.plannedAt || *p.plannedAt < in.now) continue;
        f.action = TIS_TEXT("assessment",
                            "Das Update auf %1 ist für %2 geplant (%3): nichts weiter tun; den Konnektor dann "
                            "eingeschaltet lassen.")
                       .arg(p.toVersion.toString(), formatLocalDateTime(*p.plannedAt), startedByText(p));
        return;
    }
}

}  // namespace

std::vector<Finding> assess(const Input& in) {
    std::vector<Finding> out;
    out.push_back(connectorFinding(in));
    for (const auto& t : in.terminals) out.push_back(terminalFinding(in, t));
    if (in.mobileTerminalConfigured) out.push_back(mobileTerminalFinding(in));
    for (auto& f : out) {
        followPlan(f, in);
        noteRecentInstallation(f, in);
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return rank(a) > rank(b); });
    return out;
}

ComponentStatus overall(const std::vector<Finding>& findings) {
    ComponentStatus s = ComponentStatus::Current;
    for (const auto& f : findings)
        if (static_cast<int>(f.status) > static_cast<int>(s)) s = f.status;
    return s;
}

}  // namespace tiservice::assess
