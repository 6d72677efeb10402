// konnektor-sim as a real process over real TLS: what it serves, checked with curl and
// validated against the official gematik schemas with libxml2 (what xmllint uses).
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>
#include <thread>

#include <QJsonArray>

#include <map>
#include <regex>

#include <QXmlStreamReader>

#include "support/fixtures.h"
#include "support/simulator.h"
#include "tiservice/clock.h"

using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string state(const SimulatorProcess& sim, const char* key, int connector = 0) {
    const auto v = sim.control("GET", "/state")["connectors"].toArray()[connector].toObject()[key];
    return v.isBool() ? (v.toBool() ? "true" : "false") : v.isDouble() ? std::to_string(v.toInt()) : v.toString().toStdString();
}

/// Every text of elements with this local name, whatever prefix the writer chose.
std::vector<std::string> texts(const std::string& xml, const std::string& localName) {
    std::vector<std::string> out;
    QXmlStreamReader r(QByteArray::fromStdString(xml));
    while (!r.atEnd())
        if (r.readNext() == QXmlStreamReader::StartElement && r.name().toString().toStdString() == localName)
            out.push_back(r.readElementText(QXmlStreamReader::IncludeChildElements).toStdString());
    return out;
}

std::string first(const std::string& xml, const std::string& localName) {
    const auto all = texts(xml, localName);
    return all.empty() ? std::string("<none>") : all.front();
}

/// What a structure comparison looks at: the root as written with its namespace
/// declarations, which namespace is the default, and per service its name and per version
/// the number, the target namespace, the endpoint kinds and the path.
struct SdsShape {
    std::string root, defaultNamespace;
    std::map<std::string, std::string> prefixes;  ///< prefix → namespace
    std::vector<std::string> services;            ///< "Name: 8.1.2 <ns> Endpoint+EndpointTLS /path; …"
    bool oneLine = false;
};

SdsShape shapeOf(const std::string& xml) {
    SdsShape shape;
    shape.oneLine = xml.find("><") != std::string::npos && xml.find(">\n") == std::string::npos;
    QXmlStreamReader r(QByteArray::fromStdString(xml));
    std::string service, entry;
    while (!r.atEnd()) {
        const auto t = r.readNext();
        if (t == QXmlStreamReader::StartElement) {
            const auto name = r.name().toString().toStdString();
            if (shape.root.empty()) {
                shape.root = r.qualifiedName().toString().toStdString();
                for (const auto& d : r.namespaceDeclarations()) {
                    const auto prefix = d.prefix().toString().toStdString();
                    if (prefix.empty()) shape.defaultNamespace = d.namespaceUri().toString().toStdString();
                    else shape.prefixes[prefix] = d.namespaceUri().toString().toStdString();
                }
            }
            if (name == "Service") service = r.attributes().value("Name").toString().toStdString() + ":";
            if (name == "Version")
                entry = " " + r.attributes().value("Version").toString().toStdString() + " <" +
                        r.attributes().value("TargetNamespace").toString().toStdString() + ">";
            if (name == "Endpoint" || name == "EndpointTLS") {
                const auto location = r.attributes().value("Location").toString().toStdString();
                const auto path = location.substr(location.find('/', location.find("://") + 3));
                entry += " " + name + " " + path;
            }
        } else if (t == QXmlStreamReader::EndElement) {
            const auto name = r.name().toString().toStdString();
            if (name == "Version") service += entry + ";";
            if (name == "Service") shape.services.push_back(service);
        }
    }
    return shape;
}

std::string connectorFirmware(const SimulatorProcess& sim, int connector = 0) {
    return first(sim.request("GET", sim.sdsUrl(connector)).body, "FWVersion");
}

}  // namespace

// --- connector.sds -------------------------------------------------------------------------

TEST(KonnektorSim, ServiceDirectoryIsValidAgainstTheGematikSchema) {
    SimulatorProcess sim;
    const auto r = sim.request("GET", sim.sdsUrl());
    ASSERT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(schemaErrors(r.body, "conn/ServiceDirectory.xsd"), "");
    EXPECT_EQ(first(r.body, "ProductVendorID"), "KOCOC");
    EXPECT_EQ(first(r.body, "ProductCode"), "kocobox");
    EXPECT_EQ(first(r.body, "ProductName"), "KoCoBox MED+");
    EXPECT_EQ(first(r.body, "ProductVendorName"), "KoCo Connector");
    EXPECT_EQ(first(r.body, "FWVersion"), "1.3.10");
    EXPECT_EQ(first(r.body, "TLSMandatory"), "false");
    EXPECT_TRUE(contains(r.body, "TargetNamespace=\"http://ws.gematik.de/conn/EventService/WSDL/v7.2\""));
    EXPECT_TRUE(contains(r.body, "/kon7/service/systeminformationservice\"/>"));
}

TEST(KonnektorSim, KocoboxAndRiseDirectoriesHaveTheShapeOfTheRealFiles) {
    SimulatorProcess sim({.scenarioJson = R"({"connectors": [{"vendor": "kocobox"}, {"vendor": "rise"}]})"});
    for (const auto& [i, fixture] : {std::pair<int, const char*>{0, kKocobox518}, {1, kRise517}}) {
        const auto served = sim.request("GET", sim.sdsUrl(i)).body;
        EXPECT_EQ(schemaErrors(served, "conn/ServiceDirectory.xsd"), "") << fixture;
        const auto ours = shapeOf(served), real = shapeOf(realConnectorSds(fixture));
        EXPECT_EQ(ours.root, real.root) << fixture;
        EXPECT_EQ(ours.root, "ns2:ConnectorServices");
        EXPECT_EQ(ours.defaultNamespace, real.defaultNamespace) << fixture;
        EXPECT_EQ(ours.prefixes, real.prefixes) << fixture;
        EXPECT_EQ(ours.oneLine, real.oneLine) << fixture;
        EXPECT_EQ(ours.services, real.services) << fixture;  // names, versions, namespaces, endpoint kinds, paths
        EXPECT_EQ(ours.services.size(), 14u) << fixture;
    }
    // The identity as the real devices write it (ours keeps the scenario's firmware).
    const auto rise = sim.request("GET", sim.sdsUrl(1)).body;
    EXPECT_EQ(first(rise, "ProductVendorName"), "Research Industrial Systems Engineering (RISE) GmbH");
    EXPECT_EQ(first(rise, "ProductTypeVersion"), "5.53.0");
    EXPECT_EQ(first(rise, "FWVersion"), "5.1.7");
}

