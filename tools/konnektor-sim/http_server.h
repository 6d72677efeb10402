#pragma once
// A small HTTP/1.1 server on Boost.Beast for the simulator: plain or TLS (optionally with
// client certificates), keep-alive, file downloads with Range, and the faults a real
// connector or update server shows (slow answers, dropped connections, truncated bodies,
// stalled downloads). It can stop listening and drop every connection — a reboot — and
// start again on the same port.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

namespace tiservice::sim {

struct HttpRequest {
    std::string method;
    std::string target;  ///< path and query, e.g. "/connector.sds"
    std::map<std::string, std::string> headers;  ///< names in lower case
    std::string body;
    bool tls = false;

    [[nodiscard]] std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
    [[nodiscard]] std::string path() const { return target.substr(0, target.find('?')); }
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// Serve this file instead of body (streamed, honours Range).
    std::optional<std::filesystem::path> file;

    // Faults, as the simulator's fault switches ask for them.
    std::chrono::milliseconds delay{0};  ///< wait this long before answering
    bool dropConnection = false;         ///< close without an answer
    bool truncate = false;               ///< announce the full length, send half, close
    /// For file downloads: stop sending after this many bytes and keep the connection
    /// open without sending more (a stalled download), until the client gives up.
    std::optional<std::uint64_t> stallAfterBytes;
    /// For file downloads: at most this many bytes per second (0: unlimited).
    std::uint64_t bytesPerSecond = 0;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
public:
    struct Options {
        std::string address = "127.0.0.1";
        std::uint16_t port = 0;  ///< 0: any free port
        std::shared_ptr<boost::asio::ssl::context> tls;  ///< null: plain HTTP
        std::size_t maxBodyBytes = 1024 * 1024;
        std::chrono::seconds idleTimeout{30};
    };

    HttpServer(boost::asio::io_context& io, Options options, HttpHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds and listens; afterwards port() is the real port. Throws on failure.
    /// Call from the io thread or before it runs.
    void start();
    /// Stops listening and closes every open connection; the port stays reserved (a bound socket
    /// that does not listen: connections are refused, as by a rebooting device, and no other
    /// program on the machine is given the port meanwhile). [io thread]
    void stop();
    /// start() after stop(): false (and not listening, to be tried again) when the port cannot be
    /// had back. [io thread]
    [[nodiscard]] bool restart() noexcept;
    [[nodiscard]] bool listening() const;
    [[nodiscard]] std::uint16_t port() const { return port_; }

    struct Impl;  ///< internal; public only so the connection coroutines can reach it

private:
    std::shared_ptr<Impl> impl_;
    std::uint16_t port_ = 0;
};

}  // namespace tiservice::sim
