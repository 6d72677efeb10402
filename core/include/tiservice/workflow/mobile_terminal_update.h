#pragma once
// The guided update of the practice's mobile card terminal (ORGA 930 M online). It is not
// updated through the connector but from this PC:
//
//   read the device → what the catalog asks (firmware, CVC certificate list) → the firmware
//   from the vendor's update server as a verified TUF target, made for this device → battery
//   and dock → confirm → transfer in parts with progress (a cut connection continues where the
//   device stopped) → the device checks and installs it and reboots → confirm firmware and CVC
//   list → record in the update archive.
//
// The journal (<stateDir>/mobile-terminal/journal.json) says where it stands, so a run that was
// stopped after the device took the firmware confirms and records it next time, once.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/settings.h"
#include "tiservice/workflow/ui.h"
#include "tiservice/workflow/update_workflow.h"

namespace tiservice::workflow {

struct MobileTerminalUpdateOptions {
    std::filesystem::path stateDir;
    std::chrono::milliseconds rebootTimeout{std::chrono::minutes(10)};  ///< how long the device may stay away
    std::chrono::milliseconds pollInterval{1'000};
    std::size_t partBytes = 64 * 1024;    ///< one transfer request
    int transferAttempts = 5;             ///< connections cut during the transfer before it gives up
    int minimumBatteryPercent = 50;       ///< off the dock; in the dock any charge will do
    std::function<bool()> stopRequested;  ///< [thread-safe]
};

/// "mobile-terminal/INGHC-ORGA930M/4.7.0.bin": where the vendor's update server lists the
/// firmware. Its TUF "custom" says {"product": key, "firmwareVersion": …, "cvcListVersion": …}.
TISERVICE_CORE_EXPORT std::string mobileTerminalFirmwareTarget(const std::string& productKey,
                                                               const std::string& version);

/// The whole guided update of the mobile terminal the settings name ([mobile_terminal] url).
/// Succeeded (confirmed and recorded), NothingToDo (current), Cancelled, Failed (the old
/// firmware stays), CouldNotStart (not connected, no catalog, no firmware on the server).
TISERVICE_CORE_EXPORT WorkflowResult updateMobileTerminal(const ConnectionSettings& settings, Ui& ui,
                                                          const Clock& clock,
                                                          const MobileTerminalUpdateOptions& options);

}  // namespace tiservice::workflow
