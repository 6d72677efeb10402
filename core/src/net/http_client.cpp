#include "tiservice/net/http_client.h"
#include "tiservice/paths.h"
#include "tiservice/store/atomic_file.h"

#include "download_sink.h"
#include "tls_stream.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <QByteArray>
#include <QScopeGuard>

#include "tiservice/build_info.h"
#include "tiservice/logger.h"

namespace tiservice::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// --- Url ----------------------------------------------------------------------------------

std::string Url::withoutUserInfo(std::string_view text) {
    const auto sep = text.find("://");
    const auto from = sep == std::string_view::npos ? 0 : sep + 3;
    // Up to the last "@": a password may hold "/", "?" or "#" itself, so where the host part
    // ends cannot be told; an "@" further on hides a little more of a message, never a secret.
    const auto at = text.rfind('@');
    if (at == std::string_view::npos || at < from) return std::string(text);
    return std::string(text.substr(0, from)).append(log::kRedacted).append(text.substr(at));
}

Result<Url> Url::parse(std::string_view text) {
    const auto invalid = [shown = withoutUserInfo(text)](const LocalizedText& why) {
        return Error{
            .code = errors::kInvalidUrl,
            .message = TIS_TEXT("http_client", "Die Adresse \"%1\" ist ungültig (%2).").arg(shown, why),
            .action = TIS_TEXT("http_client",
                               "Die Adresse in den Einstellungen prüfen, z. B. https://192.168.1.10/connector.sds."),
            .detail = shown};
    };
    Url u;
    const auto sep = text.find("://");
    if (sep == std::string_view::npos) return invalid(TIS_TEXT("http_client", "http:// oder https:// fehlt"));
    u.scheme = std::string(text.substr(0, sep));
    std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (u.scheme != "http" && u.scheme != "https")
        return invalid(TIS_TEXT("http_client", "unbekanntes Schema %1").arg(u.scheme));
    auto rest = text.substr(sep + 3);
    const auto slash = rest.find_first_of("/?#");
    auto authority = rest.substr(0, slash);
    u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    if (u.target.front() == '?') u.target = "/" + u.target;
    if (authority.find('@') != std::string_view::npos)
        return invalid(TIS_TEXT("http_client", "Benutzerangaben gehören nicht in die Adresse"));
    std::string_view portText;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return invalid(TIS_TEXT("http_client", "\"]\" fehlt"));
        u.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return invalid(TIS_TEXT("http_client", "ungültiger Port"));
            portText = authority.substr(close + 2);
        }
    } else {
        const auto colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) portText = authority.substr(colon + 1);
    }
    if (u.host.empty()) return invalid(TIS_TEXT("http_client", "der Rechnername fehlt"));
    u.port = u.scheme == "https" ? 443 : 80;
    if (!portText.empty()) {
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc{} || end != portText.data() + portText.size() || port == 0 || port > 65535)
            return invalid(TIS_TEXT("http_client", "ungültiger Port"));
        u.port = static_cast<std::uint16_t>(port);
    }
    return u;
}

std::string Url::hostPort() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::toString() const { return scheme + "://" + hostPort() + target; }

// --- errors -------------------------------------------------------------------------------

namespace {

Error netError(const char* code, const LocalizedText& peer, const Url& url, LocalizedText what, LocalizedText action,
               std::string detail) {
    return Error{.code = code,
                 .message = LocalizedText(peer).append(LocalizedText::same("(" + url.hostPort() + ")")).append(what),
                 .action = std::move(action),
                 .detail = std::move(detail)};
}

/// A download that cannot be saved. `error` (errno) names the reason where it is known: a disk
/// that lost what it was given (EIO) is not a full one.
Error saveFailed(const std::string& detail, int error = 0) {
    const bool full = error == 0 || error == ENOSPC
#ifdef EDQUOT
                      || error == EDQUOT
#endif
        ;
    if (full)
        return Error{.code = "store.write-failed",
                     .message = TIS_TEXT("http_client", "Die Datei kann nicht gespeichert werden (Speicher voll?)."),
                     .action = TIS_TEXT("http_client", "Freien Speicherplatz prüfen."),
                     .detail = detail};
    return Error{.code = "store.write-failed",
                 .message = TIS_TEXT("http_client", "Die Datei kann nicht gespeichert werden: %1.")
                                .arg(store::writeFailureReason(error)),
                 .action = TIS_TEXT("http_client", "Den Datenträger prüfen lassen und die Datei dann erneut laden."),
                 .detail = detail};
}

bool isIpLiteral(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

}  // namespace

Error httpStatusError(const Response& response, const LocalizedText& peer, const std::string& urlText) {
    const auto url = Url::parse(urlText);
    const std::string where = url.ok() ? url->hostPort() : urlText;
    const std::string status = std::to_string(response.status);
    if (response.status == 401 || response.status == 403)
        return Error{
            .code = errors::kWrongCredentials,
            .message = TIS_TEXT("http_client", "%1 (%2) lehnt die Anmeldedaten ab (HTTP %3).").arg(peer, where, status),
            .action = TIS_TEXT("http_client", "Benutzername und Passwort in den Einstellungen prüfen."),
            .detail = urlText};
    return Error{
        .code = errors::kHttpStatus,
        .message = TIS_TEXT("http_client", "%1 (%2) antwortet mit einem Fehler (HTTP %3).").arg(peer, where, status),
        .action = TIS_TEXT("http_client", "Später noch einmal versuchen; bleibt der Fehler, den Support anrufen."),
        .detail = urlText};
}

// --- client -------------------------------------------------------------------------------

struct Outcome {
    std::optional<Response> response;
    std::optional<Error> error;
    bool retriable = false;  ///< a network failure an idempotent request may retry
    bool stale = false;      ///< a reused connection had been closed by the peer
};

namespace {
/// The calling thread's innermost ThreadCancellation (a plain pointer: trivially destroyed).
thread_local const ThreadCancellation* threadCancellation = nullptr;

bool cancelledNow() { return ThreadCancellation::requested(); }
}  // namespace

ThreadCancellation::ThreadCancellation(std::function<bool()> cancelled)
    : cancelled_(std::move(cancelled)), outer_(threadCancellation) {
    threadCancellation = this;
}

ThreadCancellation::~ThreadCancellation() { threadCancellation = outer_; }

bool ThreadCancellation::requested() {
    return threadCancellation && threadCancellation->cancelled_ && threadCancellation->cancelled_();
}

bool ThreadCancellation::active() { return threadCancellation != nullptr; }

struct HttpClient::Impl {
    ClientOptions options;
    asio::io_context io;
    std::unique_ptr<ssl::context> tls;
    std::optional<Error> tlsSetupError;
    bool tlsPrepared = false;

