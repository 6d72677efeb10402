#pragma once
// Scenario files (JSON) set up the simulated practice: identities, versions, offered
// updates, deadlines, the admin account and the clock. The format is documented in
// docs/konnektor-sim.md. Times are ISO 8601 or relative to the scenario's start: "now",
// "now+10d", "now-400d", "now+2h", "now-30m", "now+90s".

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "connector_model.h"
#include "tiservice/error.h"

namespace tiservice::sim {

/// A stand-in for the practice's mobile card terminal (ORGA 930 M online), reached from the PC
/// over its own device interface, not through the connector (docs/mobile-terminal.md).
struct MobileTerminalModel {
    std::string vendorId = "INGHC", productCode = "ORGA930M", productName = "ORGA 930 M online";
    std::string fwVersion = "4.7.0";
    std::string cvcListVersion = "1.1.1";
    int batteryPercent = 80;
    bool docked = true;
    int rebootSeconds = 60;  ///< after a firmware installation, on the simulated clock
};

struct Scenario {
    std::string name;
    DeviceText description;
    TimePoint start{};  ///< the simulated clock's start
    std::vector<ConnectorModel> connectors;
    std::optional<MobileTerminalModel> mobileTerminal;  ///< "mobileTerminal": {…}; none without it
};

/// Parses a scenario; `realNow` is what "now" means when the file sets no clock.
Result<Scenario> parseScenario(const std::string& json, TimePoint realNow);
Result<Scenario> loadScenario(const std::filesystem::path& file, TimePoint realNow);

/// The built-in practice: KoCoBox MED+ 1.3.10, ORGA 6141 online 3.7.4, Cherry G87-1505 3.0.1,
/// nothing to update.
Scenario defaultScenario(TimePoint realNow);

/// "now+10d" etc. relative to `now`, or an absolute ISO time.
std::optional<TimePoint> parseScenarioTime(const std::string& text, TimePoint now);

}  // namespace tiservice::sim