TEST(KonnektorSim, SecunetWritesEverythingOnOneLineAtItsOwnPaths) {
    SimulatorProcess sim({.scenario = "other-connector-vendors.json"});
    const auto secunet = sim.request("GET", sim.sdsUrl(1)).body;
    EXPECT_EQ(schemaErrors(secunet, "conn/ServiceDirectory.xsd"), "");
    const auto shape = shapeOf(secunet);
    EXPECT_TRUE(shape.oneLine);
    EXPECT_EQ(secunet.find('\n'), std::string::npos);
    EXPECT_EQ(first(secunet, "ProductVendorID"), "SECUN");
    EXPECT_EQ(first(secunet, "ProductCode"), "secu_kon");
    EXPECT_EQ(first(secunet, "ProductName"), "secunet konnektor 2.0.0");
    EXPECT_EQ(first(secunet, "FWVersion"), "5.50.4");
    EXPECT_TRUE(contains(secunet, "/konnektor/ws/EventService\"/>"));
    EXPECT_EQ(first(sim.request("GET", sim.sdsUrl(0)).body, "ProductCode"), "RKONN");
}

TEST(KonnektorSim, InformationDateHasMillisecondsAndAnOffsetLikeARealDevice) {
    SimulatorProcess sim;
    const auto date = first(sim.request("GET", sim.sdsUrl()).body, "InformationDate");
    EXPECT_TRUE(std::regex_match(date, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d)"))) << date;
}

TEST(KonnektorSim, TlsOptionalOffersBothEndpointsAndTlsOnlyOnlyEndpointTlsWithClientCertificates) {
    SimulatorProcess sim({.scenarioJson = R"({"connectors": [{"vendor": "kocobox"}, {"vendor": "kocobox", "tlsMandatory": true}]})"});
    const auto optional = sim.request("GET", sim.sdsPlainUrl(0)).body;
    EXPECT_EQ(first(optional, "TLSMandatory"), "false");
    EXPECT_EQ(first(optional, "ClientAutMandatory"), "false");
    EXPECT_TRUE(contains(optional, "<ns3:Endpoint Location=\"http://"));
    EXPECT_TRUE(contains(optional, "<ns3:EndpointTLS Location=\"https://"));
    // The directory of a TLS-only connector is still readable over plain HTTP: that is how a
    // client learns it must use TLS. Everything else there is refused.
    const auto mandatory = sim.request("GET", sim.sdsPlainUrl(1)).body;
    EXPECT_EQ(schemaErrors(mandatory, "conn/ServiceDirectory.xsd"), "");
    EXPECT_EQ(first(mandatory, "TLSMandatory"), "true");
    EXPECT_EQ(first(mandatory, "ClientAutMandatory"), "true");
    EXPECT_FALSE(contains(mandatory, ":Endpoint Location"));
    EXPECT_TRUE(contains(mandatory, ":EndpointTLS Location=\"https://"));
    const auto plainBase = sim.sdsPlainUrl(1).substr(0, sim.sdsPlainUrl(1).find("/connector.sds"));
    EXPECT_EQ(sim.request("POST", plainBase + "/kon7/service/systeminformationservice", "<x/>").status, 403);
    // Its TLS port wants a client certificate.
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(1)).status, 0);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(0)).status, 200);
}

TEST(KonnektorSim, ServesARealDevicesFileWithItsHostsRewrittenToLoopback) {
    for (const char* fixture : {kKocobox518, kRise517}) {
        SimulatorProcess sim({.args = {"--sds-file", realConnectorFile(fixture).string()}});
        const auto served = sim.request("GET", sim.sdsUrl()).body;
        EXPECT_FALSE(contains(served, "ksp.ltuzd.telematik-test")) << fixture;
        // Only the hosts differ from the file.
        const std::regex host("//(ksp\\.ltuzd\\.telematik-test|127\\.0\\.0\\.1:\\d+)/");
        EXPECT_EQ(std::regex_replace(served, host, "//HOST/"),
                  std::regex_replace(realConnectorSds(fixture), host, "//HOST/"))
            << fixture;
        const auto es = sim.eventServiceUrl();
        EXPECT_TRUE(es.ends_with(std::string(fixture) == kKocobox518 ? "/kon7/service/systeminformationservice"
                                                                     : "/kon8/webservices/eventservice"))
            << es;
        const auto r = sim.soap("GetCardTerminals");
        EXPECT_EQ(r.status, 200) << r.body;
    }
}

TEST(KonnektorSim, ServerCertificateCarriesTheConnectorNames) {
    SimulatorProcess sim;
    const auto port = sim.serviceBase().substr(sim.serviceBase().rfind(':') + 1);
    for (const std::string host : {"konnektor.konlan", "localhost"}) {
        const auto r = sim.request("GET", "https://" + host + ":" + port + "/connector.sds", {},
                                   {"--resolve", host + ":" + port + ":127.0.0.1"});
        EXPECT_EQ(r.status, 200) << host << ": " << r.error;
    }
    // A name the certificate does not carry fails the check.
    const auto wrong = sim.request("GET", "https://falsch.konlan:" + port + "/connector.sds", {},
                                   {"--resolve", "falsch.konlan:" + port + ":127.0.0.1"});
    EXPECT_EQ(wrong.status, 0);
}

TEST(KonnektorSim, UntrustedClientsFailTheTlsHandshake) {
    SimulatorProcess sim;
    const auto r = sim.request("GET", sim.sdsUrl(), {}, {"--cacert", "/dev/null"});
    EXPECT_EQ(r.status, 0);
}

// --- EventService --------------------------------------------------------------------------

