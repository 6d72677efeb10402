#pragma once
// The connector's EventService (SOAP 1.1, gematik EventService v7.x): GetCardTerminals and
// GetResourceInformation with the PVS's call context, and the SOAP faults a connector sends.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"

namespace tiservice::konnektor {

/// Who is calling: gematik ConnectorContext v2.0; each field at most 64 characters.
struct CallContext {
    std::string mandantId;
    std::string clientSystemId;
    std::string workplaceId;
    std::string userId;  ///< optional
};

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
    std::string condition;  ///< e.g. "EC_FW_Not_Valid_Status_Blocked"
    std::string severity;   ///< Fatal, Error, Warning, Info
    std::string type;       ///< Operation, Security, Infrastructure
    bool active = false;    ///< the ErrorState's Value
    std::optional<TimePoint> validFrom;
};

struct TISERVICE_CORE_EXPORT ConnectorResources {
    bool vpnTiOnline = false;
    bool vpnSisOnline = false;
    std::vector<OperatingState> states;  ///< as reported, active or not

    [[nodiscard]] bool isActive(std::string_view condition) const;
};

/// Parsers of the SOAP answers; a SOAP fault becomes the Error it describes
/// ("konnektor.soap-fault", with the gematik code in detail and a hint for 4004-4006).
TISERVICE_CORE_EXPORT Result<std::vector<CardTerminal>> parseGetCardTerminalsResponse(std::string_view envelope);
TISERVICE_CORE_EXPORT Result<ConnectorResources> parseGetResourceInformationResponse(std::string_view envelope);

/// The request envelope for an operation (namespace taken from the service directory).
TISERVICE_CORE_EXPORT std::string eventServiceRequest(std::string_view operation, std::string_view targetNamespace,
                                                      const CallContext& context);

/// Calls the EventService over an HttpClient (one connection for every call).
class TISERVICE_CORE_EXPORT EventServiceClient {
public:
    EventServiceClient(net::HttpClient& http, std::string endpointUrl, std::string targetNamespace,
                       CallContext context);
    Result<std::vector<CardTerminal>> getCardTerminals();
    Result<ConnectorResources> getResourceInformation();

private:
    Result<std::string> call(std::string_view operation);
    net::HttpClient& http_;
    std::string endpoint_, namespace_;
    CallContext context_;
};

}  // namespace tiservice::konnektor
