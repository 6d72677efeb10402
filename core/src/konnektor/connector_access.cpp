#include "tiservice/konnektor/connector_access.h"

#include <algorithm>

namespace tiservice::konnektor {

ConnectorAccess::~ConnectorAccess() = default;

namespace {

class NetworkAccess final : public ConnectorAccess {
public:
    NetworkAccess(ConnectionSettings settings, net::ClientOptions options, const Clock& clock)
        : settings_(std::move(settings)), options_(std::move(options)), clock_(clock), http_(options_) {}

    Result<ConnectorSnapshot> read() override {
        http_.disconnect();
        return readConnector(http_, settings_, clock_);
    }

    std::unique_ptr<Driver> driver(const ProductInformation& product, bool quick) override {
        const auto url = settings_.connector.managementUrl.empty() ? defaultManagementUrl(settings_.connector.sdsUrl) : settings_.connector.managementUrl;
        auto o = options_;
        if (quick) {
            o.maxAttempts = 1;
            o.connectTimeout = std::min(o.connectTimeout, std::chrono::milliseconds(2000));
        }
        return makeDriver(product, url, o);
    }

private:
    ConnectionSettings settings_;
    net::ClientOptions options_;
    const Clock& clock_;
    net::HttpClient http_;
};

}  // namespace

std::unique_ptr<ConnectorAccess> connectorOverNetwork(const ConnectionSettings& settings, const net::ClientOptions& options,
                                                      const Clock& clock) {
    return std::make_unique<NetworkAccess>(settings, options, clock);
}

}  // namespace tiservice::konnektor