TEST(KonnektorSim, GetCardTerminalsIsValidAndReportsTerminalsAsRealOnesDo) {
    SimulatorProcess sim({.scenario = "kocobox-5.1.8-field.json"});
    const auto r = sim.soap("GetCardTerminals");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = soapBodyChild(r.body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_EQ(texts(body, "CtId"), (std::vector<std::string>{"CT_ID_0176", "CT_ID_0093"}));
    EXPECT_EQ(texts(body, "Name")[0], "ORGA6100-0241000000B692");
    EXPECT_EQ(texts(body, "ProductVendorID"), (std::vector<std::string>{"INGHC", ""}));
    EXPECT_EQ(texts(body, "ProductCode"), (std::vector<std::string>{"ORGA6100", ""}));
    EXPECT_EQ(texts(body, "ProductName"), (std::vector<std::string>{"", ""}));        // empty, as on real ORGA terminals
    EXPECT_EQ(texts(body, "ProductVendorName"), (std::vector<std::string>{"", ""}));
    EXPECT_EQ(texts(body, "FWVersion"), (std::vector<std::string>{"3.8.2", "0.0.0"}));
    EXPECT_EQ(texts(body, "HWVersion"), (std::vector<std::string>{"1.2.0", "0.0.0"}));
    EXPECT_EQ(texts(body, "WorkplaceId"), (std::vector<std::string>{"Konnektor", "GUSbox03", "Sprechzimmer1"}));
    EXPECT_EQ(texts(body, "Connected"), (std::vector<std::string>{"true", "false"}));
    EXPECT_EQ(texts(body, "Slots"), (std::vector<std::string>{"4", "0"}));
    // The disconnected one: empty ids, 0.0.0 and the epoch as its information date.
    EXPECT_TRUE(texts(body, "InformationDate")[1].starts_with("1970-01-01T")) << texts(body, "InformationDate")[1];
    EXPECT_EQ(texts(body, "ProductTypeVersion")[1], "0.0.0");
    // JAXB's answer: numbered prefixes, ProductInformation as the default namespace, a SOAP Header.
    EXPECT_TRUE(contains(r.body, "<SOAP-ENV:Header/>"));
    EXPECT_TRUE(contains(r.body, "<ns6:GetCardTerminalsResponse xmlns=\"http://ws.gematik.de/int/version/ProductInformation/v1.1\""));
}

TEST(KonnektorSim, DisconnectedTerminalReportsEmptyIdentityAndUnknownVersions) {
    SimulatorProcess sim({.scenario = "terminal-not-connected.json"});
    const auto body = soapBodyChild(sim.soap("GetCardTerminals").body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_EQ(texts(body, "Connected"), (std::vector<std::string>{"true", "false"}));
    EXPECT_EQ(texts(body, "ProductVendorID")[1], "");
    EXPECT_EQ(texts(body, "FWVersion")[1], "0.0.0");
    EXPECT_EQ(texts(body, "CtId")[1], "CT_ID_0177");
}

namespace {

/// ErrorCondition → Value of every ErrorState in a GetResourceInformationResponse.
std::map<std::string, std::string> operatingStates(const std::string& body) {
    std::map<std::string, std::string> out;
    const auto conditions = texts(body, "ErrorCondition"), values = texts(body, "Value");
    for (std::size_t i = 0; i < conditions.size() && i < values.size(); ++i) out[conditions[i]] = values[i];
    return out;
}

}  // namespace

TEST(KonnektorSim, ResourceInformationListsEveryConditionMostlyInactive) {
    SimulatorProcess sim({.scenario = "kocobox-5.1.8-field.json"});
    const auto r = sim.soap("GetResourceInformation");
    ASSERT_EQ(r.status, 200);
    const auto body = soapBodyChild(r.body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    const auto states = operatingStates(body);
    EXPECT_GE(states.size(), 30u);  // a KoCoBox 5.1.8 lists 36
    int active = 0;
    for (const auto& [condition, value] : states) active += value == "true";
    EXPECT_LE(active, 4);
    EXPECT_EQ(states.at("EC_FW_Not_Valid_Status_Blocked"), "false");
    // Per-terminal states carry the terminal in brackets; vendor ones are numbered.
    EXPECT_EQ(states.at("EC_CardTerminal_Not_Available(CT_ID_0093)"), "true");
    EXPECT_EQ(states.at("EC_CardTerminal_Not_Available(CT_ID_0176)"), "false");
    EXPECT_EQ(states.at("EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon(CT_ID_0176)"), "true");
    EXPECT_EQ(states.at("EC_OTHER_ERROR_STATE(1)"), "false");
    // VPN SIS offline while VPN TI is online, as in practices without the secure internet service.
    EXPECT_EQ(texts(body, "ConnectionStatus"), (std::vector<std::string>{"Online", "Offline"}));
    EXPECT_EQ(states.at("EC_No_VPN_SIS_Connection"), "true");
    EXPECT_EQ(states.at("EC_No_VPN_TI_Connection"), "false");
}

TEST(KonnektorSim, CriticalUpdateSetsConnectorSoftwareOutOfDate) {
    SimulatorProcess sim({.scenario = "connector-deadline-in-10-days.json"});
    const auto states = operatingStates(soapBodyChild(sim.soap("GetResourceInformation").body));
    EXPECT_EQ(states.at("EC_Connector_Software_Out_Of_Date"), "true");
    EXPECT_EQ(states.at("EC_FW_Not_Valid_Status_Blocked"), "false");
}

TEST(KonnektorSim, PassedCriticalDeadlineBlocksTheConnectorAndTakesTheVpnOffline) {
    SimulatorProcess sim({.scenario = "connector-blocked.json"});
    const auto body = soapBodyChild(sim.soap("GetResourceInformation").body);
    EXPECT_EQ(schemaErrors(body, "conn/EventService.xsd"), "");
    EXPECT_EQ(operatingStates(body).at("EC_FW_Not_Valid_Status_Blocked"), "true");
    EXPECT_EQ(texts(body, "ConnectionStatus")[0], "Offline");
}

TEST(KonnektorSim, DeadlinePassingWhileRunningBlocksTheConnector) {
    SimulatorProcess sim({.scenario = "connector-deadline-in-10-days.json"});
    sim.control("POST", "/clock", R"({"advanceSeconds": 950400})");  // 11 days
    EXPECT_EQ(operatingStates(soapBodyChild(sim.soap("GetResourceInformation").body)).at("EC_FW_Not_Valid_Status_Blocked"),
              "true");
}

TEST(KonnektorSim, OutdatedTerminalSetsCardTerminalSoftwareOutOfDateForThatTerminal) {
    SimulatorProcess sim({.scenario = "terminal-update-available.json"});
    const auto states = operatingStates(soapBodyChild(sim.soap("GetResourceInformation").body));
    EXPECT_EQ(states.at("EC_CardTerminal_Software_Out_Of_Date(CT_ID_0176)"), "true");
    EXPECT_EQ(states.at("EC_CardTerminal_Software_Out_Of_Date(CT_ID_0177)"), "false");
    // With a CtId the answer carries that terminal, still valid against the schema.
    const auto one = soapBodyChild(sim.soap("GetResourceInformation", "Praxis1", "PVS1", "Empfang",
                                            "<cm:CtId>CT_ID_0176</cm:CtId>").body);
    EXPECT_EQ(schemaErrors(one, "conn/EventService.xsd"), "");
    EXPECT_EQ(first(one, "FWVersion"), "3.7.2");
}

TEST(KonnektorSim, WrongContextGetsTheConnectorsSoapFault) {
    SimulatorProcess sim;
    struct Case { std::string mandant, client, workplace, code; };
    for (const auto& c : {Case{"Fremd", "PVS1", "Empfang", "4004"}, Case{"Praxis1", "Fremd", "Empfang", "4005"},
                          Case{"Praxis1", "PVS1", "Keller", "4006"}}) {
        const auto r = sim.soap("GetCardTerminals", c.mandant, c.client, c.workplace);
        EXPECT_EQ(r.status, 500);
        EXPECT_EQ(first(r.body, "faultcode"), "SOAP-ENV:Server");
        EXPECT_EQ(first(r.body, "Code"), c.code) << r.body;
        const auto detail = r.body.substr(r.body.find("<ns3:Error"), r.body.find("</detail>") - r.body.find("<ns3:Error"));
        EXPECT_EQ(schemaErrors(detail, "tel/error/TelematikError.xsd"), "") << detail;
    }
}

TEST(KonnektorSim, RequestsTheSchemaRefusesGetTheSyntaxFault) {
    SimulatorProcess sim;
    // Not XML; no Context; an element EventService.xsd does not know; a MandantId over 64 characters.
    const std::string longId(65, 'M');
    for (const auto& [body, why] :
         {std::pair<std::string, std::string>{"<kein xml", "not XML"},
          {"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><ev:GetCardTerminals "
           "xmlns:ev=\"http://ws.gematik.de/conn/EventService/v7.2\"/></s:Body></s:Envelope>",
           "no Context"}}) {
        const auto r = sim.request("POST", sim.eventServiceUrl(), body,
                                   {"-H", "Content-Type: text/xml", "-H",
                                    "SOAPAction: \"http://ws.gematik.de/conn/EventService/v7.2#GetCardTerminals\""});
        EXPECT_EQ(r.status, 500) << why;
        EXPECT_EQ(first(r.body, "Code"), "4000") << why << ": " << r.body;
    }
    const auto extra = sim.soap("GetCardTerminals", "Praxis1", "PVS1", "Empfang", "<cm:Unbekannt>1</cm:Unbekannt>");
    EXPECT_EQ(first(extra.body, "Code"), "4000") << extra.body;
    const auto tooLong = sim.soap("GetCardTerminals", longId);
    EXPECT_EQ(first(tooLong.body, "Code"), "4000") << tooLong.body;
    EXPECT_GE(std::stoi(state(sim, "refusedSoap")), 4);
}

TEST(KonnektorSim, AWrongOrMissingSoapActionGetsTheSyntaxFault) {
    SimulatorProcess sim;
    const auto valid = sim.soap("GetCardTerminals");
    ASSERT_EQ(valid.status, 200);
    // The same valid body, sent with the SOAPAction of another operation, a WSDL-form one, or none.
    const auto envelope = std::string("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                                      "<s:Body><ev:GetCardTerminals xmlns:ev=\"http://ws.gematik.de/conn/EventService/v7.2\" "
                                      "xmlns:cc=\"http://ws.gematik.de/conn/ConnectorContext/v2.0\" "
                                      "xmlns:co=\"http://ws.gematik.de/conn/ConnectorCommon/v5.0\"><cc:Context>"
                                      "<co:MandantId>Praxis1</co:MandantId><co:ClientSystemId>PVS1</co:ClientSystemId>"
                                      "<co:WorkplaceId>Empfang</co:WorkplaceId></cc:Context></ev:GetCardTerminals>"
                                      "</s:Body></s:Envelope>");
    for (const std::string action : {"SOAPAction: \"http://ws.gematik.de/conn/EventService/v7.2#GetResourceInformation\"",
                                     "SOAPAction: \"http://ws.gematik.de/conn/EventService/WSDL/v7.2#GetCardTerminals\"",
                                     "SOAPAction:"}) {
        const auto r = sim.request("POST", sim.eventServiceUrl(), envelope, {"-H", "Content-Type: text/xml", "-H", action});
        EXPECT_EQ(r.status, 500) << action;
        EXPECT_EQ(first(r.body, "Code"), "4000") << action;
    }
}

// --- TLS modes -----------------------------------------------------------------------------

TEST(KonnektorSim, ClientCertificateModeRefusesClientsWithoutTheIssuedP12) {
    TempDir dir;
    writeFile(dir / "p12pw", "Zertifikat-Passwort1\n");
    SimulatorProcess sim({.args = {"--tls", "client", "--client-p12", (dir / "client.p12").string(),
                                   "--client-p12-password-file", (dir / "p12pw").string()}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 0);
    const auto r = sim.request("GET", sim.sdsUrl(), {},
                               {"--cert-type", "P12", "--cert", (dir / "client.p12").string() + ":Zertifikat-Passwort1"});
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(first(r.body, "ClientAutMandatory"), "true");
    EXPECT_EQ(first(r.body, "TLSMandatory"), "true");
    EXPECT_EQ(std::filesystem::status(dir / "client.p12").permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
}

TEST(KonnektorSim, BasicAuthIsRequiredWhenConfigured) {
    TempDir dir;
    writeFile(dir / "pw", "Basic-Geheim1\n");
    SimulatorProcess sim({.args = {"--basic-auth-user", "pvs", "--basic-auth-password-file", (dir / "pw").string()}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 401);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"-u", "pvs:falsch"}).status, 401);
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"-u", "pvs:Basic-Geheim1"}).status, 200);
    EXPECT_FALSE(contains(sim.process().out() + sim.process().err(), "Basic-Geheim1"));
}

