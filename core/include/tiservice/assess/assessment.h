#pragma once
// What needs doing, and by when: a pure function from what the connector reports, what it
// offers, the approval catalog and the time to one finding per component.

#include <optional>
#include <string>
#include <vector>

#include "tiservice/catalog/approval_catalog.h"
#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/konnektor/event_service.h"
#include "tiservice/konnektor/service_directory.h"

namespace tiservice::assess {

/// Ordered from harmless to most urgent.
enum class ComponentStatus {
    Current,          ///< nothing to do
    Unknown,          ///< cannot tell (terminal not connected, product not in the catalog)
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
    std::string productKey;    ///< "KOCOC-kocobox", empty when unknown
    FirmwareVersion installed; ///< unknown when not known
    std::optional<FirmwareVersion> recommended;
    std::optional<TimePoint> deadline;
    std::optional<int> daysLeft;  ///< whole days until the deadline; negative when passed
    LocalizedText summary;     ///< one line: what is the case
    LocalizedText action;      ///< what to do next; empty when nothing
};

struct Input {
    konnektor::ProductInformation connector;
    konnektor::ConnectorResources resources;
    std::vector<konnektor::CardTerminal> terminals;
    std::vector<OfferedUpdate> offered;
    const catalog::ApprovalCatalog* catalog = nullptr;
    TimePoint now{};
};

/// One finding per component, most urgent first (the connector first among equals).
TISERVICE_CORE_EXPORT std::vector<Finding> assess(const Input& input);

/// The most urgent status among the findings (Current when empty).
TISERVICE_CORE_EXPORT ComponentStatus overall(const std::vector<Finding>& findings);

}  // namespace tiservice::assess
