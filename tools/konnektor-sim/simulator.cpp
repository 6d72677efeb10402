#include "simulator.h"

#include <algorithm>
#include <random>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QXmlStreamReader>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "pki.h"
#include "tiservice/xml_text.h"

namespace tiservice::sim {

namespace ssl = boost::asio::ssl;

namespace ns {
constexpr const char* kSoap = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* kServiceDirectory = "http://ws.gematik.de/conn/ServiceDirectory/v3.1";
constexpr const char* kServiceInformation = "http://ws.gematik.de/conn/ServiceInformation/v2.0";
constexpr const char* kProductInformation = "http://ws.gematik.de/int/version/ProductInformation/v1.1";
constexpr const char* kEventService = "http://ws.gematik.de/conn/EventService/v7.2";
constexpr const char* kConnectorCommon = "http://ws.gematik.de/conn/ConnectorCommon/v5.0";
constexpr const char* kConnectorContext = "http://ws.gematik.de/conn/ConnectorContext/v2.0";
constexpr const char* kCardTerminalInfo = "http://ws.gematik.de/conn/CardTerminalInfo/v8.0";
constexpr const char* kCardServiceCommon = "http://ws.gematik.de/conn/CardServiceCommon/v2.0";
constexpr const char* kTelError = "http://ws.gematik.de/tel/error/v2.0";
}  // namespace ns

struct Simulator::Unit {
    int index = 0;
    ConnectorModel model;
    std::unique_ptr<HttpServer> service, management;
    bool tls = true;
    long requests = 0;  ///< answered or dropped on the service and management ports
};

namespace {

std::string el(const std::string& name, std::string_view text) {
    return "<" + name + ">" + xmlEscape(text) + "</" + name + ">";
}

std::string productInformation(const DeviceIdentity& id, TimePoint now, const std::string& p) {
    return "<" + p + "ProductInformation>" + el(p + "InformationDate", formatUtc(now)) + "<" + p +
           "ProductTypeInformation>" + el(p + "ProductType", id.productType) +
           el(p + "ProductTypeVersion", id.productTypeVersion) + "</" + p + "ProductTypeInformation><" + p +
           "ProductIdentification>" + el(p + "ProductVendorID", id.vendorId) + el(p + "ProductCode", id.productCode) +
           "<" + p + "ProductVersion><" + p + "Local>" + el(p + "HWVersion", id.hwVersion) +
           el(p + "FWVersion", id.fwVersion) + "</" + p + "Local></" + p + "ProductVersion></" + p +
           "ProductIdentification><" + p + "ProductMiscellaneous>" + el(p + "ProductVendorName", id.vendorName) +
           el(p + "ProductName", id.productName) + "</" + p + "ProductMiscellaneous></" + p + "ProductInformation>";
}

struct ServiceEntry {
    const char* name;
    const char* targetNamespace;
    const char* version;
    const char* path;
};

// What a KoCoBox lists; only the EventService answers here.
constexpr ServiceEntry kServices[] = {
    {"EventService", "http://ws.gematik.de/conn/EventService/v7.2", "7.2.0", "/ws/EventService"},
    {"CardService", "http://ws.gematik.de/conn/CardService/v8.1", "8.1.2", "/ws/CardService"},
    {"CardTerminalService", "http://ws.gematik.de/conn/CardTerminalService/v1.1", "1.1.0", "/ws/CardTerminalService"},
    {"CertificateService", "http://ws.gematik.de/conn/CertificateService/v6.0", "6.0.1", "/ws/CertificateService"},
    {"SignatureService", "http://ws.gematik.de/conn/SignatureService/v7.5", "7.5.5", "/ws/SignatureService"},
    {"AuthSignatureService", "http://ws.gematik.de/conn/SignatureService/v7.4", "7.4.1", "/ws/AuthSignatureService"},
    {"EncryptionService", "http://ws.gematik.de/conn/EncryptionService/v6.1", "6.1.1", "/ws/EncryptionService"},
    {"VSDService", "http://ws.gematik.de/conn/vsds/VSDService/v5.2", "5.2.0", "/ws/VSDService"},
    {"KVKService", "http://ws.gematik.de/conn/vsds/KVKService/v4.0", "4.0.1", "/ws/KVKService"},
    {"EventService", "http://ws.gematik.de/conn/EventService/v7.1", "7.1.0", "/ws/EventService71"},
};

std::string soapEnvelope(const std::string& body) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"") + ns::kSoap +
           "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
}

