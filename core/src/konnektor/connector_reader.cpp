#include "tiservice/konnektor/connector_reader.h"

#include "tiservice/log.h"

namespace tiservice::konnektor {

Result<net::ClientOptions> connectorClientOptions(const ConnectionSettings& s, const SecretPrompt& prompt) {
    net::ClientOptions o;
    o.peerName = TIS_TEXT("connector_reader", "Der Konnektor");
    o.caFile = s.caFile;
    o.checkHostName = s.checkHostName;
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
    if (s.tlsMode == TlsMode::BasicAuth) {
        auto pw =
            secret(s.basicPasswordFile, TIS_TEXT("connector_reader", "Das Passwort für den Konnektor (Basic Auth)"));
        if (!pw.ok()) return pw.error();
        o.basicAuth = net::BasicAuth{s.basicUser, *pw};
    }
    if (s.tlsMode == TlsMode::ClientCertificate) {
        auto pw = secret(s.clientCertificatePasswordFile,
                         TIS_TEXT("connector_reader", "Das Passwort des Client-Zertifikats (.p12)"));
        if (!pw.ok()) return pw.error();
        o.clientCertificate = net::ClientCertificate{s.clientCertificate, *pw};
    }
    return o;
}

Result<ConnectorSnapshot> readConnector(net::HttpClient& http, const ConnectionSettings& settings, const Clock& clock) {
    ConnectorSnapshot snapshot;
    snapshot.sdsUrl = settings.sdsUrl;
    auto sds = http.sendExpectingSuccess({.method = "GET", .url = settings.sdsUrl});
    if (!sds.ok()) return sds.error();
    auto directory = parseServiceDirectory(sds->body);
    if (!directory.ok()) return directory.error();
    snapshot.directory = std::move(directory).value();
    const auto& p = snapshot.directory.product;
    log::logger()->info("connector.sds: {} {} {} firmware {}", p.vendorId, p.productCode, p.productName,
                        p.firmwareVersion.toString());

    const auto eventService = snapshot.directory.eventService();
    if (!eventService)
        return Error{
            .code = "konnektor.no-event-service",
            .message = TIS_TEXT("connector_reader",
                                "Der Konnektor nennt keinen EventService (Version 7) in seiner Dienstbeschreibung."),
            .action = TIS_TEXT("connector_reader",
                               "Die Firmware des Konnektors ist womöglich sehr alt: den Support anrufen."),
            .detail = settings.sdsUrl};
    auto endpoint = endpointFor(*eventService, settings.sdsUrl, settings.tlsMode != TlsMode::None,
                                settings.keepConfiguredHost);
    if (!endpoint.ok()) return endpoint.error();
    snapshot.eventServiceUrl = *endpoint;
    EventServiceClient events(http, *endpoint, eventService->targetNamespace, settings.context);
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
