#include "simulator.h"

#include <algorithm>
#include <iostream>
#include <random>
#include <regex>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "json_answer.h"
#include "mobile_terminal_device.h"
#include "pki.h"
#include "soap_answers.h"
#include "soap_validator.h"
#include "tiservice/i18n.h"
#include "tiservice/konnektor/service_directory.h"
#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"
#include "vendor_profile.h"

namespace tiservice::sim {

namespace ssl = boost::asio::ssl;

namespace ns {
constexpr const char* kConnectorCommon = "http://ws.gematik.de/conn/ConnectorCommon/v5.0";
constexpr const char* kCardServiceCommon = "http://ws.gematik.de/conn/CardServiceCommon/v2.0";
}  // namespace ns

struct Simulator::Unit {
    int index = 0;
    ConnectorModel model;
    const VendorProfile* profile = nullptr;
    /// The TLS port (connector.sds, EventService; always there: a connector always speaks TLS),
    /// the plain port (connector.sds always, the EventService only while TLS is optional) and
    /// the management port.
    std::unique_ptr<HttpServer> service, plain, management;
    long requests = 0;       ///< answered or dropped on the service, plain and management ports
    long plainRequests = 0;  ///< of these, on the plain port (nothing may arrive there when TLS is asked)
    long tlsRequests = 0;
    long refusedSoap = 0;    ///< EventService requests answered with a SOAP fault
    bool portLostReported = false;
};

namespace {

HttpResponse xmlResponse(std::string body, int status = 200) {
    return HttpResponse{.status = status, .contentType = "text/xml; charset=utf-8", .body = std::move(body)};
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

std::string base64Decode(const std::string& s) {
    return QByteArray::fromBase64(QByteArray::fromStdString(s)).toStdString();
}

/// The Context fields and the CtId of a request whose Body the schema check has let through.
struct SoapCall {
    CallContext context;
    std::string ctId;
};

SoapCall readSoap(const std::string& body) {
    SoapCall call;
    QXmlStreamReader xml(QByteArray::fromStdString(body));
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        const auto nsUri = xml.namespaceUri().toString().toStdString();
        const auto name = xml.name().toString().toStdString();
        if (nsUri == ns::kConnectorCommon && name == "MandantId") call.context.mandantId = xml.readElementText().toStdString();
        else if (nsUri == ns::kConnectorCommon && name == "ClientSystemId")
            call.context.clientSystemId = xml.readElementText().toStdString();
        else if (nsUri == ns::kConnectorCommon && name == "WorkplaceId")
            call.context.workplaceId = xml.readElementText().toStdString();
        else if (nsUri == ns::kCardServiceCommon && name == "CtId") call.ctId = xml.readElementText().toStdString();
    }
    return call;
}

std::string downloadStateId(DownloadState s) {
    switch (s) {
        case DownloadState::NotStarted: return "not-started";
        case DownloadState::Downloading: return "downloading";
        case DownloadState::Downloaded: return "downloaded";
    }
    return "not-started";
}

QJsonObject installationJson(const Installation& i) {
    QJsonObject startedBy{{"clientSystemId", qs(i.clientSystemId)}, {"workplaceId", qs(i.workplaceId)}};
    if (i.byAutoUpdate) startedBy.insert("autoUpdate", true);
    QJsonObject o{{"id", i.id},
                  {"updateId", qs(i.updateId)},
                  {"component", qs(i.component)},
                  {"fromVersion", qs(i.fromVersion)},
                  {"toVersion", qs(i.toVersion)},
                  {"state", qs(std::string(installPhaseId(i.phase)))},
                  {"percent", static_cast<int>(i.percent)},
                  {"plannedAt", qs(formatUtc(i.plannedAt))},
                  {"startedBy", startedBy}};
    if (i.startedAt) o.insert("startedAt", qs(formatUtc(*i.startedAt)));
    if (i.finishedAt) o.insert("finishedAt", qs(formatUtc(*i.finishedAt)));
    if (!i.failureReason.empty()) o.insert("reason", qs(i.failureReason));
    return o;
}

DeviceText failureText(const std::string& reason) {
    if (reason == "power-loss")
        return {"Der Konnektor hat während der Installation die Stromversorgung verloren und ist beschädigt.",
                "The connector lost power during the installation and is damaged."};
    return {"Die Installation ist fehlgeschlagen: " + reason, "The installation failed: " + reason};
}

const char* kWeekdayIds[] = {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"};

QJsonObject autoUpdateJson(const ConnectorModel& m, TimePoint now) {
    const auto& a = m.autoUpdate;
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(a.time.count() / 60),
                  static_cast<int>(a.time.count() % 60));
    QJsonObject o{{"enabled", a.enabled}, {"weekday", kWeekdayIds[(a.weekday + 6) % 7]}, {"time", time}};
    if (const auto next = m.nextAutoUpdate(now)) o.insert("next", qs(formatUtc(*next)));
    if (const auto* c = m.autoUpdateCandidate(now); c && a.enabled)
        o.insert("pending", QJsonObject{{"updateId", qs(c->updateId)}, {"version", qs(c->version)},
                                        {"downloaded", c->download == DownloadState::Downloaded}});
    if (!a.runs.empty()) {
        const auto& r = a.runs.back();
        QJsonObject last{{"at", qs(formatUtc(r.at))}, {"updateId", qs(r.updateId)}, {"toVersion", qs(r.toVersion)}};
        std::string result = r.result, reason = r.reason;
        for (const auto& i : m.installations())
            if (i.id == r.installationId && r.installationId != 0) {
                result = i.phase == InstallPhase::Succeeded ? "installed"
                         : i.phase == InstallPhase::Failed || i.phase == InstallPhase::Broken ? "failed"
                                                                                              : "running";
                reason = i.failureReason;
            }
        last.insert("result", qs(result));
        if (!reason.empty()) last.insert("reason", qs(reason));
        o.insert("lastRun", last);
    }
    return o;
}

/// Rewrites every Location host of a real connector.sds to our own ports, leaving the rest of
/// the file byte for byte as it is: http:// to the plain port, https:// to the TLS port.
std::string rewriteLocations(const std::string& sds, const std::string& host, std::uint16_t plainPort,
                             std::uint16_t tlsPort) {
    static const std::regex location("Location=\"(https?)://[^/\"]*");
    std::string out;
    auto begin = std::sregex_iterator(sds.begin(), sds.end(), location);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        out.append(sds, last, static_cast<std::size_t>(m.position()) - last);
        const bool tls = m[1].str() == "https";
        out += "Location=\"" + m[1].str() + "://" + host + ":" + std::to_string(tls ? tlsPort : plainPort);
        last = static_cast<std::size_t>(m.position() + m.length());
    }
    out.append(sds, last, std::string::npos);
    return out;
}

/// The EventService 7.2 path a connector.sds names (for --sds-file).
std::string eventServicePathOf(const std::string& sds) {
    auto directory = konnektor::parseServiceDirectory(sds);
    if (!directory.ok()) return {};
    const auto es = directory->eventService();
    if (!es) return {};
    auto url = net::Url::parse(es->endpointTls.empty() ? es->endpoint : es->endpointTls);
    return url.ok() ? url->target : std::string();
}

}  // namespace

