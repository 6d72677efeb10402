// connector.sds as real connectors write it. The two real files in tests/data/real-connectors
// (KoCoBox MED+ 5.1.8, RISE Konnektor 5.1.7) are read as they are, one test per fact of
// ../shared/docs/real-connectors.md; the hand-written documents below cover what those two do
// not show (TLS-only devices, secunet's one-line form, RISE HSK's long vendor name, hostile
// endpoints).
#include "tiservice/konnektor/service_directory.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "support/fixtures.h"

using namespace tiservice;
using namespace tiservice::konnektor;

namespace {

// KoCoBox style: root with ns3, ProductInformation in the default namespace, ns2 services,
// no plain Endpoint.
const char* kKocoboxStyle = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ns3:ConnectorServices xmlns="http://ws.gematik.de/int/version/ProductInformation/v1.1"
    xmlns:ns2="http://ws.gematik.de/conn/ServiceInformation/v2.0"
    xmlns:ns3="http://ws.gematik.de/conn/ServiceDirectory/v3.1">
  <ProductInformation>
    <InformationDate>2026-11-28T10:00:00.000+01:00</InformationDate>
    <ProductTypeInformation><ProductType>Konnektor</ProductType><ProductTypeVersion>5.1.0</ProductTypeVersion></ProductTypeInformation>
    <ProductIdentification>
      <ProductVendorID>KOCOC</ProductVendorID><ProductCode>kocobox</ProductCode>
      <ProductVersion><Local><HWVersion>2.0.0</HWVersion><FWVersion>5.1.8</FWVersion></Local></ProductVersion>
    </ProductIdentification>
    <ProductMiscellaneous><ProductVendorName>KoCo Connector GmbH</ProductVendorName><ProductName>KoCoBox MED+</ProductName></ProductMiscellaneous>
  </ProductInformation>
  <ns3:TLSMandatory>true</ns3:TLSMandatory>
  <ns3:ClientAutMandatory>false</ns3:ClientAutMandatory>
  <ns2:ServiceInformation>
    <ns2:Service Name="CardService"><ns2:Abstract>Karten</ns2:Abstract><ns2:Versions>
      <ns2:Version TargetNamespace="http://ws.gematik.de/conn/CardService/v8.1" Version="8.1.2"><ns2:Abstract/>
        <ns2:EndpointTLS Location="https://192.168.10.20:443/ws/CardService"/></ns2:Version></ns2:Versions></ns2:Service>
    <ns2:Service Name="EventService"><ns2:Abstract>Events</ns2:Abstract><ns2:Versions>
      <ns2:Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.2" Version="7.2.0"><ns2:Abstract/>
        <ns2:EndpointTLS Location="https://192.168.10.20:443/ws/EventService"/></ns2:Version></ns2:Versions></ns2:Service>
  </ns2:ServiceInformation>
</ns3:ConnectorServices>)";

std::string manyServices() {
    std::string services;
    for (int i = 0; i < 40; ++i)
        services += "<si:Service Name=\"Service" + std::to_string(i) +
                    "\"><si:Abstract>x</si:Abstract><si:Versions><si:Version TargetNamespace=\"urn:x:" + std::to_string(i) +
                    "\" Version=\"1.0.0\"><si:Abstract>x</si:Abstract><si:EndpointTLS Location=\"https://k/" +
                    std::to_string(i) + "\"/></si:Version></si:Versions></si:Service>";
    return services;
}

