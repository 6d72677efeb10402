#pragma once
// A vendor's management interface for its connector. No gematik interface lets client
// software start a firmware update, so each vendor needs a driver; the KoCoBox driver
// speaks docs/kocobox-management-api.md. A connector without a driver still gets the
// status check, and the person is sent to the connector's own admin interface.
//
// Threads: a driver is used from one thread at a time; its calls block.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/i18n.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/password_policy.h"
#include "tiservice/net/http_client.h"

namespace tiservice::konnektor {

struct LoginAnswer {
    enum class Kind { SignedIn, PasswordExpired, WrongPassword, Locked };
    Kind kind = Kind::SignedIn;
    int triesLeft = 0;                  ///< for WrongPassword
    std::optional<TimePoint> lockedUntil;  ///< for Locked
};

struct PasswordChangeAnswer {
    enum class Kind { Changed, WrongPassword, Locked, Refused };
    Kind kind = Kind::Changed;
    int triesLeft = 0;
    std::optional<TimePoint> lockedUntil;
    std::vector<std::pair<std::string, LocalizedText>> violations;  ///< rule code, message (Refused)
};

struct ManagedUpdate {
    std::string updateId;
    std::string component;  ///< "connector" or a terminal's CtId
    std::string name;       ///< what people call it
    FirmwareVersion installed, version;
    bool critical = false;
    std::optional<TimePoint> deadline;
    std::uint64_t sizeBytes = 0;
    LocalizedText releaseNotes;
    std::optional<TimePoint> autoInstallAt;  ///< the connector's auto-update will install it then
    enum class Download { NotStarted, Downloading, Downloaded } download = Download::NotStarted;
    int downloadPercent = 0;
};

/// One installation as the connector reports it.
struct Installation {
    enum class State { Planned, Installing, Rebooting, Succeeded, Failed, Broken };
    State state = State::Planned;
    std::string id;  ///< the connector's own number for it
    std::string updateId, component;
    FirmwareVersion fromVersion, toVersion;
    int percent = 0;
    std::string clientSystemId, workplaceId;  ///< empty when the connector started it itself
    bool byAutoUpdate = false;                ///< the connector's own auto-update started it
    std::optional<TimePoint> plannedAt, startedAt, finishedAt;
    std::string reason;
    LocalizedText message;
};

/// The connector's auto-update (gematik, KoCoBox since 4.2.10): it installs approved updates
/// itself at a configured time; a time it misses is not caught up.
struct AutoUpdateSchedule {
    bool enabled = false;
    std::optional<TimePoint> next;             ///< the next time it will run
    std::optional<FirmwareVersion> pending;    ///< what it will install then, if anything
    bool pendingDownloaded = false;
    struct Run {
        TimePoint at{};
        std::string result;  ///< "installed", "failed", "missed", "running"
        std::string reason;  ///< for missed: "powered-off", "busy", "not-downloaded", "broken"; for failed: the connector's
        FirmwareVersion toVersion;
    };
    std::optional<Run> lastRun;
};

struct ManagementStatus {
    FirmwareVersion firmwareVersion;
    bool broken = false;
    std::optional<Installation> active;   ///< installing or rebooting now
    std::vector<Installation> planned;
    std::optional<Installation> last;     ///< the last finished one
    std::vector<Installation> recent;     ///< finished ones, newest first
    std::optional<TimePoint> connectorTime;
    std::optional<AutoUpdateSchedule> autoUpdate;  ///< when the connector reports one
};

struct InstallAnswer {
    bool accepted = false;
    std::optional<Installation> installation;  ///< the new one, or the one in the way
    std::string refusal;                       ///< e.g. "already-planned", "busy", "terminals-first"
    LocalizedText message;
};

class TISERVICE_CORE_EXPORT Driver {
public:
    virtual ~Driver();
    /// "KoCoBox MED+ Management" — for messages.
    [[nodiscard]] virtual std::string name() const = 0;
    /// The vendor's rules for the admin password.
    [[nodiscard]] virtual const PasswordPolicy& passwordPolicy() const = 0;
    virtual Result<LoginAnswer> login(const std::string& user, const std::string& password) = 0;
    virtual Result<PasswordChangeAnswer> changePassword(const std::string& user, const std::string& oldPassword,
                                                        const std::string& newPassword) = 0;
    virtual Result<std::vector<ManagedUpdate>> offeredUpdates() = 0;
    virtual Status startDownload(const std::string& updateId) = 0;
    virtual Result<InstallAnswer> install(const std::string& updateId, std::optional<TimePoint> at,
                                          const std::string& clientSystemId, const std::string& workplaceId) = 0;
    virtual Status cancel(const std::string& updateId) = 0;
    /// Moves a planned installation to `at`; who planned it stays. A driver whose connector
    /// cannot move one says so (the person then cancels and plans again).
    virtual Result<Installation> reschedule(const std::string& updateId, TimePoint at);
    /// Works without a login (like the connector's display).
    virtual Result<ManagementStatus> status() = 0;
    virtual Status reboot() = 0;
    virtual void logout() = 0;
};

/// Parsers of the KoCoBox management API's answers (docs/kocobox-management-api.md).
TISERVICE_CORE_EXPORT Result<ManagementStatus> parseManagementStatus(std::string_view json);
TISERVICE_CORE_EXPORT Result<std::vector<ManagedUpdate>> parseOfferedUpdates(std::string_view json);

/// The driver for this connector, or nullptr when tiservice has none for it.
/// `managementUrl` is the management API base (KoCoBox: https://<host>:9443/api/v1).
TISERVICE_CORE_EXPORT std::unique_ptr<Driver> makeDriver(const ProductInformation& connector, const std::string& managementUrl,
                                                         net::ClientOptions options);

/// The management URL to use when the settings name none: KoCoBox's port 9443 on the
/// connector's host.
TISERVICE_CORE_EXPORT std::string defaultManagementUrl(const std::string& sdsUrl);

/// The address of the vendor's own admin interface, for connectors without a driver.
TISERVICE_CORE_EXPORT LocalizedText adminInterfaceHint(const ProductInformation& connector, const std::string& sdsUrl);

}  // namespace tiservice::konnektor
