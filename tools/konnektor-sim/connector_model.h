#pragma once
// The simulated practice equipment behind one connector: identity and firmware, card
// terminals, the updates the KSR offers, the admin account, running and planned
// installations and the faults switched on. Pure state and rules, driven by a clock;
// protocols live in protocol.cpp. Not thread-safe: the simulator calls it on its io thread.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/i18n.h"
#include "tiservice/password_policy.h"

namespace tiservice::sim {

/// What the simulated connector says, in German and English, in its own words. These are the
/// device's texts (a real KoCoBox sends its own), not tiservice's messages, so they live here
/// and not in tiservice's translation catalog.
struct DeviceText {
    std::string de;
    std::string en;
};

using Seconds = std::chrono::seconds;

struct DeviceIdentity {
    std::string vendorId, productCode, vendorName, productName;
    std::string productType, productTypeVersion;
    std::string hwVersion, fwVersion;
};

struct Terminal {
    std::string ctId, name;  ///< "CT_ID_0176"; the device's own name ("ORGA6100-0241000000B692") or one set in the connector
    DeviceIdentity identity;
    bool connected = true;
    std::string macAddress, ipAddress;
    int slotCount = 4;
    std::vector<std::string> workplaceIds;
    bool smcKtCertificateExpiresSoon = false;  ///< the terminal's gSMC-KT security card runs out
};

enum class DownloadState { NotStarted, Downloading, Downloaded };

struct OfferedUpdate {
    std::string updateId;
    std::string component;  ///< "connector" or a terminal's CtId
    std::string version;
    std::string priority = "Normal";  ///< "Normal" or "Kritisch" (KSR FWPriority)
    TimePoint startDate{};
    std::optional<TimePoint> deadline;
    std::uint64_t sizeBytes = 200ull * 1024 * 1024;
    DeviceText releaseNotes;
    DownloadState download = DownloadState::NotStarted;
    double downloadedBytes = 0;
};

struct AdminAccount {
    std::string user = "koco-root";
    std::string password;
    std::vector<std::string> recentPasswords;  ///< the last three, current included
    TimePoint passwordChangedAt{};
    bool forcedExpired = false;
    int failedTries = 0;
    std::optional<TimePoint> lockedUntil;
};

struct Faults {
    bool powerLossDuringInstall = false;
    std::optional<std::string> installFails;  ///< the reason the connector gives
    bool ksrDown = false;
    bool downloadStalls = false;
    double dropProbability = 0;
    std::chrono::milliseconds slowAnswers{0};
    std::string malformed;            ///< "", "broken-xml", "truncated", "wrong-content-type" (connector port)
    std::optional<Seconds> rebootDuration;  ///< a reboot slower than usual
    bool updateServerDown = false;
    /// The update server sends this many bytes of a file, then nothing more (0: off).
    std::uint64_t updateStallsAfterBytes = 0;
    /// The update server sends files at most this fast (0: as fast as it can).
    std::uint64_t updateBytesPerSecond = 0;
    bool loseInstallAnswer = false;  ///< an install request is carried out, its answer never arrives
};

struct CallContext {
    std::string mandantId, clientSystemId, workplaceId;
};

/// Who may call the EventService: one Mandant with its client systems and workplaces.
struct ContextRules {
    std::string mandantId = "Praxis1";
    std::vector<std::string> clientSystemIds{"PVS1"};
    std::vector<std::string> workplaceIds{"Empfang", "Sprechzimmer1"};
};

enum class InstallPhase { Planned, Installing, Rebooting, Succeeded, Failed, Broken };
std::string_view installPhaseId(InstallPhase p);

struct Installation {
    int id = 0;
    std::string updateId, component, fromVersion, toVersion;
    std::string clientSystemId, workplaceId;  ///< empty when the connector started it itself
    bool byAutoUpdate = false;
    TimePoint plannedAt{};
    std::optional<TimePoint> startedAt;
    std::optional<TimePoint> finishedAt;
    InstallPhase phase = InstallPhase::Planned;
    double percent = 0;
    std::string failureReason;
    // Timeline fixed when the installation starts.
    Seconds installDuration{1200}, rebootDuration{120};
    bool powerLoss = false;
    std::optional<std::string> failReason;
};

struct ErrorStateView {
    std::string condition;  ///< as the connector writes it, "EC_…(CT_ID_0176)" for a terminal's
    std::string severity, type;
    bool value = false;
    TimePoint validFrom{};
};

/// The gematik auto-update (KoCoBox since 4.2.10, MGM_KSR_AUTO_UPDATE / _TIME): the connector
/// downloads approved updates and installs them itself at its configured time, once a week
/// by default in the night from Tuesday to Wednesday. A time it misses is not caught up.
struct AutoUpdate {
    bool enabled = false;
    int weekday = 3;                      ///< ISO: 1 Monday … 7 Sunday
    std::chrono::minutes time{2 * 60};    ///< local time of day
    struct Run {
        TimePoint at{};
        std::string result;  ///< "started", "missed"; an installation's own end is in its record
        std::string reason;  ///< for missed: "powered-off", "busy", "not-downloaded", "broken"
        std::string updateId, toVersion;
        int installationId = 0;
    };
    std::vector<Run> runs;  ///< what happened at each scheduled time with an update pending
};

struct ModelSettings {
    Seconds installDuration{20 * 60};       ///< a connector installation, reboots included
    Seconds terminalInstallDuration{5 * 60};
    Seconds rebootDuration{2 * 60};
    double downloadBytesPerSecond = 2.0 * 1024 * 1024;
    Seconds lockDuration{15 * 60};
    int maxFailedLogins = 5;
    std::chrono::hours passwordValidity{24 * 365};
};

class ConnectorModel {
public:
    DeviceIdentity identity;
    std::vector<Terminal> terminals;
    std::vector<OfferedUpdate> updates;
    AdminAccount admin;
    ContextRules contexts;
    Faults faults;
    ModelSettings settings;
    std::string vendor = "kocobox";  ///< vendor profile: kocobox, rise, secunet
    bool tlsMandatory = false;       ///< both real files: TLS optional
    bool clientAuthMandatory = false;
    AutoUpdate autoUpdate;
    bool poweredOff = false;         ///< switched off at the wall (control port): nothing answers
    std::string advertisedHost;  ///< host written into the SDS endpoints; empty: as requested
    bool vpnTiOnline = true, vpnSisOnline = true;

