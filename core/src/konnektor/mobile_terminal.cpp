#include "tiservice/konnektor/mobile_terminal.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tiservice::konnektor {
namespace {

std::string s(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toString().toStdString(); }

Error invalid(const std::string& what) {
    return Error{.code = "mobile-terminal.answer-invalid",
                 .message = TIS_TEXT("mobile_terminal", "Das mobile Kartenterminal antwortet unverständlich."),
                 .action = TIS_TEXT("mobile_terminal",
                                    "Das Gerät neu anschließen und erneut prüfen; bleibt es so, den "
                                    "Support anrufen."),
                 .detail = what};
}

}  // namespace

Result<MobileTerminalStatus> parseMobileTerminalStatus(std::string_view json) {
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject()) return invalid("no JSON object");
    const auto o = doc.object();
    MobileTerminalStatus st;
    st.vendorId = s(o, "vendorId");
    st.productCode = s(o, "productCode");
    st.productName = s(o, "productName");
    if (st.vendorId.empty() || st.productCode.empty()) return invalid("vendorId or productCode missing");
    auto fw = FirmwareVersion::parse(s(o, "firmwareVersion"));
    if (!fw.ok()) return invalid("firmwareVersion missing or invalid");
    st.firmwareVersion = *fw;
    if (auto cvc = FirmwareVersion::parse(s(o, "cvcListVersion")); cvc.ok()) st.cvcListVersion = *cvc;
    if (o.value("batteryPercent").isDouble()) st.batteryPercent = std::clamp(o.value("batteryPercent").toInt(), 0, 100);
    st.docked = o.value("docked").toBool(false);
    return st;
}

Result<MobileTerminalStatus> readMobileTerminal(const std::string& url, net::ClientOptions options) {
    options.peerName = TIS_TEXT("mobile_terminal", "Das mobile Kartenterminal");
    options.maxAttempts = 1;
    options.connectTimeout = std::min(options.connectTimeout, std::chrono::milliseconds(3'000));
    options.totalTimeout = std::min(options.totalTimeout, std::chrono::milliseconds(10'000));
    net::HttpClient http(std::move(options));
    auto r = http.sendExpectingSuccess(net::Request{.method = "GET", .url = url + "/status"});
    if (!r.ok()) return r.error();
    return parseMobileTerminalStatus(r->body);
}

}  // namespace tiservice::konnektor
