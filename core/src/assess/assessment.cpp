#include "tiservice/assess/assessment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace tiservice::assess {
namespace {

const std::array<LocalizedText, 6> kStatusText{{
    {"aktuell", "current"},
    {"unbekannt", "unknown"},
    {"Update verfügbar", "update available"},
    {"Zulassung endet", "approval ends"},
    {"abgelaufen: VPN wird gesperrt", "expired: VPN will be blocked"},
    {"TI-Zugang gesperrt", "TI access blocked"},
}};

int wholeDays(TimePoint from, TimePoint to) {
    return static_cast<int>(std::floor(std::chrono::duration<double>(to - from).count() / 86400.0));
}

LocalizedText inDays(int days) {
    if (days == 0) return {"heute", "today"};
    if (days == 1) return {"morgen", "tomorrow"};
    return {"in " + std::to_string(days) + " Tagen", "in " + std::to_string(days) + " days"};
}

/// The approval ends at the end of the last approved day; show that day.
LocalizedText lastDay(TimePoint endsAt) { return formatDay(endsAt - std::chrono::seconds(1)); }

std::string supportLine(const catalog::ApprovalCatalog* cat, const catalog::CatalogProduct* product, Language l) {
    if (!cat) return {};
    std::string line;
    for (const auto& c : cat->support) {
        if (product && !product->support.empty() && c.id != product->support && c.id != "self") continue;
        if (!line.empty()) line += "; ";
        line += c.name.in(l) + ": " + c.phone;
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
        f.summary = {"Die Zulassung von Version " + v.toString() + " ist am " + day.de +
                         " abgelaufen: der VPN-Zugang zur TI wird gesperrt.",
                     "The approval of version " + v.toString() + " ended on " + day.en +
                         ": the VPN access to the TI will be blocked."};
        f.action = targetText.empty()
                       ? LocalizedText{"Sofort den Support anrufen.", "Call support at once."}
                       : LocalizedText{"Sofort das Update auf " + targetText + " installieren.",
                                       "Install the update to " + targetText + " at once."};
        return;
    }
    if (critical && behind && in.now >= *critical) {
        f.status = ComponentStatus::Expired;
        f.code = prefix + ".critical-deadline-passed";
        setDeadline(f, *critical, in.now);
        const auto day = lastDay(*critical);
        f.summary = {"Die Frist für das kritische Update " + targetText + " ist am " + day.de +
                         " abgelaufen: der TI-Zugang wird gesperrt.",
                     "The deadline for the critical update " + targetText + " passed on " + day.en +
                         ": the TI access will be blocked."};
        f.action = {"Sofort das Update auf " + targetText + " installieren.",
                    "Install the update to " + targetText + " at once."};
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
        f.summary = approvalFirst
                        ? LocalizedText{"Die Zulassung von Version " + v.toString() + " endet am " + day.de + " (" + when.de + ").",
                                        "The approval of version " + v.toString() + " ends on " + day.en + " (" + when.en + ")."}
                        : LocalizedText{"Das kritische Update " + targetText + " muss bis " + day.de + " installiert sein (" +
                                            when.de + ").",
                                        "The critical update " + targetText + " must be installed by " + day.en + " (" +
                                            when.en + ")."};
        f.action = {"Update auf " + targetText + " vor dem " + day.de + " installieren, am besten außerhalb der Sprechzeiten.",
                    "Install the update to " + targetText + " before " + day.en + ", best outside office hours."};
        return;
    }
    if (behind || connectorSaysOutOfDate) {
        f.status = ComponentStatus::UpdateAvailable;
        f.code = prefix + ".update-available";
        const std::string to = targetText.empty() ? std::string("?") : targetText;
        f.summary = {"Version " + to + " ist verfügbar (installiert: " + v.toString() + ").",
                     "Version " + to + " is available (installed: " + v.toString() + ")."};
        f.action = {"Update auf " + to + " einplanen.", "Plan the update to " + to + "."};
        // Without an update the connector offers, the vendor's advice for old versions applies.
        if (product && !offer.version && !connectorOffersUpdates && !product->olderVersions.empty() && !approved)
            f.action = product->olderVersions;
        return;
    }
    if (!product) {
        f.status = ComponentStatus::Unknown;
        f.code = prefix + ".not-in-catalog";
        f.summary = {"Dieses Gerät steht nicht im Zulassungskatalog; ob Version " + v.toString() + " zugelassen ist, ist unbekannt.",
                     "This device is not in the approval catalog; whether version " + v.toString() + " is approved is unknown."};
        f.action = {"Beim Support nachfragen, welche Version zugelassen ist.", "Ask support which version is approved."};
        return;
    }
    f.status = ComponentStatus::Current;
    f.code = prefix + ".current";
    if (endsAt) setDeadline(f, *endsAt, in.now);
    f.summary = product->updatesAvailable
                    ? LocalizedText{"Version " + v.toString() + " ist aktuell.", "Version " + v.toString() + " is current."}
                    : LocalizedText{"Version " + v.toString() + " ist aktuell; für dieses Gerät gibt es kein Update.",
                                    "Version " + v.toString() + " is current; there is no update for this device."};
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
    const auto support = [&](Language l) { return supportLine(in.catalog, product, l); };

    for (const auto& s : in.resources.states) {
        if (!s.active) continue;
        if (s.condition == "EC_Software_Integrity_Check_Failed") {
            f.status = ComponentStatus::Blocked;
            f.code = "connector.integrity-failed";
            f.summary = {"Der Konnektor meldet einen Integritätsfehler und ist nicht betriebsbereit.",
                         "The connector reports an integrity failure and is not operational."};
            f.action = {"Den Konnektor nicht vom Strom trennen und sofort den Support anrufen. " + support(Language::German),
                        "Do not unplug the connector; call support at once. " + support(Language::English)};
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
        f.summary = {"Der Konnektor sperrt den TI-Zugang: die Frist des kritischen Updates ist abgelaufen.",
                     "The connector blocks the TI access: the critical update's deadline has passed."};
        f.action = {"Jetzt das Update installieren; danach ist der TI-Zugang wieder frei.",
                    "Install the update now; afterwards the TI access is open again."};
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
        f.summary = {"Das Kartenterminal \"" + label + "\" ist nicht verbunden; seine Version ist unbekannt.",
                     "The card terminal \"" + label + "\" is not connected; its version is unknown."};
        f.action = {"Das Terminal einschalten und mit dem Praxisnetz verbinden, dann erneut prüfen.",
                    "Switch the terminal on and connect it to the practice network, then check again."};
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

const LocalizedText& statusText(ComponentStatus s) { return kStatusText[static_cast<std::size_t>(s)]; }

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