// RISE style: other prefixes, dozens of services, EventService 7.1 and 7.2, Endpoint and
// EndpointTLS naming an internal host.
std::string riseStyle() {
    return R"(<?xml version="1.0"?><sd:ConnectorServices xmlns:sd="http://ws.gematik.de/conn/ServiceDirectory/v3.1"
      xmlns:pi="http://ws.gematik.de/int/version/ProductInformation/v1.1" xmlns:si="http://ws.gematik.de/conn/ServiceInformation/v2.0">
      <pi:ProductInformation><pi:InformationDate>2026-11-28T10:00:00Z</pi:InformationDate>
      <pi:ProductTypeInformation><pi:ProductType>Konnektor</pi:ProductType><pi:ProductTypeVersion>5.0.0</pi:ProductTypeVersion></pi:ProductTypeInformation>
      <pi:ProductIdentification><pi:ProductVendorID>RISEG</pi:ProductVendorID><pi:ProductCode>RKONN</pi:ProductCode>
      <pi:ProductVersion><pi:Local><pi:HWVersion>1.0.0</pi:HWVersion><pi:FWVersion>5.1.7</pi:FWVersion></pi:Local></pi:ProductVersion></pi:ProductIdentification>
      <pi:ProductMiscellaneous><pi:ProductVendorName>RISE</pi:ProductVendorName><pi:ProductName>RISE Konnektor</pi:ProductName></pi:ProductMiscellaneous></pi:ProductInformation>
      <sd:TLSMandatory>false</sd:TLSMandatory><sd:ClientAutMandatory>true</sd:ClientAutMandatory>
      <si:ServiceInformation>)" + manyServices() + R"(
      <si:Service Name="EventService"><si:Abstract>E</si:Abstract><si:Versions>
        <si:Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.1" Version="7.1.0"><si:Abstract>E</si:Abstract>
          <si:Endpoint Location="http://konnektor.intern:80/eventservice71"/><si:EndpointTLS Location="https://konnektor.intern:443/eventservice71"/></si:Version>
        <si:Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.2" Version="7.2.0"><si:Abstract>E</si:Abstract>
          <si:Endpoint Location="http://konnektor.intern:80/eventservice"/><si:EndpointTLS Location="https://konnektor.intern:443/eventservice"/></si:Version>
      </si:Versions></si:Service></si:ServiceInformation></sd:ConnectorServices>)";
}

// secunet style: default namespace redeclared on each element, central version form.
const char* kRedeclaredDefaults = R"(<ConnectorServices xmlns="http://ws.gematik.de/conn/ServiceDirectory/v3.1">
  <ProductInformation xmlns="http://ws.gematik.de/int/version/ProductInformation/v1.1">
    <InformationDate>2026-11-28T10:00:00Z</InformationDate>
    <ProductTypeInformation><ProductType>Konnektor</ProductType><ProductTypeVersion>5.0.0</ProductTypeVersion></ProductTypeInformation>
    <ProductIdentification><ProductVendorID>SECUN</ProductVendorID><ProductCode>SKONN</ProductCode>
      <ProductVersion><Central>5.1.2-17</Central></ProductVersion></ProductIdentification>
    <ProductMiscellaneous><ProductVendorName>secunet</ProductVendorName><ProductName>secunet konnektor</ProductName></ProductMiscellaneous>
  </ProductInformation>
  <TLSMandatory>true</TLSMandatory><ClientAutMandatory>false</ClientAutMandatory>
  <ServiceInformation xmlns="http://ws.gematik.de/conn/ServiceInformation/v2.0">
    <Service Name="EventService"><Abstract/><Versions><Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.2" Version="7.2.0">
      <Abstract/><EndpointTLS Location="https://[fd00::10]:8443/EventService"/></Version></Versions></Service>
  </ServiceInformation>
</ConnectorServices>)";

std::string errorCode(std::string_view xml) {
    auto r = parseServiceDirectory(xml);
    return r.ok() ? "<ok>" : r.error().code;
}

ServiceDirectory real(const char* name) {
    auto sd = parseServiceDirectory(tiservice::testing::realConnectorSds(name));
    EXPECT_TRUE(sd.ok()) << name << ": " << sd.error().describe(Language::English);
    return sd.ok() ? *sd : ServiceDirectory{};
}

const Service* service(const ServiceDirectory& sd, const std::string& name) {
    for (const auto& s : sd.services)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<std::string> versions(const Service* s) {
    std::vector<std::string> out;
    if (s)
        for (const auto& v : s->versions) out.push_back(v.version);
    return out;
}

/// secunet writes everything on one line, without whitespace between elements.
std::string oneLine(const std::string& xml) {
    return std::regex_replace(std::regex_replace(xml, std::regex(">\\s+<"), "><"), std::regex("\\s*\\n\\s*"), " ");
}

}  // namespace

// --- the real files ---------------------------------------------------------------------

