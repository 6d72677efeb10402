#include "http_server.h"

#include <algorithm>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it
#include <fstream>
#include <list>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace tiservice::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::redirect_error;
using asio::use_awaitable;

struct HttpServer::Impl {
    asio::io_context& io;
    Options options;
    HttpHandler handler;
    std::optional<tcp::acceptor> acceptor;
    /// While stopped: holds the port (bound, not listening, no SO_REUSEADDR) so that neither a
    /// server binding port 0 nor an outgoing connection is given it before the restart.
    std::optional<tcp::socket> portHolder;
    std::list<std::weak_ptr<beast::tcp_stream>> connections;
    unsigned generation = 0;

    Impl(asio::io_context& i, Options o, HttpHandler h) : io(i), options(std::move(o)), handler(std::move(h)) {}

    void track(const std::shared_ptr<beast::tcp_stream>& s) {
        connections.remove_if([](const auto& w) { return w.expired(); });
        connections.push_back(s);
    }
};

namespace {

std::string headerBlock(int status, const HttpResponse& r, std::uint64_t contentLength, bool keepAlive,
                        const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    std::string h = "HTTP/1.1 " + std::to_string(status) + " " +
                    std::string(http::obsolete_reason(static_cast<http::status>(status))) + "\r\n";
    h += "Server: konnektor-sim\r\n";
    h += "Content-Type: " + r.contentType + "\r\n";
    h += "Content-Length: " + std::to_string(contentLength) + "\r\n";
    h += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& headers : {&r.headers, &extra})
        for (const auto& [k, v] : *headers) h.append(k).append(": ").append(v).append("\r\n");
    return h + "\r\n";
}

/// Parses "bytes=N-" or "bytes=N-M" against a file of `size` bytes.
std::optional<std::pair<std::uint64_t, std::uint64_t>> parseRange(const std::string& value, std::uint64_t size) {
    if (!value.starts_with("bytes=")) return std::nullopt;
    const auto spec = value.substr(6);
    const auto dash = spec.find('-');
    if (dash == std::string::npos || dash == 0 || spec.find(',') != std::string::npos) return std::nullopt;
    try {
        const std::uint64_t first = std::stoull(spec.substr(0, dash));
        std::uint64_t last = size == 0 ? 0 : size - 1;
        if (dash + 1 < spec.size()) last = std::min<std::uint64_t>(std::stoull(spec.substr(dash + 1)), last);
        if (first >= size || first > last) return std::nullopt;
        return std::make_pair(first, last);
    } catch (...) {
        return std::nullopt;
    }
}

template <typename Stream>
awaitable<bool> writeRaw(Stream& stream, const void* data, std::size_t size) {
    beast::error_code ec;
    co_await asio::async_write(stream, asio::buffer(data, size), redirect_error(use_awaitable, ec));
    co_return !ec;
}

awaitable<bool> sleepFor(std::chrono::steady_clock::duration d) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(d);
    beast::error_code ec;
    co_await timer.async_wait(redirect_error(use_awaitable, ec));
    co_return !ec;
}

