#pragma once
// The practice's mobile card terminal (ORGA 930 M online). Unlike the stationary terminals it
// is not paired with the connector: it is read and updated from a PC. tiservice reads its
// device interface (docs/mobile-terminal.md: what the real device needs, what konnektor-sim's
// stand-in models): product, firmware, CVC certificate list, battery and dock.

#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/firmware_version.h"
#include "tiservice/net/http_client.h"

namespace tiservice::konnektor {

struct MobileTerminalStatus {
    std::string vendorId, productCode, productName;  ///< "INGHC", "ORGA930M", "ORGA 930 M online"
    FirmwareVersion firmwareVersion;
    FirmwareVersion cvcListVersion;  ///< the CVC certificate list it holds (unknown: not reported)
    int batteryPercent = -1;         ///< -1: not reported
    bool docked = false;             ///< in its charging dock
    [[nodiscard]] std::string key() const { return vendorId + "-" + productCode; }
};

/// Parses the device's status answer; an Error names what is missing.
TISERVICE_CORE_EXPORT Result<MobileTerminalStatus> parseMobileTerminalStatus(std::string_view json);

/// GET <url>/status, one quick attempt: a terminal that is not plugged in does not hold up a check.
TISERVICE_CORE_EXPORT Result<MobileTerminalStatus> readMobileTerminal(const std::string& url,
                                                                      net::ClientOptions options);

}  // namespace tiservice::konnektor
