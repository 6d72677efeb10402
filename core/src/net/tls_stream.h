#pragma once
// TLS over a beast::tcp_stream, with OpenSSL reading the encrypted bytes straight out of a large
// buffer of ours. Asio's own ssl::stream moves them through a 17 KiB buffer and a BIO pair: a
// read of the socket, an ACK to the sender and two copies for every 16 KiB record, and a chain
// of small asynchronous steps for each. On the two cores of a practice PC that is a fifth of the
// work of a firmware download. Here one read of the socket takes up to 256 KiB, one step decrypts
// everything that came into the caller's buffer, and the encrypted bytes are copied once (into
// OpenSSL's record buffer).
//
// The reads and writes of the socket go through the tcp_stream, so its timeouts and cancel()
// hold as before. Errors are those of Asio's stream: the OpenSSL error in asio's ssl category,
// ssl::error::stream_truncated when the connection ends without TLS's close_notify, asio's eof
// when it ends with one. Like the HTTP client above it, it does one operation at a time: a read
// and a write never overlap.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffer_traits.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace tiservice::net {

class TlsStream {
public:
    using next_layer_type = boost::beast::tcp_stream;
    using executor_type = next_layer_type::executor_type;

    /// A client connection over `next` (connected); `context` must outlive the stream.
    TlsStream(next_layer_type&& next, boost::asio::ssl::context& context);
    ~TlsStream();
    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;

    executor_type get_executor() { return next_.get_executor(); }
    next_layer_type& next_layer() { return next_; }
    SSL* native_handle() { return ssl_; }
    /// Whether the peer asked for a client certificate in the handshake.
    [[nodiscard]] bool certificateRequested() const { return certificateRequested_; }

    /// The client's handshake. Completion: void(error_code).
    template <typename Token>
    auto async_handshake(Token&& token) {
        return boost::asio::async_compose<Token, void(boost::beast::error_code)>(
            Op<Kind::handshake, boost::asio::mutable_buffer>{*this, {}}, token, next_);
    }

    /// Decrypted bytes into `buffers`: all that arrived, at least one. Completion:
    /// void(error_code, std::size_t).
    template <typename MutableBuffers, typename Token>
    auto async_read_some(const MutableBuffers& buffers, Token&& token) {
        return boost::asio::async_compose<Token, void(boost::beast::error_code, std::size_t)>(
            Op<Kind::read, boost::asio::mutable_buffer>{*this, firstMutable(buffers)}, token, next_);
    }

    /// Encrypts and sends `buffers`: a request's head and body in one TLS record and one send
    /// (up to kGatherBytes of them). Completion: void(error_code, std::size_t).
    template <typename ConstBuffers, typename Token>
    auto async_write_some(const ConstBuffers& buffers, Token&& token) {
        return boost::asio::async_compose<Token, void(boost::beast::error_code, std::size_t)>(
            Op<Kind::write, boost::asio::const_buffer>{*this, gather(buffers)}, token, next_);
    }

    static constexpr std::size_t kFirstInputBytes = 32 * 1024;  ///< a request's answer, a handshake
    static constexpr std::size_t kInputBytes = 256 * 1024;      ///< a download
    static constexpr std::size_t kGatherBytes = 16 * 1024;      ///< one TLS record

private:
    enum class Kind { handshake, read, write };
    /// What one step with OpenSSL came to.
    struct Step {
        enum { done, needInput, failed } what = done;
        std::size_t bytes = 0;
        boost::beast::error_code error;
    };

    Step handshake();
    Step read(boost::asio::mutable_buffer into);
    Step write(boost::asio::const_buffer from);
    Step failure(int result);
    /// The connection ended (the socket's EOF): cleanly after the peer's close_notify, else cut
    /// off. OpenSSL is not asked; it would answer with an alert to a closed connection.
    Step endOfInput() const;
    /// Room for the next encrypted bytes from the socket (what is not yet taken moves to the front).
    boost::asio::mutable_buffer inputSpace();
    void inputArrived(std::size_t n) {
        inputEnd_ += n;
        inputFilled_ = inputEnd_ == input_.size();
    }
    boost::asio::const_buffer output() const { return boost::asio::buffer(output_); }
    void outputSent() { output_.clear(); }

