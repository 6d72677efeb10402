#pragma once
// Reads what the connector says about itself and its card terminals in one go, over one
// connection: connector.sds, GetCardTerminals, GetResourceInformation.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/event_service.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"
#include "tiservice/settings.h"

namespace tiservice::konnektor {

struct ConnectorSnapshot {
    std::string sdsUrl;
    ServiceDirectory directory;
    std::string eventServiceUrl;
    std::string eventServiceVersion;  ///< the version used, e.g. "7.2.0"
    std::vector<CardTerminal> terminals;
    ConnectorResources resources;
    TimePoint readAt{};
};

/// Asks a person for a secret (password of the .p12, Basic Auth); nullopt: cancelled.
using SecretPrompt = std::function<std::optional<std::string>(const LocalizedText& question)>;

/// Client options for the connector from the settings: TLS mode, CA file, host-name check,
/// Basic Auth and client certificate. Passwords come from the files the settings name, else
/// from `prompt`; they are registered as secrets with the logger.
TISERVICE_CORE_EXPORT Result<net::ClientOptions> connectorClientOptions(const ConnectionSettings& settings,
                                                                        const SecretPrompt& prompt = {});

/// Reads the connector: the service directory, then the EventService it names. Honours the
/// directory's TLSMandatory and ClientAutMandatory: a connector that needs TLS (or a client
/// certificate) the settings do not give is an Error saying what to set, before any call.
TISERVICE_CORE_EXPORT Result<ConnectorSnapshot> readConnector(net::HttpClient& http, const ConnectionSettings& settings,
                                                              const Clock& clock);

}  // namespace tiservice::konnektor
