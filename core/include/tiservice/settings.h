#pragma once
// tiservice.ini: how this PC reaches the connector and the vendor's update server. The
// format is a plain INI file (sections, key = value, ';' or '#' comments); documented in
// README.md. Secrets are never in it: passwords come from files named here or a prompt.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/event_service.h"

namespace tiservice {

/// A parsed INI file: section → key → value. Keys and sections are lower case.
class TISERVICE_CORE_EXPORT IniFile {
public:
    /// Parses INI text; a line that is neither section, key = value, comment nor blank is
    /// an Error naming the line.
    static Result<IniFile> parse(std::string_view text);
    static Result<IniFile> load(const std::filesystem::path& file);

    [[nodiscard]] std::optional<std::string> get(std::string_view section, std::string_view key) const;
    [[nodiscard]] std::string value(std::string_view section, std::string_view key, std::string fallback = {}) const;
    [[nodiscard]] const std::map<std::string, std::map<std::string, std::string>>& sections() const { return sections_; }

private:
    std::map<std::string, std::map<std::string, std::string>> sections_;
};

enum class TlsMode {
    None,               ///< plain HTTP
    ServerAuth,         ///< TLS, the connector's certificate checked against a CA file
    BasicAuth,          ///< TLS + user and password
    ClientCertificate,  ///< TLS + a client certificate (.p12 exported from the connector)
};

struct ConnectionSettings {
    std::string sdsUrl;
    konnektor::CallContext context;
    bool keepConfiguredHost = true;
    TlsMode tlsMode = TlsMode::ServerAuth;
    std::filesystem::path caFile;
    bool checkHostName = true;
    std::string basicUser;
    std::filesystem::path basicPasswordFile;
    std::filesystem::path clientCertificate;
    std::filesystem::path clientCertificatePasswordFile;

    // The vendor's update server (TUF).
    std::string metadataUrl;
    std::string targetsUrl;
    std::filesystem::path trustedRoot;  ///< the root shipped with the installer
    std::filesystem::path updateServerCaFile;

    /// The vendor's management interface; empty: the driver's default (KoCoBox: port 9443).
    std::string managementUrl;

    // The practice.
    std::string supportContact = "cgm";  ///< "cgm" (installed by CGM) or "self"
    std::string practiceHours = "Mo-Fr 08:00-18:00";

    // The guided update's patience (rarely changed; tests shorten them).
    std::chrono::milliseconds pollInterval{2000};
    std::chrono::milliseconds pollMax{30000};
    std::chrono::seconds followTimeout{90 * 60};    ///< follow_timeout_minutes, or _seconds
    std::chrono::seconds downloadTimeout{120 * 60}; ///< download_timeout_minutes, or _seconds

    std::filesystem::path sourceFile;  ///< where these settings were read from
};

/// Reads and checks the settings; errors name the file, section and key, in both languages.
TISERVICE_CORE_EXPORT Result<ConnectionSettings> loadConnectionSettings(const std::filesystem::path& file);
TISERVICE_CORE_EXPORT Result<ConnectionSettings> connectionSettingsFrom(const IniFile& ini,
                                                                        const std::filesystem::path& source = {});

/// Reads a secret from a file (first line, without the line break) and registers it with
/// the logger so it never reaches a log.
TISERVICE_CORE_EXPORT Result<std::string> readSecretFile(const std::filesystem::path& file, const LocalizedText& what);

}  // namespace tiservice
