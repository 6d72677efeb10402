#pragma once
// The settings: how this PC reaches the connector and the vendor's update server, and what
// the practice is like — in five parts, each with its defaults beside it. Read from pairs
// (section, key, value): tiservice.ini (README.md) or a practice software's own settings.
// Secrets are never in them: passwords come from files named here or a prompt.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/call_context.h"
#include "tiservice/practice_hours.h"

namespace tiservice {

/// Settings as pairs — section, key, value — whatever they come from: tiservice.ini, or a
/// practice software's own settings that its adapter hands over. Keys and sections are lower case.
class TISERVICE_CORE_EXPORT SettingValues {
public:
    void set(std::string_view section, std::string_view key, std::string value);
    [[nodiscard]] std::optional<std::string> get(std::string_view section, std::string_view key) const;
    /// The value, or `fallback` when it is missing or empty.
    [[nodiscard]] std::string value(std::string_view section, std::string_view key, std::string fallback = {}) const;
    [[nodiscard]] const std::map<std::string, std::map<std::string, std::string>>& sections() const { return sections_; }

private:
    std::map<std::string, std::map<std::string, std::string>> sections_;
};

/// tiservice.ini: sections, key = value, ';' or '#' comments.
class TISERVICE_CORE_EXPORT IniFile {
public:
    /// Parses INI text; a line that is neither section, key = value, comment nor blank is
    /// an Error naming the line.
    static Result<SettingValues> parse(std::string_view text);
    static Result<SettingValues> load(const std::filesystem::path& file);
    /// Every `key = value` in order, with the section it stands in as written ("" before the
    /// first); the same rules and errors as parse().
    using Visitor = std::function<void(std::string_view section, std::string_view key, std::string value)>;
    static Status read(std::string_view text, const Visitor& visit);
};

enum class TlsMode {
    None,               ///< plain HTTP
    ServerAuth,         ///< TLS, the connector's certificate checked against a CA file
    BasicAuth,          ///< TLS + user and password
    ClientCertificate,  ///< TLS + a client certificate (.p12 exported from the connector)
};

/// [connector]: where the connector is and who is calling.
struct ConnectorSettings {
    std::string sdsUrl;           ///< sds_url, required
    CallContext context;          ///< mandant_id, client_system_id, workplace_id (required), user_id
    bool keepConfiguredHost = true;
    std::string managementUrl;    ///< the vendor's management interface; empty: the driver's default
};

/// [tls]: how the connection is secured.
struct TlsSettings {
    TlsMode mode = TlsMode::ServerAuth;  ///< without [tls] mode: server for https://, none for http://
    std::filesystem::path caFile;
    bool checkHostName = true;
    std::string basicUser;
    std::filesystem::path basicPasswordFile;
    std::filesystem::path clientCertificate;
    std::filesystem::path clientCertificatePasswordFile;
};

/// [update_server]: the vendor's update server (TUF).
struct UpdateServerSettings {
    std::string metadataUrl;
    std::string targetsUrl;
    std::filesystem::path trustedRoot;  ///< the root shipped with the installer
    std::filesystem::path caFile;
    /// releases: tiservice's own releases it looks for at every start, "stable" or "beta"; empty: off.
    std::string releaseChannel = "stable";
};

/// Who installed the connector, and so whom the practice calls.
enum class CustomerType {
    InstalledByCgm,  ///< "cgm": installed and looked after by CGM's service
    SelfInstaller,   ///< "self": the practice installed it itself
};
[[nodiscard]] TISERVICE_CORE_EXPORT std::string_view customerTypeId(CustomerType t);  ///< "cgm", "self"

/// [practice]: the practice itself.
struct PracticeSettings {
    CustomerType customerType = CustomerType::InstalledByCgm;  ///< support = cgm | self
    PracticeHours hours;                                       ///< hours, default Mo-Fr 08:00-18:00
};

/// [update]: the guided update's patience (rarely changed; tests shorten it).
struct UpdatePatience {
    std::chrono::milliseconds pollInterval{2000};    ///< poll_interval_ms, 50..60000
    std::chrono::milliseconds pollMax{30000};        ///< poll_max_ms, 50..600000, not below the interval
    std::chrono::seconds followTimeout{90 * 60};     ///< follow_timeout_minutes 1..1440, or _seconds
    std::chrono::seconds downloadTimeout{120 * 60};  ///< download_timeout_minutes 1..1440, or _seconds
};

/// [mobile_terminal]: the practice's mobile card terminal (ORGA 930 M online), reached from
/// this PC, not through the connector (docs/mobile-terminal.md).
struct MobileTerminalSettings {
    std::string url;  ///< its device interface, e.g. http://127.0.0.1:8450/mobile-terminal/v1; empty: none
};

struct ConnectionSettings {
    ConnectorSettings connector;
    MobileTerminalSettings mobileTerminal;
    TlsSettings tls;
    UpdateServerSettings updateServer;
    PracticeSettings practice;
    UpdatePatience update;
    std::filesystem::path sourceFile;  ///< where these settings were read from
};

/// Reads and checks the settings; errors name the file, section and key, in both languages.
TISERVICE_CORE_EXPORT Result<ConnectionSettings> loadConnectionSettings(const std::filesystem::path& file);
/// The same checks on pairs from any source; `source` names it in errors ("ALBIS TI-Einstellungen").
TISERVICE_CORE_EXPORT Result<ConnectionSettings> connectionSettingsFrom(const SettingValues& values,
                                                                        const std::filesystem::path& source = {});

/// How the source itself names one of our settings ("connector", "sds_url" → "TI_KONNEKTOR_URL");
/// empty when it has no name for it.
using SettingNames = std::function<std::string(std::string_view section, std::string_view key)>;
/// The same, for a practice software: an error names the setting as the host's own settings
/// dialog does, and says to correct it there (not in a file the practice never sees).
TISERVICE_CORE_EXPORT Result<ConnectionSettings> connectionSettingsFrom(const SettingValues& values,
                                                                        const std::filesystem::path& source,
                                                                        const SettingNames& names);

/// Reads a secret from a file (first line, without the line break) and registers it with
/// the logger so it never reaches a log.
TISERVICE_CORE_EXPORT Result<std::string> readSecretFile(const std::filesystem::path& file, const LocalizedText& what);

}  // namespace tiservice