Simulator::Simulator(boost::asio::io_context& io, SimulatorOptions options, Scenario scenario)
    : io_(io), options_(std::move(options)), scenario_(std::move(scenario)),
      clock_(std::make_shared<SimClock>(scenario_.start, options_.timeScale)) {}

Simulator::~Simulator() = default;

void Simulator::start() {
    // A connector always speaks TLS (gemSpec_Kon TIP1-A_4515): the TLS port is always there.
    auto material = pki::ensure(options_.stateDir / "pki");
    caFile_ = material.caCertificate;
    const auto makeContext = [&](bool requireClient) {
        auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
        ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        if (options_.tlsMax == "1.2") SSL_CTX_set_max_proto_version(ctx->native_handle(), TLS1_2_VERSION);
        ctx->use_certificate_chain_file(tiservice::utf8Of(material.serverCertificate));
        ctx->use_private_key_file(tiservice::utf8Of(material.serverKey), ssl::context::pem);
        if (requireClient) {
            ctx->load_verify_file(tiservice::utf8Of(material.caCertificate));
            ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
        }
        return ctx;
    };
    const auto serverOnly = makeContext(false), withClientCertificate = makeContext(true);
    if (options_.clientP12) pki::issueClientP12(material, *options_.clientP12, options_.clientP12Password);
    soap_ = std::make_unique<SoapValidator>(tiservice::utf8Of(options_.stateDir / "schemas"));
    if (options_.sdsFile) {
        auto text = store::readFile(*options_.sdsFile, 4 * 1024 * 1024);
        if (!text.ok()) throw std::runtime_error("--sds-file: " + text.error().describe(Language::English));
        sdsFileText_ = *text;
        sdsFileEventPath_ = eventServicePathOf(sdsFileText_);
        if (sdsFileEventPath_.empty()) throw std::runtime_error("--sds-file names no EventService 7.2 tiservice could call");
    }

    // --count N: copies of the scenario's connectors until there are N.
    const std::size_t count = static_cast<std::size_t>(std::max(1, options_.count));
    for (std::size_t i = 0; units_.size() < std::max(count, scenario_.connectors.size()); ++i) {
        auto u = std::make_unique<Unit>();
        u->index = static_cast<int>(units_.size());
        u->model = scenario_.connectors[i % scenario_.connectors.size()];
        u->model.faults = options_.faults;
        if (options_.tls == "client") u->model.tlsMandatory = u->model.clientAuthMandatory = true;
        if (options_.tls == "off") u->model.tlsMandatory = u->model.clientAuthMandatory = false;
        u->profile = *vendorProfile(u->model.vendor);
        units_.push_back(std::move(u));
    }
    for (auto& up : units_) {
        Unit* u = up.get();
        const auto offset = static_cast<std::uint16_t>(u->index);
        const auto port = [&](std::uint16_t first) { return static_cast<std::uint16_t>(first ? first + offset : 0); };
        u->service = std::make_unique<HttpServer>(
            io_,
            HttpServer::Options{.address = options_.listen, .port = port(options_.port),
                                .tls = u->model.clientAuthMandatory ? withClientCertificate : serverOnly},
            [this, u](const HttpRequest& r) { return handleConnector(*u, r); });
        u->plain = std::make_unique<HttpServer>(
            io_, HttpServer::Options{.address = options_.listen, .port = port(options_.plainPort)},
            [this, u](const HttpRequest& r) { return handleConnector(*u, r); });
        u->management = std::make_unique<HttpServer>(
            io_, HttpServer::Options{.address = options_.listen, .port = port(options_.managementPort), .tls = serverOnly},
            [this, u](const HttpRequest& r) { return handleManagement(*u, r); });
        u->service->start();
        u->plain->start();
        u->management->start();
        u->model.advance(clock_->now());
    }
    control_ = std::make_unique<HttpServer>(
        io_, HttpServer::Options{.address = options_.listen, .port = options_.controlPort},
        [this](const HttpRequest& r) { return handleControl(r); });
    control_->start();
    updates_ = std::make_unique<HttpServer>(
        io_, HttpServer::Options{.address = options_.listen, .port = options_.updatePort,
                                 .tls = options_.updatesTls ? serverOnly : nullptr},
        [this](const HttpRequest& r) { return handleUpdates(r); });
    updates_->start();
    if (scenario_.mobileTerminal) {
        mobileDevice_ = std::make_unique<MobileTerminalDevice>(*scenario_.mobileTerminal);
        mobile_ = std::make_unique<HttpServer>(
            io_, HttpServer::Options{.address = options_.listen, .port = options_.mobilePort},
            [this](const HttpRequest& r) { return handleMobileTerminal(r); });
        mobile_->start();
    }
    tick();
}

