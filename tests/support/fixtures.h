#pragma once
// The real files tests are fed (tests/data/real-connectors, see SOURCE.md there): what real
// connectors answered, unchanged.

#include <filesystem>
#include <string>

namespace tiservice::testing {

/// tests/data/real-connectors/<name>
std::filesystem::path realConnectorFile(const std::string& name);
/// Its content, byte for byte.
std::string realConnectorSds(const std::string& name);

inline constexpr const char* kKocobox518 = "kocobox-5.1.8.connector.sds.xml";
inline constexpr const char* kRise517 = "rise-5.1.7.connector.sds.xml";

}  // namespace tiservice::testing
