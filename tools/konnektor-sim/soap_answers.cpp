#include "soap_answers.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

#include "xml_writer.h"

namespace tiservice::sim {
namespace {

constexpr const char* kSoap = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* kProductInformation = "http://ws.gematik.de/int/version/ProductInformation/v1.1";
constexpr const char* kConnectorCommon = "http://ws.gematik.de/conn/ConnectorCommon/v5.0";
constexpr const char* kTelError = "http://ws.gematik.de/tel/error/v2.0";
constexpr const char* kCardServiceCommon = "http://ws.gematik.de/conn/CardServiceCommon/v2.0";
constexpr const char* kCardTerminalInfo = "http://ws.gematik.de/conn/CardTerminalInfo/v8.0";
constexpr const char* kEventService = "http://ws.gematik.de/conn/EventService/v7.2";

/// JAXB declares every namespace of the package on the response element and numbers them.
std::string responseNamespaces() {
    return xmlAttribute("xmlns", kProductInformation) + xmlAttribute("xmlns:ns2", kConnectorCommon) +
           xmlAttribute("xmlns:ns3", kTelError) + xmlAttribute("xmlns:ns4", kCardServiceCommon) +
           xmlAttribute("xmlns:ns5", kCardTerminalInfo) + xmlAttribute("xmlns:ns6", kEventService);
}

void productInformation(XmlWriter& w, const DeviceIdentity& id, const std::string& date) {
    w.open("ProductInformation");
    w.text("InformationDate", date);
    w.open("ProductTypeInformation");
    w.text("ProductType", id.productType);
    w.text("ProductTypeVersion", id.productTypeVersion);
    w.close("ProductTypeInformation");
    w.open("ProductIdentification");
    w.text("ProductVendorID", id.vendorId);
    w.text("ProductCode", id.productCode);
    w.open("ProductVersion");
    w.open("Local");
    w.text("HWVersion", id.hwVersion);
    w.text("FWVersion", id.fwVersion);
    w.close("Local");
    w.close("ProductVersion");
    w.close("ProductIdentification");
    w.open("ProductMiscellaneous");
    w.text("ProductVendorName", id.vendorName);
    w.text("ProductName", id.productName);
    w.close("ProductMiscellaneous");
    w.close("ProductInformation");
}

void cardTerminal(XmlWriter& w, const Terminal& t, TimePoint now) {
    w.open("ns5:CardTerminal");
    // A terminal that is not connected reports the epoch as its information date.
    productInformation(w, t.identity, t.connected ? deviceTime(now) : deviceTime(TimePoint{}));
    w.text("ns4:CtId", t.ctId);
    w.open("ns2:WorkplaceIds");
    for (const auto& wp : t.workplaceIds) w.text("ns2:WorkplaceId", wp);
    w.close("ns2:WorkplaceIds");
    w.text("ns5:Name", t.name);
    w.text("ns5:MacAddress", t.macAddress);
    if (!t.ipAddress.empty()) {
        w.open("ns5:IPAddress");
        w.text("ns5:IPV4Address", t.ipAddress);
        w.close("ns5:IPAddress");
    }
    w.text("ns5:Slots", std::to_string(t.slotCount));
    w.text("ns5:IS_PHYSICAL", "true");
    w.text("ns5:Connected", t.connected ? "true" : "false");
    w.close("ns5:CardTerminal");
}

void okStatus(XmlWriter& w) {
    w.open("ns2:Status");
    w.text("ns2:Result", "OK");
    w.close("ns2:Status");
}

}  // namespace

std::string deviceTime(TimePoint t) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t - seconds).count();
    const std::time_t tt = std::chrono::system_clock::to_time_t(seconds);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char date[32], zone[16];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
#ifdef _WIN32
    // No tm_gmtoff: the same instant read as UTC and then as local time tells the offset.
    std::tm utc{};
    ::gmtime_s(&utc, &tt);
    utc.tm_isdst = tm.tm_isdst;
    const int offset = static_cast<int>(std::difftime(tt, std::mktime(&utc)) / 60) % (24 * 60);