std::string soapFault(int code, const std::string& text, const std::string& errorType, TimePoint now) {
    static std::mt19937_64 rng{std::random_device{}()};
    const std::string messageId = "urn:uuid:sim-" + std::to_string(rng());
    return soapEnvelope(std::string("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>") + xmlEscape(text) +
                        "</faultstring><detail><GERROR:Error xmlns:GERROR=\"" + ns::kTelError + "\">" +
                        el("GERROR:MessageID", messageId) + el("GERROR:Timestamp", formatUtc(now)) +
                        "<GERROR:Trace>" + el("GERROR:EventID", "") + el("GERROR:Instance", "konnektor-sim") +
                        el("GERROR:LogReference", "") + el("GERROR:CompType", "KON") +
                        el("GERROR:Code", std::to_string(code)) + el("GERROR:Severity", "Error") +
                        el("GERROR:ErrorType", errorType) + el("GERROR:ErrorText", text) +
                        "</GERROR:Trace></GERROR:Error></detail></soap:Fault>");
}

HttpResponse xmlResponse(std::string body, int status = 200) {
    return HttpResponse{.status = status, .contentType = "text/xml; charset=utf-8", .body = std::move(body)};
}

HttpResponse jsonResponse(const QJsonObject& o, int status = 200) {
    return HttpResponse{.status = status,
                        .contentType = "application/json",
                        .body = QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString()};
}

QJsonObject textJson(const std::string& de, const std::string& en) {
    return QJsonObject{{"de", QString::fromStdString(de)}, {"en", QString::fromStdString(en)}};
}
QJsonObject textJson(const DeviceText& t) { return textJson(t.de, t.en); }
// The password rules the simulated connector enforces are tiservice's own model of them.
QJsonObject textJson(const LocalizedText& t) { return textJson(t.de, t.en); }

