#pragma once
// The first run and the settings form: what `tiservice setup` asks and the window's settings
// page shows — where the connector is, how the connection is secured, the call context and
// who installed the connector. Trying the address reads the connector's service directory
// with exactly these values; writing checks that the file reads back as valid settings.
// No password is ever part of it: the settings name files that hold them.

#include <filesystem>
#include <string>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/i18n.h"
#include "tiservice/settings.h"

namespace tiservice::engine {

struct ConnectorSetup {
    std::string address;             ///< as typed: "192.168.1.10" or a full connector.sds address
    std::string tlsMode = "server";  ///< none | server | client-certificate (https only)
    std::string caFile;
    std::string clientCertificate;
    std::string clientCertificatePasswordFile;  ///< empty: asked at every start
    std::string mandant;
    std::string clientSystem;
    std::string workplace;
    std::string support = "cgm";  ///< cgm | self
    std::string practiceHours;    ///< empty: the default (Mo-Fr 08:00-18:00)
};

/// "192.168.1.10" → "https://192.168.1.10/connector.sds"; a full address stays as it is.
[[nodiscard]] TISERVICE_CORE_EXPORT std::string serviceDirectoryAddress(std::string typed);

/// The form filled from settings already there (the address as its connector.sds address).
[[nodiscard]] TISERVICE_CORE_EXPORT ConnectorSetup connectorSetupFrom(const SettingValues& values);

struct FoundConnector {
    std::string sdsUrl;
    std::string product;  ///< "KoCoBox MED+" or vendor-product code
    std::string firmware;
};
/// "Unter … antwortet … mit Firmware …".
[[nodiscard]] TISERVICE_CORE_EXPORT LocalizedText foundConnectorText(const FoundConnector& found);

/// Reads the service directory at the setup's address with its TLS values. Blocks on the
/// network (bounded by the client's timeouts): call it from a worker thread.
[[nodiscard]] TISERVICE_CORE_EXPORT Result<FoundConnector> findConnector(const ConnectorSetup& setup,
                                                                         const std::filesystem::path& config);

/// The settings text. Every section and key of `keep` that the setup does not decide stays
/// as it was (the update server, the practice's patience, …); what the setup decides is
/// replaced, and keys it leaves empty are dropped. An Error when the result would not read
/// back as valid settings, or when a required field is empty.
[[nodiscard]] TISERVICE_CORE_EXPORT Result<std::string> connectorSetupIni(const ConnectorSetup& setup,
                                                                          const std::filesystem::path& config,
                                                                          const SettingValues& keep = {});

/// A settings error as the form shows it: the field's label instead of the file and key, and
/// "correct it in the form" instead of "in the file". Errors about other settings stay as they are.
[[nodiscard]] TISERVICE_CORE_EXPORT Error asFormError(Error error, const std::filesystem::path& config);

/// Writes connectorSetupIni() atomically to `config` (its folder made when missing), keeping
/// what the file there already says beside the setup. A file there that cannot be read is
/// left as it is (the Error says why).
TISERVICE_CORE_EXPORT Status writeConnectorSetup(const ConnectorSetup& setup, const std::filesystem::path& config);

}  // namespace tiservice::engine
