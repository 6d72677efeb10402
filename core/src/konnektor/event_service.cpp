#include "tiservice/konnektor/event_service.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "gematik_ns.h"
#include "product_information.h"
#include "xml_tree.h"
#include "tiservice/xml_text.h"

namespace tiservice::konnektor {
namespace {

bool xsdTrue(std::string_view v) { return v == "true" || v == "1"; }
bool xsdFalse(std::string_view v) { return v == "false" || v == "0"; }

Error answerInvalid(const LocalizedText& what) {
    return Error{
        .code = "konnektor.answer-invalid",
        .message =
            TIS_TEXT("event_service", "Die Antwort des Konnektors ist unvollständig oder beschädigt: %1").arg(what),
        .action = TIS_TEXT("event_service", "Später noch einmal prüfen; bleibt der Fehler, den Support anrufen."),
        .detail = what.en};
}

Error faultError(const xml::Element& fault) {
    const std::string faultString = fault.childText("", "faultstring");
    std::string code, text;
    if (const auto* err = fault.find(ns::kTelError, "Error")) {
        if (const auto* trace = err->child(ns::kTelError, "Trace")) {
            code = trace->childText(ns::kTelError, "Code");
            text = trace->childText(ns::kTelError, "ErrorText");
        }
    }
    if (text.empty()) text = faultString;
    LocalizedText action =
        TIS_TEXT("event_service", "Später noch einmal versuchen; bleibt der Fehler, den Support anrufen.");
    if (code == "4004")
        action = TIS_TEXT(
            "event_service",
            "Die Mandanten-ID in den TI-Einstellungen prüfen: sie muss genau so im Konnektor eingetragen sein.");
    else if (code == "4005" || code == "4010")
        action = TIS_TEXT(
            "event_service",
            "Die Clientsystem-ID in den TI-Einstellungen prüfen: sie muss im Konnektor dem Mandanten zugeordnet sein.");
    else if (code == "4006" || code == "4011")
        action = TIS_TEXT(
            "event_service",
            "Die Arbeitsplatz-ID in den TI-Einstellungen prüfen: sie muss im Konnektor dem Mandanten zugeordnet sein.");
    return Error{
        .code = "konnektor.soap-fault",
        .message =
            code.empty()
                ? TIS_TEXT("event_service", "Der Konnektor lehnt die Anfrage ab: %1").arg(text)
                : TIS_TEXT("event_service", "Der Konnektor lehnt die Anfrage ab: %1 (Fehler %2).").arg(text, code),
        .action = action,
        .detail = code.empty() ? faultString : code};
}

/// The first element in the SOAP Body, or the Error a fault or broken envelope means.
Result<xml::Element> bodyChild(std::string_view envelope, std::string_view expectedOperation) {
    auto doc = xml::parse(envelope);
    if (!doc.ok()) return answerInvalid(TIS_TEXT("event_service", "kein gültiges XML (%1)").arg(doc.error().detail));
    if (!doc->is(ns::kSoapEnvelope, "Envelope")) return answerInvalid(TIS_TEXT("event_service", "kein SOAP-Envelope"));
    const auto* body = doc->child(ns::kSoapEnvelope, "Body");
    if (!body || body->children.empty()) return answerInvalid(TIS_TEXT("event_service", "SOAP-Body leer"));
    const auto& first = body->children.front();
    if (first.is(ns::kSoapEnvelope, "Fault")) return faultError(first);
    if (!first.is(kEventService72.schemaNamespace, expectedOperation))
        return answerInvalid(TIS_TEXT("event_service", "erwartet %1, erhalten %2").arg(expectedOperation, first.name));
    if (const auto* status = first.child(ns::kConnectorCommon, "Status")) {
        const auto result = status->childText(ns::kConnectorCommon, "Result");
        if (result != "OK" && result != "Warning") return answerInvalid(LocalizedText::same("Status " + result));
    } else {
        return answerInvalid(TIS_TEXT("event_service", "Status fehlt"));
    }
    xml::Element response = first;  // a copy: the tree it lives in ends here
    return response;
}

}  // namespace

std::optional<ProductIdentity> CardTerminal::identity() const {
    if (!connected || product.vendorId.empty() || product.productCode.empty()) return std::nullopt;
    auto id = ProductIdentity::create({.vendorId = product.vendorId,
                                       .productCode = product.productCode,
                                       .hardwareVersion = product.hardwareVersion,
                                       .type = ComponentType::StationaryTerminal,
                                       .vendorName = product.vendorName,
                                       .productName = product.productName});
    if (!id.ok()) return std::nullopt;
    return *id;
}

std::pair<std::string, std::string> splitErrorCondition(std::string_view raw) {
    const auto trim = [](std::string_view v) {
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
        return v;
    };
    raw = trim(raw);
    const auto open = raw.find('(');
    if (open == std::string_view::npos || raw.back() != ')') return {std::string(raw), {}};
    return {std::string(trim(raw.substr(0, open))), std::string(trim(raw.substr(open + 1, raw.size() - open - 2)))};
}

bool ConnectorResources::isActive(std::string_view condition) const {
    return std::any_of(states.begin(), states.end(),
                       [&](const OperatingState& s) { return s.active && s.condition == condition; });
}

bool ConnectorResources::isActiveFor(std::string_view condition, std::string_view subject) const {
    return std::any_of(states.begin(), states.end(), [&](const OperatingState& s) {
        return s.active && s.condition == condition && s.subject == subject;
    });
}

std::vector<const OperatingState*> ConnectorResources::active() const {
    std::vector<const OperatingState*> out;
    for (const auto& s : states)
        if (s.active) out.push_back(&s);
    return out;
}

Result<std::vector<CardTerminal>> parseGetCardTerminalsResponse(std::string_view envelope) {
    auto response = bodyChild(envelope, "GetCardTerminalsResponse");
    if (!response.ok()) return response.error();
    const auto* list = response->child(ns::kCardTerminalInfo, "CardTerminals");
    if (!list) return answerInvalid(TIS_TEXT("event_service", "CardTerminals fehlt"));
    std::vector<CardTerminal> out;
    for (const auto* t : list->childrenNamed(ns::kCardTerminalInfo, "CardTerminal")) {
        CardTerminal ct;
        ct.ctId = t->childText(ns::kCardServiceCommon, "CtId");
        if (ct.ctId.empty()) return answerInvalid(TIS_TEXT("event_service", "CtId fehlt"));
        ct.name = t->childText(ns::kCardTerminalInfo, "Name");
        if (const auto* pi = t->child(ns::kProductInformation, "ProductInformation")) ct.product = readProductInformation(*pi);
        ct.connected = xsdTrue(t->childText(ns::kCardTerminalInfo, "Connected"));
        ct.physical = !xsdFalse(t->childText(ns::kCardTerminalInfo, "IS_PHYSICAL"));
        ct.macAddress = t->childText(ns::kCardTerminalInfo, "MacAddress");
        if (const auto* ip = t->child(ns::kCardTerminalInfo, "IPAddress"))
            for (const auto& c : ip->children) ct.ipAddress = c.text;
        if (const auto* wp = t->child(ns::kConnectorCommon, "WorkplaceIds"))
            for (const auto* w : wp->childrenNamed(ns::kConnectorCommon, "WorkplaceId")) ct.workplaceIds.push_back(w->text);
        if (!ct.connected) {
            // A terminal that is not connected reports no real identity: never read it as outdated.
            ct.product.firmwareVersion = FirmwareVersion{};
            ct.product.hardwareVersion = FirmwareVersion{};
        }
        out.push_back(std::move(ct));
    }
    return out;
}

Result<ConnectorResources> parseGetResourceInformationResponse(std::string_view envelope) {
    auto response = bodyChild(envelope, "GetResourceInformationResponse");
    if (!response.ok()) return response.error();
    const auto* connector = response->child(ns::kConnectorCommon, "Connector");
    if (!connector) return answerInvalid(TIS_TEXT("event_service", "Connector fehlt"));
    ConnectorResources r;
    if (const auto* vpn = connector->child(ns::kConnectorCommon, "VPNTIStatus"))
        r.vpnTiStatus = vpn->childText(ns::kConnectorCommon, "ConnectionStatus");
    if (const auto* vpn = connector->child(ns::kConnectorCommon, "VPNSISStatus"))
        r.vpnSisStatus = vpn->childText(ns::kConnectorCommon, "ConnectionStatus");
    r.vpnTiOnline = r.vpnTiStatus == "Online";
    r.vpnSisOnline = r.vpnSisStatus == "Online";
    if (const auto* op = connector->child(ns::kConnectorCommon, "OperatingState")) {
        for (const auto* es : op->childrenNamed(ns::kConnectorCommon, "ErrorState")) {
            OperatingState s;
            s.errorCondition = es->childText(ns::kConnectorCommon, "ErrorCondition");
            std::tie(s.condition, s.subject) = splitErrorCondition(s.errorCondition);
            s.severity = es->childText(ns::kConnectorCommon, "Severity");
            s.type = es->childText(ns::kConnectorCommon, "Type");
            s.active = xsdTrue(es->childText(ns::kConnectorCommon, "Value"));
            s.validFrom = parseUtc(es->childText(ns::kConnectorCommon, "ValidFrom"));
            if (!s.condition.empty()) r.states.push_back(std::move(s));
        }
    }
    return r;
}

std::string eventServiceRequest(std::string_view operation, const CallContext& c) {
    std::string context = "<CCTX:Context><CONN:MandantId>" + xmlEscape(c.mandantId) + "</CONN:MandantId><CONN:ClientSystemId>" +
                          xmlEscape(c.clientSystemId) + "</CONN:ClientSystemId><CONN:WorkplaceId>" +
                          xmlEscape(c.workplaceId) + "</CONN:WorkplaceId>";
    if (!c.userId.empty()) context += "<CONN:UserId>" + xmlEscape(c.userId) + "</CONN:UserId>";
    context += "</CCTX:Context>";
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"") + ns::kSoapEnvelope +
           "\"><soap:Body><EVT:" + std::string(operation) + " xmlns:EVT=\"" + kEventService72.schemaNamespace +
           "\" xmlns:CCTX=\"" + ns::kConnectorContext + "\" xmlns:CONN=\"" + ns::kConnectorCommonExact + "\">" + context +
           "</EVT:" + std::string(operation) + "></soap:Body></soap:Envelope>";
}

