#include "tiservice/konnektor/event_service.h"
#include "tiservice/xml_text.h"

#include <gtest/gtest.h>

using namespace tiservice;
using namespace tiservice::konnektor;

namespace {

std::string envelope(const std::string& body) {
    return R"(<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body>)" + body +
           "</S:Body></S:Envelope>";
}

const char* kTerminals = R"(<ns4:GetCardTerminalsResponse xmlns:ns4="http://ws.gematik.de/conn/EventService/v7.2"
  xmlns:ns2="http://ws.gematik.de/conn/ConnectorCommon/v5.0" xmlns:ns3="http://ws.gematik.de/conn/CardTerminalInfo/v8.0"
  xmlns:ns5="http://ws.gematik.de/conn/CardServiceCommon/v2.0" xmlns="http://ws.gematik.de/int/version/ProductInformation/v1.1">
  <ns2:Status><ns2:Result>OK</ns2:Result></ns2:Status>
  <ns3:CardTerminals>
    <ns3:CardTerminal><ProductInformation><InformationDate>2026-11-28T10:00:00Z</InformationDate>
      <ProductTypeInformation><ProductType>KT</ProductType><ProductTypeVersion>1.5.0</ProductTypeVersion></ProductTypeInformation>
      <ProductIdentification><ProductVendorID>INGHC</ProductVendorID><ProductCode>ORGA6100</ProductCode>
      <ProductVersion><Local><HWVersion>1.2.0</HWVersion><FWVersion>3.8.2</FWVersion></Local></ProductVersion></ProductIdentification>
      <ProductMiscellaneous><ProductVendorName>Ingenico</ProductVendorName><ProductName>ORGA 6141 online</ProductName></ProductMiscellaneous></ProductInformation>
      <ns5:CtId>CT1</ns5:CtId><ns2:WorkplaceIds><ns2:WorkplaceId>Empfang</ns2:WorkplaceId></ns2:WorkplaceIds>
      <ns3:Name>Empfang</ns3:Name><ns3:MacAddress>00-0D-F8-01-02-03</ns3:MacAddress>
      <ns3:IPAddress><ns3:IPV4Address>192.168.1.30</ns3:IPV4Address></ns3:IPAddress>
      <ns3:Slots>4</ns3:Slots><ns3:IS_PHYSICAL>true</ns3:IS_PHYSICAL><ns3:Connected>true</ns3:Connected></ns3:CardTerminal>
    <ns3:CardTerminal><ProductInformation><InformationDate>2026-11-28T10:00:00Z</InformationDate>
      <ProductTypeInformation><ProductType>KT</ProductType><ProductTypeVersion>0.0.0</ProductTypeVersion></ProductTypeInformation>
      <ProductIdentification><ProductVendorID></ProductVendorID><ProductCode></ProductCode>
      <ProductVersion><Local><HWVersion>0.0.0</HWVersion><FWVersion>0.0.0</FWVersion></Local></ProductVersion></ProductIdentification>
      <ProductMiscellaneous><ProductVendorName></ProductVendorName><ProductName></ProductName></ProductMiscellaneous></ProductInformation>
      <ns5:CtId>CT2</ns5:CtId><ns2:WorkplaceIds/><ns3:Name>Labor</ns3:Name><ns3:MacAddress>00-0D-F8-01-02-04</ns3:MacAddress>
      <ns3:Slots>4</ns3:Slots><ns3:IS_PHYSICAL>true</ns3:IS_PHYSICAL><ns3:Connected>false</ns3:Connected></ns3:CardTerminal>
  </ns3:CardTerminals></ns4:GetCardTerminalsResponse>)";

std::string fault(const std::string& code, const std::string& text) {
    return envelope(R"(<S:Fault><faultcode>S:Server</faultcode><faultstring>)" + text +
                    R"(</faultstring><detail><e:Error xmlns:e="http://ws.gematik.de/tel/error/v2.0"><e:MessageID>1</e:MessageID>
      <e:Timestamp>2026-11-28T10:00:00Z</e:Timestamp><e:Trace><e:EventID/><e:Instance/><e:LogReference/><e:CompType>KON</e:CompType>
      <e:Code>)" + code + "</e:Code><e:Severity>Error</e:Severity><e:ErrorType>Security</e:ErrorType><e:ErrorText>" + text +
                    "</e:ErrorText></e:Trace></e:Error></detail></S:Fault>");
}

}  // namespace

TEST(EventService, ParsesTerminalsAcrossPrefixesWithSoapHeader) {
    auto r = parseGetCardTerminalsResponse(envelope(kTerminals));
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    ASSERT_EQ(r->size(), 2u);
    const auto& orga = (*r)[0];
    EXPECT_EQ(orga.ctId, "CT1");
    EXPECT_TRUE(orga.connected);
    EXPECT_EQ(orga.product.firmwareVersion.toString(), "3.8.2");
    EXPECT_EQ(orga.ipAddress, "192.168.1.30");
    EXPECT_EQ(orga.workplaceIds, std::vector<std::string>{"Empfang"});
    ASSERT_TRUE(orga.identity().has_value());
    EXPECT_EQ(orga.identity()->key(), "INGHC-ORGA6100");
    EXPECT_EQ(orga.identity()->type(), ComponentType::StationaryTerminal);
}