TEST(RealConnectorSds, KocoboxIdentityAsTheDeviceWritesIt) {
    const auto sd = real(tiservice::testing::kKocobox518);
    EXPECT_EQ(sd.product.vendorId, "KOCOC");
    EXPECT_EQ(sd.product.productCode, "kocobox");
    EXPECT_EQ(sd.product.productType, "Konnektor");
    EXPECT_EQ(sd.product.productTypeVersion, "5.1.0");
    EXPECT_EQ(sd.product.hardwareVersion.toString(), "2.0.0");
    EXPECT_EQ(sd.product.firmwareVersion.toString(), "5.1.8");
    EXPECT_EQ(sd.product.vendorName, "KoCo Connector");
    EXPECT_EQ(sd.product.productName, "KoCoBox MED+");
    EXPECT_EQ(sd.product.key(), "KOCOC-kocobox");
}

TEST(RealConnectorSds, RiseIdentityAsTheDeviceWritesIt) {
    const auto sd = real(tiservice::testing::kRise517);
    EXPECT_EQ(sd.product.key(), "RISEG-RKONN");
    EXPECT_EQ(sd.product.productTypeVersion, "5.53.0");
    EXPECT_EQ(sd.product.hardwareVersion.toString(), "1.0.0");
    EXPECT_EQ(sd.product.firmwareVersion.toString(), "5.1.7");
    EXPECT_EQ(sd.product.vendorName, "Research Industrial Systems Engineering (RISE) GmbH");
    EXPECT_EQ(sd.product.productName, "RISE Konnektor");
    EXPECT_TRUE(connectorIdentity(sd.product).ok());
}

TEST(RealConnectorSds, EventServiceNamedByItsWsdlNamespaceIsFound) {
    for (const char* name : {tiservice::testing::kKocobox518, tiservice::testing::kRise517}) {
        const auto sd = real(name);
        const auto es = sd.eventService();
        ASSERT_TRUE(es.has_value()) << name;
        EXPECT_EQ(es->targetNamespace, "http://ws.gematik.de/conn/EventService/WSDL/v7.2") << name;
        EXPECT_EQ(es->version, "7.2.0") << name;
    }
}

TEST(RealConnectorSds, OtherServicesInWsdlAndSchemaFormAndTheVendorsSpelling) {
    const auto sd = real(tiservice::testing::kKocobox518);
    const auto* card = service(sd, "CardService");
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->versions.front().targetNamespace, "http://ws.gematik.de/conn/CardService/WSDL/v8.1");
    const auto* vsd = service(sd, "VSDService");
    ASSERT_NE(vsd, nullptr);
    EXPECT_EQ(vsd->versions.front().targetNamespace, "http://ws.gematik.de/conn/vsds/VSDService/v5.2");
    // The vendor's spelling is kept; a look-up by name ignores case.
    ASSERT_NE(service(sd, "KVKService"), nullptr);
    EXPECT_EQ(sd.versionsOf("KvkService").size(), 1u);
    EXPECT_EQ(sd.versionsOf("kvkservice").front().targetNamespace, "http://ws.gematik.de/conn/vsds/KvkService/v4.0");
}

TEST(RealConnectorSds, OneServiceWithSeveralVersions) {
    const auto rise = real(tiservice::testing::kRise517);
    EXPECT_EQ(versions(service(rise, "CardService")), (std::vector<std::string>{"8.1.2", "8.1.1", "8.1.0"}));
    const auto koco = real(tiservice::testing::kKocobox518);
    std::size_t cardServices = 0;
    for (const auto& s : koco.services) cardServices += s.name == "CardService";
    EXPECT_EQ(cardServices, 1u);
    EXPECT_EQ(service(koco, "CardService")->versions.size(), 3u);
    // SignatureService 7.5 lives at a path of its own.
    const auto* sig = service(koco, "SignatureService");
    ASSERT_NE(sig, nullptr);
    ASSERT_GE(sig->versions.size(), 2u);
    std::set<std::string> paths;
    for (const auto& v : sig->versions) paths.insert(v.endpointTls);
    EXPECT_GE(paths.size(), 2u);
}

