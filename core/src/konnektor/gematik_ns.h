#pragma once
// Namespace prefixes (URI beginnings) of the gematik schemas. Matching on the URI up to the
// version lets newer minor versions through where the structure is the same.

namespace tiservice::konnektor::ns {
inline constexpr const char* kSoapEnvelope = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr const char* kServiceDirectory = "http://ws.gematik.de/conn/ServiceDirectory/v3";
inline constexpr const char* kServiceInformation = "http://ws.gematik.de/conn/ServiceInformation/v2";
inline constexpr const char* kProductInformation = "http://ws.gematik.de/int/version/ProductInformation/v1";
inline constexpr const char* kConnectorCommon = "http://ws.gematik.de/conn/ConnectorCommon/v5";
inline constexpr const char* kConnectorContext = "http://ws.gematik.de/conn/ConnectorContext/v2.0";
inline constexpr const char* kConnectorCommonExact = "http://ws.gematik.de/conn/ConnectorCommon/v5.0";
inline constexpr const char* kCardTerminalInfo = "http://ws.gematik.de/conn/CardTerminalInfo/v8";
inline constexpr const char* kCardServiceCommon = "http://ws.gematik.de/conn/CardServiceCommon/v2";
inline constexpr const char* kTelError = "http://ws.gematik.de/tel/error/v2";
}  // namespace tiservice::konnektor::ns
