#include "tls_stream.h"

#include <openssl/bio.h>
#include <openssl/err.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace tiservice::net {

namespace asio = boost::asio;
namespace beast = boost::beast;

/// The BIO under the SSL object: reads come out of the stream's input buffer, writes go into its
/// output buffer; the stream moves both to and from the socket.
struct TlsStreamBio {
    static TlsStream& stream(BIO* bio) { return *static_cast<TlsStream*>(BIO_get_data(bio)); }

    static int read(BIO* bio, char* to, std::size_t size, std::size_t* got) {
        auto& s = stream(bio);
        BIO_clear_retry_flags(bio);
        const std::size_t ready = s.inputEnd_ - s.inputBegin_;
        if (ready == 0) {
            BIO_set_retry_read(bio);  // the operation reads the socket and asks again
            return 0;
        }
        const std::size_t n = std::min(size, ready);
        std::memcpy(to, s.input_.data() + s.inputBegin_, n);
        s.inputBegin_ += n;
        *got = n;
        return 1;
    }

    static int write(BIO* bio, const char* from, std::size_t size, std::size_t* put) {
        auto& s = stream(bio);
        BIO_clear_retry_flags(bio);
        s.output_.insert(s.output_.end(), from, from + size);
        *put = size;
        return 1;
    }

    static long control(BIO* bio, int command, long, void*) {
        auto& s = stream(bio);
        switch (command) {
            case BIO_CTRL_FLUSH: return 1;
            case BIO_CTRL_PENDING: return static_cast<long>(s.inputEnd_ - s.inputBegin_);
            case BIO_CTRL_WPENDING: return static_cast<long>(s.output_.size());
            default: return 0;
        }
    }

    static BIO_METHOD* method() {
        static BIO_METHOD* m = [] {
            BIO_METHOD* made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "tiservice TLS stream");
            if (!made || BIO_meth_set_read_ex(made, &read) != 1 || BIO_meth_set_write_ex(made, &write) != 1 ||
                BIO_meth_set_ctrl(made, &control) != 1)
                throw std::runtime_error("cannot set up the TLS stream's BIO");
            return made;
        }();
        return m;
    }
};

TlsStream::TlsStream(next_layer_type&& next, asio::ssl::context& context)
    : next_(std::move(next)), ssl_(SSL_new(context.native_handle())), input_(kFirstInputBytes) {
    if (!ssl_) throw std::runtime_error("cannot set up TLS");
    BIO* bio = BIO_new(TlsStreamBio::method());
    if (!bio) {
        SSL_free(ssl_);
        throw std::runtime_error("cannot set up the TLS stream's BIO");
    }
    BIO_set_data(bio, this);
    BIO_set_init(bio, 1);
    SSL_set_bio(ssl_, bio, bio);  // one BIO for both directions, owned by the SSL object
    SSL_set_connect_state(ssl_);
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_set_cert_cb(
        ssl_,
        [](SSL*, void* self) {
            static_cast<TlsStream*>(self)->certificateRequested_ = true;
            return 1;
        },
        this);
}

TlsStream::~TlsStream() { SSL_free(ssl_); }

asio::mutable_buffer TlsStream::inputSpace() {
    if (inputBegin_ > 0) {
        // A record's start stays: the rest of it comes with the next read. Where reads fill the
        // buffer (a download), it grows up to kInputBytes.
        std::memmove(input_.data(), input_.data() + inputBegin_, inputEnd_ - inputBegin_);
        inputEnd_ -= inputBegin_;
        inputBegin_ = 0;
    }
    if ((inputFilled_ || inputEnd_ == input_.size()) && input_.size() < kInputBytes) input_.resize(input_.size() * 2);
    inputFilled_ = false;
    return asio::buffer(input_.data() + inputEnd_, input_.size() - inputEnd_);
}

TlsStream::Step TlsStream::failure(int result) {
    const int error = SSL_get_error(ssl_, result);
    Step step;
    if (error == SSL_ERROR_WANT_READ) {
        step.what = Step::needInput;
        return step;
    }
    step.what = Step::failed;
    const unsigned long reason = ERR_get_error();
    if (error == SSL_ERROR_ZERO_RETURN) {
        step.error = asio::error::eof;  // close_notify: the peer ended the connection properly
    } else if (reason != 0 && ERR_GET_REASON(reason) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
        step.error = asio::ssl::error::stream_truncated;
    } else if (reason != 0 && (error == SSL_ERROR_SSL || error == SSL_ERROR_SYSCALL)) {
        step.error = beast::error_code(static_cast<int>(reason), asio::error::get_ssl_category());
    } else if (error == SSL_ERROR_SYSCALL) {
        step.error = asio::ssl::error::unspecified_system_error;
    } else {
        step.error = asio::ssl::error::unexpected_result;
    }
    ERR_clear_error();
    held_ = step.error;  // OpenSSL does not say it twice
    return step;
}

TlsStream::Step TlsStream::endOfInput() const {
    Step step;
    step.what = Step::failed;
    step.error = (SSL_get_shutdown(ssl_) & SSL_RECEIVED_SHUTDOWN) != 0
                     ? beast::error_code(asio::error::eof)
                     : beast::error_code(asio::ssl::error::stream_truncated);
    return step;
}

TlsStream::Step TlsStream::handshake() {
    ERR_clear_error();
    const int r = SSL_do_handshake(ssl_);
    return r == 1 ? Step{} : failure(r);
}

TlsStream::Step TlsStream::read(asio::mutable_buffer into) {
    Step step;
    if (held_) return Step{Step::failed, 0, held_};
    if (into.size() == 0) return step;
    auto* to = static_cast<char*>(into.data());
    while (step.bytes < into.size()) {
        ERR_clear_error();
        std::size_t n = 0;
        const int r = SSL_read_ex(ssl_, to + step.bytes, into.size() - step.bytes, &n);
        if (r == 1) {
            step.bytes += n;
            continue;
        }
        if (step.bytes > 0) {
            (void)failure(r);  // what came is handed over; an error is held for the next read
            break;
        }
        return failure(r);
    }
    return step;
}

TlsStream::Step TlsStream::write(asio::const_buffer from) {
    Step step;
    if (held_) return Step{Step::failed, 0, held_};
    if (from.size() == 0) return step;
    ERR_clear_error();
    const int r = SSL_write_ex(ssl_, from.data(), from.size(), &step.bytes);
    return r == 1 ? step : failure(r);
}

}  // namespace tiservice::net
