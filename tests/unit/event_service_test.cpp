#include "tiservice/konnektor/event_service.h"
#include "tiservice/konnektor/operating_states.h"
#include "tiservice/xml_text.h"

#include <gtest/gtest.h>

#include <tuple>

#include "support/simulator.h"

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

// --- as real connectors answer (docs/real-connectors.md) -------------------------------------

namespace {

// A KoCoBox's answer in JAXB's shape: numbered prefixes, ProductInformation as the default
// namespace, an empty SOAP Header. The ORGA terminal as the field reports it: CT_ID_0176, its
// device name, empty vendor and product names, two workplaces; a second one not connected.
const char* kRealTerminals = R"(<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
  <SOAP-ENV:Header/>
  <SOAP-ENV:Body>
    <ns6:GetCardTerminalsResponse xmlns="http://ws.gematik.de/int/version/ProductInformation/v1.1"
        xmlns:ns2="http://ws.gematik.de/conn/ConnectorCommon/v5.0" xmlns:ns4="http://ws.gematik.de/conn/CardServiceCommon/v2.0"
        xmlns:ns5="http://ws.gematik.de/conn/CardTerminalInfo/v8.0" xmlns:ns6="http://ws.gematik.de/conn/EventService/v7.2">
      <ns2:Status><ns2:Result>OK</ns2:Result></ns2:Status>
      <ns5:CardTerminals>
        <ns5:CardTerminal>
          <ProductInformation>
            <InformationDate>2025-06-02T08:14:03.117+02:00</InformationDate>
            <ProductTypeInformation><ProductType>KT</ProductType><ProductTypeVersion>1.5.0</ProductTypeVersion></ProductTypeInformation>
            <ProductIdentification><ProductVendorID>INGHC</ProductVendorID><ProductCode>ORGA6100</ProductCode>
              <ProductVersion><Local><HWVersion>1.2.0</HWVersion><FWVersion>3.8.2</FWVersion></Local></ProductVersion>
            </ProductIdentification>
            <ProductMiscellaneous><ProductVendorName></ProductVendorName><ProductName></ProductName></ProductMiscellaneous>
          </ProductInformation>
          <ns4:CtId>CT_ID_0176</ns4:CtId>
          <ns2:WorkplaceIds><ns2:WorkplaceId>Konnektor</ns2:WorkplaceId><ns2:WorkplaceId>GUSbox03</ns2:WorkplaceId></ns2:WorkplaceIds>
          <ns5:Name>ORGA6100-0241000000B692</ns5:Name>
          <ns5:MacAddress>00-0D-F8-0C-86-52</ns5:MacAddress>
          <ns5:IPAddress><ns5:IPV4Address>127.0.0.1</ns5:IPV4Address></ns5:IPAddress>
          <ns5:Slots>4</ns5:Slots><ns5:IS_PHYSICAL>true</ns5:IS_PHYSICAL><ns5:Connected>true</ns5:Connected>
        </ns5:CardTerminal>
        <ns5:CardTerminal>
          <ProductInformation>
            <InformationDate>1970-01-01T01:00:00.000+01:00</InformationDate>
            <ProductTypeInformation><ProductType>KT</ProductType><ProductTypeVersion>0.0.0</ProductTypeVersion></ProductTypeInformation>
            <ProductIdentification><ProductVendorID></ProductVendorID><ProductCode></ProductCode>
              <ProductVersion><Local><HWVersion>0.0.0</HWVersion><FWVersion>0.0.0</FWVersion></Local></ProductVersion>
            </ProductIdentification>
            <ProductMiscellaneous><ProductVendorName></ProductVendorName><ProductName></ProductName></ProductMiscellaneous>
          </ProductInformation>
          <ns4:CtId>CT_ID_0093</ns4:CtId><ns2:WorkplaceIds/><ns5:Name>ORGA6100-0241000000C114</ns5:Name>
          <ns5:MacAddress>00-0D-F8-0C-91-14</ns5:MacAddress><ns5:Slots>0</ns5:Slots>
          <ns5:IS_PHYSICAL>true</ns5:IS_PHYSICAL><ns5:Connected>false</ns5:Connected>
        </ns5:CardTerminal>
      </ns5:CardTerminals>
    </ns6:GetCardTerminalsResponse>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>)";

