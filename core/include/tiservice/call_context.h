#pragma once
// Who is calling the connector: gematik ConnectorContext v2.0 (Mandant, Clientsystem,
// Arbeitsplatz, optionally Nutzer), as the connector's administrator configured it.

#include <string>

namespace tiservice {

/// Each field at most 64 characters.
struct CallContext {
    std::string mandantId;
    std::string clientSystemId;
    std::string workplaceId;
    std::string userId;  ///< optional
};

}  // namespace tiservice