template <typename Stream>
awaitable<bool> writeFile(Stream& stream, beast::tcp_stream& lowest, const HttpRequest& req, const HttpResponse& r,
                          bool keepAlive) {
    std::ifstream in(*r.file, std::ios::binary);
    std::error_code sizeError;
    const auto size = std::filesystem::file_size(*r.file, sizeError);
    if (!in || sizeError) {
        HttpResponse notFound;
        const std::string body = "not found\n";
        auto h = headerBlock(404, notFound, body.size(), keepAlive) + body;
        co_return co_await writeRaw(stream, h.data(), h.size());
    }
    std::uint64_t first = 0, last = size == 0 ? 0 : size - 1;
    int status = 200;
    std::vector<std::pair<std::string, std::string>> extra{{"Accept-Ranges", "bytes"}};
    if (const auto range = req.header("range"); !range.empty()) {
        if (auto parsed = parseRange(range, size)) {
            std::tie(first, last) = *parsed;
            status = 206;
            extra.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
                                                    std::to_string(size));
        } else {
            HttpResponse bad;
            extra.emplace_back("Content-Range", "bytes */" + std::to_string(size));
            auto h = headerBlock(416, bad, 0, keepAlive, extra);
            co_return co_await writeRaw(stream, h.data(), h.size());
        }
    }
    const std::uint64_t length = size == 0 ? 0 : last - first + 1;
    auto head = headerBlock(status, r, length, keepAlive, extra);
    if (!co_await writeRaw(stream, head.data(), head.size())) co_return false;
    if (req.method == "HEAD") co_return true;

    in.seekg(static_cast<std::streamoff>(first));
    std::vector<char> chunk(64 * 1024);
    std::uint64_t sent = 0;
    const auto started = std::chrono::steady_clock::now();
    while (sent < length) {
        if (r.stallAfterBytes && sent >= *r.stallAfterBytes) {
            // A stalled download: nothing more arrives, the connection stays open.
            while (lowest.socket().is_open())
                if (!co_await sleepFor(std::chrono::milliseconds(200))) co_return false;
            co_return false;
        }
        std::uint64_t want = std::min<std::uint64_t>(chunk.size(), length - sent);
        if (r.stallAfterBytes) want = std::min<std::uint64_t>(want, *r.stallAfterBytes - sent);
        in.read(chunk.data(), static_cast<std::streamsize>(want));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) co_return false;
        lowest.expires_after(std::chrono::seconds(60));
        if (!co_await writeRaw(stream, chunk.data(), got)) co_return false;
        sent += got;
        if (r.bytesPerSecond > 0) {
            const auto due = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                           std::chrono::duration<double>(static_cast<double>(sent) /
                                                                         static_cast<double>(r.bytesPerSecond)));
            if (due > std::chrono::steady_clock::now() && !co_await sleepFor(due - std::chrono::steady_clock::now()))
                co_return false;
        }
    }
    co_return true;
}

template <typename Stream>
awaitable<void> serveRequests(std::shared_ptr<HttpServer::Impl> self, Stream& stream, beast::tcp_stream& lowest,
                              bool tls) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(self->options.maxBodyBytes);
        lowest.expires_after(self->options.idleTimeout);
        beast::error_code ec;
        co_await http::async_read(stream, buffer, parser, redirect_error(use_awaitable, ec));
        if (ec) co_return;
        auto& msg = parser.get();

        HttpRequest req;
        req.method = std::string(msg.method_string());
        req.target = std::string(msg.target());
        req.body = std::move(msg.body());
        req.tls = tls;
        for (const auto& field : msg) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            req.headers[name] = std::string(field.value());
        }
        const bool keepAlive = msg.keep_alive();

        HttpResponse r;
        try {
            r = self->handler(req);
        } catch (const std::exception& e) {
            r = HttpResponse{.status = 500, .body = std::string("internal error: ") + e.what() + "\n"};
        }
        if (r.delay.count() > 0 && !co_await sleepFor(r.delay)) co_return;
        if (r.dropConnection) co_return;

        if (r.file) {
            if (!co_await writeFile(stream, lowest, req, r, keepAlive)) co_return;
        } else if (r.truncate) {
            auto text = headerBlock(r.status, r, r.body.size(), false) + r.body.substr(0, r.body.size() / 2);
            co_await writeRaw(stream, text.data(), text.size());
            co_return;
        } else {
            const bool head = req.method == "HEAD";
            auto text = headerBlock(r.status, r, r.body.size(), keepAlive) + (head ? std::string() : r.body);
            if (!co_await writeRaw(stream, text.data(), text.size())) co_return;
        }
        if (!keepAlive) co_return;
    }
}

