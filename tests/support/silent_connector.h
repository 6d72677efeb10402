#pragma once
// A "connector" on loopback that takes every connection and never says a word: what a hung
// connector looks like to the engine (the TCP handshake succeeds, no byte ever comes back).

namespace tiservice::testing {

class SilentConnector {
public:
    /// Listens on 127.0.0.1 at a free port (loopbackSocket); throws std::runtime_error when it cannot.
    SilentConnector();
    ~SilentConnector();
    SilentConnector(const SilentConnector&) = delete;
    SilentConnector& operator=(const SilentConnector&) = delete;

    [[nodiscard]] int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace tiservice::testing
