#pragma once
// Runs the real konnektor-sim as a child process on free loopback ports, with its own
// state folder, and talks to it over real HTTP(S) through curl.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <QJsonObject>

#include "support/process.h"
#include "support/temp_dir.h"

namespace tiservice::testing {

struct HttpResult {
    int status = 0;  ///< 0: no HTTP answer (refused, dropped, TLS failure)
    std::string body;
    std::string error;  ///< curl's message when status is 0
    [[nodiscard]] QJsonObject json() const;
};

struct SimulatorSetup {
    std::string scenario;          ///< file name in tools/konnektor-sim/scenarios, or empty for the default
    std::string scenarioJson;      ///< or an inline scenario
    double timeScale = 1.0;
    std::vector<std::string> args; ///< further command-line options
};

class SimulatorProcess {
public:
    explicit SimulatorProcess(SimulatorSetup setup = {});
    ~SimulatorProcess();

    [[nodiscard]] const QJsonObject& ready() const { return ready_; }
    [[nodiscard]] std::string sdsUrl(int connector = 0) const;
    [[nodiscard]] std::string serviceBase(int connector = 0) const;  ///< https://127.0.0.1:PORT
    /// The EventService at the vendor's own path ("…/kon7/service/systeminformationservice").
    [[nodiscard]] std::string eventServiceUrl(int connector = 0) const;
    /// connector.sds on the connector's plain HTTP port.
    [[nodiscard]] std::string sdsPlainUrl(int connector = 0) const;
    [[nodiscard]] std::string managementBase(int connector = 0) const;  ///< .../api/v1
    [[nodiscard]] std::string controlBase() const;
    [[nodiscard]] std::string updatesBase() const;
    [[nodiscard]] std::filesystem::path caFile() const;
    [[nodiscard]] const std::filesystem::path& stateDir() const { return dir_.path(); }
    [[nodiscard]] BackgroundProcess& process() { return *process_; }

    /// A request with curl: method, URL, optional body, extra curl arguments.
    HttpResult request(const std::string& method, const std::string& url, const std::string& body = {},
                       const std::vector<std::string>& curlArgs = {}) const;
    HttpResult soap(const std::string& operation, const std::string& mandant = "Praxis1",
                    const std::string& clientSystem = "PVS1", const std::string& workplace = "Empfang",
                    const std::string& extraBody = {}, int connector = 0) const;
    QJsonObject control(const std::string& method, const std::string& path, const std::string& body = {}) const;
    /// Signs in as koco-root; returns the token or "" on failure.
    std::string login(const std::string& password, int connector = 0) const;
    HttpResult management(const std::string& method, const std::string& path, const std::string& token,
                          const std::string& body = {}, int connector = 0) const;

    /// Polls `condition` every 20 ms until it holds or `timeout` passes.
    static bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

private:
    TempDir dir_;
    std::unique_ptr<BackgroundProcess> process_;
    QJsonObject ready_;
};

/// The vendor's update server as the tests need it: a TUF repository at `repo` with the shipped
/// approval catalog signed and published (`repo`/published, trusted root
/// `repo`/published/metadata/1.root.json). Made once: a repository already there is kept.
/// Throws std::runtime_error (the test fails there) when it cannot be made.
void publishShippedCatalog(const std::filesystem::path& repo);

/// Path of a scenario shipped with the simulator.
std::filesystem::path scenarioFile(const std::string& name);
/// Validates `xml` against a schema in third_party/gematik-schemas (the official gematik
/// XSDs, vendored) with libxml2 in this process, as xmllint would: "" if valid, else what
/// libxml2 says. The same check on Linux and on Windows.
std::string schemaErrors(const std::string& xml, const std::string& schemaRelativePath);
/// The first child element of the SOAP Body, as a standalone document.
std::string soapBodyChild(const std::string& envelope);

}  // namespace tiservice::testing