const char* kRealResources = R"(<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Header/><SOAP-ENV:Body>
  <ns6:GetResourceInformationResponse xmlns:ns2="http://ws.gematik.de/conn/ConnectorCommon/v5.0" xmlns:ns6="http://ws.gematik.de/conn/EventService/v7.2">
    <ns2:Status><ns2:Result>OK</ns2:Result></ns2:Status>
    <ns2:Connector>
      <ns2:VPNTIStatus><ns2:ConnectionStatus>Online</ns2:ConnectionStatus><ns2:Timestamp>2025-06-02T08:14:03.117+02:00</ns2:Timestamp></ns2:VPNTIStatus>
      <ns2:VPNSISStatus><ns2:ConnectionStatus>Offline</ns2:ConnectionStatus><ns2:Timestamp>2025-06-02T08:14:03.117+02:00</ns2:Timestamp></ns2:VPNSISStatus>
      <ns2:OperatingState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_Connector_Software_Out_Of_Date</ns2:ErrorCondition><ns2:Severity>Info</ns2:Severity><ns2:Type>Operation</ns2:Type><ns2:Value>true</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_No_VPN_TI_Connection</ns2:ErrorCondition><ns2:Severity>Error</ns2:Severity><ns2:Type>Operation</ns2:Type><ns2:Value>false</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_CardTerminal_Software_Out_Of_Date(CT_ID_0176)</ns2:ErrorCondition><ns2:Severity>Info</ns2:Severity><ns2:Type>Operation</ns2:Type><ns2:Value>true</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_CardTerminal_Not_Available(CT_ID_0093)</ns2:ErrorCondition><ns2:Severity>Error</ns2:Severity><ns2:Type>Operation</ns2:Type><ns2:Value>true</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon(CT_ID_0176)</ns2:ErrorCondition><ns2:Severity>Warning</ns2:Severity><ns2:Type>Security</ns2:Type><ns2:Value>false</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
        <ns2:ErrorState><ns2:ErrorCondition>EC_OTHER_ERROR_STATE(1)</ns2:ErrorCondition><ns2:Severity>Warning</ns2:Severity><ns2:Type>Operation</ns2:Type><ns2:Value>false</ns2:Value><ns2:ValidFrom>2025-05-30T02:00:00.000+02:00</ns2:ValidFrom></ns2:ErrorState>
      </ns2:OperatingState>
    </ns2:Connector>
  </ns6:GetResourceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>)";

}  // namespace

TEST(RealEventServiceAnswers, TerminalsWithEmptyNamesAndSeveralWorkplaces) {
    auto r = parseGetCardTerminalsResponse(kRealTerminals);
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    ASSERT_EQ(r->size(), 2u);
    const auto& orga = (*r)[0];
    EXPECT_EQ(orga.ctId, "CT_ID_0176");
    EXPECT_EQ(orga.name, "ORGA6100-0241000000B692");
    EXPECT_TRUE(orga.product.productName.empty());
    EXPECT_TRUE(orga.product.vendorName.empty());
    EXPECT_EQ(orga.product.key(), "INGHC-ORGA6100");
    EXPECT_EQ(orga.product.hardwareVersion.toString(), "1.2.0");
    EXPECT_EQ(orga.product.firmwareVersion.toString(), "3.8.2");
    EXPECT_EQ(orga.workplaceIds, (std::vector<std::string>{"Konnektor", "GUSbox03"}));
    ASSERT_TRUE(orga.identity().has_value());
    EXPECT_EQ(orga.identity()->key(), "INGHC-ORGA6100");
    EXPECT_EQ(formatUtc(*orga.product.informationTime), "2025-06-02T06:14:03Z");
}

TEST(RealEventServiceAnswers, ATerminalNotConnectedHasNoIdentityAndNoVersion) {
    auto r = parseGetCardTerminalsResponse(kRealTerminals);
    ASSERT_TRUE(r.ok());
    const auto& off = (*r)[1];
    EXPECT_FALSE(off.connected);
    EXPECT_TRUE(off.product.key().empty());
    EXPECT_FALSE(off.identity().has_value());
    EXPECT_TRUE(off.product.firmwareVersion.isUnknown());
    EXPECT_TRUE(off.product.hardwareVersion.isUnknown());
    EXPECT_TRUE(off.workplaceIds.empty());
}

TEST(RealEventServiceAnswers, EveryStateIsListedOnlyActiveOnesCountAndBracketsNameTheSubject) {
    auto r = parseGetResourceInformationResponse(kRealResources);
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_TRUE(r->vpnTiOnline);
    EXPECT_FALSE(r->vpnSisOnline);
    EXPECT_EQ(r->vpnSisStatus, "Offline");
    ASSERT_EQ(r->states.size(), 6u);
    EXPECT_EQ(r->active().size(), 3u);
    EXPECT_TRUE(r->isActive("EC_Connector_Software_Out_Of_Date"));
    EXPECT_FALSE(r->isActive("EC_No_VPN_TI_Connection"));
    EXPECT_TRUE(r->isActiveFor("EC_CardTerminal_Software_Out_Of_Date", "CT_ID_0176"));
    EXPECT_FALSE(r->isActiveFor("EC_CardTerminal_Software_Out_Of_Date", "CT_ID_0093"));
    EXPECT_TRUE(r->isActiveFor("EC_CardTerminal_Not_Available", "CT_ID_0093"));
    EXPECT_FALSE(r->isActiveFor("EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon", "CT_ID_0176"));
    EXPECT_EQ(r->states[2].errorCondition, "EC_CardTerminal_Software_Out_Of_Date(CT_ID_0176)");
    EXPECT_EQ(r->states[2].condition, "EC_CardTerminal_Software_Out_Of_Date");
    EXPECT_EQ(r->states[2].subject, "CT_ID_0176");
    EXPECT_EQ(r->states[5].condition, "EC_OTHER_ERROR_STATE");
    EXPECT_EQ(r->states[5].subject, "1");
    EXPECT_EQ(formatUtc(*r->states[0].validFrom), "2025-05-30T00:00:00Z");
}