HttpResponse Simulator::handleMobileTerminal(const HttpRequest& req) {
    return mobileDevice_->handle(req, clock_->now());
}

void Simulator::tick() {
    const auto now = clock_->now();
    for (auto& u : units_) {
        u->model.advance(now);
        // A rebooting (or switched-off) connector's ports do not answer at all.
        // Each of its ports held its number while it was down; one that cannot be had back is
        // tried again at the next tick, said once.
        for (HttpServer* server : {u->service.get(), u->plain.get(), u->management.get()}) {
            if (u->model.reachable() && !server->listening()) {
                if (!server->restart() && !u->portLostReported) {
                    u->portLostReported = true;
                    std::cerr << tr(TIS_TEXT("konnektor-sim",
                                             "konnektor-sim: Port %1 von Konnektor %2 ist nach dem Neustart belegt; "
                                             "neuer Versuch alle 20 ms")
                                        .arg(server->port(), u->index))
                              << std::endl;
                }
            } else if (!u->model.reachable() && server->listening()) {
                server->stop();
            }
        }
    }
    if (mobileDevice_) {
        // A rebooting mobile terminal is gone from the PC until it is back.
        mobileDevice_->advance(now);
        if (mobileDevice_->reachable() && !mobile_->listening()) (void)mobile_->restart();
        else if (!mobileDevice_->reachable() && mobile_->listening()) mobile_->stop();
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::milliseconds(20));
    tickTimer_ = timer;
    timer->async_wait([this, timer](const boost::system::error_code& ec) {
        if (!ec) tick();
    });
}