TEST(RealConnectorSds, NoRealDeviceListsEventService71BesideIt) {
    for (const char* name : {tiservice::testing::kKocobox518, tiservice::testing::kRise517}) {
        const auto list = real(name).versionsOf("EventService");
        ASSERT_EQ(list.size(), 1u) << name;
        EXPECT_EQ(list.front().version, "7.2.0");
    }
}

TEST(RealConnectorSds, TlsOptionalDevicesOfferEndpointAndEndpointTls) {
    for (const char* name : {tiservice::testing::kKocobox518, tiservice::testing::kRise517}) {
        const auto sd = real(name);
        EXPECT_FALSE(sd.tlsMandatory) << name;
        EXPECT_FALSE(sd.clientAuthMandatory) << name;
        const auto es = *sd.eventService();
        EXPECT_TRUE(es.endpoint.starts_with("http://")) << name;
        EXPECT_TRUE(es.endpointTls.starts_with("https://")) << name;
    }
}

TEST(RealConnectorSds, TheConfiguredTransportChoosesTheEndpoint) {
    const auto sd = real(tiservice::testing::kKocobox518);
    const auto es = *sd.eventService();
    auto tls = endpointFor(sd, es, "https://ksp.ltuzd.telematik-test/connector.sds", true, false);
    ASSERT_TRUE(tls.ok());
    EXPECT_EQ(*tls, "https://ksp.ltuzd.telematik-test:443/kon7/service/systeminformationservice");
    auto plain = endpointFor(sd, es, "http://ksp.ltuzd.telematik-test/connector.sds", false, false);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(*plain, "http://ksp.ltuzd.telematik-test:80/kon7/service/systeminformationservice");
}

TEST(RealConnectorSds, VendorPathsAreKeptWhenTheConfiguredHostReplacesTheirs) {
    const auto koco = real(tiservice::testing::kKocobox518);
    auto k = endpointFor(koco, *koco.eventService(), "https://127.0.0.1:8443/connector.sds", true, true);
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(*k, "https://127.0.0.1:8443/kon7/service/systeminformationservice");
    const auto rise = real(tiservice::testing::kRise517);
    auto r = endpointFor(rise, *rise.eventService(), "https://[::1]:9443/connector.sds", true, true);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "https://[::1]:9443/kon8/webservices/eventservice");
}

TEST(RealConnectorSds, JaxbLayoutWithProductInformationAsTheDefaultNamespace) {
    const auto text = tiservice::testing::realConnectorSds(tiservice::testing::kKocobox518);
    ASSERT_TRUE(text.starts_with("<ns2:ConnectorServices xmlns=\"http://ws.gematik.de/int/version/ProductInformation/v1.1\""));
    EXPECT_EQ(real(tiservice::testing::kKocobox518).services.size(), 14u);
}

TEST(RealConnectorSds, InformationDateWithMillisecondsAndOffset) {
    const auto sd = real(tiservice::testing::kKocobox518);
    EXPECT_EQ(sd.product.informationDate, "2024-03-05T16:57:30.449+01:00");
    ASSERT_TRUE(sd.product.informationTime.has_value());
    EXPECT_EQ(formatUtc(*sd.product.informationTime), "2024-03-05T15:57:30Z");
    EXPECT_EQ(formatUtc(*real(tiservice::testing::kRise517).product.informationTime), "2020-12-10T13:55:11Z");
}

TEST(RealConnectorSds, AbstractsOverSeveralLinesAreHarmless) {
    const auto sd = real(tiservice::testing::kRise517);
    const auto* events = service(sd, "EventService");
    ASSERT_NE(events, nullptr);
    EXPECT_EQ(events->versions.size(), 1u);
}

TEST(RealConnectorSds, TheSameFileOnOneLineReadsTheSame) {
    for (const char* name : {tiservice::testing::kKocobox518, tiservice::testing::kRise517}) {
        const auto text = oneLine(tiservice::testing::realConnectorSds(name));
        ASSERT_EQ(text.find('\n'), std::string::npos) << "not one line";
        auto sd = parseServiceDirectory(text);
        ASSERT_TRUE(sd.ok()) << name;
        EXPECT_EQ(sd->services.size(), real(name).services.size());
        EXPECT_EQ(sd->eventService()->endpointTls, real(name).eventService()->endpointTls);
    }
}

// --- what the two files do not show -------------------------------------------------------