    std::string connectionKey;
    beast::tcp_stream* connecting = nullptr;  ///< the connection being opened, to close it on cancellation
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<TlsStream> secure;
    beast::flat_buffer buffer;
    int opened = 0;
    std::mt19937 rng{std::random_device{}()};

    explicit Impl(ClientOptions o) : options(std::move(o)) {
        // Read in 64 KiB steps: a flat_buffer starting at 512 bytes made a 20 MB body take
        // tens of thousands of reads (each a resume, an epoll_wait and a timer re-arm).
        buffer.reserve(64 * 1024);
        if (options.basicAuth) {
            log::registerSecret(options.basicAuth->password);
            const auto token = options.basicAuth->user + ":" + options.basicAuth->password;
            log::registerSecret(QByteArray::fromStdString(token).toBase64().toStdString());
        }
        if (options.clientCertificate) log::registerSecret(options.clientCertificate->password);
    }

    ~Impl() {
        if (options.basicAuth) {
            log::forgetSecret(options.basicAuth->password);
            const auto token = options.basicAuth->user + ":" + options.basicAuth->password;
            log::forgetSecret(QByteArray::fromStdString(token).toBase64().toStdString());
        }
        if (options.clientCertificate) log::forgetSecret(options.clientCertificate->password);
    }

    void close() {
        beast::error_code ec;
        if (plain) plain->socket().close(ec);
        if (secure) beast::get_lowest_layer(*secure).socket().close(ec);
        plain.reset();
        secure.reset();
        buffer.clear();
        connectionKey.clear();
    }

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
    void cancelReads() {
        if (plain || secure) lowest().cancel();
    }

    /// Runs the io until `future` is ready; when the thread's cancellation says stop, closes
    /// every socket (their operations end at once) and lets the request finish with that.
    /// Returns whether it was cancelled. The streams themselves are freed only after the request
    /// has ended: a TLS read or handshake still pending holds on to its stream until its handler
    /// has run, and the request's coroutine reads through them until it returns.
    template <typename Future>
    bool runUntilReady(Future& future) {
        io.restart();
        if (!ThreadCancellation::active()) {
            io.run();
            return false;
        }
        bool cancelled = false;
        while (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            if (io.stopped()) io.restart();
            io.run_for(std::chrono::milliseconds(50));
            if (!cancelled && cancelledNow()) {
                cancelled = true;
                beast::error_code ec;
                if (connecting) connecting->socket().close(ec);
                if (plain) plain->socket().close(ec);
                if (secure) beast::get_lowest_layer(*secure).socket().close(ec);
            }
        }
        if (cancelled) close();
        return cancelled;
    }

    Error cancelledError(const Url& url) const {
        return Error{.code = errors::kCancelled,
                     .message = TIS_TEXT("http_client", "Abgebrochen: tiservice wird beendet."),
                     .action = {},
                     .detail = url.toString()};
    }

