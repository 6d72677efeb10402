#pragma once
// The connector's service directory, connector.sds (gematik ServiceDirectory v3.1), read
// by namespace, never by prefix: real connectors use default namespaces, "ns2"/"ns3" and
// others, list dozens of services, omit optional parts and name hosts other than the one
// the practice configured.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"
#include "tiservice/product_identity.h"

namespace tiservice::konnektor {

/// What a ProductInformation element says (connector or card terminal).
struct ProductInformation {
    std::string productType, productTypeVersion;
    std::string vendorId, productCode;
    std::string vendorName, productName;
    FirmwareVersion hardwareVersion, firmwareVersion;  ///< unknown when absent or 0.0.0
    std::string informationDate;
};

struct ServiceVersion {
    std::string targetNamespace;
    std::string version;      ///< e.g. "7.2.0"
    std::string endpoint;     ///< plain HTTP Location, may be empty
    std::string endpointTls;  ///< HTTPS Location
};

struct Service {
    std::string name;
    std::vector<ServiceVersion> versions;
};

struct TISERVICE_CORE_EXPORT ServiceDirectory {
    ProductInformation product;
    bool tlsMandatory = true;
    bool clientAuthMandatory = false;
    std::vector<Service> services;

    /// The EventService version 7.x with the highest version number, if any.
    [[nodiscard]] std::optional<ServiceVersion> eventService() const;
};

/// Parses connector.sds. Errors name what is missing or broken ("konnektor.sds-invalid").
TISERVICE_CORE_EXPORT Result<ServiceDirectory> parseServiceDirectory(std::string_view xml);

/// The identity of the connector as ProductIdentity (type Connector).
TISERVICE_CORE_EXPORT Result<ProductIdentity> connectorIdentity(const ProductInformation& p);

/// The endpoint to call: TLS or plain by `useTls`; with keepConfiguredHost the scheme,
/// host and port of `sdsUrl` replace those the connector wrote (connectors behind NAT or
/// reporting internal names). Errors when the directory offers no fitting endpoint.
TISERVICE_CORE_EXPORT Result<std::string> endpointFor(const ServiceVersion& service, std::string_view sdsUrl,
                                                      bool useTls, bool keepConfiguredHost);

}  // namespace tiservice::konnektor
