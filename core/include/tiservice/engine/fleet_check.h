#pragma once
// The fleet check for service providers: many practices' connectors in one process, a bounded
// number at a time, each under its own deadline, so one dead or slow connector never holds up
// the rest. The approval catalog is verified once per update server, not once per practice.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/engine/status_check.h"
#include "tiservice/settings.h"

namespace tiservice::engine {

/// One practice of the fleet: a name for the list and its settings — a settings file of its own
/// (tiservice.ini), or its section of a practice list (`values`, read from `settingsFile`).
struct FleetPractice {
    std::string name;
    std::filesystem::path settingsFile;
    std::optional<SettingValues> values;  ///< set: the practice's section of the list `settingsFile`
};

/// A practice list: one file for the whole fleet, a section per practice (`[Praxis Dr. Meier]`)
/// with its settings as `section.key = value` (`connector.sds_url = https://…`). What stands
/// before the first practice holds for every practice unless its section says otherwise (the
/// update server, the CA file). Relative paths are relative to the list. An error names the line
/// or the practice and the setting, in both languages.
[[nodiscard]] TISERVICE_CORE_EXPORT Result<std::vector<FleetPractice>> loadPracticeList(
    const std::filesystem::path& file);

struct FleetOptions {
    std::size_t parallel = 32;                       ///< connectors asked at the same time
    std::chrono::milliseconds perConnector{10'000};  ///< the most one connector may take
    std::filesystem::path stateDir;                  ///< the fleet's own: the verified catalogs
};

struct FleetResult {
    FleetPractice practice;
    std::string sdsUrl;                  ///< as the settings say; empty when they could not be read
    std::optional<StatusReport> report;  ///< the check, when the connector answered
    std::optional<Error> error;          ///< why not: settings, network, the deadline
    std::chrono::milliseconds took{0};
    /// The earliest deadline among the findings, for the order and the list.
    [[nodiscard]] TISERVICE_CORE_EXPORT std::optional<TimePoint> earliestDeadline() const;
    /// Why this practice counts as not checkable: the connector did not answer (`error`), or it
    /// answered but there was no verified approval catalog to judge its versions by (as
    /// `tiservice status`, unless a component is already expired or blocked). nullopt: checked.
    [[nodiscard]] TISERVICE_CORE_EXPORT std::optional<Error> notCheckable() const;
};

/// Checks every practice; the results worst first (blocked, expired, not checkable, approval
/// ends, update available, unknown, current), the earlier deadline first within a status, then
/// by name. Memory grows with the results only; at most `parallel` checks run at once.
[[nodiscard]] TISERVICE_CORE_EXPORT std::vector<FleetResult> checkFleet(const std::vector<FleetPractice>& practices,
                                                                        const FleetOptions& options,
                                                                        const Clock& clock = *SystemClock::shared());

/// Where a result stands in the order (0 worst).
[[nodiscard]] TISERVICE_CORE_EXPORT int fleetRank(const FleetResult& result);

}  // namespace tiservice::engine