TEST(KonnektorSim, PlainHttpModeServesWithoutTls) {
    SimulatorProcess sim({.args = {"--tls", "off"}});
    EXPECT_EQ(sim.sdsUrl().rfind("http://", 0), 0u);
    const auto r = sim.request("GET", sim.sdsUrl());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(first(r.body, "TLSMandatory"), "false");
    EXPECT_TRUE(contains(r.body, ":Endpoint Location=\"http://"));
    EXPECT_EQ(sim.soap("GetCardTerminals").status, 200);
}

namespace {

// What another program on the machine gets when it asks for this port, as a server does
// (SO_REUSEADDR, bind, listen): 0 when it got it, else errno.
int bindAsAnotherServer(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0 ? ::listen(fd, 1) : -1;
    const int error = rc == 0 ? 0 : errno;
    ::close(fd);
    return error;
}

}  // namespace

// While switched off (or rebooting) a connector refuses connections, and no other program is
// given its ports meanwhile: with -j2 another test's server binding port 0 took one once, and
// the connector never came back from its update's reboot.
TEST(KonnektorSim, ASwitchedOffConnectorKeepsItsPortsAndAnswersAgainOnThemWhenBack) {
    SimulatorProcess sim;
    const auto connector = sim.ready()["connectors"].toArray().at(0).toObject();
    const std::vector<int> ports = {connector["servicePort"].toInt(), connector["plainPort"].toInt(),
                                    connector["managementPort"].toInt()};
    for (int port : ports) ASSERT_GT(port, 0);
    sim.control("POST", "/power", R"({"on": false})");
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 0) << "a switched-off connector answered";
    for (int port : ports) EXPECT_EQ(bindAsAnotherServer(port), EADDRINUSE) << "port " << port << " was given away";
    sim.control("POST", "/power", R"({"on": true})");
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 200);
    EXPECT_EQ(sim.request("GET", sim.sdsPlainUrl()).status, 200);
    EXPECT_FALSE(sim.login("Praxis2026!").empty()) << "the management port did not come back";
}