#else
    const int offset = static_cast<int>(tm.tm_gmtoff / 60) % (24 * 60);
#endif
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', std::abs(offset) / 60, std::abs(offset) % 60);
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03d", static_cast<int>(millis % 1000));
    return std::string(date) + ms + zone;
}

std::string soapEnvelope(const std::string& body, bool pretty) {
    XmlWriter w(pretty);
    w.open("SOAP-ENV:Envelope", xmlAttribute("xmlns:SOAP-ENV", kSoap));
    w.empty("SOAP-ENV:Header");
    w.open("SOAP-ENV:Body");
    w.raw(body);
    w.close("SOAP-ENV:Body");
    w.close("SOAP-ENV:Envelope");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + std::string(pretty ? "\n" : "") + w.str();
}

std::string soapFault(int code, const std::string& text, const std::string& errorType, TimePoint now, bool pretty) {
    static std::mt19937_64 rng{std::random_device{}()};
    XmlWriter w(pretty, 2);
    w.open("SOAP-ENV:Fault");
    w.text("faultcode", "SOAP-ENV:Server");
    w.text("faultstring", text);
    w.open("detail");
    w.open("ns3:Error", xmlAttribute("xmlns:ns3", kTelError));
    w.text("ns3:MessageID", "urn:uuid:sim-" + std::to_string(rng()));
    w.text("ns3:Timestamp", deviceTime(now));
    w.open("ns3:Trace");
    w.text("ns3:EventID", "");
    w.text("ns3:Instance", "konnektor-sim");
    w.text("ns3:LogReference", "");
    w.text("ns3:CompType", "KON");
    w.text("ns3:Code", std::to_string(code));
    w.text("ns3:Severity", "Error");
    w.text("ns3:ErrorType", errorType);
    w.text("ns3:ErrorText", text);
    w.close("ns3:Trace");
    w.close("ns3:Error");
    w.close("detail");
    w.close("SOAP-ENV:Fault");
    return soapEnvelope(w.str(), pretty);
}

std::string getCardTerminalsResponse(const std::vector<Terminal>& terminals, TimePoint now, bool pretty) {
    XmlWriter w(pretty, 2);
    w.open("ns6:GetCardTerminalsResponse", responseNamespaces());
    okStatus(w);
    w.open("ns5:CardTerminals");
    for (const auto& t : terminals) cardTerminal(w, t, now);
    w.close("ns5:CardTerminals");
    w.close("ns6:GetCardTerminalsResponse");
    return soapEnvelope(w.str(), pretty);
}

std::string getResourceInformationResponse(const std::optional<Terminal>& terminal, bool vpnTiOnline,
                                           bool vpnSisOnline, const std::vector<ErrorStateView>& states,
                                           TimePoint now, bool pretty) {
    XmlWriter w(pretty, 2);
    w.open("ns6:GetResourceInformationResponse", responseNamespaces());
    okStatus(w);
    if (terminal) cardTerminal(w, *terminal, now);
    w.open("ns2:Connector");
    for (const auto& [name, online] : {std::pair<const char*, bool>{"ns2:VPNTIStatus", vpnTiOnline},
                                       {"ns2:VPNSISStatus", vpnSisOnline}}) {
        w.open(name);
        w.text("ns2:ConnectionStatus", online ? "Online" : "Offline");
        w.text("ns2:Timestamp", deviceTime(now));
        w.close(name);
    }
    w.open("ns2:OperatingState");
    for (const auto& s : states) {
        w.open("ns2:ErrorState");
        w.text("ns2:ErrorCondition", s.condition);
        w.text("ns2:Severity", s.severity);
        w.text("ns2:Type", s.type);
        w.text("ns2:Value", s.value ? "true" : "false");
        w.text("ns2:ValidFrom", deviceTime(s.validFrom));
        w.close("ns2:ErrorState");
    }
    w.close("ns2:OperatingState");
    w.close("ns2:Connector");
    w.close("ns6:GetResourceInformationResponse");
    return soapEnvelope(w.str(), pretty);
}

}  // namespace tiservice::sim
