#pragma once
// How the engine reaches one connector: its service directory and EventService (the gematik
// interfaces every connector has) and its vendor's management interface (a driver). The real
// access speaks HTTP(S) with the connection settings; a test may bring its own (a fake
// connector in the test process), so the engine can be driven without a simulator.

#include <functional>
#include <memory>

#include "tiservice/clock.h"
#include "tiservice/core_export.h"
#include "tiservice/error.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/konnektor/driver.h"
#include "tiservice/settings.h"

namespace tiservice::konnektor {

class TISERVICE_CORE_EXPORT ConnectorAccess {
public:
    virtual ~ConnectorAccess();
    /// connector.sds and the EventService, read afresh (after a reboot, on a new connection).
    virtual Result<ConnectorSnapshot> read() = 0;
    /// The driver for the connector's management interface; nullptr when tiservice has none
    /// for this product. `quick`: one attempt with short timeouts (a status check's look).
    virtual std::unique_ptr<Driver> driver(const ProductInformation& product, bool quick) = 0;
};

using ConnectorAccessFactory =
    std::function<std::unique_ptr<ConnectorAccess>(const ConnectionSettings&, const net::ClientOptions&, const Clock&)>;

/// The real access over the network, as the settings describe it.
TISERVICE_CORE_EXPORT std::unique_ptr<ConnectorAccess> connectorOverNetwork(const ConnectionSettings& settings,
                                                                            const net::ClientOptions& options,
                                                                            const Clock& clock);

}  // namespace tiservice::konnektor