    /// Waits `d`, or less when the thread's cancellation says stop; false then.
    static bool pause(std::chrono::milliseconds d) {
        const auto until = std::chrono::steady_clock::now() + d;
        while (std::chrono::steady_clock::now() < until) {
            if (cancelledNow()) return false;
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                std::chrono::milliseconds(50), until - std::chrono::steady_clock::now()));
        }
        return !cancelledNow();
    }

    std::optional<Error> prepareTls(const Url& url) {
        if (tlsPrepared) return tlsSetupError;
        tlsPrepared = true;
        tls = std::make_unique<ssl::context>(ssl::context::tls_client);
        SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
        beast::error_code ec;
        if (!options.caFile.empty()) {
            tls->load_verify_file(tiservice::utf8Of(options.caFile), ec);
            if (ec) {
                tlsSetupError =
                    netError(errors::kCaFileUnreadable, options.peerName, url,
                             TIS_TEXT("http_client", "kann nicht geprüft werden: die CA-Datei %1 ist nicht lesbar.")
                                 .arg(tiservice::utf8Of(options.caFile)),
                             TIS_TEXT("http_client", "Die CA-Datei (PEM) in den Einstellungen prüfen."), ec.message());
                return tlsSetupError;
            }
        } else {
            tls->set_default_verify_paths(ec);
        }
        tls->set_verify_mode(options.verifyPeer ? ssl::verify_peer : ssl::verify_none);
        if (options.clientCertificate) {
            if (auto e = loadClientCertificate(url)) tlsSetupError = e;
        }
        return tlsSetupError;
    }

    std::optional<Error> loadClientCertificate(const Url& url) {
        const auto& cc = *options.clientCertificate;
        const auto unreadable = [&](const std::string& detail) {
            return netError(
                errors::kClientCertificateUnreadable, options.peerName, url,
                TIS_TEXT("http_client",
                         "kann nicht angesprochen werden: das Client-Zertifikat %1 ist nicht lesbar oder das Passwort "
                         "passt nicht.")
                    .arg(tiservice::utf8Of(cc.p12File)),
                TIS_TEXT("http_client",
                         "Datei und Passwort des Client-Zertifikats (.p12) prüfen; es wird im Konnektor exportiert."),
                detail);
        };
        FILE* f = store::openStdioFile(cc.p12File, "rb");
        if (!f) return unreadable("cannot open");
        PKCS12* p12 = d2i_PKCS12_fp(f, nullptr);
        std::fclose(f);
        if (!p12) return unreadable("not PKCS#12");
        EVP_PKEY* key = nullptr;
        X509* cert = nullptr;
        STACK_OF(X509)* chain = nullptr;
        const int ok = PKCS12_parse(p12, cc.password.c_str(), &key, &cert, &chain);
        PKCS12_free(p12);
        ERR_clear_error();
        if (ok != 1 || !key || !cert) {
            EVP_PKEY_free(key);
            X509_free(cert);
            sk_X509_pop_free(chain, X509_free);
            return unreadable("PKCS12_parse failed");
        }
        SSL_CTX* ctx = tls->native_handle();
        bool good = SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;
        for (int i = 0; chain && i < sk_X509_num(chain); ++i) {
            X509* extra = sk_X509_value(chain, i);
            X509_up_ref(extra);
            if (SSL_CTX_add_extra_chain_cert(ctx, extra) != 1) {
                X509_free(extra);
                good = false;
            }
        }
        EVP_PKEY_free(key);
        X509_free(cert);
        sk_X509_pop_free(chain, X509_free);
        return good ? std::nullopt : std::optional<Error>(unreadable("certificate and key do not match"));
    }

    Error mapTlsError(const Url& url, const beast::error_code& ec) {
        long verify = X509_V_OK;
        if (secure) verify = SSL_get_verify_result(secure->native_handle());
        if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH)
            return netError(
                errors::kNameMismatch, options.peerName, url,
                TIS_TEXT("http_client", "weist ein Zertifikat vor, das nicht auf \"%1\" ausgestellt ist.")
                    .arg(url.host),
                TIS_TEXT(
                    "http_client",
                    "Die Adresse so eintragen, wie sie im Zertifikat des Konnektors steht (z. B. konnektor.konlan), "
                    "oder den Support fragen."),
                X509_verify_cert_error_string(verify));
        if (verify != X509_V_OK)
            return netError(errors::kCertificateUntrusted, options.peerName, url,
                            TIS_TEXT("http_client", "weist ein Zertifikat vor, dem nicht vertraut wird."),
                            TIS_TEXT("http_client", "Die CA-Datei des Konnektors in den Einstellungen eintragen."),
                            X509_verify_cert_error_string(verify));
        const int reason = ec.category() == asio::error::get_ssl_category() ? ERR_GET_REASON(static_cast<unsigned long>(ec.value())) : 0;
        // We showed a certificate and the connector refused it: not "none", but "not this one".
        if (options.clientCertificate &&
            (reason == SSL_R_TLSV1_ALERT_UNKNOWN_CA || reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE ||
             reason == SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN || reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
             reason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE || reason == SSL_R_TLSV1_ALERT_DECRYPT_ERROR ||
             reason == SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED || reason == SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED))
            return clientCertificateUnknown(url, ec.message());
        if (reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
            (reason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE && !options.clientCertificate) ||
            reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE || reason == SSL_R_TLSV1_ALERT_UNKNOWN_CA)
            return clientCertificateRequired(url, ec.message());
        return netError(errors::kTlsFailed, options.peerName, url,
                        TIS_TEXT("http_client", "lässt keine sichere Verbindung (TLS) zu."),
                        TIS_TEXT("http_client", "Prüfen, ob in den Einstellungen die richtige TLS-Art gewählt ist."),
                        ec.message());
    }

    Error clientCertificateUnknown(const Url& url, const std::string& detail) {
        return netError(errors::kClientCertificateUnknown, options.peerName, url,
                        TIS_TEXT("http_client",
                                 "kennt dieses Client-Zertifikat nicht (es ist nicht von diesem Konnektor "
                                 "ausgestellt, abgelaufen oder gesperrt)."),
                        TIS_TEXT("http_client",
                                 "Im Konnektor ein Client-Zertifikat für dieses Clientsystem exportieren und die "
                                 ".p12-Datei in den Einstellungen eintragen."),
                        detail);
    }

    Error clientCertificateRequired(const Url& url, const std::string& detail) {
        return netError(errors::kClientCertificateRequired, options.peerName, url,
                        TIS_TEXT("http_client", "verlangt ein Client-Zertifikat, das er kennt."),
                        TIS_TEXT("http_client",
                                 "Das im Konnektor exportierte Client-Zertifikat (.p12) mit Passwort in den "
                                 "Einstellungen eintragen."),
                        detail);
    }

    /// Whether the peer asked for a client certificate in this connection's TLS 1.3 handshake.
    /// Under TLS 1.3 a peer refuses the certificate (or its absence) after the handshake, and its
    /// alert can be lost with the connection (a reset before we read it).
    [[nodiscard]] bool askedForCertificateUnderTls13() const {
        return secure && secure->certificateRequested() && SSL_version(secure->native_handle()) == TLS1_3_VERSION;
    }

    /// A connection that ends before the first byte of the answer: when the peer had asked for a
    /// client certificate, that is what the user has to fix, not the network.
    Error endedBeforeTheAnswer(const Url& url, const beast::error_code& ec, bool askedForCertificate) {
        if (askedForCertificate)
            return options.clientCertificate
                       ? clientCertificateUnknown(url, "ended after the handshake: " + ec.message())
                       : clientCertificateRequired(url, "ended after the handshake: " + ec.message());
        return lost(url, ec.message());
    }

    Error unreachable(const Url& url, const std::string& detail) {
        return netError(errors::kUnreachable, options.peerName, url, TIS_TEXT("http_client", "ist nicht erreichbar."),
                        options.unreachableAction, detail);
    }

    Error timeout(const Url& url) {
        return netError(errors::kTimeout, options.peerName, url,
                        TIS_TEXT("http_client", "antwortet nicht rechtzeitig."), options.timeoutAction, "timeout");
    }

    Error lost(const Url& url, const std::string& detail) {
        return netError(errors::kConnectionLost, options.peerName, url,
                        TIS_TEXT("http_client", "hat die Verbindung unterbrochen."),
                        TIS_TEXT("http_client", "Noch einmal versuchen."), detail);
    }

    Error malformed(const Url& url, const std::string& detail) {
        return netError(
            errors::kMalformedAnswer, options.peerName, url,
            TIS_TEXT("http_client", "schickt eine unverständliche Antwort."),
            TIS_TEXT("http_client", "Später noch einmal versuchen; bleibt der Fehler, den Support anrufen."), detail);
    }

    /// Connects (or keeps the open connection when allowed); sets `reused`. An Outcome
    /// with an error when it failed.
    asio::awaitable<std::optional<Outcome>> connect(const Url& url, Clock::time_point deadline, bool allowReuse,
                                                    bool& reused);
    /// Writes the request head and body; an Outcome when it failed.
    asio::awaitable<std::optional<Outcome>> writeRequest(const Url& url, const Request& request,
                                                         Clock::time_point deadline, bool reused);
    asio::awaitable<Outcome> exchange(Url url, Request request, Clock::time_point deadline, bool allowReuse);
    asio::awaitable<Outcome> stream(Url url, Request request, Clock::time_point deadline, bool allowReuse,
                                    std::FILE* file, std::uint64_t offset, const DownloadOptions& options,
                                    DownloadResult& result, std::vector<EVP_MD_CTX*>& hashers);
};