HttpResponse jsonError(int status, const std::string& code, const DeviceText& message, QJsonObject extra = {}) {
    extra.insert("error", QString::fromStdString(code));
    extra.insert("message", textJson(message));
    return jsonResponse(extra, status);
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

std::string base64Decode(const std::string& s) {
    return QByteArray::fromBase64(QByteArray::fromStdString(s)).toStdString();
}

/// Reads the request's SOAP Body: the operation (namespace, local name) and the Context fields.
struct SoapCall {
    std::string operationNamespace, operation;
    CallContext context;
    bool hasContext = false;
    std::string ctId;
    bool wellFormed = false;
};

SoapCall readSoap(const std::string& body) {
    SoapCall call;
    QXmlStreamReader xml(QByteArray::fromStdString(body));
    int depthInBody = -1;
    int depth = 0;
    std::string inContextField;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const auto nsUri = xml.namespaceUri().toString().toStdString();
            const auto name = xml.name().toString().toStdString();
            if (nsUri == ns::kSoap && name == "Body") depthInBody = depth;
            else if (depthInBody > 0 && depth == depthInBody + 1) {
                call.operationNamespace = nsUri;
                call.operation = name;
            } else if (nsUri == ns::kConnectorContext && name == "Context") {
                call.hasContext = true;
            } else if (nsUri == ns::kConnectorCommon &&
                       (name == "MandantId" || name == "ClientSystemId" || name == "WorkplaceId")) {
                const auto text = xml.readElementText().toStdString();
                --depth;
                if (name == "MandantId") call.context.mandantId = text;
                if (name == "ClientSystemId") call.context.clientSystemId = text;
                if (name == "WorkplaceId") call.context.workplaceId = text;
            } else if (nsUri == ns::kCardServiceCommon && name == "CtId") {
                call.ctId = xml.readElementText().toStdString();
                --depth;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    call.wellFormed = !xml.hasError() && !call.operation.empty();
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
    QJsonObject o{{"id", i.id},
                  {"updateId", qs(i.updateId)},
                  {"component", qs(i.component)},
                  {"fromVersion", qs(i.fromVersion)},
                  {"toVersion", qs(i.toVersion)},
                  {"state", qs(std::string(installPhaseId(i.phase)))},
                  {"percent", static_cast<int>(i.percent)},
                  {"plannedAt", qs(formatUtc(i.plannedAt))},
                  {"startedBy", QJsonObject{{"clientSystemId", qs(i.clientSystemId)},
                                            {"workplaceId", qs(i.workplaceId)}}}};
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

}  // namespace

Simulator::Simulator(boost::asio::io_context& io, SimulatorOptions options, Scenario scenario)
    : io_(io), options_(std::move(options)), scenario_(std::move(scenario)),
      clock_(std::make_shared<SimClock>(scenario_.start, options_.timeScale)) {}

Simulator::~Simulator() = default;

void Simulator::start() {
    std::shared_ptr<ssl::context> serviceTls, managementTls;
    if (options_.tls != "off") {
        auto material = pki::ensure(options_.stateDir / "pki");
        caFile_ = material.caCertificate;
        const auto makeContext = [&](bool requireClient) {
            auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
            ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
            ctx->use_certificate_chain_file(material.serverCertificate.string());
            ctx->use_private_key_file(material.serverKey.string(), ssl::context::pem);
            if (requireClient) {
                ctx->load_verify_file(material.caCertificate.string());
                ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
            }
            return ctx;
        };
        serviceTls = makeContext(options_.tls == "client");
        managementTls = makeContext(false);
        if (options_.clientP12) pki::issueClientP12(material, *options_.clientP12, options_.clientP12Password);
    }

    // --count N: copies of the scenario's connectors until there are N.
    const std::size_t count = static_cast<std::size_t>(std::max(1, options_.count));
    for (std::size_t i = 0; units_.size() < std::max(count, scenario_.connectors.size()); ++i) {
        auto u = std::make_unique<Unit>();
        u->index = static_cast<int>(units_.size());
        u->model = scenario_.connectors[i % scenario_.connectors.size()];
        u->model.faults = options_.faults;
        if (options_.tls == "client") u->model.clientAuthMandatory = true;
        if (options_.tls == "off") u->model.tlsMandatory = false;
        u->tls = options_.tls != "off";
        units_.push_back(std::move(u));
    }
    for (auto& up : units_) {
        Unit* u = up.get();
        const auto offset = static_cast<std::uint16_t>(u->index);
        u->service = std::make_unique<HttpServer>(
            io_,
            HttpServer::Options{.address = options_.listen,
                                .port = static_cast<std::uint16_t>(options_.port ? options_.port + offset : 0),
                                .tls = serviceTls},
            [this, u](const HttpRequest& r) { return handleConnector(*u, r); });
        u->management = std::make_unique<HttpServer>(
            io_,
            HttpServer::Options{.address = options_.listen,
                                .port = static_cast<std::uint16_t>(
                                    options_.managementPort ? options_.managementPort + offset : 0),
                                .tls = managementTls},
            [this, u](const HttpRequest& r) { return handleManagement(*u, r); });
        u->service->start();
        u->management->start();
        u->model.advance(clock_->now());
    }
    control_ = std::make_unique<HttpServer>(
        io_, HttpServer::Options{.address = options_.listen, .port = options_.controlPort},
        [this](const HttpRequest& r) { return handleControl(r); });
    control_->start();
    updates_ = std::make_unique<HttpServer>(
        io_, HttpServer::Options{.address = options_.listen, .port = options_.updatePort,
                                 .tls = options_.updatesTls ? managementTls : nullptr},
        [this](const HttpRequest& r) { return handleUpdates(r); });
    updates_->start();
    tick();
}

void Simulator::tick() {
    const auto now = clock_->now();
    for (auto& u : units_) {
        u->model.advance(now);
        // A rebooting connector's ports do not answer at all.
        if (u->model.reachable() && !u->service->listening()) {
            u->service->start();
            u->management->start();
        } else if (!u->model.reachable() && u->service->listening()) {
            u->service->stop();
            u->management->stop();
        }
    }
    auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::milliseconds(20));
    tickTimer_ = timer;
    timer->async_wait([this, timer](const boost::system::error_code& ec) {
        if (!ec) tick();
    });
}

std::string Simulator::readyJson() const {
    QJsonArray connectors;
    const std::string scheme = options_.tls == "off" ? "http" : "https";
    for (const auto& u : units_) {
        const auto host = options_.listen.find(':') != std::string::npos ? "[" + options_.listen + "]" : options_.listen;
        connectors.append(QJsonObject{
            {"index", u->index},
            {"sds", qs(scheme + "://" + host + ":" + std::to_string(u->service->port()) + "/connector.sds")},
            {"servicePort", u->service->port()},
            {"management", qs("https://" + host + ":" + std::to_string(u->management->port()) + "/api/v1")},
            {"managementPort", u->management->port()},
        });
    }
    QJsonObject o{{"scenario", qs(scenario_.name)},
                  {"connectors", connectors},
                  {"control", qs("http://" + options_.listen + ":" + std::to_string(control_->port()))},
                  {"controlPort", control_->port()},
                  {"updates", qs((options_.updatesTls ? "https://" : "http://") + options_.listen + ":" +
                                 std::to_string(updates_->port()) + "/updates/")},
                  {"updatePort", updates_->port()},
                  {"timeScale", options_.timeScale},
                  {"caCertificate", qs(caFile_.string())}};
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
    if (options_.basicAuthUser) {
        const auto auth = req.header("authorization");
        const bool ok = auth.starts_with("Basic ") &&
                        base64Decode(auth.substr(6)) == *options_.basicAuthUser + ":" + options_.basicAuthPassword;
        if (!ok) {
            HttpResponse r{.status = 401, .body = "Anmeldung erforderlich / authentication required\n"};
            r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Konnektor\"");
            return applyConnectionFaults(u, r);
        }
    }
    HttpResponse r;
    if (req.method == "GET" && req.path() == "/connector.sds") {
        std::string host = u.model.advertisedHost;
        if (host.empty()) {
            host = req.header("host");
            if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
                host = host.substr(0, colon);
            if (host.empty()) host = options_.listen;
        }
        const std::string port = std::to_string(u.service->port());
        const std::string httpsBase = "https://" + host + ":" + port;
        const std::string httpBase = "http://" + host + ":" + port;
        std::string services;
        for (const auto& s : kServices) {
            services += std::string("<SI:Service Name=\"") + s.name + "\">" + el("SI:Abstract", s.name) +
                        "<SI:Versions><SI:Version TargetNamespace=\"" + s.targetNamespace + "\" Version=\"" +
                        s.version + "\">" + el("SI:Abstract", std::string(s.name) + " " + s.version);
            if (!u.model.tlsMandatory || !u.tls)
                services += "<SI:Endpoint Location=\"" + xmlEscape(httpBase + s.path) + "\"/>";
            services += "<SI:EndpointTLS Location=\"" + xmlEscape(httpsBase + s.path) + "\"/></SI:Version></SI:Versions></SI:Service>";
        }
        r = xmlResponse(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ConnectorServices xmlns=\"") +
                        ns::kServiceDirectory + "\" xmlns:SI=\"" + ns::kServiceInformation + "\" xmlns:PI=\"" +
                        ns::kProductInformation + "\">" + productInformation(u.model.identity, now, "PI:") +
                        el("TLSMandatory", u.model.tlsMandatory ? "true" : "false") +
                        el("ClientAutMandatory", u.model.clientAuthMandatory ? "true" : "false") +
                        "<SI:ServiceInformation>" + services + "</SI:ServiceInformation></ConnectorServices>");
    } else if (req.method == "POST" && req.path() == "/ws/EventService") {
        r = handleEventService(u, req);
    } else {
        r = HttpResponse{.status = 404, .body = "not found\n"};
    }

    const auto& malformed = u.model.faults.malformed;
    if (malformed == "broken-xml") {
        r.body = r.body.substr(0, r.body.size() * 2 / 3) + "<unterbrochen";
    } else if (malformed == "truncated") {
        r.truncate = true;
    } else if (malformed == "wrong-content-type") {
        r.contentType = "text/html; charset=utf-8";
        r.body = "<html><body><h1>Wartung</h1><p>Der Dienst ist vorübergehend nicht verfügbar.</p></body></html>";
    }
    return applyConnectionFaults(u, r);
}