TEST(ServiceDirectory, ReadsKocoboxStyleWithDefaultNamespaceForProductInformation) {
    auto sd = parseServiceDirectory(kKocoboxStyle);
    ASSERT_TRUE(sd.ok()) << sd.error().describe(Language::English);
    EXPECT_EQ(sd->product.vendorId, "KOCOC");
    EXPECT_EQ(sd->product.productCode, "kocobox");
    EXPECT_EQ(sd->product.productName, "KoCoBox MED+");
    EXPECT_EQ(sd->product.vendorName, "KoCo Connector GmbH");
    EXPECT_EQ(sd->product.firmwareVersion.toString(), "5.1.8");
    EXPECT_EQ(sd->product.hardwareVersion.toString(), "2.0.0");
    EXPECT_TRUE(sd->tlsMandatory);
    EXPECT_FALSE(sd->clientAuthMandatory);
    auto es = sd->eventService();
    ASSERT_TRUE(es.has_value());
    EXPECT_EQ(es->endpointTls, "https://192.168.10.20:443/ws/EventService");
    EXPECT_TRUE(es->endpoint.empty());
    auto id = connectorIdentity(sd->product);
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id->key(), "KOCOC-kocobox");
}

TEST(ServiceDirectory, PicksTheNewestEventService7AmongDozensOfServices) {
    auto sd = parseServiceDirectory(riseStyle());
    ASSERT_TRUE(sd.ok()) << sd.error().describe(Language::English);
    EXPECT_EQ(sd->services.size(), 41u);
    auto es = sd->eventService();
    ASSERT_TRUE(es.has_value());
    EXPECT_EQ(es->version, "7.2.0");
    EXPECT_EQ(es->targetNamespace, "http://ws.gematik.de/conn/EventService/v7.2");  // the schema form
    EXPECT_FALSE(sd->tlsMandatory);
    EXPECT_TRUE(sd->clientAuthMandatory);
}

TEST(ServiceDirectory, ReadsRedeclaredDefaultNamespacesAndTheCentralVersionForm) {
    auto sd = parseServiceDirectory(kRedeclaredDefaults);
    ASSERT_TRUE(sd.ok()) << sd.error().describe(Language::English);
    EXPECT_EQ(sd->product.vendorId, "SECUN");
    EXPECT_EQ(sd->product.firmwareVersion.toString(), "5.1.2-17");
    EXPECT_TRUE(sd->product.hardwareVersion.isUnknown());
    EXPECT_EQ(sd->eventService()->endpointTls, "https://[fd00::10]:8443/EventService");
}

TEST(ServiceDirectory, ForeignHostInEndpointsIsReplacedByTheConfiguredOneWhenAsked) {
    auto sd = parseServiceDirectory(riseStyle());
    ASSERT_TRUE(sd.ok());
    const auto es = *sd->eventService();
    auto kept = endpointFor(*sd, es, "https://192.168.1.10:8443/connector.sds", true, true);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, "https://192.168.1.10:8443/eventservice");
    auto asWritten = endpointFor(*sd, es, "https://192.168.1.10:8443/connector.sds", true, false);
    EXPECT_EQ(*asWritten, "https://konnektor.intern:443/eventservice");
    auto plain = endpointFor(*sd, es, "http://192.168.1.10/connector.sds", false, false);
    EXPECT_EQ(*plain, "http://konnektor.intern:80/eventservice");
}

TEST(ServiceDirectory, TlsOnlyConnectorRefusesPlainHttpWithWhatToSet) {
    auto sd = parseServiceDirectory(kKocoboxStyle);
    ASSERT_TRUE(sd.ok());
    auto e = endpointFor(*sd, *sd->eventService(), "http://192.168.10.20/connector.sds", false, false);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, errors::kTlsRequired);
    EXPECT_NE(e.error().message.de.find("verlangt eine verschlüsselte Verbindung (TLS)"), std::string::npos);
    EXPECT_NE(e.error().action.de.find("[tls] mode = server"), std::string::npos);
    EXPECT_NE(e.error().message.en.find("requires"), std::string::npos);
}

