#pragma once
// One HTTP(S) client for everything tiservice talks to: the connector, its management
// interface, the vendor's update server. Plain HTTP, or TLS with a CA file, host-name/SAN
// check (on by default), optional Basic Auth and client certificate from a PKCS#12 file.
// Connect, read and total timeouts; a cap on response size; connection reuse; retries
// with jittered backoff only for idempotent requests. Every failure is an Error a person
// can act on. No Boost or OpenSSL type appears here.
//
// Threads: one HttpClient is used from one thread at a time; its calls block.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::net {

struct TISERVICE_CORE_EXPORT Url {
    std::string scheme;  ///< "http" or "https"
    std::string host;    ///< without brackets for IPv6
    std::uint16_t port = 0;
    std::string target;  ///< path and query, at least "/"

    static Result<Url> parse(std::string_view text);
    [[nodiscard]] std::string hostPort() const;  ///< "host:port", IPv6 in brackets
    [[nodiscard]] std::string toString() const;

    /// The address as it may be shown or logged: user information ("name:password@") that
    /// someone wrote into it replaced by "******@". Every message that repeats an address a
    /// person typed goes through this.
    [[nodiscard]] static std::string withoutUserInfo(std::string_view text);
};

struct ClientCertificate {
    std::filesystem::path p12File;
    std::string password;  ///< registered as a secret with the logger
};

struct BasicAuth {
    std::string user;
    std::string password;  ///< registered as a secret with the logger
};