    /// Moves downloads and installations on to `now`; call before every answer.
    void advance(TimePoint now);
    /// False while the connector reboots or has no power: its ports do not answer.
    [[nodiscard]] bool reachable() const { return !down_; }
    [[nodiscard]] bool broken() const { return broken_; }

    // --- EventService ---
    /// nullopt if allowed, else (gematik error code, text)
    [[nodiscard]] std::optional<std::pair<int, std::string>> checkContext(const CallContext& c) const;
    [[nodiscard]] std::vector<ErrorStateView> operatingStates(TimePoint now) const;
    [[nodiscard]] bool blocked(TimePoint now) const;
    /// The terminal as the connector reports it (a disconnected or updating one: empty identity, 0.0.0).
    [[nodiscard]] Terminal reportedTerminal(const Terminal& t) const;

    // --- management API ---
    enum class LoginResult { Ok, PasswordExpired, WrongPassword, Locked, UnknownUser };
    struct Login {
        LoginResult result;
        std::string token;
        int triesLeft = 0;
        std::optional<TimePoint> lockedUntil;
    };
    Login login(const std::string& user, const std::string& password, TimePoint now);
    [[nodiscard]] bool passwordExpired(TimePoint now) const;
    /// Token → may do everything (true) / only change the password (false); nullopt: invalid.
    [[nodiscard]] std::optional<bool> session(const std::string& token) const;
    void logout(const std::string& token) { sessions_.erase(token); }

    struct PasswordChange {
        bool ok = false;
        std::string error;  ///< "wrong-password", "locked", "policy", "mismatch"
        std::vector<PasswordViolation> violations;
    };
    PasswordChange changePassword(const std::string& user, const std::string& oldPassword,
                                  const std::string& newPassword, TimePoint now);

    OfferedUpdate* findUpdate(const std::string& updateId);
    /// Updates the connector offers now (started, newer than installed).
    [[nodiscard]] std::vector<const OfferedUpdate*> pendingUpdates(TimePoint now) const;
    /// "", or why not: "ksr-unreachable", "unknown-update", "already-downloaded"
    std::string startDownload(const std::string& updateId);

    struct InstallRequest {
        std::string updateId, clientSystemId, workplaceId;
        std::optional<TimePoint> at;
    };
    struct InstallAnswer {
        std::string error;  ///< "", "unknown-update", "not-downloaded", "terminals-first", "busy",
                            ///< "already-planned", "broken", "not-newer", "in-the-past"
        const Installation* installation = nullptr;  ///< the new one, or the one in the way
        std::vector<std::string> pendingTerminals;
    };
    InstallAnswer requestInstall(const InstallRequest& r, TimePoint now);
    /// "", "unknown", "already-running"
    std::string cancelInstall(const std::string& updateId);
    /// Moves a planned installation to `at`, keeping who planned it: "", "unknown",
    /// "already-running", "in-the-past".
    std::string rescheduleInstall(const std::string& updateId, TimePoint at, TimePoint now);
    /// The open (planned or running) installation of this update, if any.
    [[nodiscard]] const Installation* openInstallation(const std::string& updateId) const;
    [[nodiscard]] const std::vector<Installation>& installations() const { return installations_; }
    [[nodiscard]] const Installation* activeInstallation() const;
    /// The last finished installation of the connector itself, if any.
    [[nodiscard]] const Installation* lastFinished() const;
    /// The next time the auto-update will run (nullopt when it is off).
    [[nodiscard]] std::optional<TimePoint> nextAutoUpdate(TimePoint now) const;
    /// The connector update the auto-update would install next, if any.
    [[nodiscard]] const OfferedUpdate* autoUpdateCandidate(TimePoint now) const;
    [[nodiscard]] const Terminal* terminal(const std::string& ctId) const;

    void reboot(TimePoint now);

private:
    bool startNext(TimePoint now);
    void runAutoUpdate(TimePoint at);
    void advanceInstallation(Installation& inst, TimePoint now);
    void finish(Installation& inst, TimePoint at, InstallPhase phase);

    std::map<std::string, bool> sessions_;
    std::vector<Installation> installations_;
    int nextInstallationId_ = 1;
    bool down_ = false;
    bool broken_ = false;
    std::optional<TimePoint> rebootUntil_;
    std::optional<TimePoint> lastAdvance_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace tiservice::sim