TEST(EventService, TerminalNotConnectedHasUnknownIdentityAndVersion) {
    auto r = parseGetCardTerminalsResponse(envelope(kTerminals));
    ASSERT_TRUE(r.ok());
    const auto& lab = (*r)[1];
    EXPECT_FALSE(lab.connected);
    EXPECT_FALSE(lab.identity().has_value());
    EXPECT_TRUE(lab.product.firmwareVersion.isUnknown());
    EXPECT_EQ(lab.name, "Labor");
}

TEST(EventService, ParsesOperatingStatesAndVpnStatus) {
    const std::string body = R"(<E:GetResourceInformationResponse xmlns:E="http://ws.gematik.de/conn/EventService/v7.2"
      xmlns:C="http://ws.gematik.de/conn/ConnectorCommon/v5.0"><C:Status><C:Result>OK</C:Result></C:Status>
      <C:Connector><C:VPNTIStatus><C:ConnectionStatus>Offline</C:ConnectionStatus><C:Timestamp>2026-11-28T10:00:00Z</C:Timestamp></C:VPNTIStatus>
      <C:VPNSISStatus><C:ConnectionStatus>Online</C:ConnectionStatus><C:Timestamp>2026-11-28T10:00:00Z</C:Timestamp></C:VPNSISStatus>
      <C:OperatingState>
        <C:ErrorState><C:ErrorCondition>EC_FW_Not_Valid_Status_Blocked</C:ErrorCondition><C:Severity>Fatal</C:Severity>
          <C:Type>Security</C:Type><C:Value>true</C:Value><C:ValidFrom>2026-11-26T00:00:00Z</C:ValidFrom></C:ErrorState>
        <C:ErrorState><C:ErrorCondition>EC_CRL_Expiring</C:ErrorCondition><C:Severity>Warning</C:Severity>
          <C:Type>Security</C:Type><C:Value>false</C:Value><C:ValidFrom>2026-11-28T00:00:00Z</C:ValidFrom></C:ErrorState>
      </C:OperatingState></C:Connector></E:GetResourceInformationResponse>)";
    auto r = parseGetResourceInformationResponse(envelope(body));
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_FALSE(r->vpnTiOnline);
    EXPECT_TRUE(r->vpnSisOnline);
    ASSERT_EQ(r->states.size(), 2u);
    EXPECT_TRUE(r->isActive("EC_FW_Not_Valid_Status_Blocked"));
    EXPECT_FALSE(r->isActive("EC_CRL_Expiring"));
    EXPECT_EQ(formatUtc(*r->states[0].validFrom), "2026-11-26T00:00:00Z");
}

TEST(EventService, SoapFaultForWrongMandantSaysWhatToCheck) {
    auto r = parseGetCardTerminalsResponse(fault("4004", "Ungültige Mandanten-ID"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "konnektor.soap-fault");
    EXPECT_EQ(r.error().detail, "4004");
    EXPECT_NE(r.error().message.de.find("Ungültige Mandanten-ID"), std::string::npos);
    EXPECT_NE(r.error().action.de.find("Mandanten-ID"), std::string::npos);
    EXPECT_NE(r.error().action.en.find("Mandant ID"), std::string::npos);
    EXPECT_NE(parseGetCardTerminalsResponse(fault("4006", "Ungültige Arbeitsplatz-ID")).error().action.de.find("Arbeitsplatz-ID"),
              std::string::npos);
}

TEST(EventService, BrokenAnswersAreErrorsNotEmptyLists) {
    for (const std::string& bad : {std::string(""), std::string("<html>Wartung</html>"), envelope("<x/>"),
                                  envelope(kTerminals).substr(0, 600), envelope("")}) {
        auto r = parseGetCardTerminalsResponse(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, "konnektor.answer-invalid");
    }
    // A response for another operation is not taken for this one.
    EXPECT_FALSE(parseGetResourceInformationResponse(envelope(kTerminals)).ok());
}

TEST(EventService, RequestCarriesTheContextEscaped) {
    const auto req = eventServiceRequest("GetCardTerminals", {"Praxis <1>", "PVS&Co", "Empfang", ""});
    EXPECT_NE(req.find("<CONN:MandantId>Praxis &lt;1&gt;</CONN:MandantId>"), std::string::npos);
    EXPECT_NE(req.find("<CONN:ClientSystemId>PVS&amp;Co</CONN:ClientSystemId>"), std::string::npos);
    EXPECT_EQ(req.find("UserId"), std::string::npos);
}

TEST(EventService, XmlEscapeCoversAllFiveSpecialCharactersAndKeepsUmlauts) {
    EXPECT_EQ(xmlEscape(R"(Dr. O'Brien & "Söhne" <Praxis>)"),
              "Dr. O&apos;Brien &amp; &quot;Söhne&quot; &lt;Praxis&gt;");
    EXPECT_EQ(xmlEscape(""), "");
}
