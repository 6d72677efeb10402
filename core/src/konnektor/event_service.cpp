#include "tiservice/konnektor/event_service.h"

#include "gematik_ns.h"
#include "product_information.h"
#include "xml_tree.h"
#include "tiservice/xml_text.h"

namespace tiservice::konnektor {
namespace {

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
    if (!first.is(ns::kEventService, expectedOperation))
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

bool ConnectorResources::isActive(std::string_view condition) const {
    for (const auto& s : states)
        if (s.active && s.condition == condition) return true;
    return false;
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
        ct.connected = t->childText(ns::kCardTerminalInfo, "Connected") == "true";
        ct.physical = t->childText(ns::kCardTerminalInfo, "IS_PHYSICAL") != "false";
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
        r.vpnTiOnline = vpn->childText(ns::kConnectorCommon, "ConnectionStatus") == "Online";
    if (const auto* vpn = connector->child(ns::kConnectorCommon, "VPNSISStatus"))
        r.vpnSisOnline = vpn->childText(ns::kConnectorCommon, "ConnectionStatus") == "Online";
    if (const auto* op = connector->child(ns::kConnectorCommon, "OperatingState")) {
        for (const auto* es : op->childrenNamed(ns::kConnectorCommon, "ErrorState")) {
            OperatingState s;
            s.condition = es->childText(ns::kConnectorCommon, "ErrorCondition");
            s.severity = es->childText(ns::kConnectorCommon, "Severity");
            s.type = es->childText(ns::kConnectorCommon, "Type");
            s.active = es->childText(ns::kConnectorCommon, "Value") == "true";
            s.validFrom = parseUtc(es->childText(ns::kConnectorCommon, "ValidFrom"));
            if (!s.condition.empty()) r.states.push_back(std::move(s));
        }
    }
    return r;
}

std::string eventServiceRequest(std::string_view operation, std::string_view targetNamespace,
                                const CallContext& c) {
    std::string context = "<CCTX:Context><CONN:MandantId>" + xmlEscape(c.mandantId) + "</CONN:MandantId><CONN:ClientSystemId>" +
                          xmlEscape(c.clientSystemId) + "</CONN:ClientSystemId><CONN:WorkplaceId>" +
                          xmlEscape(c.workplaceId) + "</CONN:WorkplaceId>";
    if (!c.userId.empty()) context += "<CONN:UserId>" + xmlEscape(c.userId) + "</CONN:UserId>";
    context += "</CCTX:Context>";
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"") + ns::kSoapEnvelope +
           "\"><soap:Body><EVT:" + std::string(operation) + " xmlns:EVT=\"" + xmlEscape(targetNamespace) +
           "\" xmlns:CCTX=\"" + ns::kConnectorContext + "\" xmlns:CONN=\"" + ns::kConnectorCommonExact + "\">" + context +
           "</EVT:" + std::string(operation) + "></soap:Body></soap:Envelope>";
}

EventServiceClient::EventServiceClient(net::HttpClient& http, std::string endpointUrl, std::string targetNamespace,
                                       CallContext context)
    : http_(http), endpoint_(std::move(endpointUrl)), namespace_(std::move(targetNamespace)), context_(std::move(context)) {}

Result<std::string> EventServiceClient::call(std::string_view operation) {
    net::Request req;
    req.method = "POST";
    req.url = endpoint_;
    req.body = eventServiceRequest(operation, namespace_, context_);
    req.headers = {{"Content-Type", "text/xml; charset=utf-8"},
                   {"SOAPAction", "\"" + namespace_ + "#" + std::string(operation) + "\""}};
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