// --- management API ------------------------------------------------------------------------

TEST(KonnektorSimManagement, WrongPasswordCountsDownThenLocksTheAccount) {
    SimulatorProcess sim;
    for (int left = 4; left >= 1; --left) {
        const auto r = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"falsch"})");
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(r.json()["triesLeft"].toInt(), left);
    }
    const auto locked = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"falsch"})");
    EXPECT_EQ(locked.status, 423);
    EXPECT_FALSE(locked.json()["lockedUntil"].toString().isEmpty());
    // Even the right password is refused while locked.
    EXPECT_EQ(sim.login("Praxis2026!"), "");
    // After the lock time it works again.
    sim.control("POST", "/clock", R"({"advanceSeconds": 901})");
    EXPECT_NE(sim.login("Praxis2026!"), "");
}

TEST(KonnektorSimManagement, ExpiredPasswordAllowsOnlyThePasswordChange) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    const auto r = sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"Praxis2025!"})");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.json()["passwordExpired"].toBool());
    const auto token = r.json()["token"].toString().toStdString();
    EXPECT_EQ(sim.management("GET", "/updates", token).status, 403);
    const auto changed = sim.request("POST", sim.managementBase() + "/password",
                                     R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    EXPECT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(sim.management("GET", "/updates", token).status, 200);
    EXPECT_NE(sim.login("Sommer2026!x"), "");
    EXPECT_EQ(sim.login("Praxis2025!"), "");
}

TEST(KonnektorSimManagement, PasswordChangeNamesEachBrokenRule) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    struct Case { std::string password, rule; };
    for (const auto& c : {Case{"Ab1!", "length"}, Case{"abcdefghij", "classes"}, Case{"Praxis 2026!", "characters"},
                          Case{"Koco-Root2026!", "user-name"}, Case{"Toor-Ocok2026!", "user-name"},
                          Case{"Praxis2024!", "reused"}, Case{"Praxis2025!", "reused"}}) {
        const auto r = sim.request("POST", sim.managementBase() + "/password",
                                   R"({"oldPassword":"Praxis2025!","newPassword":")" + c.password + "\"}");
        EXPECT_EQ(r.status, 422) << c.password;
        const auto violations = r.json()["violations"].toArray();
        ASSERT_FALSE(violations.isEmpty()) << c.password;
        EXPECT_EQ(violations[0].toObject()["rule"].toString().toStdString(), c.rule) << c.password;
        EXPECT_FALSE(violations[0].toObject()["message"].toObject()["de"].toString().isEmpty());
    }
    const auto wrongOld = sim.request("POST", sim.managementBase() + "/password",
                                      R"({"oldPassword":"falsch","newPassword":"Sommer2026!x"})");
    EXPECT_EQ(wrongOld.status, 401);
}

TEST(KonnektorSimManagement, RequestsWithoutSessionAreRefused) {
    SimulatorProcess sim;
    EXPECT_EQ(sim.management("GET", "/updates", "erfunden").status, 401);
    EXPECT_EQ(sim.request("GET", sim.managementBase() + "/status").status, 200);  // like the display: public
}

TEST(KonnektorSimManagement, OffersUpdatesWithVersionPriorityDeadlineAndSize) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    const auto updates = sim.management("GET", "/updates", token).json()["updates"].toArray();
    ASSERT_EQ(updates.size(), 2);
    std::set<std::string> ids;
    for (const auto& u : updates) {
        const auto o = u.toObject();
        ids.insert(o["updateId"].toString().toStdString());
        if (o["component"].toString() == "connector") {
            EXPECT_EQ(o["version"].toString(), "1.3.10");
            EXPECT_EQ(o["installedVersion"].toString(), "1.3.4");
            EXPECT_EQ(o["priority"].toString(), "Kritisch");
            EXPECT_FALSE(o["deadline"].toString().isEmpty());
            EXPECT_EQ(o["sizeBytes"].toDouble(), 209715200.0);
            EXPECT_EQ(o["download"].toObject()["state"].toString(), "not-started");
            EXPECT_FALSE(o["releaseNotes"].toObject()["de"].toString().isEmpty());
        }
    }
    EXPECT_EQ(ids, (std::set<std::string>{"KOCOC-kocobox-1.3.10", "INGHC-ORGA6100-3.7.4"}));
}

TEST(KonnektorSimManagement, DownloadProgressesAndCompletes) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json", .timeScale = 100});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    EXPECT_EQ(sim.management("POST", "/updates/KOCOC-kocobox-1.3.10/download", token).status, 202);
    const auto downloadState = [&] {
        for (const auto& u : sim.management("GET", "/updates", token).json()["updates"].toArray())
            if (u.toObject()["component"].toString() == "connector") return u.toObject()["download"].toObject();
        return QJsonObject{};
    };
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return downloadState()["percent"].toInt() > 0; }, 10s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return downloadState()["state"].toString() == "downloaded"; }, 20s));
}

TEST(KonnektorSimManagement, KsrDownRefusesTheDownload) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json", .args = {"--fault-ksr-down"}});
    sim.request("POST", sim.managementBase() + "/password", R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
    const auto token = sim.login("Sommer2026!x");
    const auto r = sim.management("POST", "/updates/KOCOC-kocobox-1.3.10/download", token);
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.json()["error"].toString(), "ksr-unreachable");
    EXPECT_FALSE(sim.management("GET", "/updates", token).json()["ksrReachable"].toBool());
}

// --- installation --------------------------------------------------------------------------