std::string Simulator::readyJson() const {
    QJsonArray connectors;
    const auto host = options_.listen.find(':') != std::string::npos ? "[" + options_.listen + "]" : options_.listen;
    for (const auto& u : units_) {
        const std::string tlsBase = "https://" + host + ":" + std::to_string(u->service->port());
        const std::string plainBase = "http://" + host + ":" + std::to_string(u->plain->port());
        const std::string eventPath = sdsFileText_.empty() ? u->profile->eventServicePath() : sdsFileEventPath_;
        const bool plainFirst = options_.tls == "off";
        connectors.append(QJsonObject{
            {"index", u->index},
            {"vendor", qs(u->model.vendor)},
            {"sds", qs((plainFirst ? plainBase : tlsBase) + "/connector.sds")},
            {"sdsTls", qs(tlsBase + "/connector.sds")},
            {"sdsPlain", qs(plainBase + "/connector.sds")},
            {"eventService", qs((plainFirst ? plainBase : tlsBase) + eventPath)},
            {"servicePort", u->service->port()},
            {"plainPort", u->plain->port()},
            {"tlsMandatory", u->model.tlsMandatory},
            {"clientAuthMandatory", u->model.clientAuthMandatory},
            {"management", qs("https://" + host + ":" + std::to_string(u->management->port()) + "/api/v1")},
            {"managementPort", u->management->port()},
        });
    }
    QJsonObject o{{"scenario", qs(scenario_.name)},
                  {"connectors", connectors},
                  {"control", qs("http://" + host + ":" + std::to_string(control_->port()))},
                  {"controlPort", control_->port()},
                  {"updates", qs((options_.updatesTls ? "https://" : "http://") + host + ":" +
                                 std::to_string(updates_->port()) + "/updates/")},
                  {"updatePort", updates_->port()},
                  {"timeScale", options_.timeScale},
                  {"mobileTerminal", mobile_ ? QJsonValue(qs("http://" + host + ":" + std::to_string(mobile_->port()) +
                                                             "/mobile-terminal/v1"))
                                             : QJsonValue()},
                  {"caCertificate", qs(tiservice::utf8Of(caFile_))}};
    if (options_.clientP12) o.insert("clientCertificate", qs(options_.clientP12->string()));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

HttpResponse Simulator::applyConnectionFaults(Unit& u, HttpResponse r) {
    ++u.requests;
    const auto& f = u.model.faults;
    if (f.dropProbability > 0 && std::uniform_real_distribution<double>(0, 1)(random_) < f.dropProbability)
        r.dropConnection = true;
    r.delay = f.slowAnswers;
    return r;
}

HttpResponse Simulator::handleConnector(Unit& u, const HttpRequest& req) {
    const auto now = clock_->now();
    u.model.advance(now);
    ++(req.tls ? u.tlsRequests : u.plainRequests);
    if (options_.basicAuthUser && req.tls) {
        const auto auth = req.header("authorization");
        const bool ok = auth.starts_with("Basic ") &&
                        base64Decode(auth.substr(6)) == *options_.basicAuthUser + ":" + options_.basicAuthPassword;
        if (!ok) {
            HttpResponse r{.status = 401, .body = "Anmeldung erforderlich / authentication required\n"};
            r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Konnektor\"");
            return applyConnectionFaults(u, r);
        }
    }
    const std::string eventPath = sdsFileText_.empty() ? u.profile->eventServicePath() : sdsFileEventPath_;
    HttpResponse r;
    if (req.method == "GET" && req.path() == "/connector.sds") {
        // The directory is always readable, over plain HTTP too: that is how a client learns
        // that TLS is mandatory.
        std::string host = u.model.advertisedHost;
        if (host.empty()) {
            host = req.header("host");
            if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
                host = host.substr(0, colon);
            else if (host.starts_with("[") && host.find("]:") != std::string::npos)
                host = host.substr(0, host.find("]:") + 1);
            if (host.empty()) host = options_.listen;
        }
        if (!sdsFileText_.empty()) {
            r = xmlResponse(rewriteLocations(sdsFileText_, host, u.plain->port(), u.service->port()));
        } else {
            EndpointBases bases{.plain = "http://" + host + ":" + std::to_string(u.plain->port()),
                                .tls = "https://" + host + ":" + std::to_string(u.service->port())};
            if (u.model.tlsMandatory) bases.plain.clear();
            r = xmlResponse(serviceDirectoryXml(*u.profile, u.model.identity, deviceTime(now), u.model.tlsMandatory,
                                                u.model.clientAuthMandatory, bases));
        }
    } else if (req.method == "POST" && req.path() == eventPath) {
        if (!req.tls && u.model.tlsMandatory)
            r = HttpResponse{.status = 403, .body = "TLS erforderlich / TLS required\n"};
        else
            r = handleEventService(u, req);
    } else {
        r = HttpResponse{.status = 404, .body = "not found\n"};
    }

    const auto& malformed = u.model.faults.malformed;
    if (malformed == "broken-xml") {
        r.body = r.body.substr(0, r.body.size() * 2 / 3) + "<unterbrochen";
    } else if (malformed == "truncated") {
        r.truncate = true;
    } else if (malformed == "attribute-bomb") {
        // One element with 300,000 attributes, well inside the 8 MB answer cap: a parser that
        // checks duplicate attributes pairwise needs minutes for it.
        std::string bomb = "<?xml version=\"1.0\"?><x";
        bomb.reserve(300'000 * 12);
        for (int k = 0; k < 300'000; ++k) bomb += " a" + std::to_string(k) + "=\"1\"";
        r.body = bomb + "/>";
        r.contentType = "text/xml; charset=utf-8";
    } else if (malformed == "wrong-content-type") {
        r.contentType = "text/html; charset=utf-8";
        r.body = "<html><body><h1>Wartung</h1><p>Der Dienst ist vorübergehend nicht verfügbar.</p></body></html>";
    }
    return applyConnectionFaults(u, r);
}

HttpResponse Simulator::handleEventService(Unit& u, const HttpRequest& req) {
    const auto now = clock_->now();
    const bool pretty = u.profile->layout == XmlLayout::Jaxb;
    const auto refuse = [&](int code, const std::string& text, const std::string& type) {
        ++u.refusedSoap;
        return xmlResponse(soapFault(code, text, type, now, pretty), 500);
    };
    // What a connector's SOAP stack checks first: the envelope, the schema, the SOAPAction.
    const auto check = soap_->check(req.body);
    if (!check.valid) return refuse(4000, "Syntaxfehler: " + check.problem, "Technical");
    if (check.operationNamespace != konnektor::kEventService72.schemaNamespace)
        return refuse(4000, "Syntaxfehler: unbekannter Namensraum " + check.operationNamespace, "Technical");
    auto action = req.header("soapaction");
    if (action.size() >= 2 && action.front() == '"' && action.back() == '"') action = action.substr(1, action.size() - 2);
    if (action != konnektor::kEventService72.soapAction(check.operation))
        return refuse(4000, "Syntaxfehler: SOAPAction \"" + action + "\" passt nicht zur Operation " + check.operation,
                      "Technical");
    const auto call = readSoap(req.body);
    if (auto refused = u.model.checkContext(call.context)) return refuse(refused->first, refused->second, "Security");

    if (check.operation == "GetCardTerminals") {
        std::vector<Terminal> reported;
        for (const auto& t : u.model.terminals) reported.push_back(u.model.reportedTerminal(t));
        return xmlResponse(getCardTerminalsResponse(reported, now, pretty));
    }
    if (check.operation == "GetResourceInformation") {
        std::optional<Terminal> terminal;
        if (!call.ctId.empty()) {
            const auto* t = u.model.terminal(call.ctId);
            if (!t) return refuse(4007, "Ungültige Kartenterminal-ID", "Technical");
            terminal = u.model.reportedTerminal(*t);
        }
        const bool blocked = u.model.blocked(now) || u.model.broken();
        return xmlResponse(getResourceInformationResponse(terminal, u.model.vpnTiOnline && !blocked,
                                                          u.model.vpnSisOnline && !blocked,
                                                          u.model.operatingStates(now), now, pretty));
    }
    return refuse(4000, "Operation wird nicht unterstützt: " + check.operation, "Technical");
}

HttpResponse Simulator::handleManagement(Unit& u, const HttpRequest& req) {
    const auto now = clock_->now();
    u.model.advance(now);
    auto& m = u.model;
    const std::string path = req.path();
    const std::string base = "/api/v1";
    QJsonParseError perr{};
    const auto body = req.body.empty() ? QJsonObject{}
                                       : QJsonDocument::fromJson(QByteArray::fromStdString(req.body), &perr).object();
    if (!req.body.empty() && perr.error != QJsonParseError::NoError)
        return applyConnectionFaults(u, jsonError(400, "bad-request", {"Die Anfrage ist kein gültiges JSON.",
                                                                       "The request is not valid JSON."}));
    const auto field = [&](const char* k) { return body.value(QLatin1String(k)).toString().toStdString(); };

    // Public, like the connector's display: status needs no login.
    if (req.method == "GET" && path == base + "/status") {
        QJsonObject update{{"state", m.broken() ? "broken" : "idle"}};
        if (const auto* a = m.activeInstallation()) {
            update = installationJson(*a);
        } else if (m.broken()) {
            update.insert("reason", "power-loss");
            update.insert("message", textJson(failureText("power-loss")));
        }
        QJsonArray planned;
        for (const auto& i : m.installations())
            if (i.phase == InstallPhase::Planned) planned.append(installationJson(i));
        QJsonObject o{{"productName", qs(m.identity.productName)},
                      {"vendorId", qs(m.identity.vendorId)},
                      {"productCode", qs(m.identity.productCode)},
                      {"firmwareVersion", qs(m.identity.fwVersion)},
                      {"hardwareVersion", qs(m.identity.hwVersion)},
                      {"now", qs(formatUtc(now))},
                      {"update", update},
                      {"planned", planned},
                      {"autoUpdate", autoUpdateJson(m, now)}};
        if (const auto* last = m.lastFinished()) {
            auto l = installationJson(*last);
            if (last->phase != InstallPhase::Succeeded) l.insert("message", textJson(failureText(last->failureReason)));
            o.insert("lastInstallation", l);
        }
        // The finished installations, newest first (at most 10).
        std::vector<const Installation*> finished;
        for (const auto& i : m.installations())
            if (i.finishedAt) finished.push_back(&i);
        std::sort(finished.begin(), finished.end(), [](auto* a, auto* b) { return *a->finishedAt > *b->finishedAt; });
        QJsonArray recent;
        for (std::size_t k = 0; k < finished.size() && k < 10; ++k) {
            auto j = installationJson(*finished[k]);
            if (finished[k]->phase != InstallPhase::Succeeded) j.insert("message", textJson(failureText(finished[k]->failureReason)));
            recent.append(j);
        }
        o.insert("recent", recent);
        return applyConnectionFaults(u, jsonResponse(o));
    }
    if (req.method == "POST" && path == base + "/login") {
        const auto result = m.login(field("user"), field("password"), now);
        switch (result.result) {
            case ConnectorModel::LoginResult::Ok:
            case ConnectorModel::LoginResult::PasswordExpired: {
                const bool expired = result.result == ConnectorModel::LoginResult::PasswordExpired;
                return applyConnectionFaults(u, jsonResponse({{"token", qs(result.token)},
                                                              {"passwordExpired", expired}}));
            }
            case ConnectorModel::LoginResult::Locked:
                return applyConnectionFaults(
                    u, jsonError(423, "locked",
                                 {"Zu viele Fehlversuche: die Anmeldung ist gesperrt bis " +
                                      formatUtc(*result.lockedUntil) + ".",
                                  "Too many failed attempts: sign-in is locked until " + formatUtc(*result.lockedUntil) + "."},
                                 {{"lockedUntil", qs(formatUtc(*result.lockedUntil))}}));
            default:
                return applyConnectionFaults(
                    u, jsonError(401, "wrong-credentials",
                                 {"Benutzername oder Passwort falsch.", "Wrong user name or password."},
                                 {{"triesLeft", result.triesLeft}}));
        }
    }
    if (req.method == "POST" && path == base + "/password") {
        const auto r = m.changePassword(field("user").empty() ? m.admin.user : field("user"), field("oldPassword"),
                                        field("newPassword"), now);
        if (r.ok) return applyConnectionFaults(u, jsonResponse({{"changed", true}}));
        if (r.error == "locked")
            return applyConnectionFaults(u, jsonError(423, "locked", {"Die Anmeldung ist gesperrt.", "Sign-in is locked."},
                                                      {{"lockedUntil", qs(formatUtc(*m.admin.lockedUntil))}}));
        if (r.error == "wrong-password")
            return applyConnectionFaults(
                u, jsonError(401, "wrong-credentials", {"Das bisherige Passwort ist falsch.", "The current password is wrong."},
                             {{"triesLeft", m.settings.maxFailedLogins - m.admin.failedTries}}));
        QJsonArray violations;
        for (const auto& v : r.violations)
            violations.append(QJsonObject{{"rule", qs(v.code)}, {"message", textJson(v.message)}});
        return applyConnectionFaults(u, jsonError(422, "policy",
                                                  {"Das neue Passwort erfüllt die Regeln nicht.",
                                                   "The new password does not meet the rules."},
                                                  {{"violations", violations}}));
    }

    // Everything else needs a session.
    const auto auth = req.header("authorization");
    const auto token = auth.starts_with("Bearer ") ? auth.substr(7) : std::string();
    const auto session = m.session(token);
    if (!session)
        return applyConnectionFaults(u, jsonError(401, "not-signed-in", {"Bitte zuerst anmelden.", "Please sign in first."}));
    if (!*session)
        return applyConnectionFaults(u, jsonError(403, "password-expired",
                                                  {"Das Passwort ist abgelaufen und muss zuerst geändert werden.",
                                                   "The password has expired and must be changed first."}));

    if (req.method == "POST" && path == base + "/logout") {
        m.logout(token);
        return applyConnectionFaults(u, jsonResponse({{"signedOut", true}}));
    }
    if (req.method == "GET" && path == base + "/updates") {
        QJsonArray list;
        for (const auto* up : m.pendingUpdates(now)) {
            QJsonObject o{{"updateId", qs(up->updateId)},
                          {"component", qs(up->component)},
                          {"version", qs(up->version)},
                          {"priority", qs(up->priority)},
                          {"startDate", qs(formatUtc(up->startDate))},
                          {"sizeBytes", static_cast<double>(up->sizeBytes)},
                          {"releaseNotes", textJson(up->releaseNotes)},
                          {"download", QJsonObject{{"state", qs(downloadStateId(up->download))},
                                                   {"percent", static_cast<int>(100.0 * up->downloadedBytes /
                                                                                std::max<double>(1, static_cast<double>(up->sizeBytes))) }}}};
            if (up->deadline) o.insert("deadline", qs(formatUtc(*up->deadline)));
            if (up->component == "connector") {
                o.insert("installedVersion", qs(m.identity.fwVersion));
                const auto* candidate = m.autoUpdateCandidate(now);
                if (const auto next = m.nextAutoUpdate(now); next && candidate == up)
                    o.insert("autoInstallAt", qs(formatUtc(*next)));
            } else {
                for (const auto& t : m.terminals)
                    if (t.ctId == up->component) {
                        o.insert("installedVersion", qs(t.identity.fwVersion));
                        o.insert("terminalName", qs(t.name));
                    }
            }
            list.append(o);
        }
        return applyConnectionFaults(u, jsonResponse({{"updates", list}, {"ksrReachable", !m.faults.ksrDown}}));
    }
    const std::string prefix = base + "/updates/";
    if (path.starts_with(prefix)) {
        const auto rest = path.substr(prefix.size());
        const auto slash = rest.find('/');
        const auto updateId = rest.substr(0, slash);
        const auto action = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
        if (req.method == "POST" && action == "download") {
            const auto err = m.startDownload(updateId);
            if (err.empty() || err == "already-downloaded")
                return applyConnectionFaults(u, jsonResponse({{"download", err.empty() ? "started" : "done"}}, 202));
            if (err == "ksr-unreachable")
                return applyConnectionFaults(u, jsonError(503, err,
                                                          {"Der Konnektor erreicht den Update-Dienst (KSR) nicht.",
                                                           "The connector cannot reach the update service (KSR)."}));
            return applyConnectionFaults(u, jsonError(404, err, {"Dieses Update ist unbekannt.", "This update is unknown."}));
        }
        if (req.method == "POST" && action == "install") {
            std::optional<TimePoint> at;
            if (body.contains("at")) {
                at = parseUtc(field("at"));
                if (!at)
                    return applyConnectionFaults(u, jsonError(400, "bad-time", {"Die Zeitangabe ist ungültig.",
                                                                                "The time is not valid."}));
            }
            const auto answer = m.requestInstall({updateId, field("clientSystemId"), field("workplaceId"), at}, now);
            if (answer.error.empty()) {
                auto accepted = applyConnectionFaults(u, jsonResponse(installationJson(*answer.installation), 202));
                if (m.faults.loseInstallAnswer) accepted.dropConnection = true;  // done, but nobody hears it
                return accepted;
            }
            QJsonObject extra;
            if (answer.installation) extra.insert("installation", installationJson(*answer.installation));
            if (!answer.pendingTerminals.empty()) {
                QJsonArray t;
                for (const auto& c : answer.pendingTerminals) t.append(qs(c));
                extra.insert("pendingTerminals", t);
            }
            static const std::map<std::string, std::pair<int, DeviceText>> texts{
                {"unknown-update", {404, {"Dieses Update ist unbekannt.", "This update is unknown."}}},
                {"not-newer", {409, {"Diese Version ist bereits installiert.", "This version is already installed."}}},
                {"not-downloaded",
                 {409, {"Das Update ist noch nicht heruntergeladen.", "The update has not been downloaded yet."}}},
                {"terminals-first",
                 {409,
                  {"Zuerst müssen die Kartenterminals aktualisiert werden.",
                   "The card terminals must be updated first."}}},
                {"busy", {409, {"Es läuft bereits eine Installation.", "An installation is already running."}}},
                {"already-planned",
                 {409,
                  {"Dieses Update ist bereits geplant oder läuft.", "This update is already planned or running."}}},
                {"broken",
                 {409,
                  {"Der Konnektor ist beschädigt; bitte den Support anrufen.",
                   "The connector is damaged; please call support."}}},
                {"in-the-past",
                 {400, {"Der gewählte Zeitpunkt liegt in der Vergangenheit.", "The chosen time is in the past."}}},
                {"terminal-not-connected",
                 {409,
                  {"Das Kartenterminal ist nicht verbunden und kann nicht aktualisiert werden.",
                   "The card terminal is not connected and cannot be updated."}}},
            };
            const auto it = texts.find(answer.error);
            return applyConnectionFaults(u, jsonError(it->second.first, answer.error, it->second.second, extra));
        }
        if (req.method == "PATCH" && action == "install") {
            // Another time for a planned installation, from any workstation; who planned it stays.
            const auto at = parseUtc(field("at"));
            if (!at)
                return applyConnectionFaults(
                    u, jsonError(400, "bad-time", {"Die Zeitangabe ist ungültig.", "The time is not valid."}));
            const auto err = m.rescheduleInstall(updateId, *at, now);
            if (err.empty())
                return applyConnectionFaults(u, jsonResponse(installationJson(*m.openInstallation(updateId))));
            if (err == "already-running")
                return applyConnectionFaults(
                    u, jsonError(409, err,
                                 {"Die Installation läuft bereits und kann nicht verschoben werden.",
                                  "The installation is already running and cannot be moved."}));
            if (err == "in-the-past")
                return applyConnectionFaults(u, jsonError(400, err,
                                                          {"Der gewählte Zeitpunkt liegt in der Vergangenheit.",
                                                           "The chosen time is in the past."}));
            return applyConnectionFaults(u, jsonError(404, err,
                                                      {"Keine geplante Installation für dieses Update.",
                                                       "No planned installation for this update."}));
        }
        if (req.method == "DELETE" && action == "install") {
            const auto err = m.cancelInstall(updateId);
            if (err.empty()) return applyConnectionFaults(u, jsonResponse({{"cancelled", true}}));
            if (err == "already-running")
                return applyConnectionFaults(u, jsonError(409, err, {"Die Installation läuft bereits und kann nicht abgebrochen werden.",
                                                                     "The installation is already running and cannot be cancelled."}));
            return applyConnectionFaults(u, jsonError(404, err, {"Keine geplante Installation für dieses Update.",
                                                                 "No planned installation for this update."}));
        }
    }
    if (req.method == "POST" && path == base + "/reboot") {
        if (m.activeInstallation())
            return applyConnectionFaults(u, jsonError(409, "busy", {"Während einer Installation ist kein Neustart möglich.",
                                                                    "No restart is possible during an installation."}));
        m.reboot(now);
        return applyConnectionFaults(u, jsonResponse({{"rebooting", true}}, 202));
    }
    return applyConnectionFaults(u, jsonError(404, "not-found", {"Unbekannte Adresse.", "Unknown address."}));
}

HttpResponse Simulator::handleControl(const HttpRequest& req) {
    const auto now = clock_->now();
    const auto path = req.path();
    QJsonParseError perr{};
    const auto body = req.body.empty() ? QJsonObject{}
                                       : QJsonDocument::fromJson(QByteArray::fromStdString(req.body), &perr).object();
    if (!req.body.empty() && perr.error != QJsonParseError::NoError)
        return jsonError(400, "bad-request", {"Ungültiges JSON.", "Invalid JSON."});
    std::vector<Unit*> targets;
    if (body.contains("connector")) {
        const int i = body.value("connector").toInt(-1);
        if (i < 0 || i >= static_cast<int>(units_.size()))
            return jsonError(404, "unknown-connector", {"Unbekannter Konnektor.", "Unknown connector."});
        targets.push_back(units_[static_cast<std::size_t>(i)].get());
    } else {
        for (auto& u : units_) targets.push_back(u.get());
    }

    if (req.method == "POST" && path == "/mobile-terminal") {
        if (!mobileDevice_)
            return jsonError(
                404, "no-mobile-terminal",
                {"Das Szenario hat kein mobiles Kartenterminal.", "The scenario has no mobile card terminal."});
        return mobileDevice_->control(body);
    }
    if (req.method == "POST" && path == "/faults") {
        for (auto* u : targets) {
            auto& f = u->model.faults;
            if (body.value("clear").toBool(false)) f = Faults{};
            if (body.contains("powerLoss")) f.powerLossDuringInstall = body.value("powerLoss").toBool();
            if (body.contains("installFails")) {
                const auto v = body.value("installFails");
                if (v.isString() && !v.toString().isEmpty()) f.installFails = v.toString().toStdString();
                else f.installFails.reset();
            }
            if (body.contains("ksrDown")) f.ksrDown = body.value("ksrDown").toBool();
            if (body.contains("downloadStalls")) f.downloadStalls = body.value("downloadStalls").toBool();
            if (body.contains("dropProbability")) f.dropProbability = std::clamp(body.value("dropProbability").toDouble(), 0.0, 1.0);
            if (body.contains("slowMs")) f.slowAnswers = std::chrono::milliseconds(body.value("slowMs").toInt());
            if (body.contains("malformed")) f.malformed = body.value("malformed").toString().toStdString();
            if (body.contains("rebootSeconds")) {
                const int s = body.value("rebootSeconds").toInt();
                if (s > 0) f.rebootDuration = Seconds(s);
                else f.rebootDuration.reset();
            }
            if (body.contains("updateServerDown")) f.updateServerDown = body.value("updateServerDown").toBool();
            if (body.contains("updateStallsAfterBytes"))
                f.updateStallsAfterBytes =
                    static_cast<std::uint64_t>(std::max(0.0, body.value("updateStallsAfterBytes").toDouble()));
            if (body.contains("updateBytesPerSecond"))
                f.updateBytesPerSecond =
                    static_cast<std::uint64_t>(std::max(0.0, body.value("updateBytesPerSecond").toDouble()));
            if (body.contains("loseInstallAnswer")) f.loseInstallAnswer = body.value("loseInstallAnswer").toBool();
        }
    } else if (req.method == "POST" && path == "/clock") {
        if (body.value("untilPlanned").toBool(false)) {
            // To the earliest planned installation ("the evening comes"), so it starts now.
            std::optional<TimePoint> first;
            for (const auto* u : targets)
                for (const auto& i : u->model.installations())
                    if (i.phase == InstallPhase::Planned && (!first || i.plannedAt < *first)) first = i.plannedAt;
            if (first && *first > now) clock_->jump(std::chrono::duration_cast<Seconds>(*first - now) + Seconds(1));
        } else {
            clock_->jump(Seconds(static_cast<long>(body.value("advanceSeconds").toDouble())));
        }
        tick();
    } else if (req.method == "POST" && path == "/power") {
        // Switched off at the wall (or back on): its ports close, a scheduled auto-update is missed.
        for (auto* u : targets) {
            u->model.poweredOff = !body.value("on").toBool(true);
            u->model.advance(now);
        }
        tick();
    } else if (req.method == "POST" && path == "/terminal") {
        for (auto* u : targets)
            for (auto& t : u->model.terminals)
                if (t.ctId == body.value("ctId").toString().toStdString() && body.contains("connected"))
                    t.connected = body.value("connected").toBool();
    } else if (req.method != "GET" || path != "/state") {
        return jsonError(404, "not-found", {"Unbekannte Adresse.", "Unknown address."});
    }

    QJsonArray connectors;
    for (const auto& u : units_) {
        const auto& m = u->model;
        QJsonArray terminals, installations;
        for (const auto& t : m.terminals)
            terminals.append(QJsonObject{{"ctId", qs(t.ctId)}, {"fwVersion", qs(t.identity.fwVersion)}, {"connected", t.connected}});
        for (const auto& i : m.installations()) installations.append(installationJson(i));
        const auto& f = m.faults;
        connectors.append(QJsonObject{
            {"index", u->index},
            {"requests", static_cast<double>(u->requests)},
            {"plainRequests", static_cast<double>(u->plainRequests)},
            {"tlsRequests", static_cast<double>(u->tlsRequests)},
            {"refusedSoap", static_cast<double>(u->refusedSoap)},
            {"poweredOff", m.poweredOff},
            {"autoUpdate", autoUpdateJson(m, now)},
            {"fwVersion", qs(m.identity.fwVersion)},
            {"reachable", m.reachable()},
            {"broken", m.broken()},
            {"blocked", m.blocked(now)},
            {"passwordExpired", m.passwordExpired(now)},
            {"locked", m.admin.lockedUntil.has_value() && now < *m.admin.lockedUntil},
            {"terminals", terminals},
            {"installations", installations},
            {"faults",
             QJsonObject{{"powerLoss", f.powerLossDuringInstall},
                         {"installFails", f.installFails ? qs(*f.installFails) : QString()},
                         {"ksrDown", f.ksrDown},
                         {"downloadStalls", f.downloadStalls},
                         {"dropProbability", f.dropProbability},
                         {"slowMs", static_cast<int>(f.slowAnswers.count())},
                         {"malformed", qs(f.malformed)},
                         {"rebootSeconds", f.rebootDuration ? static_cast<int>(f.rebootDuration->count()) : 0},
                         {"updateServerDown", f.updateServerDown},
                         {"updateStallsAfterBytes", static_cast<double>(f.updateStallsAfterBytes)},
                         {"updateBytesPerSecond", static_cast<double>(f.updateBytesPerSecond)},
                         {"loseInstallAnswer", f.loseInstallAnswer}}},
        });
    }
    return jsonResponse({{"now", qs(formatUtc(now))}, {"timeScale", clock_->factor()}, {"connectors", connectors}});
}

HttpResponse Simulator::handleUpdates(const HttpRequest& req) {
    for (const auto& u : units_)
        if (u->model.faults.updateServerDown) return HttpResponse{.status = 503, .body = "Wartung / maintenance\n"};
    const std::string prefix = "/updates/";
    const auto path = req.path();
    if ((req.method != "GET" && req.method != "HEAD") || !path.starts_with(prefix) || !options_.updatesDir)
        return HttpResponse{.status = 404, .body = "not found\n"};
    const auto relative = path.substr(prefix.size());
    // Only plain names below the folder: no "..", no absolute paths, no hidden files.
    for (std::size_t start = 0; start <= relative.size();) {
        const auto end = relative.find('/', start);
        const auto part = relative.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || part.front() == '.') return HttpResponse{.status = 404, .body = "not found\n"};
        if (end == std::string::npos) break;
        start = end + 1;
    }
    const auto file = *options_.updatesDir / relative;
    if (!std::filesystem::is_regular_file(file)) return HttpResponse{.status = 404, .body = "not found\n"};
    HttpResponse r{.status = 200, .contentType = relative.ends_with(".json") ? "application/json" : "application/octet-stream"};
    r.file = file;
    for (const auto& u : units_) {
        if (u->model.faults.updateStallsAfterBytes > 0) r.stallAfterBytes = u->model.faults.updateStallsAfterBytes;
        if (u->model.faults.updateBytesPerSecond > 0) r.bytesPerSecond = u->model.faults.updateBytesPerSecond;
    }
    return r;
}

}  // namespace tiservice::sim