HttpResponse Simulator::handleEventService(Unit& u, const HttpRequest& req) {
    const auto now = clock_->now();
    const auto call = readSoap(req.body);
    if (!call.wellFormed || call.operationNamespace != ns::kEventService)
        return xmlResponse(soapFault(4000, "Syntaxfehler", "Technical", now), 500);
    const auto action = req.header("soapaction");
    const std::string expectedAction = std::string("\"") + ns::kEventService + "#" + call.operation + "\"";
    if (!action.empty() && action != expectedAction && action != expectedAction.substr(1, expectedAction.size() - 2))
        return xmlResponse(soapFault(4000, "Syntaxfehler: SOAPAction passt nicht zur Operation", "Technical", now), 500);
    if (!call.hasContext) return xmlResponse(soapFault(4000, "Syntaxfehler: Context fehlt", "Technical", now), 500);
    if (auto refused = u.model.checkContext(call.context))
        return xmlResponse(soapFault(refused->first, refused->second, "Security", now), 500);

    const std::string nsDecl = std::string(" xmlns:EVT=\"") + ns::kEventService + "\" xmlns:CONN=\"" +
                               ns::kConnectorCommon + "\" xmlns:CT=\"" + ns::kCardTerminalInfo + "\" xmlns:CARDCMN=\"" +
                               ns::kCardServiceCommon + "\" xmlns:PI=\"" + ns::kProductInformation + "\"";
    const std::string okStatus = "<CONN:Status><CONN:Result>OK</CONN:Result></CONN:Status>";
    const auto terminalXml = [&](const Terminal& t) {
        const Terminal r = u.model.reportedTerminal(t);
        std::string workplaces;
        for (const auto& w : r.workplaceIds) workplaces += el("CONN:WorkplaceId", w);
        return "<CT:CardTerminal>" + productInformation(r.identity, now, "PI:") + el("CARDCMN:CtId", r.ctId) +
               "<CONN:WorkplaceIds>" + workplaces + "</CONN:WorkplaceIds>" + el("CT:Name", r.name) +
               el("CT:MacAddress", r.macAddress) +
               (r.ipAddress.empty() ? std::string() : "<CT:IPAddress>" + el("CT:IPV4Address", r.ipAddress) + "</CT:IPAddress>") +
               el("CT:Slots", std::to_string(r.slotCount)) + el("CT:IS_PHYSICAL", "true") +
               el("CT:Connected", r.connected ? "true" : "false") + "</CT:CardTerminal>";
    };

    if (call.operation == "GetCardTerminals") {
        std::string terminals;
        for (const auto& t : u.model.terminals) terminals += terminalXml(t);
        return xmlResponse(soapEnvelope("<EVT:GetCardTerminalsResponse" + nsDecl + ">" + okStatus + "<CT:CardTerminals>" +
                                        terminals + "</CT:CardTerminals></EVT:GetCardTerminalsResponse>"));
    }
    if (call.operation == "GetResourceInformation") {
        std::string terminal;
        if (!call.ctId.empty()) {
            const auto it = std::find_if(u.model.terminals.begin(), u.model.terminals.end(),
                                         [&](const Terminal& t) { return t.ctId == call.ctId; });
            if (it == u.model.terminals.end())
                return xmlResponse(soapFault(4007, "Ungültige Kartenterminal-ID", "Technical", now), 500);
            terminal = terminalXml(*it);
        }
        const bool blocked = u.model.blocked(now) || u.model.broken();
        std::string states;
        for (const auto& s : u.model.operatingStates(now))
            states += "<CONN:ErrorState>" + el("CONN:ErrorCondition", s.condition) + el("CONN:Severity", s.severity) +
                      el("CONN:Type", s.type) + el("CONN:Value", s.value ? "true" : "false") +
                      el("CONN:ValidFrom", formatUtc(s.validFrom)) + "</CONN:ErrorState>";
        const auto vpn = [&](const char* name, bool online) {
            return std::string("<CONN:") + name + ">" + el("CONN:ConnectionStatus", online ? "Online" : "Offline") +
                   el("CONN:Timestamp", formatUtc(now)) + "</CONN:" + name + ">";
        };
        return xmlResponse(soapEnvelope("<EVT:GetResourceInformationResponse" + nsDecl + ">" + okStatus + terminal +
                                        "<CONN:Connector>" + vpn("VPNTIStatus", u.model.vpnTiOnline && !blocked) +
                                        vpn("VPNSISStatus", u.model.vpnSisOnline && !blocked) + "<CONN:OperatingState>" +
                                        states + "</CONN:OperatingState></CONN:Connector>" +
                                        "</EVT:GetResourceInformationResponse>"));
    }
    return xmlResponse(soapFault(4000, "Operation wird nicht unterstützt: " + call.operation, "Technical", now), 500);
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
                      {"planned", planned}};
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
            if (answer.error.empty())
                return applyConnectionFaults(u, jsonResponse(installationJson(*answer.installation), 202));
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
            };
            const auto it = texts.find(answer.error);
            return applyConnectionFaults(u, jsonError(it->second.first, answer.error, it->second.second, extra));
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
        }
    } else if (req.method == "POST" && path == "/clock") {
        clock_->jump(Seconds(static_cast<long>(body.value("advanceSeconds").toDouble())));
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
            {"fwVersion", qs(m.identity.fwVersion)},
            {"reachable", m.reachable()},
            {"broken", m.broken()},
            {"blocked", m.blocked(now)},
            {"passwordExpired", m.passwordExpired(now)},
            {"locked", m.admin.lockedUntil.has_value() && now < *m.admin.lockedUntil},
            {"terminals", terminals},
            {"installations", installations},
            {"faults", QJsonObject{{"powerLoss", f.powerLossDuringInstall},
                                   {"installFails", f.installFails ? qs(*f.installFails) : QString()},
                                   {"ksrDown", f.ksrDown},
                                   {"downloadStalls", f.downloadStalls},
                                   {"dropProbability", f.dropProbability},
                                   {"slowMs", static_cast<int>(f.slowAnswers.count())},
                                   {"malformed", qs(f.malformed)},
                                   {"rebootSeconds", f.rebootDuration ? static_cast<int>(f.rebootDuration->count()) : 0},
                                   {"updateServerDown", f.updateServerDown}}},
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
    return r;
}

}  // namespace tiservice::sim