namespace {

/// A started simulator on the demo scenario with the password changed, both updates
/// downloaded and a session; time runs 600x (a 20-minute installation takes 2 s).
struct PreparedPractice {
    explicit PreparedPractice(std::vector<std::string> args = {}, double scale = 600)
        : sim({.scenario = "expired-connector-outdated-terminal.json", .timeScale = scale, .args = std::move(args)}) {
        sim.request("POST", sim.managementBase() + "/password",
                    R"({"oldPassword":"Praxis2025!","newPassword":"Sommer2026!x"})");
        token = sim.login("Sommer2026!x");
        for (const char* id : {"KOCOC-kocobox-1.3.10", "INGHC-ORGA6100-3.7.4"})
            sim.management("POST", std::string("/updates/") + id + "/download", token);
        SimulatorProcess::waitFor([&] {
            int done = 0;
            for (const auto& u : sim.management("GET", "/updates", token).json()["updates"].toArray())
                done += u.toObject()["download"].toObject()["state"].toString() == "downloaded";
            return done == 2;
        }, 30s);
    }
    HttpResult install(const std::string& updateId, const std::string& extra = "") {
        return sim.management("POST", "/updates/" + updateId + "/install", token,
                              R"({"clientSystemId":"PVS1","workplaceId":"Empfang")" + extra + "}");
    }
    QJsonObject status() { return sim.request("GET", sim.managementBase() + "/status").json(); }
    SimulatorProcess sim;
    std::string token;
};

bool sdsShowsVersion(const SimulatorProcess& sim, const std::string& version) {
    return connectorFirmware(sim) == version;
}

}  // namespace

TEST(KonnektorSimInstallation, ConnectorUpdateIsRefusedWhileTerminalUpdatesArePending) {
    PreparedPractice p;
    const auto r = p.install("KOCOC-kocobox-1.3.10");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.json()["error"].toString(), "terminals-first");
    EXPECT_EQ(r.json()["pendingTerminals"].toArray()[0].toString(), "CT_ID_0176");
}

TEST(KonnektorSimInstallation, TerminalThenConnectorInstallWithRebootsAndNewVersionEverywhere) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    // While the terminal installs it is not connected.
    EXPECT_EQ(texts(p.sim.soap("GetCardTerminals").body, "Connected").front(), "false");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return texts(p.sim.soap("GetCardTerminals").body, "FWVersion").front() == "3.7.4";
    }, 20s));

    const auto started = p.install("KOCOC-kocobox-1.3.10");
    ASSERT_EQ(started.status, 202) << started.body;
    EXPECT_EQ(started.json()["startedBy"].toObject()["workplaceId"].toString(), "Empfang");
    // The connector reboots: its port stops answering for a while.
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 0; }, 20s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return sdsShowsVersion(p.sim, "1.3.10"); }, 30s));
    const auto status = p.status();
    EXPECT_EQ(status["firmwareVersion"].toString(), "1.3.10");
    EXPECT_EQ(status["lastInstallation"].toObject()["state"].toString(), "succeeded");
    // The old session ended with the reboot.
    EXPECT_EQ(p.sim.management("GET", "/updates", p.token).status, 401);
    // Operating state no longer reports the connector out of date.
    EXPECT_EQ(operatingStates(soapBodyChild(p.sim.soap("GetResourceInformation").body)).at("EC_Connector_Software_Out_Of_Date"),
              "false");
}

TEST(KonnektorSimInstallation, StatusShowsPercentAndWhoStartedIt) {
    PreparedPractice p({}, 60);  // slower, to catch it mid-way
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    QJsonObject update;
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        update = p.status()["update"].toObject();
        return update["state"].toString() == "installing" && update["percent"].toInt() > 0;
    }, 10s));
    EXPECT_EQ(update["startedBy"].toObject()["clientSystemId"].toString(), "PVS1");
    EXPECT_EQ(update["component"].toString(), "CT_ID_0176");
}

TEST(KonnektorSimInstallation, APlannedInstallationIsMovedKeepingWhoPlannedIt) {
    PreparedPractice p;
    const auto now = tiservice::parseUtc(p.status()["now"].toString().toStdString());
    ASSERT_TRUE(now);
    const auto in1h = tiservice::formatUtc(*now + std::chrono::hours(1));
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + in1h + "\"").status, 202);
    const auto in3h = tiservice::formatUtc(*now + std::chrono::hours(3));
    const auto moved =
        p.sim.management("PATCH", "/updates/INGHC-ORGA6100-3.7.4/install", p.token, R"({"at":")" + in3h + "\"}");
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["plannedAt"].toString().toStdString(), in3h);
    const auto planned = p.status()["planned"].toArray();
    ASSERT_EQ(planned.size(), 1);
    EXPECT_EQ(planned[0].toObject()["plannedAt"].toString().toStdString(), in3h);
    EXPECT_FALSE(planned[0].toObject()["startedBy"].toObject()["workplaceId"].toString().isEmpty());
    // Into the past, not planned, no time, no session: refused, the plan as it was.
    const auto past = tiservice::formatUtc(*now - std::chrono::hours(1));
    EXPECT_EQ(
        p.sim.management("PATCH", "/updates/INGHC-ORGA6100-3.7.4/install", p.token, R"({"at":")" + past + "\"}").status,
        400);
    EXPECT_EQ(
        p.sim.management("PATCH", "/updates/KOCOC-kocobox-1.3.10/install", p.token, R"({"at":")" + in3h + "\"}").status,
        404);
    EXPECT_EQ(p.sim.management("PATCH", "/updates/INGHC-ORGA6100-3.7.4/install", p.token, R"({})").status, 400);
    EXPECT_EQ(
        p.sim.management("PATCH", "/updates/INGHC-ORGA6100-3.7.4/install", "", R"({"at":")" + in1h + "\"}").status,
        401);
    EXPECT_EQ(p.status()["planned"].toArray()[0].toObject()["plannedAt"].toString().toStdString(), in3h);
}

TEST(KonnektorSimInstallation, PlannedInstallationStartsAtItsTimeAndCanBeCancelledBefore) {
    PreparedPractice p;
    const auto status = p.status();
    const auto now = tiservice::parseUtc(status["now"].toString().toStdString());
    ASSERT_TRUE(now);
    const auto in1h = tiservice::formatUtc(*now + std::chrono::hours(1));
    const auto r = p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + in1h + "\"");
    ASSERT_EQ(r.status, 202);
    EXPECT_EQ(r.json()["state"].toString(), "planned");
    EXPECT_EQ(p.status()["planned"].toArray().size(), 1);
    EXPECT_EQ(p.sim.management("DELETE", "/updates/INGHC-ORGA6100-3.7.4/install", p.token).status, 200);
    EXPECT_EQ(p.status()["planned"].toArray().size(), 0);

    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + in1h + "\"").status, 202);
    // Connector planned after the terminal: accepted, runs once the terminal is done.
    const auto later = tiservice::formatUtc(*now + std::chrono::hours(1) + std::chrono::minutes(1));
    ASSERT_EQ(p.install("KOCOC-kocobox-1.3.10", R"(,"at":")" + later + "\"").status, 202);
    p.sim.control("POST", "/clock", R"({"advanceSeconds": 3600})");
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return sdsShowsVersion(p.sim, "1.3.10"); }, 30s));
}

