// What a test's processes and ports are on every system; the system's own part is in
// process.cpp (POSIX) and process_windows.cpp (CreateProcessW, Winsock).
#include <thread>

#include "support/process.h"

namespace tiservice::testing {

bool BackgroundProcess::waitForOutput(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (out().find(text) != std::string::npos) return true;
        if (!running()) return out().find(text) != std::string::npos;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::filesystem::path binary(const std::string& name) {
#ifdef _WIN32
    return std::filesystem::path(TISERVICE_BIN_DIR) / (name + ".exe");
#else
    return std::filesystem::path(TISERVICE_BIN_DIR) / name;
#endif
}

ClosedPort::ClosedPort() { fd_ = loopbackSocket(false, port_); }

ClosedPort::~ClosedPort() {
    if (fd_ >= 0) closeLoopbackSocket(fd_);
}

std::string ClosedPort::httpsBase() const { return "https://127.0.0.1:" + std::to_string(port_); }

}  // namespace tiservice::testing