TEST(ServiceDirectory, TlsOnlyConnectorWithClientCertificateSaysSoToo) {
    std::string xml = kKocoboxStyle;
    const std::string optional = "<ns3:ClientAutMandatory>false";
    xml.replace(xml.find(optional), optional.size(), "<ns3:ClientAutMandatory>true");
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok());
    EXPECT_TRUE(sd->clientAuthMandatory);
    auto e = endpointFor(*sd, *sd->eventService(), "http://192.168.10.20/connector.sds", false, false);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.de.find("mit Client-Zertifikat"), std::string::npos);
    EXPECT_NE(e.error().action.de.find("client-certificate"), std::string::npos);
}

TEST(ServiceDirectory, AnHttpAddressIsNeverFollowedWhenTlsIsAsked) {
    // A directory that offers only a plain endpoint, or writes http:// into EndpointTLS.
    std::string plainOnly = riseStyle();
    while (plainOnly.find("<si:EndpointTLS") != std::string::npos) {
        const auto a = plainOnly.find("<si:EndpointTLS");
        plainOnly.erase(a, plainOnly.find("/>", a) + 2 - a);
    }
    auto sd = parseServiceDirectory(plainOnly);
    ASSERT_TRUE(sd.ok());
    auto e = endpointFor(*sd, *sd->eventService(), "https://192.168.1.10/connector.sds", true, false);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, errors::kNoEndpoint);

    std::string downgraded = riseStyle();
    const std::string tlsLocation = "EndpointTLS Location=\"https://";
    for (std::size_t at; (at = downgraded.find(tlsLocation)) != std::string::npos;)
        downgraded.replace(at, tlsLocation.size(), "EndpointTLS Location=\"http://");
    sd = parseServiceDirectory(downgraded);
    ASSERT_TRUE(sd.ok());
    for (bool keep : {false, true}) {
        e = endpointFor(*sd, *sd->eventService(), "https://192.168.1.10/connector.sds", true, keep);
        ASSERT_FALSE(e.ok());
        EXPECT_EQ(e.error().code, errors::kPlainEndpointRefused);
        EXPECT_NE(e.error().message.de.find("schickt nichts unverschlüsselt"), std::string::npos);
    }
}

TEST(ServiceDirectory, SchemaFormAndTheHighestPatchOfTheVersionWeSpeak) {
    std::string xml = riseStyle();
    // Add EventService 7.2.1 in schema form: it wins over 7.2.0; 7.1 is never taken for 7.2.
    const std::string more = R"(<si:Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.2" Version="7.2.1">
      <si:Abstract>E</si:Abstract><si:EndpointTLS Location="https://konnektor.intern:443/eventservice721"/></si:Version>)";
    xml.insert(xml.find("</si:Versions></si:Service></si:ServiceInformation>"), more);
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok());
    EXPECT_EQ(sd->eventService()->version, "7.2.1");
    EXPECT_EQ(sd->eventService()->endpointTls, "https://konnektor.intern:443/eventservice721");
}

TEST(ServiceDirectory, AConnectorOfferingOnlyEventService71HasNoneWeSpeak) {
    std::string xml = riseStyle();
    const auto at = xml.find(R"(<si:Version TargetNamespace="http://ws.gematik.de/conn/EventService/v7.2")");
    xml.erase(at, xml.find("</si:Version>", at) + 13 - at);
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok());
    EXPECT_FALSE(sd->eventService().has_value());
    ASSERT_EQ(sd->versionsOf("EventService").size(), 1u);
    EXPECT_EQ(sd->versionsOf("EventService").front().version, "7.1.0");
}

TEST(ServiceDirectory, RiseHskWithItsLongVendorNameAndProductTypeVkon) {
    std::string xml = tiservice::testing::realConnectorSds(tiservice::testing::kRise517);
    const std::string longName = "Research Industrial Systems Engineering (RISE) Forschungs-, Entwicklungs- und "
                                 "Großprojektberatung GmbH";
    xml.replace(xml.find("Research Industrial Systems Engineering (RISE) GmbH"), 51, longName);
    xml.replace(xml.find("<ProductType>Konnektor"), 22, "<ProductType>vkon");
    xml.replace(xml.find("<ProductCode>RKONN"), 18, "<ProductCode>RHSK");
    xml.replace(xml.find("<ProductName>RISE Konnektor"), 27, "<ProductName>RISE HSK");
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok());
    EXPECT_GT(sd->product.vendorName.size(), 60u);
    EXPECT_EQ(sd->product.vendorName, longName);
    EXPECT_EQ(sd->product.productType, "vkon");
    EXPECT_EQ(sd->product.key(), "RISEG-RHSK");
    EXPECT_TRUE(connectorIdentity(sd->product).ok());
}

