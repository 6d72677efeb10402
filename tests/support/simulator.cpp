#include "support/simulator.h"

#include <thread>

#include <QJsonArray>
#include <QJsonDocument>

#include "schema_check.h"
#include "tiservice/net/http_client.h"
#include "tiservice/trust/repository.h"

namespace tiservice::testing {

QJsonObject HttpResult::json() const {
    return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
}

std::filesystem::path scenarioFile(const std::string& name) {
    return std::filesystem::path(TISERVICE_SOURCE_DIR) / "tools/konnektor-sim/scenarios" / name;
}

void publishShippedCatalog(const std::filesystem::path& repo) {
    if (std::filesystem::exists(repo / "published/metadata/1.root.json")) return;
    const auto fail = [&](const Error& e) {
        throw std::runtime_error("the test's update server (" + repo.string() + "): " + e.describe(Language::English));
    };
    auto r = trust::Repository::create(repo, {});
    if (!r.ok()) fail(r.error());
    const auto catalog =
        std::filesystem::path(TISERVICE_SOURCE_DIR) / "tools/tiservice-repo/catalog/approval-catalog.json";
    if (auto s = r->addTarget(catalog, "catalog/approval-catalog.json"); !s.ok()) fail(s.error());
    if (auto s = r->publish(); !s.ok()) fail(s.error());
}

SimulatorProcess::SimulatorProcess(SimulatorSetup setup) {
    std::vector<std::string> argv{binary("konnektor-sim").string(),
                                  "--port", "0", "--plain-port", "0", "--management-port", "0", "--control-port", "0", "--update-port", "0",
                                  "--state-dir", (dir_ / "sim").string(),
                                  "--ready-file", (dir_ / "ready.json").string(),
                                  "--time-scale", std::to_string(setup.timeScale)};
    if (!setup.scenario.empty()) {
        argv.push_back("--scenario");
        argv.push_back(scenarioFile(setup.scenario).string());
    } else if (!setup.scenarioJson.empty()) {
        writeFile(dir_ / "scenario.json", setup.scenarioJson);
        argv.push_back("--scenario");
        argv.push_back((dir_ / "scenario.json").string());
    }
    argv.insert(argv.end(), setup.args.begin(), setup.args.end());
    ProcessOptions o;
    o.env = {{"HOME", dir_.path().string()}, {"XDG_STATE_HOME", (dir_ / "state").string()}};
    process_ = std::make_unique<BackgroundProcess>(argv, o, dir_ / "logs");
    // Ready once its file reads as the whole description (on a busy Windows a file just renamed
    // into place can still be unreadable for a moment).
    const auto readReady = [&] {
        ready_ = QJsonDocument::fromJson(QByteArray::fromStdString(readFile(dir_ / "ready.json"))).object();
        return !ready_["connectors"].toArray().isEmpty();
    };
    const bool ok = waitFor([&] { return readReady() || !process_->running(); }, std::chrono::seconds(30));
    if (!ok || !readReady()) throw std::runtime_error("konnektor-sim did not start: " + process_->err());
}

SimulatorProcess::~SimulatorProcess() { process_->stop(); }

std::string SimulatorProcess::sdsUrl(int i) const {
    return ready_["connectors"].toArray()[i].toObject()["sds"].toString().toStdString();
}
std::string SimulatorProcess::serviceBase(int i) const {
    const auto sds = sdsUrl(i);
    return sds.substr(0, sds.find("/connector.sds"));
}
std::string SimulatorProcess::eventServiceUrl(int i) const {
    return ready_["connectors"].toArray()[i].toObject()["eventService"].toString().toStdString();
}
std::string SimulatorProcess::sdsPlainUrl(int i) const {
    return ready_["connectors"].toArray()[i].toObject()["sdsPlain"].toString().toStdString();
}
std::string SimulatorProcess::managementBase(int i) const {
    return ready_["connectors"].toArray()[i].toObject()["management"].toString().toStdString();
}
std::string SimulatorProcess::controlBase() const { return ready_["control"].toString().toStdString(); }
std::string SimulatorProcess::updatesBase() const { return ready_["updates"].toString().toStdString(); }
std::filesystem::path SimulatorProcess::caFile() const { return ready_["caCertificate"].toString().toStdString(); }

#ifdef _WIN32
// Windows (under Wine) has no curl: the same requests through our own HTTP client. The curl
// options the tests use for the simulator are -H and --cacert; another one fails the request
// loudly instead of being ignored.
HttpResult SimulatorProcess::request(const std::string& method, const std::string& url, const std::string& body,
                                     const std::vector<std::string>& curlArgs) const {
    net::ClientOptions options;
    options.caFile = caFile();
    options.maxAttempts = 1;
    options.totalTimeout = std::chrono::seconds(10);
    net::Request r{.method = method, .url = url, .headers = {{"Content-Type", "application/json"}}, .body = body};
    for (std::size_t i = 0; i < curlArgs.size(); ++i) {
        const auto& a = curlArgs[i];
        if (a == "-H" && i + 1 < curlArgs.size()) {
            const auto& h = curlArgs[++i];
            const auto colon = h.find(':');
            const auto name = h.substr(0, colon);
            const auto value = h.substr(colon + 1 + (h.size() > colon + 1 && h[colon + 1] == ' ' ? 1 : 0));
            std::erase_if(r.headers, [&](const auto& kv) { return kv.first == name; });
            r.headers.emplace_back(name, value);
        } else if (a == "--cacert" && i + 1 < curlArgs.size()) {
            options.caFile = curlArgs[++i];
        } else {
            return HttpResult{.status = 0, .body = {}, .error = "curl option not available on Windows: " + a};
        }
    }
    net::HttpClient client(options);
    auto answer = client.send(r);
    if (!answer.ok()) return HttpResult{.status = 0, .body = {}, .error = answer.error().describe(Language::English)};
    return HttpResult{.status = answer->status, .body = answer->body, .error = {}};
}
#else
HttpResult SimulatorProcess::request(const std::string& method, const std::string& url, const std::string& body,
                                     const std::vector<std::string>& curlArgs) const {
    std::vector<std::string> argv{"/usr/bin/curl", "-sS", "--max-time", "10", "-X", method, "-w", "\n%{http_code}",
                                  "-H", "Content-Type: application/json"};
    if (!caFile().empty()) {
        argv.push_back("--cacert");
        argv.push_back(caFile().string());
    }
    if (!body.empty()) {
        argv.push_back("--data-binary");
        argv.push_back("@-");
    }
    argv.insert(argv.end(), curlArgs.begin(), curlArgs.end());
    argv.push_back(url);
    ProcessOptions o;
    o.input = body;
    o.timeout = std::chrono::seconds(20);
    const auto r = runProcess(argv, o);
    HttpResult result;
    const auto nl = r.out.rfind('\n');
    if (nl != std::string::npos) {
        result.status = std::atoi(r.out.c_str() + nl + 1);
        result.body = r.out.substr(0, nl);
    }
    result.error = r.err;
    return result;
}
#endif

HttpResult SimulatorProcess::soap(const std::string& operation, const std::string& mandant,
                                  const std::string& clientSystem, const std::string& workplace,
                                  const std::string& extraBody, int connector) const {
    const std::string envelope =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
        "<ev:" + operation + " xmlns:ev=\"http://ws.gematik.de/conn/EventService/v7.2\" "
        "xmlns:cc=\"http://ws.gematik.de/conn/ConnectorContext/v2.0\" "
        "xmlns:co=\"http://ws.gematik.de/conn/ConnectorCommon/v5.0\" "
        "xmlns:cm=\"http://ws.gematik.de/conn/CardServiceCommon/v2.0\">"
        "<cc:Context><co:MandantId>" + mandant + "</co:MandantId><co:ClientSystemId>" + clientSystem +
        "</co:ClientSystemId><co:WorkplaceId>" + workplace + "</co:WorkplaceId></cc:Context>" + extraBody +
        "</ev:" + operation + "></s:Body></s:Envelope>";
    return request("POST", eventServiceUrl(connector), envelope,
                   {"-H", "Content-Type: text/xml; charset=utf-8", "-H",
                    "SOAPAction: \"http://ws.gematik.de/conn/EventService/v7.2#" + operation + "\""});
}

QJsonObject SimulatorProcess::control(const std::string& method, const std::string& path,
                                      const std::string& body) const {
    return request(method, controlBase() + path, body).json();
}

std::string SimulatorProcess::login(const std::string& password, int connector) const {
    const auto r = request("POST", managementBase(connector) + "/login",
                           R"({"user":"koco-root","password":")" + password + "\"}");
    return r.json()["token"].toString().toStdString();
}

HttpResult SimulatorProcess::management(const std::string& method, const std::string& path, const std::string& token,
                                        const std::string& body, int connector) const {
    return request(method, managementBase(connector) + path, body, {"-H", "Authorization: Bearer " + token});
}

bool SimulatorProcess::waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return condition();
}

std::string schemaErrors(const std::string& xml, const std::string& schemaRelativePath) {
    return sim::schemaProblems(xml, std::filesystem::path(TISERVICE_SCHEMA_DIR) / schemaRelativePath);
}

std::string soapBodyChild(const std::string& envelope) {
    const auto open = envelope.find(":Body>");
    const auto close = envelope.rfind("</");
    const auto closeBody = envelope.rfind("</", close - 1);
    if (open == std::string::npos || closeBody == std::string::npos) return {};
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + envelope.substr(open + 6, closeBody - open - 6);
}

}  // namespace tiservice::testing