namespace {

std::chrono::milliseconds remaining(Clock::time_point deadline) {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

}  // namespace

asio::awaitable<std::optional<Outcome>> HttpClient::Impl::connect(const Url& url, Clock::time_point deadline,
                                                                  bool allowReuse, bool& reused) {
    using asio::redirect_error;
    using asio::use_awaitable;
    Outcome out;
    beast::error_code ec;
    const bool https = url.scheme == "https";
    const std::string key = url.scheme + "://" + url.hostPort();
    reused = allowReuse && connectionKey == key && (plain || secure);
    if (reused) co_return std::nullopt;
    close();
    if (https) {
        if (auto e = prepareTls(url)) {
            out.error = *e;
            co_return out;
        }
    }
    tcp::resolver resolver(io);
    auto endpoints = co_await resolver.async_resolve(url.host, std::to_string(url.port), redirect_error(use_awaitable, ec));
    if (ec) {
        out.error = unreachable(url, "resolve: " + ec.message());
        co_return out;
    }
    auto tcpStream = std::make_unique<beast::tcp_stream>(io);
    tcpStream->expires_after(std::min(options.connectTimeout, remaining(deadline)));
    connecting = tcpStream.get();
    co_await tcpStream->async_connect(endpoints, redirect_error(use_awaitable, ec));
    connecting = nullptr;
    if (ec) {
        out.error = ec == beast::error::timeout ? timeout(url) : unreachable(url, ec.message());
        out.retriable = true;
        co_return out;
    }
    ++opened;
    // A request's head and body leave at once, without waiting for the peer's delayed ACK.
    tcpStream->socket().set_option(tcp::no_delay(true), ec);
    ec = {};
    if (https) {
        secure = std::make_unique<TlsStream>(std::move(*tcpStream), *tls);
        SSL* s = secure->native_handle();
        if (!isIpLiteral(url.host)) SSL_set_tlsext_host_name(s, url.host.c_str());
        if (options.verifyPeer && options.checkHostName) {
            X509_VERIFY_PARAM* param = SSL_get0_param(s);
            if (isIpLiteral(url.host)) X509_VERIFY_PARAM_set1_ip_asc(param, url.host.c_str());
            else X509_VERIFY_PARAM_set1_host(param, url.host.c_str(), 0);
        }
        beast::get_lowest_layer(*secure).expires_after(std::min(options.connectTimeout, remaining(deadline)));
        co_await secure->async_handshake(redirect_error(use_awaitable, ec));
        if (ec) {
            out.error = ec == beast::error::timeout ? timeout(url) : mapTlsError(url, ec);
            out.retriable = ec == beast::error::timeout;
            close();
            co_return out;
        }
    } else {
        plain = std::move(tcpStream);
    }
    connectionKey = key;
    co_return std::nullopt;
}

asio::awaitable<std::optional<Outcome>> HttpClient::Impl::writeRequest(const Url& url, const Request& request,
                                                                       Clock::time_point deadline, bool reused) {
    using asio::redirect_error;
    using asio::use_awaitable;
    http::request<http::string_body> req{http::string_to_verb(request.method), url.target, 11};
    if (req.method() == http::verb::unknown) req.method_string(request.method);
    req.set(http::field::host, url.hostPort());
    req.set(http::field::user_agent, "tiservice/" + std::string(build_info::version()));
    req.keep_alive(true);
    if (options.basicAuth) {
        const auto token = options.basicAuth->user + ":" + options.basicAuth->password;
        req.set(http::field::authorization, "Basic " + QByteArray::fromStdString(token).toBase64().toStdString());
    }
    for (const auto& [k, v] : request.headers) req.set(k, v);
    req.body() = request.body;
    req.prepare_payload();

    beast::error_code ec;
    lowest().expires_after(std::min(options.readTimeout, remaining(deadline)));
    if (secure) co_await http::async_write(*secure, req, redirect_error(use_awaitable, ec));
    else co_await http::async_write(*plain, req, redirect_error(use_awaitable, ec));
    if (!ec) co_return std::nullopt;
    Outcome out;
    const bool askedForCertificate = askedForCertificateUnderTls13();
    close();
    if (reused) {
        out.stale = true;
        co_return out;
    }
    out.error = ec == beast::error::timeout ? timeout(url) : endedBeforeTheAnswer(url, ec, askedForCertificate);
    out.retriable = ec == beast::error::timeout || !askedForCertificate;
    co_return out;
}

asio::awaitable<Outcome> HttpClient::Impl::exchange(Url url, Request request, Clock::time_point deadline,
                                                    bool allowReuse) {
    using asio::redirect_error;
    using asio::use_awaitable;
    Outcome out;
    beast::error_code ec;
    bool reused = false;
    if (auto failed = co_await connect(url, deadline, allowReuse, reused)) co_return *failed;
    if (auto failed = co_await writeRequest(url, request, deadline, reused)) co_return *failed;

    http::response_parser<http::string_body> parser;
    parser.body_limit(request.maxResponseBytes.value_or(options.maxResponseBytes));
    parser.header_limit(64 * 1024);
    if (request.method == "HEAD") parser.skip(true);
    std::size_t received = 0;
    while (!parser.is_done()) {
        lowest().expires_after(std::min(options.readTimeout, remaining(deadline)));
        std::size_t n = 0;
        if (secure) n = co_await http::async_read_some(*secure, buffer, parser, redirect_error(use_awaitable, ec));
        else n = co_await http::async_read_some(*plain, buffer, parser, redirect_error(use_awaitable, ec));
        received += n;
        if (!ec) continue;
        const bool wasReused = reused;
        const auto e = ec;
        const bool askedForCertificate = askedForCertificateUnderTls13();
        close();
        if (wasReused && received == 0 && (e == http::error::end_of_stream || e == asio::error::eof ||
                                           e == asio::error::connection_reset)) {
            out.stale = true;
            co_return out;
        }
        if (e == beast::error::timeout) {
            out.error = timeout(url);
            out.retriable = true;
        } else if (e == http::error::body_limit || e == http::error::header_limit) {
            out.error =
                netError(errors::kResponseTooLarge, options.peerName, url,
                         TIS_TEXT("http_client", "schickt eine zu große Antwort."),
                         TIS_TEXT("http_client", "Den Support anrufen."),
                         "limit " + std::to_string(request.maxResponseBytes.value_or(options.maxResponseBytes)));
        } else if (e.category() == asio::error::get_ssl_category()) {
            out.error = mapTlsError(url, e);
        } else if (e == http::error::partial_message || e == http::error::end_of_stream || e == asio::error::eof ||
                   e == asio::error::connection_reset || e == ssl::error::stream_truncated) {
            out.error = received == 0 ? endedBeforeTheAnswer(url, e, askedForCertificate) : lost(url, e.message());
            out.retriable = received > 0 || !askedForCertificate;
        } else {
            out.error = malformed(url, e.message());
        }
        co_return out;
    }

    auto& msg = parser.get();
    Response response;
    response.status = static_cast<int>(msg.result_int());
    for (const auto& f : msg) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        response.headers[name] = std::string(f.value());
    }
    response.body = std::move(msg.body());
    if (!msg.keep_alive()) close();
    out.response = std::move(response);
    co_return out;
}