awaitable<void> plainSession(std::shared_ptr<HttpServer::Impl> self, std::shared_ptr<beast::tcp_stream> stream) {
    co_await serveRequests(self, *stream, *stream, false);
    beast::error_code ec;
    stream->socket().shutdown(tcp::socket::shutdown_send, ec);
    stream->socket().close(ec);
}

awaitable<void> tlsSession(std::shared_ptr<HttpServer::Impl> self,
                           std::shared_ptr<beast::ssl_stream<beast::tcp_stream>> stream) {
    auto& lowest = beast::get_lowest_layer(*stream);
    lowest.expires_after(std::chrono::seconds(15));
    beast::error_code ec;
    co_await stream->async_handshake(asio::ssl::stream_base::server, redirect_error(use_awaitable, ec));
    if (!ec) {
        co_await serveRequests(self, *stream, lowest, true);
        if (lowest.socket().is_open()) {
            lowest.expires_after(std::chrono::seconds(2));
            co_await stream->async_shutdown(redirect_error(use_awaitable, ec));
        }
    }
    lowest.socket().close(ec);
}

awaitable<void> acceptLoop(std::shared_ptr<HttpServer::Impl> self, unsigned generation) {
    for (;;) {
        if (!self->acceptor || self->generation != generation) co_return;
        beast::error_code ec;
        tcp::socket socket = co_await self->acceptor->async_accept(redirect_error(use_awaitable, ec));
        if (ec) {
            if (ec == asio::error::operation_aborted || self->generation != generation) co_return;
            continue;
        }
        // No Nagle: a head and a body written one after the other must not wait for the
        // client's delayed ACK (41 ms per keep-alive answer).
        socket.set_option(tcp::no_delay(true), ec);
        if (self->options.tls) {
            auto stream = std::make_shared<beast::ssl_stream<beast::tcp_stream>>(std::move(socket), *self->options.tls);
            self->track(std::shared_ptr<beast::tcp_stream>(stream, &beast::get_lowest_layer(*stream)));
            asio::co_spawn(self->io, tlsSession(self, stream), asio::detached);
        } else {
            auto stream = std::make_shared<beast::tcp_stream>(std::move(socket));
            self->track(stream);
            asio::co_spawn(self->io, plainSession(self, stream), asio::detached);
        }
    }
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, Options options, HttpHandler handler)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() {
    if (impl_->acceptor) {
        beast::error_code ec;
        impl_->acceptor->close(ec);
    }
}

void HttpServer::start() {
    if (impl_->acceptor) return;
    const auto address = asio::ip::make_address(impl_->options.address);
    tcp::endpoint endpoint(address, port_ != 0 ? port_ : impl_->options.port);
    if (impl_->portHolder) {
        beast::error_code ec;
        impl_->portHolder->close(ec);
        impl_->portHolder.reset();
    }
    tcp::acceptor acceptor(impl_->io);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor.local_endpoint().port();
    impl_->acceptor.emplace(std::move(acceptor));
    asio::co_spawn(impl_->io, acceptLoop(impl_, ++impl_->generation), asio::detached);
}

void HttpServer::stop() {
    ++impl_->generation;
    if (impl_->acceptor) {
        beast::error_code ec;
        impl_->acceptor->close(ec);
        impl_->acceptor.reset();
    }
    for (auto& weak : impl_->connections)
        if (auto s = weak.lock()) {
            beast::error_code ec;
            s->socket().shutdown(tcp::socket::shutdown_both, ec);
            s->socket().close(ec);
        }
    impl_->connections.clear();
    if (port_ != 0 && !impl_->portHolder) {
        const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.address), port_);
        tcp::socket holder(impl_->io);
        beast::error_code ec;
        holder.open(endpoint.protocol(), ec);
        if (!ec) holder.bind(endpoint, ec);
        if (!ec) impl_->portHolder.emplace(std::move(holder));
    }
}

bool HttpServer::restart() noexcept {
    try {
        start();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool HttpServer::listening() const { return impl_->acceptor.has_value(); }

}  // namespace tiservice::sim