TEST(KonnektorSimInstallation, SecondStartFromAnotherWorkplaceSeesTheFirst) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    const auto second = p.sim.management("POST", "/updates/INGHC-ORGA6100-3.7.4/install", p.token,
                                         R"({"clientSystemId":"PVS1","workplaceId":"Sprechzimmer1"})");
    EXPECT_EQ(second.status, 409);
    EXPECT_EQ(second.json()["error"].toString(), "already-planned");
    EXPECT_EQ(second.json()["installation"].toObject()["startedBy"].toObject()["workplaceId"].toString(), "Empfang");
}

TEST(KonnektorSimInstallation, TwoSimultaneousStartsEndInExactlyOneInstallation) {
    PreparedPractice p;
    HttpResult a, b;
    std::thread t1([&] { a = p.install("INGHC-ORGA6100-3.7.4"); });
    std::thread t2([&] { b = p.install("INGHC-ORGA6100-3.7.4"); });
    t1.join();
    t2.join();
    EXPECT_EQ(std::set<int>({a.status, b.status}), (std::set<int>{202, 409}));
    EXPECT_EQ(p.sim.control("GET", "/state")["connectors"].toArray()[0].toObject()["installations"].toArray().size(), 1);
}

TEST(KonnektorSimInstallation, FailedInstallationKeepsTheOldVersionAndGivesTheReason) {
    PreparedPractice p({"--fault-install-fails", "Prüfsumme falsch"});
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return p.status()["lastInstallation"].toObject()["state"].toString() == "failed";
    }, 20s));
    EXPECT_EQ(p.status()["lastInstallation"].toObject()["reason"].toString(), "Prüfsumme falsch");
    EXPECT_EQ(texts(p.sim.soap("GetCardTerminals").body, "FWVersion").front(), "3.7.2");
}

TEST(KonnektorSimInstallation, PowerLossDuringInstallationLeavesTheConnectorBroken) {
    PreparedPractice p;
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4").status, 202);
    ASSERT_TRUE(SimulatorProcess::waitFor([&] {
        return texts(p.sim.soap("GetCardTerminals").body, "FWVersion").front() == "3.7.4";
    }, 20s));
    p.token = p.sim.login("Sommer2026!x");
    ASSERT_EQ(p.install("KOCOC-kocobox-1.3.10").status, 202);
    p.sim.control("POST", "/faults", R"({"powerLoss": true})");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return state(p.sim, "broken") == "true"; }, 20s));
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 200; }, 20s));
    EXPECT_TRUE(sdsShowsVersion(p.sim, "1.3.4"));
    EXPECT_EQ(p.status()["update"].toObject()["state"].toString(), "broken");
    EXPECT_EQ(operatingStates(soapBodyChild(p.sim.soap("GetResourceInformation").body)).at("EC_Software_Integrity_Check_Failed"),
              "true");
}

TEST(KonnektorSimInstallation, SlowRebootKeepsThePortsDownLonger) {
    PreparedPractice p({"--fault-reboot-seconds", "1800"});  // 30 min instead of 2, 3 s real
    const auto r = p.sim.management("POST", "/reboot", p.token);
    EXPECT_EQ(r.status, 202);
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 0; }, 2s));
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(p.sim.request("GET", p.sim.sdsUrl()).status, 0);
    EXPECT_TRUE(SimulatorProcess::waitFor([&] { return p.sim.request("GET", p.sim.sdsUrl()).status == 200; }, 10s));
}

// --- faults on the wire --------------------------------------------------------------------

TEST(KonnektorSimFaults, MalformedAnswersAreMalformed) {
    SimulatorProcess sim;
    sim.control("POST", "/faults", R"({"malformed": "broken-xml"})");
    auto r = sim.request("GET", sim.sdsUrl());
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(schemaErrors(r.body, "conn/ServiceDirectory.xsd"), "");
    sim.control("POST", "/faults", R"({"malformed": "wrong-content-type"})");
    r = sim.request("GET", sim.sdsUrl(), {}, {"-o", "/dev/null", "-w", "%{content_type}\n"});
    EXPECT_TRUE(contains(r.body, "text/html")) << r.body;
    sim.control("POST", "/faults", R"({"malformed": "truncated"})");
    r = sim.request("GET", sim.sdsUrl());
    EXPECT_TRUE(contains(r.error, "transfer closed") || contains(r.error, "18")) << r.error;
    sim.control("POST", "/faults", R"({"clear": true})");
    EXPECT_EQ(schemaErrors(sim.request("GET", sim.sdsUrl()).body, "conn/ServiceDirectory.xsd"), "");
}

TEST(KonnektorSimFaults, DroppedConnectionsAndSlowAnswers) {
    SimulatorProcess sim({.args = {"--fault-drop", "1"}});
    EXPECT_EQ(sim.request("GET", sim.sdsUrl()).status, 0);
    sim.control("POST", "/faults", R"({"dropProbability": 0, "slowMs": 1500})");
    const auto r = sim.request("GET", sim.sdsUrl(), {}, {"--max-time", "1"});
    EXPECT_EQ(r.status, 0);  // slower than the client waits
    EXPECT_EQ(sim.request("GET", sim.sdsUrl(), {}, {"--max-time", "5"}).status, 200);
}

TEST(KonnektorSimFaults, UpdateServerServesFilesWithRangesAndCanBeDown) {
    TempDir dir;
    writeFile(dir / "catalog/approval-catalog.json", R"({"hello":"catalog"})");
    writeFile(dir / "firmware.bin", std::string(100000, 'x'));
    SimulatorProcess sim({.args = {"--updates-dir", dir.path().string()}});
    auto r = sim.request("GET", sim.updatesBase() + "catalog/approval-catalog.json");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"hello":"catalog"})");
    r = sim.request("GET", sim.updatesBase() + "firmware.bin", {}, {"-r", "99990-"});
    EXPECT_EQ(r.status, 206);
    EXPECT_EQ(r.body, std::string(10, 'x'));
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "../etc/passwd", {}, {"--path-as-is"}).status, 404);
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "missing.json").status, 404);
    sim.control("POST", "/faults", R"({"updateServerDown": true})");
    EXPECT_EQ(sim.request("GET", sim.updatesBase() + "catalog/approval-catalog.json").status, 503);
}

// --- several connectors, command line ------------------------------------------------------

