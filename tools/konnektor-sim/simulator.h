#pragma once
// The simulated practice as a set of real servers on loopback: per connector its TLS service
// port and its plain port (connector.sds, EventService, as a real connector's 443 and 80)
// and its management port (the KoCoBox admin interface model); one control port (faults,
// clock, state) and one vendor update server port.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "connector_model.h"
#include "http_server.h"
#include "scenario.h"
#include "soap_validator.h"

namespace tiservice::sim {

class MobileTerminalDevice;

struct SimulatorOptions {
    std::string listen = "127.0.0.1";
    std::uint16_t port = 8443;            ///< first connector's TLS service port; 0: any free port
    std::uint16_t plainPort = 8480;       ///< first connector's plain HTTP port
    std::uint16_t managementPort = 9443;  ///< first connector's management port; 0: any free port
    std::uint16_t controlPort = 8440;
    std::uint16_t updatePort = 8080;
    std::uint16_t mobilePort = 8450;  ///< the mobile terminal stand-in, when the scenario has one
    int count = 1;
    double timeScale = 1.0;
    std::filesystem::path stateDir;
    /// "off": ready.json names the plain port; "server": the TLS port (TLS optional, the
    /// default); "client": TLS only, with a client certificate (TLSMandatory, ClientAutMandatory).
    std::string tls = "server";
    /// Serve this connector.sds (a real device's file) instead of the vendor profile's, every
    /// endpoint host rewritten to this simulator; the EventService answers at the path it names.
    std::optional<std::filesystem::path> sdsFile;
    std::optional<std::string> basicAuthUser;
    std::string basicAuthPassword;
    std::optional<std::filesystem::path> clientP12;
    std::string clientP12Password;
    std::optional<std::filesystem::path> updatesDir;
    bool updatesTls = false;  ///< serve the update server over HTTPS (the simulator's CA)
    std::string tlsMax = "1.3";  ///< the highest TLS version offered: "1.2" (a connector without 1.3) or "1.3"
    Faults faults;
};

/// The simulator's clock: scaled real time plus jumps requested through the control port.
class SimClock final : public Clock {
public:
    SimClock(TimePoint start, double factor) : scaled_(start, factor) {}
    [[nodiscard]] TimePoint now() const override {
        std::lock_guard lock(mutex_);
        return scaled_.now() + offset_;
    }
    void jump(std::chrono::seconds d) {
        std::lock_guard lock(mutex_);
        offset_ += d;
    }
    [[nodiscard]] double factor() const { return scaled_.factor(); }

private:
    ScaledClock scaled_;
    mutable std::mutex mutex_;
    std::chrono::system_clock::duration offset_{0};
};

class Simulator {
public:
    Simulator(boost::asio::io_context& io, SimulatorOptions options, Scenario scenario);
    ~Simulator();

    /// Binds every port and starts the clock tick. Throws on failure (e.g. port in use).
    void start();
    /// The JSON line the simulator prints when ready: ports, URLs, CA file.
    [[nodiscard]] std::string readyJson() const;

private:
    struct Unit;
    HttpResponse handleConnector(Unit& u, const HttpRequest& req);
    HttpResponse handleEventService(Unit& u, const HttpRequest& req);
    HttpResponse handleManagement(Unit& u, const HttpRequest& req);
    HttpResponse handleControl(const HttpRequest& req);
    HttpResponse handleUpdates(const HttpRequest& req);
    HttpResponse handleMobileTerminal(const HttpRequest& req);
    HttpResponse applyConnectionFaults(Unit& u, HttpResponse r);
    void tick();

    boost::asio::io_context& io_;
    SimulatorOptions options_;
    Scenario scenario_;
    std::shared_ptr<SimClock> clock_;
    std::vector<std::unique_ptr<Unit>> units_;
    std::unique_ptr<HttpServer> control_, updates_, mobile_;
    std::unique_ptr<MobileTerminalDevice> mobileDevice_;
    std::filesystem::path caFile_;
    std::unique_ptr<SoapValidator> soap_;
    std::string sdsFileText_, sdsFileEventPath_;
    std::shared_ptr<void> tickTimer_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace tiservice::sim