TEST(ServiceDirectory, SecunetOneLineWithItsOwnPathsAndUnderscoreInTheProductCode) {
    const std::string xml =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ConnectorServices xmlns="http://ws.gematik.de/conn/ServiceDirectory/v3.1" xmlns:ns2="http://ws.gematik.de/int/version/ProductInformation/v1.1" xmlns:ns3="http://ws.gematik.de/conn/ServiceInformation/v2.0"><ns2:ProductInformation><ns2:InformationDate>2025-06-02T08:14:03.117+02:00</ns2:InformationDate><ns2:ProductTypeInformation><ns2:ProductType>Konnektor</ns2:ProductType><ns2:ProductTypeVersion>6.0.2</ns2:ProductTypeVersion></ns2:ProductTypeInformation><ns2:ProductIdentification><ns2:ProductVendorID>SECUN</ns2:ProductVendorID><ns2:ProductCode>secu_kon</ns2:ProductCode><ns2:ProductVersion><ns2:Local><ns2:HWVersion>2.0.0</ns2:HWVersion><ns2:FWVersion>6.0.5</ns2:FWVersion></ns2:Local></ns2:ProductVersion></ns2:ProductIdentification><ns2:ProductMiscellaneous><ns2:ProductVendorName>secunet Security Networks AG</ns2:ProductVendorName><ns2:ProductName>secunet konnektor 2.0.0</ns2:ProductName></ns2:ProductMiscellaneous></ns2:ProductInformation><TLSMandatory>true</TLSMandatory><ClientAutMandatory>false</ClientAutMandatory><ns3:ServiceInformation><ns3:Service Name="EventService"><ns3:Abstract>EventService</ns3:Abstract><ns3:Versions><ns3:Version TargetNamespace="http://ws.gematik.de/conn/EventService/WSDL/v7.2" Version="7.2.0"><ns3:Abstract>EventService</ns3:Abstract><ns3:EndpointTLS Location="https://10.0.0.5:443/konnektor/ws/EventService"/></ns3:Version></ns3:Versions></ns3:Service></ns3:ServiceInformation></ConnectorServices>)";
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok()) << sd.error().describe(Language::English);
    EXPECT_EQ(sd->product.key(), "SECUN-secu_kon");
    EXPECT_EQ(sd->product.firmwareVersion.toString(), "6.0.5");
    EXPECT_TRUE(connectorIdentity(sd->product).ok());
    auto e = endpointFor(*sd, *sd->eventService(), "https://10.0.0.5/connector.sds", true, true);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(*e, "https://10.0.0.5:443/konnektor/ws/EventService");
}

TEST(ServiceDirectory, DirectoryWithoutEventServiceHasNone) {
    std::string xml = kKocoboxStyle;
    const auto start = xml.find("<ns2:Service Name=\"EventService\">");
    const auto end = xml.find("</ns2:Service>", start) + std::string("</ns2:Service>").size();
    xml.erase(start, end - start);
    auto sd = parseServiceDirectory(xml);
    ASSERT_TRUE(sd.ok());
    EXPECT_FALSE(sd->eventService().has_value());
}

TEST(ServiceDirectory, RefusesWhatIsNotAServiceDirectory) {
    EXPECT_EQ(errorCode(""), "konnektor.sds-invalid");
    EXPECT_EQ(errorCode("<html><body>Login</body></html>"), "konnektor.sds-invalid");
    EXPECT_EQ(errorCode("<ConnectorServices>"), "konnektor.sds-invalid");
    // Right local name, wrong namespace: parse by namespace.
    EXPECT_EQ(errorCode("<ConnectorServices xmlns=\"urn:other\"/>"), "konnektor.sds-invalid");
}