TEST(KonnektorSimFleet, CountStartsConnectorsOnConsecutivePortsEachWithItsOwnState) {
    TempDir dir;
    // Fixed ports make "consecutive" visible; pick a base unlikely to be taken: below Linux's
    // ephemeral range (32768–60999), where other tests' connections get their local ports.
    const int base = 20000 + (getpid() % 12000);
    ProcessOptions o;
    o.env = {{"HOME", dir.path().string()}};
    BackgroundProcess sim({binary("konnektor-sim").string(), "--count", "3", "--port", std::to_string(base),
                           "--plain-port", std::to_string(base + 200),
                           "--management-port", std::to_string(base + 100), "--control-port", "0", "--update-port", "0",
                           "--state-dir", (dir / "s").string(), "--ready-file", (dir / "ready.json").string()},
                          o, dir / "logs");
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return std::filesystem::exists(dir / "ready.json"); }, 20s)) << sim.err();
    const auto ready = readFile(dir / "ready.json");
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(contains(ready, "\"servicePort\":" + std::to_string(base + i)));
        EXPECT_TRUE(contains(ready, "\"managementPort\":" + std::to_string(base + 100 + i)));
        EXPECT_TRUE(contains(ready, "\"plainPort\":" + std::to_string(base + 200 + i)));
    }
}

namespace {

/// konnektor-sim with a command line, in one language.
ProcessResult simCommand(std::vector<std::string> args, const std::string& lang = "de_DE.UTF-8") {
    args.insert(args.begin(), binary("konnektor-sim").string());
    ProcessOptions o;
    o.env = {{"LANG", lang}, {"LC_ALL", std::nullopt}, {"LC_MESSAGES", std::nullopt}};
    o.timeout = 30s;
    return runProcess(args, o);
}

}  // namespace

TEST(KonnektorSimCommandLine, HelpDocumentsEveryOption) {
    for (const char* lang : {"de_DE.UTF-8", "en_US.UTF-8"}) {
    const auto r = simCommand({"--help"}, lang);
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(contains(r.out, std::string(lang).starts_with("de") ? "Aufruf: konnektor-sim" : "Usage: konnektor-sim")) << r.out;
    for (const char* option : {"--scenario", "--count", "--time-scale", "--listen", "--port", "--plain-port",
                               "--sds-file", "--management-port",
                               "--control-port", "--update-port", "--ready-file", "--tls", "--basic-auth-user",
                               "--basic-auth-password-file", "--client-p12", "--client-p12-password-file",
                               "--state-dir", "--updates-dir", "--updates-tls", "--fault-power-loss", "--fault-install-fails",
                               "--fault-ksr-down", "--fault-download-stalls", "--fault-drop", "--fault-slow",
                               "--fault-malformed", "--fault-reboot-seconds", "--fault-update-server-down",
                               "--fault-lose-install-answer"})
        EXPECT_TRUE(contains(r.out, option)) << option << " " << lang;
    }
}

TEST(KonnektorSimCommandLine, RefusesNonLoopbackAddressesAndBadOptions) {
    auto r = simCommand({"--listen", "0.0.0.0"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Nur Loopback-Adressen sind erlaubt: 0.0.0.0")) << r.err;
    r = simCommand({"--listen", "0.0.0.0"}, "en_GB.UTF-8");
    EXPECT_TRUE(contains(r.err, "only loopback addresses are allowed: 0.0.0.0")) << r.err;
    r = simCommand({"--frobnicate"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Unbekannte Option: --frobnicate")) << r.err;
    // A number that is not one is named, not reported as "stoi".
    r = simCommand({"--port", "acht"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--port erwartet eine ganze Zahl, nicht \"acht\"")) << r.err;
    r = simCommand({"--time-scale", "fast"}, "en_US.UTF-8");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--time-scale expects a number, not \"fast\"")) << r.err;
    // Numbers out of range are refused, not run with (a clock stuck in the year 1734).
    r = simCommand({"--time-scale", "1e300"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--time-scale muss größer als 0 und höchstens 100000 sein")) << r.err;
    r = simCommand({"--fault-drop", "2"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--fault-drop erwartet eine Wahrscheinlichkeit von 0 bis 1")) << r.err;
    r = simCommand({"--fault-slow", "-5"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "--fault-slow erwartet Millisekunden ab 0")) << r.err;
    TempDir dir;
    writeFile(dir / "bad.json", "{ kaputt");
    r = simCommand({"--scenario", (dir / "bad.json").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "Szenario-Datei ist ungültig")) << r.err;
    r = simCommand({"--scenario", (dir / "bad.json").string()}, "en_US.UTF-8");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "scenario file is not valid")) << r.err;
}

TEST(KonnektorSimCommandLine, AdminPasswordNeverAppearsInItsOutput) {
    SimulatorProcess sim({.scenario = "expired-connector-outdated-terminal.json"});
    sim.request("POST", sim.managementBase() + "/login", R"({"user":"koco-root","password":"Praxis2025!"})");
    EXPECT_FALSE(contains(sim.process().out() + sim.process().err(), "Praxis2025!"));
}

TEST(KonnektorSimInstallation, TheClockJumpsToThePlannedInstallationWhichThenRuns) {
    PreparedPractice p;
    const auto now = tiservice::parseUtc(p.status()["now"].toString().toStdString());
    ASSERT_TRUE(now);
    const auto planned = *now + std::chrono::hours(48);  // minutes of real time even at 600 times
    ASSERT_EQ(p.install("INGHC-ORGA6100-3.7.4", R"(,"at":")" + tiservice::formatUtc(planned) + "\"").status, 202);
    p.sim.control("POST", "/clock", R"({"untilPlanned": true})");
    const auto after = tiservice::parseUtc(p.status()["now"].toString().toStdString());
    ASSERT_TRUE(after);
    EXPECT_GE(*after, planned);
    EXPECT_LT(*after, planned + std::chrono::hours(1));
    EXPECT_TRUE(p.status()["planned"].toArray().isEmpty());  // it started
    const auto i =
        p.sim.control("GET", "/state")["connectors"].toArray()[0].toObject()["installations"].toArray()[0].toObject();
    EXPECT_GE(*tiservice::parseUtc(i["startedAt"].toString().toStdString()), planned);
    // Nothing planned: the clock stays where it is.
    const auto before = tiservice::parseUtc(p.status()["now"].toString().toStdString());
    p.sim.control("POST", "/clock", R"({"untilPlanned": true})");
    EXPECT_LT(*tiservice::parseUtc(p.status()["now"].toString().toStdString()), *before + std::chrono::hours(1));
}
