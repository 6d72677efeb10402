#pragma once
// The connector's service directory, connector.sds (gematik ServiceDirectory v3.1), read
// the way real KoCoBox, RISE and secunet connectors write it: by namespace, never by prefix
// (JAXB's default namespace with "ns2"/"ns3", or everything on one line); each service once
// with every version it supports; versions named by the service's WSDL namespace
// (".../EventService/WSDL/v7.2") or by its schema namespace (".../vsds/VSDService/v5.2");
// plain and TLS endpoints at the vendor's own paths, often naming a host other than the one
// the practice configured.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"
#include "tiservice/product_identity.h"

namespace tiservice::konnektor {

/// What a ProductInformation element says (connector or card terminal).
struct ProductInformation {
    std::string productType, productTypeVersion;
    std::string vendorId, productCode;
    std::string vendorName, productName;               ///< empty on real ORGA terminals
    FirmwareVersion hardwareVersion, firmwareVersion;  ///< unknown when absent or 0.0.0
    std::string informationDate;                       ///< as written ("2024-03-05T16:57:30.449+01:00")
    std::optional<TimePoint> informationTime;          ///< informationDate read, when it is a date

    /// "KOCOC-kocobox"; empty when the device names neither (a terminal that is not connected).
    [[nodiscard]] std::string key() const {
        return vendorId.empty() && productCode.empty() ? std::string() : vendorId + "-" + productCode;
    }
};

struct ServiceVersion {
    std::string serviceName;      ///< as the directory names the service ("EventService")
    std::string targetNamespace;  ///< WSDL or schema namespace, as written
    std::string version;          ///< e.g. "7.2.0"
    std::string endpoint;         ///< plain HTTP Location, empty when the connector offers none
    std::string endpointTls;      ///< HTTPS Location, empty when the connector offers none
};

struct Service {
    std::string name;
    std::vector<ServiceVersion> versions;
};

/// A service version tiservice implements: the SOAP request namespace and the SOAPAction
/// come from here (EventService.wsdl), never from what a connector writes.
struct ImplementedService {
    const char* name;             ///< "EventService"
    int major, minor;             ///< 7, 2
    const char* schemaNamespace;  ///< body elements: "http://ws.gematik.de/conn/EventService/v7.2"
    const char* wsdlNamespace;    ///< "http://ws.gematik.de/conn/EventService/WSDL/v7.2"

    /// "http://ws.gematik.de/conn/EventService/v7.2#GetCardTerminals"
    [[nodiscard]] std::string soapAction(std::string_view operation) const {
        return std::string(schemaNamespace) + "#" + std::string(operation);
    }
};

/// EventService 7.2, the one tiservice speaks (GetCardTerminals, GetResourceInformation).
inline constexpr ImplementedService kEventService72{"EventService", 7, 2,
                                                    "http://ws.gematik.de/conn/EventService/v7.2",
                                                    "http://ws.gematik.de/conn/EventService/WSDL/v7.2"};

/// True when `v` is a version of `service`: its namespace in WSDL or schema form, or the
/// service's name (any case: vendors spell "KvkService" and "KVKService") with a version
/// of the same major.minor.
TISERVICE_CORE_EXPORT bool implements(const ImplementedService& service, const ServiceVersion& v);

struct TISERVICE_CORE_EXPORT ServiceDirectory {
    ProductInformation product;
    bool tlsMandatory = true;          ///< false: plain HTTP is allowed too
    bool clientAuthMandatory = false;  ///< true: TLS only with a client certificate
    std::vector<Service> services;

    /// The highest version of `service` the connector offers, if any.
    [[nodiscard]] std::optional<ServiceVersion> find(const ImplementedService& service) const;
    [[nodiscard]] std::optional<ServiceVersion> eventService() const { return find(kEventService72); }
    /// Every version the directory lists for a service of this name ("EventService 7.1.0, 6.0.0").
    [[nodiscard]] std::vector<ServiceVersion> versionsOf(std::string_view serviceName) const;
};

/// Parses connector.sds. Errors name what is missing or broken ("konnektor.sds-invalid").
TISERVICE_CORE_EXPORT Result<ServiceDirectory> parseServiceDirectory(std::string_view xml);

/// The identity of the connector as ProductIdentity (type Connector).
TISERVICE_CORE_EXPORT Result<ProductIdentity> connectorIdentity(const ProductInformation& p);

/// Stable codes of the errors below.
namespace errors {
inline constexpr const char* kTlsRequired = "konnektor.tls-required";
inline constexpr const char* kPlainEndpointRefused = "konnektor.plain-endpoint-refused";
inline constexpr const char* kNoEndpoint = "konnektor.no-endpoint";
}  // namespace errors

/// The endpoint to call for `service`. With `useTls` only EndpointTLS, and only an https
/// address: an http:// address is refused (kPlainEndpointRefused), nothing is ever sent in
/// clear when TLS is asked. Without TLS only the plain Endpoint; a connector that offers
/// none (TLSMandatory) is kTlsRequired. With keepConfiguredHost the host and port of
/// `sdsUrl` replace those the connector wrote (connectors behind NAT or reporting internal
/// names); the path stays the vendor's.
TISERVICE_CORE_EXPORT Result<std::string> endpointFor(const ServiceDirectory& directory, const ServiceVersion& service,
                                                      std::string_view sdsUrl, bool useTls, bool keepConfiguredHost);

/// The Error for a connector that takes only TLS (and perhaps a client certificate) while the
/// settings ask for plain HTTP; says what to set.
TISERVICE_CORE_EXPORT Error tlsRequiredError(bool clientCertificateToo, std::string_view sdsUrl);

}  // namespace tiservice::konnektor
