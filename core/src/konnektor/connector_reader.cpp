#include "tiservice/konnektor/connector_reader.h"

#include "tiservice/logger.h"

namespace tiservice::konnektor {

Result<net::ClientOptions> connectorClientOptions(const ConnectionSettings& s, const SecretPrompt& prompt) {
    net::ClientOptions o;
    o.peerName = TIS_TEXT("connector_reader", "Der Konnektor");
    o.caFile = s.tls.caFile;
    o.checkHostName = s.tls.checkHostName;
    const auto secret = [&](const std::filesystem::path& file, const LocalizedText& what) -> Result<std::string> {
        if (!file.empty()) return readSecretFile(file, what);
        if (prompt) {
            if (auto answer = prompt(what)) {
                log::registerSecret(*answer);
                return *answer;
            }
        }
        return Error{.code = "settings.secret-missing",
                     .message = TIS_TEXT("connector_reader", "%1 fehlt.").arg(what),
                     .action = TIS_TEXT("connector_reader",
                                        "In den Einstellungen eine Passwort-Datei angeben oder tiservice im Terminal "
                                        "starten, um es einzugeben."),
                     .detail = what.en};
    };
    if (s.tls.mode == TlsMode::BasicAuth) {
        auto pw =
            secret(s.tls.basicPasswordFile, TIS_TEXT("connector_reader", "Das Passwort für den Konnektor (Basic Auth)"));
        if (!pw.ok()) return pw.error();
        o.basicAuth = net::BasicAuth{s.tls.basicUser, *pw};
    }
    if (s.tls.mode == TlsMode::ClientCertificate) {
        auto pw = secret(s.tls.clientCertificatePasswordFile,
                         TIS_TEXT("connector_reader", "Das Passwort des Client-Zertifikats (.p12)"));
        if (!pw.ok()) return pw.error();
        o.clientCertificate = net::ClientCertificate{s.tls.clientCertificate, *pw};
    }
    return o;
}

namespace {

Error noEventService(const ServiceDirectory& sd, const std::string& sdsUrl) {
    std::string offered;
    for (const auto& v : sd.versionsOf("EventService")) offered += (offered.empty() ? "" : ", ") + v.version;
    return Error{
        .code = "konnektor.no-event-service",
        .message = offered.empty()
                       ? TIS_TEXT("connector_reader",
                                  "Der Konnektor nennt in seiner Dienstbeschreibung keinen Systeminformationsdienst "
                                  "(EventService).")
                       : TIS_TEXT("connector_reader",
                                  "Der Konnektor bietet den Systeminformationsdienst (EventService) nur in Version %1 "
                                  "an; tiservice spricht Version 7.2.")
                             .arg(offered),
        .action = TIS_TEXT("connector_reader", "Die Firmware des Konnektors ist womöglich sehr alt: den Support anrufen."),
        .detail = sdsUrl};
}

Error clientCertificateRequired(const std::string& sdsUrl) {
    return Error{
        .code = net::errors::kClientCertificateRequired,
        .message = TIS_TEXT("connector_reader",
                            "Der Konnektor verlangt ein Client-Zertifikat (ClientAutMandatory); eingestellt ist keines."),
        .action = TIS_TEXT("connector_reader",
                           "Das im Konnektor exportierte Client-Zertifikat (.p12) eintragen: [tls] mode = "
                           "client-certificate und client_certificate = Pfad der Datei."),
        .detail = sdsUrl};
}

}  // namespace

Result<ConnectorSnapshot> readConnector(net::HttpClient& http, const ConnectionSettings& settings, const Clock& clock) {
    ConnectorSnapshot snapshot;
    snapshot.sdsUrl = settings.connector.sdsUrl;
    const bool useTls = settings.tls.mode != TlsMode::None;
    auto sds = http.sendExpectingSuccess({.method = "GET", .url = settings.connector.sdsUrl});
    if (!sds.ok()) {
        // Plain HTTP sent to a port that speaks only TLS: say so instead of "connection lost".
        if (!useTls && net::speaksTls(settings.connector.sdsUrl)) return tlsRequiredError(false, settings.connector.sdsUrl);
        return sds.error();
    }
    auto directory = parseServiceDirectory(sds->body);
    if (!directory.ok()) return directory.error();
    snapshot.directory = std::move(directory).value();
    const auto& sd = snapshot.directory;
    const auto& p = sd.product;
    log::logger()->info("connector.sds: {} {} {} firmware {}, TLS mandatory {}, client certificate mandatory {}",
                        p.vendorId, p.productCode, p.productName, p.firmwareVersion.toString(), sd.tlsMandatory,
                        sd.clientAuthMandatory);
    if (!useTls && sd.tlsMandatory) return tlsRequiredError(sd.clientAuthMandatory, settings.connector.sdsUrl);
    if (useTls && sd.clientAuthMandatory && settings.tls.mode != TlsMode::ClientCertificate)
        return clientCertificateRequired(settings.connector.sdsUrl);

    const auto eventService = sd.eventService();
    if (!eventService) return noEventService(sd, settings.connector.sdsUrl);
    auto endpoint = endpointFor(sd, *eventService, settings.connector.sdsUrl, useTls, settings.connector.keepConfiguredHost);
    if (!endpoint.ok()) return endpoint.error();
    snapshot.eventServiceUrl = *endpoint;
    snapshot.eventServiceVersion = eventService->version;
    log::logger()->info("EventService {} at {}", eventService->version, *endpoint);
    EventServiceClient events(http, *endpoint, settings.connector.context);
    auto terminals = events.getCardTerminals();
    if (!terminals.ok()) return terminals.error();
    snapshot.terminals = std::move(terminals).value();
    auto resources = events.getResourceInformation();
    if (!resources.ok()) return resources.error();
    snapshot.resources = std::move(resources).value();
    snapshot.readAt = clock.now();
    return snapshot;
}

}  // namespace tiservice::konnektor
