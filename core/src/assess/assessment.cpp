#include "tiservice/assess/assessment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace tiservice::assess {
namespace {

int wholeDays(TimePoint from, TimePoint to) {
    return static_cast<int>(std::floor(std::chrono::duration<double>(to - from).count() / 86400.0));
}

LocalizedText inDays(int days) {
    if (days == 0) return TIS_TEXT("assessment", "heute");
    if (days == 1) return TIS_TEXT("assessment", "morgen");
    return TIS_TEXT("assessment", "in %1 Tagen").arg(days);
}

/// The approval ends at the end of the last approved day; show that day.
LocalizedText lastDay(TimePoint endsAt) { return formatDay(endsAt - std::chrono::seconds(1)); }

LocalizedText supportLine(const catalog::ApprovalCatalog* cat, const catalog::CatalogProduct* product) {
    LocalizedText line;
    if (!cat) return line;
    for (const auto& c : cat->support) {
        if (product && !product->support.empty() && c.id != product->support && c.id != "self") continue;
        line.append(LocalizedText::fromData(c.name.de + ": " + c.phone, c.name.en + ": " + c.phone), "; ");
    }
    return line;
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

/// The catalog rules shared by connector and terminals; `product` is null when the
/// catalog does not know the device.
void judgeByCatalog(Finding& f, const Input& in, const catalog::CatalogProduct* product, const Offer& offer,
                    bool connectorSaysOutOfDate, const std::string& prefix, bool connectorOffersUpdates = false) {
    const auto& v = f.installed;
    FirmwareVersion target = product ? product->recommended : FirmwareVersion{};
    if (offer.version && (target.isUnknown() || *offer.version > target)) target = *offer.version;
    if (!target.isUnknown()) f.recommended = target;
    const bool behind = !target.isUnknown() && v < target;
    const std::string targetText = target.isUnknown() ? std::string() : target.toString();

    const auto* approved = product ? product->find(v) : nullptr;
    const auto endsAt = approved ? approved->endsAt() : std::nullopt;

    std::optional<TimePoint> critical = offer.deadline;
    if (product && product->criticalDeadline && v < product->recommended) {
        const auto end = *product->criticalDeadline + std::chrono::hours(24);
        if (!critical || end < *critical) critical = end;
    }

    if (endsAt && in.now >= *endsAt) {
        f.status = ComponentStatus::Expired;
        f.code = prefix + ".approval-expired";
        setDeadline(f, *endsAt, in.now);
        const auto day = lastDay(*endsAt);
        f.summary = TIS_TEXT("assessment",
                             "Die Zulassung von Version %1 ist am %2 abgelaufen: der VPN-Zugang zur TI wird gesperrt.")
                        .arg(v.toString(), day);
        f.action = targetText.empty()
                       ? TIS_TEXT("assessment", "Sofort den Support anrufen.")
                       : TIS_TEXT("assessment", "Sofort das Update auf %1 installieren.").arg(targetText);
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
        const auto when = inDays(*f.daysLeft);
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
    if (behind || connectorSaysOutOfDate) {
        f.status = ComponentStatus::UpdateAvailable;
        f.code = prefix + ".update-available";
        const std::string to = targetText.empty() ? std::string("?") : targetText;
        f.summary = TIS_TEXT("assessment", "Version %1 ist verfügbar (installiert: %2).").arg(to, v.toString());
        f.action = TIS_TEXT("assessment", "Update auf %1 einplanen.").arg(to);
        // Without an update the connector offers, the vendor's advice for old versions applies.
        if (product && !offer.version && !connectorOffersUpdates && !product->olderVersions.empty() && !approved)
            f.action = product->olderVersions;
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
    f.status = ComponentStatus::Current;
    f.code = prefix + ".current";
    if (endsAt) setDeadline(f, *endsAt, in.now);
    f.summary =
        product->updatesAvailable
            ? TIS_TEXT("assessment", "Version %1 ist aktuell.").arg(v.toString())
            : TIS_TEXT("assessment", "Version %1 ist aktuell; für dieses Gerät gibt es kein Update.").arg(v.toString());
}

Finding connectorFinding(const Input& in) {
    Finding f;
    f.type = ComponentType::Connector;
    f.component = "connector";
    f.productKey = in.connector.vendorId + "-" + in.connector.productCode;
    f.name = in.connector.productName.empty() ? f.productKey : in.connector.productName;
    f.installed = in.connector.firmwareVersion;
    const auto* product = in.catalog ? in.catalog->find(f.productKey) : nullptr;
    if (product) f.recommended = product->recommended;
    const LocalizedText support = supportLine(in.catalog, product);

    for (const auto& s : in.resources.states) {
        if (!s.active) continue;
        if (s.condition == "EC_Software_Integrity_Check_Failed") {
            f.status = ComponentStatus::Blocked;
            f.code = "connector.integrity-failed";
            f.summary =
                TIS_TEXT("assessment", "Der Konnektor meldet einen Integritätsfehler und ist nicht betriebsbereit.");
            f.action =
                TIS_TEXT("assessment", "Den Konnektor nicht vom Strom trennen und sofort den Support anrufen. %1")
                    .arg(support);
            return f;
        }
    }
    const Offer offer = offerFor(in, "connector", f.installed);
    for (const auto& s : in.resources.states) {
        if (!s.active || s.condition != "EC_FW_Not_Valid_Status_Blocked") continue;
        f.status = ComponentStatus::Blocked;
        f.code = "connector.blocked";
        if (s.validFrom) setDeadline(f, *s.validFrom, in.now);
        FirmwareVersion target = product ? product->recommended : FirmwareVersion{};
        if (offer.version && (target.isUnknown() || *offer.version > target)) target = *offer.version;
        if (!target.isUnknown()) f.recommended = target;
        f.summary = TIS_TEXT("assessment",
                             "Der Konnektor sperrt den TI-Zugang: die Frist des kritischen Updates ist abgelaufen.");
        f.action = TIS_TEXT("assessment", "Jetzt das Update installieren; danach ist der TI-Zugang wieder frei.");
        return f;
    }
    judgeByCatalog(f, in, product, offer, in.resources.isActive("EC_Connector_Software_Out_Of_Date"), "connector");
    return f;
}

Finding terminalFinding(const Input& in, const konnektor::CardTerminal& t) {
    Finding f;
    f.type = ComponentType::StationaryTerminal;
    f.component = t.ctId;
    const auto label = t.name.empty() ? t.ctId : t.name;
    const auto identity = t.identity();
    if (!identity || t.product.firmwareVersion.isUnknown()) {
        f.name = label;
        f.status = ComponentStatus::Unknown;
        f.code = "terminal.not-connected";
        f.summary =
            TIS_TEXT("assessment", "Das Kartenterminal \"%1\" ist nicht verbunden; seine Version ist unbekannt.")
                .arg(label);
        f.action =
            TIS_TEXT("assessment", "Das Terminal einschalten und mit dem Praxisnetz verbinden, dann erneut prüfen.");
        return f;
    }
    f.productKey = identity->key();
    f.name = identity->displayName() + " (" + label + ")";
    f.installed = t.product.firmwareVersion;
    const auto* product = in.catalog ? in.catalog->find(f.productKey) : nullptr;
    judgeByCatalog(f, in, product, offerFor(in, t.ctId, f.installed), false, "terminal",
                   in.resources.isActive("EC_CardTerminal_Software_Out_Of_Date"));
    return f;
}

int rank(const Finding& f) { return static_cast<int>(f.status); }

}  // namespace

std::string_view statusId(ComponentStatus s) {
    switch (s) {
        case ComponentStatus::Current: return "current";
        case ComponentStatus::Unknown: return "unknown";
        case ComponentStatus::UpdateAvailable: return "update-available";
        case ComponentStatus::ApprovalEnds: return "approval-ends";
        case ComponentStatus::Expired: return "expired";
        case ComponentStatus::Blocked: return "blocked";
    }
    return "unknown";
}

const LocalizedText& statusText(ComponentStatus s) {
    // Built on first use, not while the library loads (an adapter's dlopen stays cheap).
    static const std::array<LocalizedText, 6> texts{{
        TIS_TEXT("assessment", "aktuell"),
        TIS_TEXT("assessment", "unbekannt"),
        TIS_TEXT("assessment", "Update verfügbar"),
        TIS_TEXT("assessment", "Zulassung endet"),
        TIS_TEXT("assessment", "abgelaufen: VPN wird gesperrt"),
        TIS_TEXT("assessment", "TI-Zugang gesperrt"),
    }};
    return texts[static_cast<std::size_t>(s)];
}

std::vector<Finding> assess(const Input& in) {
    std::vector<Finding> out;
    out.push_back(connectorFinding(in));
    for (const auto& t : in.terminals) out.push_back(terminalFinding(in, t));
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