namespace {

/// The stall deadline of one body: the time of the last bytes, and whether the silence after
/// them lasted too long. Shared with the watchdog, which may wake after the read has ended.
struct StallWatch {
    StallWatch(asio::io_context& io, std::chrono::milliseconds silence, Clock::time_point end)
        : timer(io), readTimeout(silence), deadline(end) {}
    asio::steady_timer timer;
    std::chrono::milliseconds readTimeout;
    Clock::time_point deadline;
    Clock::time_point lastProgress = Clock::now();
    bool stalled = false;
    bool stopped = false;
    Clock::time_point due() const { return std::min(lastProgress + readTimeout, deadline); }
    void stop() {
        stopped = true;
        timer.cancel();
    }
};

/// Sleeps until the stall deadline; when bytes came in meanwhile, until the next one. Only a
/// real silence (or the request's deadline) cancels the read: one timer per silence, not per read.
template <typename Connection>
asio::awaitable<void> watchStalls(std::shared_ptr<StallWatch> watch, Connection* connection) {
    while (!watch->stopped) {
        watch->timer.expires_at(watch->due());
        beast::error_code ec;
        co_await watch->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (watch->stopped) co_return;
        if (Clock::now() >= watch->due()) {
            watch->stalled = true;
            connection->cancelReads();  // the connection may be gone already (closed by a cancellation)
            co_return;
        }
    }
}

}  // namespace

