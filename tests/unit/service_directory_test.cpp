// connector.sds as real connectors write it: the parser must go by namespace, not prefix.
#include "tiservice/konnektor/service_directory.h"

#include <gtest/gtest.h>

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

}  // namespace

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
    EXPECT_EQ(es->targetNamespace, "http://ws.gematik.de/conn/EventService/v7.2");
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
    auto kept = endpointFor(es, "https://192.168.1.10:8443/connector.sds", true, true);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(*kept, "https://192.168.1.10:8443/eventservice");
    auto asWritten = endpointFor(es, "https://192.168.1.10:8443/connector.sds", true, false);
    EXPECT_EQ(*asWritten, "https://konnektor.intern:443/eventservice");
    auto plain = endpointFor(es, "http://192.168.1.10/connector.sds", false, false);
    EXPECT_EQ(*plain, "http://konnektor.intern:80/eventservice");
}

TEST(ServiceDirectory, MissingPlainEndpointFallsBackToTls) {
    auto sd = parseServiceDirectory(kKocoboxStyle);
    auto e = endpointFor(*sd->eventService(), "http://192.168.10.20/connector.sds", false, false);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(*e, "https://192.168.10.20:443/ws/EventService");
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
    EXPECT_NE(r.error().message.de.find("FWVersion"), std::string::npos);
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
