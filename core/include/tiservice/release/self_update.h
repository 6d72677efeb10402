#pragma once
// tiservice's own new versions ("bei jedem Start wird auf eine eventuell neuere Version geprüft").
//
// A release is a TUF target on the vendor's update server, like the catalog:
//   releases/<channel>/<platform>/tiservice.tar.gz   custom {"version", "platform", "channel"}
// verified through root, timestamp, snapshot and targets (TUF's rollback protection), and only
// taken when its version is newer than the one running.
//
// A standalone installation (the .tar.gz unpacked under a folder tiservice owns) keeps its
// versions side by side and switches at the next start:
//   <root>/versions/<version>/bin/tiservice …   each release as it was unpacked
//   <root>/current  → versions/<version>        the one that starts
//   <root>/pending                              a verified release to use at the next start
//   <root>/previous                             the one before, to go back to
// The next start runs the new version's own start check (`tiservice --self-check`); only when it
// passes does `current` point to it, otherwise the release is marked failed and the current one
// stays. Any other installation (a .deb, an adapter inside a practice software) is never written
// to: it only says that a newer version is available and where it comes from.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"
#include "tiservice/settings.h"

namespace tiservice::release {

/// "linux-x86_64", "windows-x86_64": the platform this build runs on.
TISERVICE_CORE_EXPORT std::string_view thisPlatform();
/// "releases/stable/linux-x86_64/tiservice.tar.gz"
TISERVICE_CORE_EXPORT std::string releaseTarget(std::string_view channel, std::string_view platform);

struct Installation {
    enum class Kind {
        Standalone,  ///< under <root>/versions/<version>: tiservice updates itself
        Managed,     ///< a package manager's or a practice software's files: only told
    };
    Kind kind = Kind::Managed;
    std::filesystem::path root;
    FirmwareVersion version;  ///< the version running
};

/// What kind of installation the program at `executable` is (its real path, links resolved).
TISERVICE_CORE_EXPORT Installation findInstallation(const std::filesystem::path& executable);

struct ReleaseCheck {
    std::optional<FirmwareVersion> newer;  ///< a newer verified release for this platform and channel
    bool staged = false;                   ///< unpacked beside the current one; used at the next start
    std::optional<Error> refused;          ///< a release that was offered and refused (verification, platform)
    std::optional<Error> error;            ///< why it could not look this time (network, disk)
};

/// Looks on the update server for a newer release (nothing while an update of the connector or
/// a terminal is underway, or when the settings switch it off) and, for a standalone
/// installation, downloads, verifies and unpacks it beside the current one.
TISERVICE_CORE_EXPORT ReleaseCheck checkForRelease(const ConnectionSettings& settings,
                                                   const std::filesystem::path& stateDir, const Clock& clock,
                                                   const Installation& installation);

/// What a person reads about a check; nothing when there is nothing to say.
TISERVICE_CORE_EXPORT std::optional<LocalizedText> describe(const ReleaseCheck& check,
                                                            const Installation& installation);

struct Switch {
    enum class Result { Nothing, Switched, FellBack };
    Result result = Result::Nothing;
    FirmwareVersion from, to;
    std::filesystem::path executable;  ///< Switched: the new version's program, to start instead
    LocalizedText message;
};

/// At start of a standalone installation: a pending release that passes its start check becomes
/// current; one that fails it is marked failed, and the current one stays.
TISERVICE_CORE_EXPORT Switch usePendingRelease(const Installation& installation, const std::string& programName);

}  // namespace tiservice::release
