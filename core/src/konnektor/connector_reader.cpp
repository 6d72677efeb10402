#include "tiservice/konnektor/connector_reader.h"

#include "tiservice/log.h"

namespace tiservice::konnektor {

Result<net::ClientOptions> connectorClientOptions(const ConnectionSettings& s, const SecretPrompt& prompt) {
    net::ClientOptions o;
    o.peerName = {"Der Konnektor", "The connector"};
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
                     .message = {what.de + " fehlt.", what.en + " is missing."},
                     .action = {"In den Einstellungen eine Passwort-Datei angeben oder tiservice im Terminal starten, um es einzugeben.",
                                "Name a password file in the settings, or run tiservice in a terminal to type it in."},
                     .detail = what.en};
    };
    if (s.tlsMode == TlsMode::BasicAuth) {
        auto pw = secret(s.basicPasswordFile, {"Das Passwort für den Konnektor (Basic Auth)", "The connector password (Basic Auth)"});
        if (!pw.ok()) return pw.error();
        o.basicAuth = net::BasicAuth{s.basicUser, *pw};
    }
    if (s.tlsMode == TlsMode::ClientCertificate) {
        auto pw = secret(s.clientCertificatePasswordFile,
                         {"Das Passwort des Client-Zertifikats (.p12)", "The client certificate (.p12) password"});
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
        return Error{.code = "konnektor.no-event-service",
                     .message = {"Der Konnektor nennt keinen EventService (Version 7) in seiner Dienstbeschreibung.",
                                 "The connector names no EventService (version 7) in its service directory."},
                     .action = {"Die Firmware des Konnektors ist womöglich sehr alt: den Support anrufen.",
                                "The connector's firmware may be very old: call support."},
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
