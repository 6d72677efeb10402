#pragma once
// The adapter's engine process (tiservice-engine) as the adapter sees it: started with a pipe
// as its standard input and output and nothing else of the practice software's (no other file,
// socket or handle, no signal handler, its own process group), written to and read from, and
// ended — politely by closing its input, or at once.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace tiservice::plugin_sdk {

class EngineProcess {
public:
    /// Starts `program`; nullptr with `error` (for the host's log, English) when it cannot.
    static std::unique_ptr<EngineProcess> start(const std::filesystem::path& program, std::string& error);
    ~EngineProcess();  ///< ends the process if it still runs, and reaps it
    EngineProcess(const EngineProcess&) = delete;
    EngineProcess& operator=(const EngineProcess&) = delete;

    /// How long a write waits for a running engine that takes nothing: longer, and it hangs.
    static constexpr std::chrono::milliseconds kWriteTimeout{3000};
    /// How long the first write waits: the engine may still be loading its libraries (a virus
    /// scanner, a cold Windows), and its start may be longer than the pipe holds.
    static constexpr std::chrono::milliseconds kFirstWriteTimeout{30000};

    /// Writes all of `size` bytes; false when the process has gone, was ended, or took nothing
    /// for `patience` (the stream is then broken: end the process). Never raises SIGPIPE.
    /// One writer at a time (the caller holds a lock).
    bool write(const void* data, std::size_t size, std::chrono::milliseconds patience = kWriteTimeout);
    /// Blocks until bytes arrive: their count, 0 when the process has ended (also while another
    /// process still holds its output) and everything it wrote before has been read.
    /// One reader at a time (the adapter's own thread).
    std::size_t read(void* buffer, std::size_t size);
    /// Closes the process's input: it reads the end and exits.
    void closeInput();
    /// Waits up to `timeout` for the process to end; true when it has (and is reaped).
    bool waitForExit(std::chrono::milliseconds timeout);
    /// Ends the process at once (SIGKILL, TerminateProcess); a write waiting on it fails.
    /// Safe from any thread while the object lives.
    void kill();

private:
    EngineProcess() = default;
    struct Native;
    std::unique_ptr<Native> native_;
};

/// The file of the module (adapter library or program) this code was linked into.
std::filesystem::path thisModule();

}  // namespace tiservice::plugin_sdk