asio::awaitable<Outcome> HttpClient::Impl::stream(Url url, Request request, Clock::time_point deadline,
                                                  bool allowReuse, std::FILE* file, std::uint64_t offset,
                                                  const DownloadOptions& dl, DownloadResult& result,
                                                  std::vector<EVP_MD_CTX*>& hashers) {
    using asio::redirect_error;
    using asio::use_awaitable;
    Outcome out;
    beast::error_code ec;
    bool reused = false;
    if (auto failed = co_await connect(url, deadline, allowReuse, reused)) co_return *failed;
    if (auto failed = co_await writeRequest(url, request, deadline, reused)) co_return *failed;

    http::response_parser<http::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // counted below, against dl.maxBytes
    lowest().expires_after(std::min(options.readTimeout, remaining(deadline)));
    if (secure) co_await http::async_read_header(*secure, buffer, parser, redirect_error(use_awaitable, ec));
    else co_await http::async_read_header(*plain, buffer, parser, redirect_error(use_awaitable, ec));
    if (ec) {
        const bool stale = reused && (ec == http::error::end_of_stream || ec == asio::error::eof ||
                                      ec == asio::error::connection_reset);
        close();
        if (stale) {
            out.stale = true;
        } else {
            out.error = ec == beast::error::timeout ? timeout(url) : lost(url, ec.message());
            out.retriable = true;
        }
        co_return out;
    }
    Response head;
    head.status = static_cast<int>(parser.get().result_int());
    if (head.status < 200 || head.status > 299) {
        close();
        out.error = httpStatusError(head, options.peerName, request.url);
        out.retriable = head.status == 502 || head.status == 503 || head.status == 504;
        co_return out;
    }
    std::optional<std::uint64_t> total;
    if (parser.content_length()) total = *parser.content_length();
    if (head.status == 206) {
        result.resumed = true;
        if (total) *total += offset;
    } else if (offset > 0) {
        // The server sent the whole file: start over.
        std::fflush(file);
#ifdef _WIN32
        const bool emptied = ::_chsize_s(::_fileno(file), 0) == 0;
#else
        const bool emptied = ftruncate(fileno(file), 0) == 0;
#endif
        if (!emptied || std::fseek(file, 0, SEEK_SET) != 0) {
            close();
            out.error = lost(url, "cannot restart the file");
            co_return out;
        }
        for (auto* h : hashers) {
            EVP_DigestInit_ex(h, EVP_MD_CTX_get0_md(h), nullptr);
        }
        result.bytes = 0;
    }
    if (total && dl.maxBytes && *total > dl.maxBytes) {
        close();
        out.error = netError(errors::kResponseTooLarge, options.peerName, url,
                             TIS_TEXT("http_client", "schickt eine größere Datei als erwartet."),
                             TIS_TEXT("http_client", "Den Support anrufen."), "announced " + std::to_string(*total));
        co_return out;
    }

    // The body is read without a timer per read: one watchdog waits for a silence of
    // readTimeout (or the request's deadline) and ends the read only then.
    auto watch = std::make_shared<StallWatch>(io, options.readTimeout, deadline);
    lowest().expires_never();
    asio::co_spawn(io, watchStalls(watch, this), asio::detached);
    const auto stopWatching = qScopeGuard([&] { watch->stop(); });
    // Received here, written and hashed beside it (download_sink.h).
    DownloadSink sink(file, result.resumed ? offset : 0, hashers);
    const auto saveError = [&] {
        close();
        out.error = saveFailed(sink.error().value_or("write"), sink.errorNumber());
    };
    // Bytes of the body, put into sink.space(): counted against the limit, handed on, reported.
    // More than the target may have is an error (those bytes are not kept).
    const auto take = [&](std::size_t n) -> bool {
        watch->lastProgress = Clock::now();
        if (dl.maxBytes && result.bytes + n > dl.maxBytes) {
            result.bytes += n;
            (void)sink.finish();  // what came before the limit stays, as after any other failure
            close();
            out.error =
                netError(errors::kResponseTooLarge, options.peerName, url,
                         TIS_TEXT("http_client", "schickt mehr Daten als erwartet."),
                         TIS_TEXT("http_client", "Den Support anrufen."), "more than " + std::to_string(dl.maxBytes));
            return false;
        }
        result.bytes += n;
        sink.added(n);
        if (dl.progress) dl.progress(result.bytes + (result.resumed ? offset : 0), total);
        return true;
    };
    // A broken connection, a stall, a TLS alert: what came is kept in the file, for a resume.
    const auto failed = [&](const beast::error_code& e) {
        const bool saved = sink.finish();
        close();
        if (!saved) out.error = saveFailed(sink.error().value_or("write"), sink.errorNumber());
        else if (e == beast::error::timeout) out.error = timeout(url);
        else if (e.category() == asio::error::get_ssl_category()) out.error = mapTlsError(url, e);
        else out.error = lost(url, e.message());
        out.retriable = saved;
    };
    bool keepAlive = parser.keep_alive();
    if (!parser.chunked() && parser.content_length()) {
        // What an update server sends: a length. The parser has read the head; the body comes
        // from the connection straight into the sink's blocks, first what arrived with the head.
        std::uint64_t left = *parser.content_length();
        while (buffer.size() > 0 && left > 0) {
            const auto room = sink.space();
            if (room.empty()) {
                saveError();
                co_return out;
            }
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>({buffer.size(), room.size(), left}));
            std::memcpy(room.data(), buffer.data().data(), n);
            buffer.consume(n);
            left -= n;
            if (!take(n)) co_return out;
        }
        while (left > 0) {
            const auto room = sink.space();
            if (room.empty()) {
                saveError();
                co_return out;
            }
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(room.size(), left));
            const auto target = asio::buffer(room.data(), want);
            // At least 64 KiB per resume of this coroutine, and as much per read as has come:
            // Asio's own completion conditions cap each read at 64 KiB.
            const std::size_t least = std::min<std::size_t>(want, 64 * 1024);
            const auto enough = [least](const beast::error_code& e, std::size_t got) -> std::size_t {
                return e || got >= least ? 0 : DownloadSink::kBlockBytes;
            };
            std::size_t n = 0;
            if (secure) n = co_await asio::async_read(*secure, target, enough, redirect_error(use_awaitable, ec));
            else n = co_await asio::async_read(*plain, target, enough, redirect_error(use_awaitable, ec));
            if (watch->stalled) ec = beast::error::timeout;
            if (n > 0) {
                left -= n;
                if (!take(n)) co_return out;
            }
            if (ec && left > 0) {
                failed(ec);
                co_return out;
            }
        }
    } else {
        // Chunked (or up to the end of the connection): through the parser.
        while (!parser.is_done()) {
            const auto room = sink.space();
            if (room.empty()) {
                saveError();
                co_return out;
            }
            parser.get().body().data = room.data();
            parser.get().body().size = room.size();
            if (secure) co_await http::async_read(*secure, buffer, parser, redirect_error(use_awaitable, ec));
            else co_await http::async_read(*plain, buffer, parser, redirect_error(use_awaitable, ec));
            if (ec == http::error::need_buffer) ec = {};
            if (watch->stalled) ec = beast::error::timeout;
            const std::size_t n = room.size() - parser.get().body().size;
            if (n > 0 && !take(n)) co_return out;
            if (ec) {
                failed(ec);
                co_return out;
            }
        }
        keepAlive = parser.keep_alive();
    }
    if (!sink.finish()) {
        saveError();
        co_return out;
    }
    if (!keepAlive) close();
    out.response = head;
    co_return out;
}

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HttpClient::~HttpClient() = default;

