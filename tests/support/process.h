#pragma once
// Real child processes for tests: run a program to its end, or keep one (the simulator)
// running in the background and stop it when the test ends.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tiservice::testing {

struct ProcessResult {
    int exitCode = -1;     ///< exit status, or -1 when killed by a signal or timed out
    int signal = 0;        ///< the signal that ended it, or 0
    bool timedOut = false;
    std::string out;
    std::string err;
};

struct ProcessOptions {
    /// Variables set (or, with an empty optional, removed) on top of this process's environment.
    std::map<std::string, std::optional<std::string>> env;
    std::string input;  ///< written to the child's stdin, then stdin is closed
    std::chrono::milliseconds timeout{60'000};
    std::filesystem::path workingDirectory;
};

/// Runs argv[0] (a path) with its arguments and waits for it, at most options.timeout.
ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// A child that runs until stop() or destruction (SIGTERM, then SIGKILL). Its output goes to files.
class BackgroundProcess {
public:
    BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options,
                      const std::filesystem::path& logDir);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    [[nodiscard]] int pid() const { return pid_; }
    [[nodiscard]] bool running();
    /// Sends `sig` and waits for the end; returns the exit code (or -signal).
    int stop(int sig = 15);
    [[nodiscard]] std::string out() const;
    [[nodiscard]] std::string err() const;
    /// Waits until stdout contains `text`; false on timeout or when the process ended.
    bool waitForOutput(const std::string& text, std::chrono::milliseconds timeout);

private:
    int pid_ = -1;
    std::optional<int> status_;
    std::filesystem::path outPath_, errPath_;
};

/// Path of a binary built by this project.
std::filesystem::path binary(const std::string& name);

/// The processes `pid` started and that still exist (zombies included).
std::vector<int> childProcesses(int pid);
/// The program file's name of process `pid` ("tiservice-engine", "tiservice-engine.exe"), or "".
std::string processName(int pid);
/// Whether `pid` still runs (a zombie nobody reaped does not).
bool processRuns(int pid);
/// Ends `pid` at once, as a crash would (SIGKILL, TerminateProcess).
void killProcess(int pid);

/// A TCP socket bound to a free port of 127.0.0.1 (its number in `port`), listening or not;
/// throws std::runtime_error when it cannot. ClosedPort and SilentConnector are made of it.
int loopbackSocket(bool listening, int& port);
/// Closes what loopbackSocket() returned.
void closeLoopbackSocket(int fd);

/// A loopback port nobody listens on and nobody else can take while this holds it: the socket is
/// bound but never listens, so a connection there is refused. (A port freed by stopping a server
/// may be taken by a parallel test's server before the test connects.)
class ClosedPort {
public:
    ClosedPort();
    ~ClosedPort();
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;
    [[nodiscard]] int port() const { return port_; }
    /// https://127.0.0.1:PORT
    [[nodiscard]] std::string httpsBase() const;

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace tiservice::testing