TEST(ServiceDirectory, RefusesMissingIdentityOrVersion) {
    std::string noVendor = kKocoboxStyle;
    noVendor.replace(noVendor.find("KOCOC"), 5, "");
    EXPECT_EQ(errorCode(noVendor), "konnektor.sds-invalid");
    std::string badVersion = kKocoboxStyle;
    badVersion.replace(badVersion.find("5.1.8"), 5, "5.x.8");
    auto r = parseServiceDirectory(badVersion);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("die Firmware-Version fehlt"), std::string::npos);
}

TEST(ServiceDirectory, RefusesDocumentTypeDeclarations) {
    const char* laughs = R"(<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
      <ConnectorServices xmlns="http://ws.gematik.de/conn/ServiceDirectory/v3.1">&b;</ConnectorServices>)";
    EXPECT_EQ(errorCode(laughs), "konnektor.sds-invalid");
}

TEST(ServiceDirectory, ErrorsReadWellInBothLanguages) {
    auto r = parseServiceDirectory("<x/>");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("Dienstbeschreibung des Konnektors"), std::string::npos);
    EXPECT_NE(r.error().message.en.find("service directory"), std::string::npos);
}

TEST(ServiceDirectory, AnAttributeBombIsRefusedQuicklyWithAClearError) {
    using tiservice::testing::kKocobox518;
    using tiservice::testing::realConnectorSds;
    // One element with 300,000 attributes (3.5 MB, inside the answer cap): refused before the
    // parser's quadratic duplicate check could take minutes.
    std::string bomb = R"(<ns2:ConnectorServices xmlns:ns2="http://ws.gematik.de/conn/ServiceDirectory/v3.1")";
    for (int k = 0; k < 300'000; ++k) bomb += " a" + std::to_string(k) + "=\"1\"";
    bomb += "/>";
    auto r = parseServiceDirectory(bomb);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "konnektor.sds-invalid");
    EXPECT_NE(r.error().message.de.find("Dienstbeschreibung des Konnektors"), std::string::npos);
    // Also one attribute too many, and a tag too long, the same way; quoted '>' and '=' are no trap.
    std::string many = R"(<x xmlns="http://ws.gematik.de/conn/ServiceDirectory/v3.1")";
    for (int k = 0; k < 65; ++k) many += " a" + std::to_string(k) + "=\"1\"";
    EXPECT_FALSE(parseServiceDirectory(many + "/>").ok());
    EXPECT_FALSE(parseServiceDirectory("<x a=\"" + std::string(70'000, 'y') + "\"/>").ok());
    auto quoted = realConnectorSds(kKocobox518);
    quoted.replace(quoted.find("<ns3:Abstract>Signaturdienst"), 28, "<ns3:Abstract>Signatur = \"a > b\" <!-- x=y -->");
    EXPECT_TRUE(parseServiceDirectory(quoted).ok());
}

TEST(ServiceDirectory, WhatIsWrongIsSaidInPlainWordsAndTheParsersWordsGoToSupport) {
    // A login page where the connector should answer (a proxy, a wrong port).
    auto r = parseServiceDirectory("<html><body>Login</body></html>");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("unter der Adresse antwortet eine Webseite, nicht der Konnektor"),
              std::string::npos)
        << r.error().message.de;
    EXPECT_EQ(r.error().message.de.find("Wurzelelement"), std::string::npos);
    EXPECT_EQ(r.error().message.de.find("html"), std::string::npos);
    EXPECT_NE(r.error().detail.find("root element html"), std::string::npos) << r.error().detail;
    // Broken XML: no line and column in the sentence; they are in the detail for the log.
    r = parseServiceDirectory("<ConnectorServices><ProductInformation></ConnectorServices>");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.de.find("die Antwort ist kein lesbares XML"), std::string::npos)
        << r.error().message.de;
    EXPECT_EQ(r.error().message.de.find("line"), std::string::npos) << r.error().message.de;
    EXPECT_EQ(r.error().message.de.find("Zeile"), std::string::npos) << r.error().message.de;
    EXPECT_NE(r.error().detail.find("line"), std::string::npos) << r.error().detail;
    EXPECT_NE(r.error().message.en.find("not readable XML"), std::string::npos) << r.error().message.en;
}
