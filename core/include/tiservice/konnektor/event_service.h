#pragma once
// The connector's EventService (SOAP 1.1, gematik EventService 7.2): GetCardTerminals and
// GetResourceInformation with the PVS's call context, and the SOAP faults a connector sends.
// Requests are what EventService.wsdl/.xsd 7.2 define (body namespace and SOAPAction are
// ours, not taken from connector.sds); answers are read as real connectors write them:
// empty names on ORGA terminals, disconnected terminals with 0.0.0, every operating state
// listed with Value true or false, per-terminal states as "EC_…(CT_ID_0176)".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/call_context.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"

namespace tiservice::konnektor {

using tiservice::CallContext;

/// A card terminal as the connector reports it.
struct TISERVICE_CORE_EXPORT CardTerminal {
    std::string ctId;
    std::string name;
    ProductInformation product;  ///< empty identity and unknown versions when not connected
    bool connected = false;
    bool physical = true;
    std::vector<std::string> workplaceIds;
    std::string macAddress, ipAddress;

    /// The identity, or nullopt when the connector does not know it (not connected).
    [[nodiscard]] std::optional<ProductIdentity> identity() const;
};

/// One ErrorState of the connector's OperatingState.
struct OperatingState {
    std::string errorCondition;  ///< as written: "EC_CardTerminal_Software_Out_Of_Date(CT_ID_0176)"
    std::string condition;       ///< without the bracket: "EC_CardTerminal_Software_Out_Of_Date"
    std::string subject;         ///< what the bracket names: "CT_ID_0176", "1"; empty when none
    std::string severity;        ///< Fatal, Error, Warning, Info
    std::string type;            ///< Operation, Security, Infrastructure
    bool active = false;         ///< the ErrorState's Value
    std::optional<TimePoint> validFrom;
};

/// "EC_Name(CT_ID_0176)" → {"EC_Name", "CT_ID_0176"}; "EC_Name" → {"EC_Name", ""}.
TISERVICE_CORE_EXPORT std::pair<std::string, std::string> splitErrorCondition(std::string_view errorCondition);

struct TISERVICE_CORE_EXPORT ConnectorResources {
    bool vpnTiOnline = false;
    bool vpnSisOnline = false;
    std::string vpnTiStatus, vpnSisStatus;  ///< as written: "Online", "Offline"; empty when absent
    std::vector<OperatingState> states;     ///< as reported, active or not

    /// An active state of this condition (any subject).
    [[nodiscard]] bool isActive(std::string_view condition) const;
    /// An active state of this condition naming `subject` (a terminal's CtId).
    [[nodiscard]] bool isActiveFor(std::string_view condition, std::string_view subject) const;
    /// The active states, in the connector's order.
    [[nodiscard]] std::vector<const OperatingState*> active() const;
};

/// Parsers of the SOAP answers; a SOAP fault becomes the Error it describes
/// ("konnektor.soap-fault", with the gematik code in detail and a hint for 4004-4006).
TISERVICE_CORE_EXPORT Result<std::vector<CardTerminal>> parseGetCardTerminalsResponse(std::string_view envelope);
TISERVICE_CORE_EXPORT Result<ConnectorResources> parseGetResourceInformationResponse(std::string_view envelope);

/// The EventService 7.2 request envelope for an operation (valid against EventService.xsd).
TISERVICE_CORE_EXPORT std::string eventServiceRequest(std::string_view operation, const CallContext& context);

/// Calls the EventService 7.2 over an HttpClient (one connection for every call).
class TISERVICE_CORE_EXPORT EventServiceClient {
public:
    EventServiceClient(net::HttpClient& http, std::string endpointUrl, CallContext context);
    Result<std::vector<CardTerminal>> getCardTerminals();
    Result<ConnectorResources> getResourceInformation();

private:
    Result<std::string> call(std::string_view operation);
    net::HttpClient& http_;
    std::string endpoint_;
    CallContext context_;
};

}  // namespace tiservice::konnektor