const ClientOptions& HttpClient::options() const { return impl_->options; }
int HttpClient::connectionsOpened() const { return impl_->opened; }
void HttpClient::disconnect() { impl_->close(); }

Result<Response> HttpClient::send(const Request& request) {
    auto url = Url::parse(request.url);
    if (!url.ok()) return url.error();
    const auto& o = impl_->options;
    const auto deadline = Clock::now() + std::min(o.totalTimeout, request.totalTimeout.value_or(o.totalTimeout));
    const bool idempotent = request.idempotent.value_or(request.method == "GET" || request.method == "HEAD" ||
                                                        request.method == "PUT" || request.method == "DELETE" ||
                                                        request.method == "OPTIONS");
    const int attempts = idempotent ? std::max(1, o.maxAttempts) : 1;
    std::optional<Error> lastError;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        if (cancelledNow()) return impl_->cancelledError(*url);
        bool cancelled = false;
        const auto run = [&](bool allowReuse) {
            auto future = asio::co_spawn(impl_->io, impl_->exchange(*url, request, deadline, allowReuse), asio::use_future);
            cancelled = impl_->runUntilReady(future) || cancelled;
            return future.get();
        };
        Outcome outcome = run(true);
        if (outcome.stale && !cancelled) outcome = run(false);  // the kept connection had gone; once more, fresh
        if (cancelled) return impl_->cancelledError(*url);

        const bool lastAttempt = attempt == attempts || remaining(deadline).count() == 0;
        if (outcome.response) {
            const int s = outcome.response->status;
            if (!lastAttempt && idempotent && (s == 502 || s == 503 || s == 504)) {
                lastError = httpStatusError(*outcome.response, o.peerName, request.url);
            } else {
                return std::move(*outcome.response);
            }
        } else {
            lastError = outcome.error;
            if (!outcome.retriable || lastAttempt) break;
        }
        log::logger()->debug("{} {}: attempt {} failed ({}), retrying", request.method, url->toString(), attempt,
                             lastError ? lastError->code : "status");
        // Jittered exponential backoff, never past the total deadline.
        const auto base = o.retryBaseDelay * (1 << (attempt - 1));
        std::uniform_int_distribution<long> jitter(0, base.count());
        const auto wait = std::min(std::chrono::milliseconds(base.count() / 2 + jitter(impl_->rng)), remaining(deadline));
        if (!Impl::pause(wait)) return impl_->cancelledError(*url);
    }
    return lastError.value_or(impl_->timeout(*url));
}


