#pragma once
// What needs doing, and by when: a pure function from what the connector reports, what it
// offers, the approval catalog and the time to one finding per component.

#include <optional>
#include <string>
#include <vector>

#include "tiservice/catalog/approval_catalog.h"
#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/konnektor/driver.h"
#include "tiservice/konnektor/event_service.h"
#include "tiservice/konnektor/mobile_terminal.h"
#include "tiservice/konnektor/service_directory.h"

namespace tiservice::assess {

/// Ordered from harmless to most urgent.
enum class ComponentStatus {
    Current,          ///< nothing to do
    Unknown,          ///< cannot tell (product or version not in the catalog, no catalog)
    NotConnected,     ///< a card terminal the connector cannot reach: switch it on; never an update candidate
    UpdateAvailable,  ///< a newer approved version exists; no deadline known
    ApprovalEnds,     ///< the installed version's approval ends on a known day
    Expired,          ///< the approval has ended: the VPN access will be blocked
    Blocked,          ///< the connector reports it blocks the TI access now (or is broken)
};

TISERVICE_CORE_EXPORT std::string_view statusId(ComponentStatus s);  ///< "current", "update-available", ...
TISERVICE_CORE_EXPORT const LocalizedText& statusText(ComponentStatus s);

/// An update the connector offers (from its management interface), if known.
struct OfferedUpdate {
    std::string component;  ///< "connector" or a terminal's CtId
    FirmwareVersion version;
    bool critical = false;
    std::optional<TimePoint> deadline;
};

struct Finding {
    std::string code;          ///< stable, e.g. "connector.approval-expired"
    ComponentStatus status = ComponentStatus::Unknown;
    ComponentType type = ComponentType::Connector;
    std::string component;     ///< "connector" or the terminal's CtId
    std::string name;          ///< what people call it: "KoCoBox MED+", "ORGA 6141 online (Empfang)"
    std::string place;         ///< a terminal's own Name as the connector reports it ("Empfang", "ORGA6100-…")
    std::string productKey;    ///< "KOCOC-kocobox", empty when unknown
    FirmwareVersion installed; ///< unknown when not known
    FirmwareVersion hardware;  ///< as the device reports it
    std::optional<FirmwareVersion> recommended;
    /// The vendor offers no update for this device (catalog updatesAvailable false): every
    /// screen says "kein Update verfügbar" where a version would stand.
    bool noUpdateOffered = false;
    /// The date that governs: the earliest of the catalog's approval end, the catalog's and
    /// the connector's (KSR) critical deadline. Every screen says it the same way (deadlineText).
    std::optional<TimePoint> deadline;
    std::optional<int> daysLeft;  ///< whole days until the deadline; negative when passed
    /// When the connector itself will block the TI access, when that is later than a deadline
    /// that has already passed (an approval that ended while the KSR still gives a date).
    std::optional<TimePoint> blockedFrom;
    LocalizedText summary;     ///< one line: what is the case
    LocalizedText action;      ///< what to do next; empty when nothing
    /// More that concerns this component: what its active operating states mean, what the
    /// connector's auto-update did or will do, the catalog's note on its firmware line.
    std::vector<LocalizedText> details;
    /// Its last installation in the past two weeks as the connector's list has it (also among
    /// the details): "Am 01.12.2026 um 19:20 auf 1.3.10 aktualisiert (von PVS1/Sprechzimmer 2)."
    /// — so a practice sees that a colleague or its service partner has already done it.
    std::optional<LocalizedText> recentInstallation;
};

struct Input {
    konnektor::ProductInformation connector;
    /// The services the connector's service directory lists ("NFDService", …): which of the
    /// catalog's feature upgrades are active. Empty: not known.
    std::vector<std::string> connectorServices;
    konnektor::ConnectorResources resources;
    std::vector<konnektor::CardTerminal> terminals;
    std::vector<OfferedUpdate> offered;
    /// The connector's own status from its management interface (auto-update, installations),
    /// when it could be read; nullopt for connectors without a driver.
    std::optional<konnektor::ManagementStatus> management;
    /// The mobile card terminal, when the settings name one: what it reports, or nullopt when it
    /// did not answer (then it is "not connected").
    bool mobileTerminalConfigured = false;
    std::optional<konnektor::MobileTerminalStatus> mobileTerminal;
    const catalog::ApprovalCatalog* catalog = nullptr;  ///< null: no verified catalog
    TimePoint now{};
    /// Whom this practice calls ("cgm", "self": its customer type): the one number advice names.
    /// Empty: the product's own contact from the catalog.
    std::string supportContact;
};

/// What people call a terminal: the product table's name ("ORGA 6141 online"; real ORGA
/// terminals report no product name), else the one it reports, else its id.
TISERVICE_CORE_EXPORT std::string terminalDisplayName(const konnektor::CardTerminal& terminal,
                                                      const catalog::ApprovalCatalog* catalog);
/// "KoCoBox MED+": as connector.sds names it, else the product table's name, else its id.
TISERVICE_CORE_EXPORT std::string connectorDisplayName(const konnektor::ProductInformation& connector,
                                                       const catalog::ApprovalCatalog* catalog);

/// The countdown: "noch 10 Tage", "noch 1 Tag", "letzter Tag".
TISERVICE_CORE_EXPORT LocalizedText daysLeftText(int days);
/// The governing date as every screen says it: "Frist 12.12.2026, noch 10 Tage",
/// "abgelaufen am 31.12.2019; Sperre am 06.12.2026, noch 4 Tage"; empty without a date.
TISERVICE_CORE_EXPORT LocalizedText deadlineText(const Finding& finding, TimePoint now);

/// Who started an installation, as every screen says it: "von PVS1/Sprechzimmer 1", "vom
/// Auto-Update des Konnektors", or "an der Verwaltungsoberfläche des Konnektors, etwa von Ihrem
/// Dienstleister vor Ort (DVO)" when no workstation is named.
TISERVICE_CORE_EXPORT LocalizedText startedByText(const konnektor::Installation& installation);

/// One finding per component, most urgent first (the connector first among equals).
TISERVICE_CORE_EXPORT std::vector<Finding> assess(const Input& input);

/// The most urgent status among the findings (Current when empty).
TISERVICE_CORE_EXPORT ComponentStatus overall(const std::vector<Finding>& findings);

}  // namespace tiservice::assess