TEST(RealEventServiceAnswers, ErrorConditionsSplitIntoNameAndSubject) {
    EXPECT_EQ(splitErrorCondition("EC_Name(CT_ID_0176)"), (std::pair<std::string, std::string>{"EC_Name", "CT_ID_0176"}));
    EXPECT_EQ(splitErrorCondition(" EC_OTHER_ERROR_STATE( 2 ) "), (std::pair<std::string, std::string>{"EC_OTHER_ERROR_STATE", "2"}));
    EXPECT_EQ(splitErrorCondition("EC_Plain"), (std::pair<std::string, std::string>{"EC_Plain", ""}));
    EXPECT_EQ(splitErrorCondition("EC_Odd(unclosed"), (std::pair<std::string, std::string>{"EC_Odd(unclosed", ""}));
}

TEST(RealEventServiceAnswers, WhatAnActiveStateMeansInPlainWords) {
    OperatingState outOfDate;
    outOfDate.errorCondition = outOfDate.condition = "EC_Connector_Software_Out_Of_Date";
    outOfDate.severity = "Info";
    const auto m = describeState(outOfDate);
    EXPECT_NE(m.meaning.de.find("gibt es ein Update; er arbeitet bis dahin normal weiter"), std::string::npos) << m.meaning.de;
    EXPECT_NE(m.meaning.en.find("keeps working"), std::string::npos) << m.meaning.en;
    OperatingState smc;
    smc.errorCondition = "EC_CardTerminal_gSMC-KT_Certificate_Expires_Soon(CT_ID_0176)";
    std::tie(smc.condition, smc.subject) = splitErrorCondition(smc.errorCondition);
    const auto s = describeState(smc, "ORGA 6141 online (Empfang)");
    EXPECT_NE(s.meaning.de.find("Sicherheitskarte (gSMC-KT) im Kartenterminal ORGA 6141 online (Empfang) läuft bald ab"),
              std::string::npos) << s.meaning.de;
    OperatingState unknown;
    unknown.errorCondition = unknown.condition = "EC_Brand_New";
    unknown.severity = "Warning";
    const auto u = describeState(unknown);
    EXPECT_NE(u.meaning.de.find("„EC_Brand_New“ (Warnung), den tiservice nicht kennt"), std::string::npos) << u.meaning.de;
    EXPECT_FALSE(u.action.empty());
}

TEST(RealEventServiceAnswers, EveryRequestWeSendIsValidAgainstEventServiceXsd) {
    for (const char* op : {"GetCardTerminals", "GetResourceInformation"})
        for (const CallContext& c : {CallContext{"Praxis1", "PVS1", "Empfang", ""},
                                     CallContext{"Praxis <1>", "PVS&Co", "Empfang \"2\"", "Dr. O'Brien"}}) {
            const auto request = eventServiceRequest(op, c);
            EXPECT_NE(request.find("xmlns:EVT=\"http://ws.gematik.de/conn/EventService/v7.2\""), std::string::npos);
            EXPECT_EQ(tiservice::testing::schemaErrors(tiservice::testing::soapBodyChild(request), "conn/EventService.xsd"), "")
                << op << ": " << request;
        }
    EXPECT_EQ(kEventService72.soapAction("GetCardTerminals"), "http://ws.gematik.de/conn/EventService/v7.2#GetCardTerminals");

    // The check itself refuses what a connector would refuse: a request without the workplace
    // its context must name, and one that is not XML at all.
    auto request = eventServiceRequest("GetCardTerminals", CallContext{"Praxis1", "PVS1", "Empfang", ""});
    const auto workplace = request.find("<CONN:WorkplaceId>");
    request.erase(workplace, request.find("</CONN:WorkplaceId>") + 19 - workplace);
    EXPECT_NE(tiservice::testing::schemaErrors(tiservice::testing::soapBodyChild(request), "conn/EventService.xsd")
                  .find("WorkplaceId"),
              std::string::npos);
    EXPECT_NE(tiservice::testing::schemaErrors("<EVT:GetCardTerminals", "conn/EventService.xsd"), "");
}
