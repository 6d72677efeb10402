#pragma once
// The EventService answers in the shape real connectors send them (JAXB's numbered
// prefixes, ProductInformation as the default namespace, an empty SOAP Header), valid
// against EventService.xsd: GetCardTerminals, GetResourceInformation and gematik SOAP faults.

#include <optional>
#include <string>
#include <vector>

#include "connector_model.h"

namespace tiservice::sim {

/// A time as a connector writes it: local time with milliseconds and offset,
/// "2024-03-05T16:57:30.449+01:00".
std::string deviceTime(TimePoint t);

std::string soapEnvelope(const std::string& body, bool pretty);
/// A SOAP fault with a tel/error/v2.0 Error (gematik code, error type Technical/Security).
std::string soapFault(int code, const std::string& text, const std::string& errorType, TimePoint now, bool pretty);

/// `terminals` as the connector reports them (ConnectorModel::reportedTerminal).
std::string getCardTerminalsResponse(const std::vector<Terminal>& terminals, TimePoint now, bool pretty);
std::string getResourceInformationResponse(const std::optional<Terminal>& terminal, bool vpnTiOnline,
                                           bool vpnSisOnline, const std::vector<ErrorStateView>& states,
                                           TimePoint now, bool pretty);

}  // namespace tiservice::sim