Result<DownloadResult> HttpClient::download(const std::string& urlText, const std::filesystem::path& destination,
                                            const DownloadOptions& dl) {
    auto url = Url::parse(urlText);
    if (!url.ok()) return url.error();
    const auto& o = impl_->options;
    const auto deadline = Clock::now() + o.totalTimeout;
    std::vector<std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>> owned;
    std::vector<EVP_MD_CTX*> hashers;
    std::vector<std::string> hashNames;
    for (const auto& algorithm : dl.hashAlgorithms) {
        const EVP_MD* md = EVP_get_digestbyname(algorithm.c_str());
        if (!md) continue;
        hashNames.push_back(algorithm);
        owned.emplace_back(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
        EVP_DigestInit_ex(owned.back().get(), md, nullptr);
        hashers.push_back(owned.back().get());
    }

    std::error_code sizeError;
    std::uint64_t offset = 0;
    if (dl.resume && std::filesystem::exists(destination)) offset = std::filesystem::file_size(destination, sizeError);
    if (sizeError) offset = 0;
    std::FILE* file = store::openStdioFile(destination, offset > 0 ? "r+b" : "wb");
    if (!file)
        return Error{
            .code = "store.write-failed",
            .message =
                TIS_TEXT("http_client", "Die Datei %1 kann nicht angelegt werden.").arg(tiservice::utf8Of(destination)),
            .action = TIS_TEXT("http_client", "Schreibrechte und freien Speicherplatz prüfen."),
            .detail = tiservice::utf8Of(destination)};
    std::unique_ptr<std::FILE, decltype(&std::fclose)> closer(file, &std::fclose);
    // Written as it arrives, in large blocks, without a copy through stdio's buffer.
    std::setvbuf(file, nullptr, _IONBF, 0);
    if (offset > 0) {
        // Hash what is already there, then continue after it.
        std::vector<char> buf(64 * 1024);
        std::size_t n = 0;
        while ((n = std::fread(buf.data(), 1, buf.size(), file)) > 0)
            for (auto* h : hashers) EVP_DigestUpdate(h, buf.data(), n);
        std::fseek(file, 0, SEEK_END);
    }

    Request request{.method = "GET", .url = urlText};
    if (offset > 0) request.headers.emplace_back("Range", "bytes=" + std::to_string(offset) + "-");
    DownloadResult result;
    bool cancelled = false;
    const auto run = [&](bool allowReuse) {
        auto future = asio::co_spawn(impl_->io,
                                     impl_->stream(*url, request, deadline, allowReuse, file, offset, dl, result, hashers),
                                     asio::use_future);
        cancelled = impl_->runUntilReady(future) || cancelled;
        return future.get();
    };
    if (cancelledNow()) return impl_->cancelledError(*url);
    Outcome outcome = run(true);
    if (outcome.stale && !cancelled) outcome = run(false);
    if (cancelled) return impl_->cancelledError(*url);
    if (std::fflush(file) != 0) return saveFailed(tiservice::utf8Of(destination));
    if (!outcome.response) return outcome.error.value_or(impl_->timeout(*url));
    // On the disk before anyone renames it into place: a power cut must not leave a file of the
    // right name and the wrong content (some file systems cannot sync: EINVAL).
#ifdef _WIN32
    if (::_commit(::_fileno(file)) != 0) return saveFailed(tiservice::utf8Of(destination), errno);
#else
    if (::fsync(fileno(file)) != 0 && errno != EINVAL) return saveFailed(tiservice::utf8Of(destination), errno);
#endif
    if (result.resumed) result.bytes += offset;
    for (std::size_t i = 0; i < hashers.size(); ++i) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(hashers[i], digest, &len);
        static const char* hex = "0123456789abcdef";
        std::string text;
        for (unsigned int k = 0; k < len; ++k) {
            text += hex[digest[k] >> 4];
            text += hex[digest[k] & 15];
        }
        result.hashes[hashNames[i]] = text;
    }
    return result;
}

bool speaksTls(std::string_view urlText, std::chrono::milliseconds timeout) {
    auto url = Url::parse(urlText);
    if (!url.ok()) return false;
    asio::io_context io;
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_none);  // only "does it speak TLS at all?"; nothing is sent over it
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    bool answered = false;
    auto probe = [&]() -> asio::awaitable<void> {
        beast::error_code ec;
        tcp::resolver resolver(io);
        auto endpoints =
            co_await resolver.async_resolve(url->host, std::to_string(url->port), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        auto& tcpStream = beast::get_lowest_layer(stream);
        tcpStream.expires_after(timeout);
        co_await tcpStream.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
        if (!ec) {
            answered = true;
        } else if (ec.category() == asio::error::get_ssl_category()) {
            // An alert from the server (it wants a certificate, refuses ours, …) is TLS too; a
            // plain-text answer shows up as a wrong version number or a record too long.
            const auto reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
            answered = reason != SSL_R_WRONG_VERSION_NUMBER && reason != SSL_R_PACKET_LENGTH_TOO_LONG &&
                       reason != SSL_R_RECORD_LENGTH_MISMATCH && reason != SSL_R_UNEXPECTED_EOF_WHILE_READING;
        }
        beast::error_code ignored;
        tcpStream.socket().close(ignored);
    };
    if (cancelledNow()) return false;  // only an explanation: not worth a moment of a shutdown
    asio::co_spawn(io, probe(), asio::detached);
    // Polled like a request: a host that stops does not wait for the probe's timeout.
    while (!io.stopped()) {
        io.run_for(std::chrono::milliseconds(50));
        if (cancelledNow()) {
            beast::error_code ignored;
            beast::get_lowest_layer(stream).socket().close(ignored);
        }
    }
    ERR_clear_error();
    return answered;
}

Result<Response> HttpClient::sendExpectingSuccess(const Request& request) {
    auto r = send(request);
    if (!r.ok()) return r;
    if (r->status < 200 || r->status > 299) return httpStatusError(*r, impl_->options.peerName, request.url);
    return r;
}

}  // namespace tiservice::net