struct ClientOptions {
    /// How the peer is named in messages: TIS_TEXT("http_client", "Der Konnektor").
    LocalizedText peerName = TIS_TEXT("http_client", "Der Konnektor");
    /// What to do when the peer cannot be reached, and when it does not answer in time: for a
    /// device in the practice's network by default; the update server says its own.
    LocalizedText unreachableAction =
        TIS_TEXT("http_client",
                 "Prüfen, ob das Gerät eingeschaltet und mit dem Praxisnetz verbunden ist und die Adresse stimmt.");
    LocalizedText timeoutAction =
        TIS_TEXT("http_client", "Später noch einmal versuchen; das Gerät startet vielleicht gerade neu.");
    std::filesystem::path caFile;          ///< trusted CA certificates (PEM); empty: system store
    bool verifyPeer = true;                ///< never false outside tests of this very switch
    bool checkHostName = true;             ///< the certificate must name the host (SAN)
    std::optional<ClientCertificate> clientCertificate;
    std::optional<BasicAuth> basicAuth;
    std::chrono::milliseconds connectTimeout{5'000};
    std::chrono::milliseconds readTimeout{15'000};   ///< longest silence while reading
    std::chrono::milliseconds totalTimeout{60'000};  ///< one request, retries included
    std::size_t maxResponseBytes = 8 * 1024 * 1024;
    int maxAttempts = 3;                             ///< for idempotent requests
    std::chrono::milliseconds retryBaseDelay{200};   ///< doubled per attempt, with jitter
};

struct Request {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Retried after network errors and 502/503/504 only when true; by default GET, HEAD,
    /// PUT, DELETE and OPTIONS are idempotent.
    std::optional<bool> idempotent;
    /// Overrides ClientOptions::maxResponseBytes for this request.
    std::optional<std::size_t> maxResponseBytes;
    /// Shortens ClientOptions::totalTimeout for this request (never lengthens it).
    std::optional<std::chrono::milliseconds> totalTimeout;
};

struct DownloadOptions {
    /// More than this many bytes is an error (kResponseTooLarge): endless data stops here.
    std::uint64_t maxBytes = 0;
    /// Hashes computed on the fly over the whole file: "sha256", "sha512".
    std::vector<std::string> hashAlgorithms{"sha256"};
    /// Continue a partial file at `destination` with an HTTP Range request.
    bool resume = false;
    /// Called after each chunk: bytes so far, total when the server said it. [calling thread]
    std::function<void(std::uint64_t received, std::optional<std::uint64_t> total)> progress;
};

struct DownloadResult {
    std::uint64_t bytes = 0;
    std::map<std::string, std::string> hashes;  ///< algorithm → lower-case hex
    bool resumed = false;
};

struct Response {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< names in lower case
    std::string body;

    [[nodiscard]] std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// Stable codes of the errors HttpClient returns, for tests and support.
namespace errors {
inline constexpr const char* kInvalidUrl = "net.invalid-url";
inline constexpr const char* kUnreachable = "net.unreachable";
inline constexpr const char* kTimeout = "net.timeout";
inline constexpr const char* kCertificateUntrusted = "net.certificate-untrusted";
inline constexpr const char* kNameMismatch = "net.name-mismatch";
inline constexpr const char* kClientCertificateRequired = "net.client-certificate-required";
inline constexpr const char* kClientCertificateUnknown = "net.client-certificate-unknown";
inline constexpr const char* kClientCertificateUnreadable = "net.client-certificate-unreadable";
inline constexpr const char* kCaFileUnreadable = "net.ca-file-unreadable";
inline constexpr const char* kTlsFailed = "net.tls-failed";
inline constexpr const char* kResponseTooLarge = "net.response-too-large";
inline constexpr const char* kMalformedAnswer = "net.malformed-answer";
inline constexpr const char* kConnectionLost = "net.connection-lost";
inline constexpr const char* kWrongCredentials = "net.wrong-credentials";
inline constexpr const char* kHttpStatus = "net.http-status";
inline constexpr const char* kCancelled = "net.cancelled";  ///< the thread's cancellation said stop
}  // namespace errors

/// The calling thread's cancellation, while this object lives (on that thread's stack): while a
/// request of an HttpClient waits on the network on this thread, `cancelled` is asked every
/// 50 ms; true ends the request at once (errors::kCancelled), and a retry is not tried. An engine
/// worker holds one for its whole life, so a practice software's shutdown never waits for a
/// connector that does not answer. An inner one holds until it ends, then the outer one again.
/// (A scope, not a thread_local std::function: MinGW-w64 frees a thread's TLS before the
/// destructors of its thread_local objects run, and such an object crashed tiservice.exe at the
/// end of a thread.)
class TISERVICE_CORE_EXPORT ThreadCancellation {
public:
    explicit ThreadCancellation(std::function<bool()> cancelled);
    ~ThreadCancellation();
    ThreadCancellation(const ThreadCancellation&) = delete;
    ThreadCancellation& operator=(const ThreadCancellation&) = delete;

    /// Whether the calling thread's innermost cancellation says stop.
    [[nodiscard]] static bool requested();
    /// Whether the calling thread has one.
    [[nodiscard]] static bool active();

private:
    std::function<bool()> cancelled_;
    const ThreadCancellation* outer_;
};

class TISERVICE_CORE_EXPORT HttpClient {
public:
    explicit HttpClient(ClientOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends the request and returns the answer, whatever its HTTP status. Errors are
    /// only what prevented an answer.
    Result<Response> send(const Request& request);

    /// Like send(), but an answer outside 2xx is an Error too (401/403 → wrong credentials).
    Result<Response> sendExpectingSuccess(const Request& request);

    /// Streams a GET answer into `destination` (created or, with resume, continued),
    /// hashing on the fly. Only 2xx answers are written; others are Errors. On error the
    /// file holds what arrived (for a later resume); the caller removes it if unwanted.
    Result<DownloadResult> download(const std::string& url, const std::filesystem::path& destination,
                                    const DownloadOptions& options);

    /// Drops the kept-alive connection (e.g. after the peer rebooted).
    void disconnect();

    [[nodiscard]] const ClientOptions& options() const;
    /// How many TCP connections this client opened so far (to check reuse).
    [[nodiscard]] int connectionsOpened() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// True when the server at `url`'s host and port answers a TLS handshake: used to tell a
/// person that plain HTTP went to a port that speaks only TLS. Sends a ClientHello and
/// nothing else (no request, no credentials); the certificate is not judged. [blocking]
TISERVICE_CORE_EXPORT bool speaksTls(std::string_view url,
                                     std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

/// The Error for an answer outside 2xx.
TISERVICE_CORE_EXPORT Error httpStatusError(const Response& response, const LocalizedText& peerName,
                                            const std::string& url);

}  // namespace tiservice::net