    template <typename Buffers>
    static boost::asio::mutable_buffer firstMutable(const Buffers& buffers) {
        for (boost::asio::mutable_buffer b : boost::beast::buffers_range_ref(buffers))
            if (b.size() > 0) return b;
        return {};
    }
    /// The bytes to send as one buffer: the first of `buffers` when it is the only one or large,
    /// else as many of them as fit into kGatherBytes, copied one after the other.
    template <typename Buffers>
    boost::asio::const_buffer gather(const Buffers& buffers) {
        gathered_.clear();
        for (boost::asio::const_buffer b : boost::beast::buffers_range_ref(buffers)) {
            if (b.size() == 0) continue;
            if (gathered_.empty() && (b.size() >= kGatherBytes || b.size() == boost::beast::buffer_bytes(buffers)))
                return b;
            const auto n = std::min(b.size(), kGatherBytes - gathered_.size());
            const auto* from = static_cast<const unsigned char*>(b.data());
            gathered_.insert(gathered_.end(), from, from + n);
            if (gathered_.size() == kGatherBytes) break;
        }
        return boost::asio::buffer(gathered_);
    }

    /// One operation: steps with OpenSSL, reading the socket when it needs more, sending what it
    /// wrote before completing.
    template <Kind kind, typename Buffer>
    struct Op {
        TlsStream& stream;
        Buffer buffer;
        enum { start, reading, sending, posted } state = start;
        Step step{};
        bool suspended = false;  ///< completed from a handler, not from the initiating call

        template <typename Self>
        void operator()(Self& self, boost::beast::error_code ec = {}, std::size_t n = 0) {
            switch (state) {
                case start: break;
                case reading:
                    if (ec == boost::asio::error::eof) {
                        step = stream.endOfInput();
                        return finish(self, step.error, 0);
                    }
                    if (ec) return finish(self, ec, 0);
                    stream.inputArrived(n);
                    break;
                case sending:
                    stream.outputSent();
                    if (ec && step.what == Step::failed)
                        return finish(self, step.error, 0);  // the alert did not go out
                    if (ec && kind == Kind::read && step.bytes > 0) {
                        // What was decrypted is handed over; the error comes with the next read.
                        stream.held_ = ec;
                        return finish(self, {}, step.bytes);
                    }
                    if (ec) return finish(self, ec, 0);
                    return afterStep(self);
                case posted: return finish(self, step.error, step.bytes);
            }
            if constexpr (kind == Kind::handshake) step = stream.handshake();
            else if constexpr (kind == Kind::read) step = stream.read(buffer);
            else step = stream.write(buffer);
            if (stream.output().size() > 0) {
                // What OpenSSL wrote goes out first: a handshake message, an alert, the request.
                state = sending;
                suspended = true;
                return boost::asio::async_write(stream.next_, stream.output(), std::move(self));
            }
            afterStep(self);
        }

        template <typename Self>
        void afterStep(Self& self) {
            if (step.what == Step::needInput) {
                state = reading;
                suspended = true;
                return stream.next_.async_read_some(stream.inputSpace(), std::move(self));
            }
            if (!suspended) {
                // Never complete inside the initiating call.
                state = posted;
                return boost::asio::post(stream.next_.get_executor(), std::move(self));
            }
            finish(self, step.error, step.bytes);
        }

        template <typename Self>
        void finish(Self& self, boost::beast::error_code ec, std::size_t n) {
            if constexpr (kind == Kind::handshake) self.complete(ec);
            else self.complete(ec, n);
        }
    };

    next_layer_type next_;
    SSL* ssl_ = nullptr;
    std::vector<unsigned char> input_;
    std::size_t inputBegin_ = 0, inputEnd_ = 0;
    bool inputFilled_ = false;  ///< the last read of the socket filled the buffer: more was waiting
    std::vector<unsigned char> output_;
    std::vector<unsigned char> gathered_;  ///< a write's buffers, one after the other
    boost::beast::error_code held_;  ///< an error that came after bytes were handed over; every later operation gets it
    bool certificateRequested_ = false;

    friend struct TlsStreamBio;
};

}  // namespace tiservice::net