EventServiceClient::EventServiceClient(net::HttpClient& http, std::string endpointUrl, CallContext context)
    : http_(http), endpoint_(std::move(endpointUrl)), context_(std::move(context)) {}

Result<std::string> EventServiceClient::call(std::string_view operation) {
    net::Request req;
    req.method = "POST";
    req.url = endpoint_;
    req.body = eventServiceRequest(operation, context_);
    req.headers = {{"Content-Type", "text/xml; charset=utf-8"},
                   {"SOAPAction", "\"" + kEventService72.soapAction(operation) + "\""}};
    req.idempotent = true;  // reading operations: safe to repeat
    auto response = http_.send(req);
    if (!response.ok()) return response.error();
    if (response->status == 401 || response->status == 403)
        return net::httpStatusError(*response, http_.options().peerName, endpoint_);
    const auto type = response->header("content-type");
    if (type.find("xml") == std::string::npos)
        return answerInvalid(
            TIS_TEXT("event_service", "kein XML, sondern \"%1\" (HTTP %2)").arg(type, response->status));
    if (response->status != 200 && response->status != 500)
        return net::httpStatusError(*response, http_.options().peerName, endpoint_);
    return std::move(response->body);
}

Result<std::vector<CardTerminal>> EventServiceClient::getCardTerminals() {
    auto body = call("GetCardTerminals");
    if (!body.ok()) return body.error();
    return parseGetCardTerminalsResponse(*body);
}

Result<ConnectorResources> EventServiceClient::getResourceInformation() {
    auto body = call("GetResourceInformation");
    if (!body.ok()) return body.error();
    return parseGetResourceInformationResponse(*body);
}

}  // namespace tiservice::konnektor
