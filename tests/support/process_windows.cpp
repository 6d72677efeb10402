// tests/support/process.h on Windows (run here under Wine): real child processes through
// CreateProcessW, their output through pipes or into files, loopback sockets through Winsock.
// A test's HOME and XDG_* folders, which Windows programs do not read, become the
// TISERVICE_STATE_DIR and TISERVICE_CONFIG_DIR the tools do read, resolved as on Linux, so
// every test keeps its own state and settings.
#include "support/process.h"

#include <winsock2.h>
#include <ws2tcpip.h>
// after winsock2.h
#include <windows.h>
// after windows.h
#include <tlhelp32.h>

#include <algorithm>
#include <cwctype>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

namespace tiservice::testing {
namespace {

std::wstring wide(const std::string& utf8) {
    if (utf8.empty()) return {};
    const int n = ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring w(static_cast<std::size_t>(n), L'\0');
    ::MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), w.data(), n);
    return w;
}

/// Environment names are case-insensitive on Windows.
struct NoCase {
    bool operator()(const std::wstring& a, const std::wstring& b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                            [](wchar_t x, wchar_t y) { return std::towupper(x) < std::towupper(y); });
    }
};

/// This process's environment with the options' changes, as CreateProcessW wants it.
std::wstring environmentBlock(const ProcessOptions& options) {
    std::map<std::wstring, std::wstring, NoCase> env;
    if (wchar_t* block = ::GetEnvironmentStringsW()) {
        for (const wchar_t* e = block; *e; e += wcslen(e) + 1) {
            const std::wstring kv(e);
            const auto eq = kv.find(L'=', 1);  // "=C:=C:\..." entries start with '='
            if (eq != std::wstring::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        ::FreeEnvironmentStringsW(block);
    }
    for (const auto& [k, v] : options.env) {
        if (v) env[wide(k)] = wide(*v);
        else env.erase(wide(k));
    }
    // The folders a test gives its programs, as a Linux program would resolve them.
    const auto given = [&](const char* name) -> std::optional<std::string> {
        const auto it = options.env.find(name);
        return it == options.env.end() ? std::nullopt : it->second;
    };
    if (!given("TISERVICE_STATE_DIR")) {
        if (auto xdg = given("XDG_STATE_HOME")) env[L"TISERVICE_STATE_DIR"] = wide(*xdg + "/tiservice");
        else if (auto home = given("HOME")) env[L"TISERVICE_STATE_DIR"] = wide(*home + "/.local/state/tiservice");
    }
    if (!given("TISERVICE_CONFIG_DIR")) {
        if (auto xdg = given("XDG_CONFIG_HOME")) env[L"TISERVICE_CONFIG_DIR"] = wide(*xdg + "/tiservice");
        else if (auto home = given("HOME")) env[L"TISERVICE_CONFIG_DIR"] = wide(*home + "/.config/tiservice");
    }
    std::wstring out;
    for (const auto& [k, v] : env) out += k + L"=" + v + L'\0';
    out += L'\0';
    return out;
}

/// One argument as the C runtime of the child splits it again (backslashes before quotes).
std::wstring quoted(const std::wstring& arg) {
    if (!arg.empty() && arg.find_first_of(L" \t\"") == std::wstring::npos) return arg;
    std::wstring q = L"\"";
    std::size_t backslashes = 0;
    for (wchar_t c : arg) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        q.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        q += c;
    }
    q.append(backslashes * 2, L'\\');
    return q + L"\"";
}

/// The job every child of this test process belongs to; closed (children ended) with the process.
HANDLE testJob() {
    static HANDLE job = [] {
        HANDLE j = ::CreateJobObjectW(nullptr, nullptr);
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (j) ::SetInformationJobObject(j, JobObjectExtendedLimitInformation, &limits, sizeof limits);
        return j;
    }();
    return job;
}

struct Started {
    HANDLE process = nullptr;
    DWORD id = 0;
};

Started start(const std::vector<std::string>& argv, const ProcessOptions& options, HANDLE in, HANDLE out, HANDLE err) {
    std::wstring commandLine;
    for (const auto& a : argv) commandLine += (commandLine.empty() ? L"" : L" ") + quoted(wide(a));
    auto environment = environmentBlock(options);
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = in;
    startup.hStdOutput = out;
    startup.hStdError = err;
    PROCESS_INFORMATION info{};
    const auto dir = options.workingDirectory.empty() ? std::wstring() : options.workingDirectory.wstring();
    // No console (DETACHED_PROCESS): a console would come with a conhost.exe of its own, which
    // outlives a process ended by TerminateProcess and keeps its output files open.
    if (!::CreateProcessW(wide(argv.at(0)).c_str(), commandLine.data(), nullptr, nullptr, TRUE,
                          CREATE_UNICODE_ENVIRONMENT | DETACHED_PROCESS | CREATE_SUSPENDED, environment.data(),
                          dir.empty() ? nullptr : dir.c_str(), &startup, &info))
        throw std::runtime_error("CreateProcessW " + argv.at(0) + " failed: " + std::to_string(::GetLastError()));
    // Every child belongs to this test's job: when the test ends (or ctest kills it at its
    // timeout), its simulators and tools end with it instead of holding ports and files.
    ::AssignProcessToJobObject(testJob(), info.hProcess);
    ::ResumeThread(info.hThread);
    ::CloseHandle(info.hThread);
    return {info.hProcess, info.dwProcessId};
}

/// Windows writes "\r\n" where the programs wrote "\n" (text mode); the tests read lines.
std::string unixLines(std::string text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
    return out;
}

void readAll(HANDLE pipe, std::string& into) {
    char buf[65536];
    DWORD n = 0;
    while (::ReadFile(pipe, buf, sizeof buf, &n, nullptr) && n > 0) into.append(buf, n);
}

/// The processes BackgroundProcess started, by id, with the handle that keeps their exit code.
std::mutex backgroundMutex;
std::map<int, HANDLE>& background() {
    static std::map<int, HANDLE> handles;
    return handles;
}
HANDLE backgroundHandle(int pid) {
    std::lock_guard lock(backgroundMutex);
    const auto it = background().find(pid);
    return it == background().end() ? nullptr : it->second;
}

void startWinsock() {
    static std::once_flag once;
    std::call_once(once, [] {
        WSADATA data;
        ::WSAStartup(MAKEWORD(2, 2), &data);
    });
}

}  // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
    SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    HANDLE inRead, inWrite, outRead, outWrite, errRead, errWrite;
    if (!::CreatePipe(&inRead, &inWrite, &inherit, 0) || !::CreatePipe(&outRead, &outWrite, &inherit, 0) ||
        !::CreatePipe(&errRead, &errWrite, &inherit, 0))
        throw std::runtime_error("CreatePipe failed");
    for (HANDLE ours : {inWrite, outRead, errRead}) ::SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
    Started child;
    try {
        child = start(argv, options, inRead, outWrite, errWrite);
    } catch (...) {
        for (HANDLE h : {inRead, inWrite, outRead, outWrite, errRead, errWrite}) ::CloseHandle(h);
        throw;
    }
    for (HANDLE theirs : {inRead, outWrite, errWrite}) ::CloseHandle(theirs);

    ProcessResult result;
    std::thread outReader([&] { readAll(outRead, result.out); });
    std::thread errReader([&] { readAll(errRead, result.err); });
    // Feed stdin (small inputs only: answers and passwords) and close it.
    DWORD written = 0;
    if (!options.input.empty())
        ::WriteFile(inWrite, options.input.data(), static_cast<DWORD>(options.input.size()), &written, nullptr);
    ::CloseHandle(inWrite);

    if (::WaitForSingleObject(child.process, static_cast<DWORD>(options.timeout.count())) != WAIT_OBJECT_0) {
        result.timedOut = true;
        ::TerminateProcess(child.process, 137);
        ::WaitForSingleObject(child.process, INFINITE);
    }
    outReader.join();  // the pipes end when the child (and any child that inherited them) is gone
    errReader.join();
    ::CloseHandle(outRead);
    ::CloseHandle(errRead);
    DWORD code = 0;
    ::GetExitCodeProcess(child.process, &code);
    ::CloseHandle(child.process);
    result.exitCode = result.timedOut ? -1 : static_cast<int>(code);
    result.out = unixLines(std::move(result.out));
    result.err = unixLines(std::move(result.err));
    return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options,
                                     const std::filesystem::path& logDir) {
    static int counter = 0;
    const std::string stem = std::filesystem::path(argv.at(0)).stem().string() + "-" + std::to_string(++counter);
    outPath_ = logDir / (stem + ".out");
    errPath_ = logDir / (stem + ".err");
    std::filesystem::create_directories(logDir);
    SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    const auto file = [&](const std::filesystem::path& p) {
        return ::CreateFileW(p.wstring().c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             &inherit, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    };
    HANDLE in =
        ::CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0, nullptr);
    HANDLE out = file(outPath_);
    HANDLE err = file(errPath_);
    Started child;
    try {
        child = start(argv, options, in, out, err);
    } catch (...) {
        for (HANDLE h : {in, out, err}) ::CloseHandle(h);
        throw;
    }
    for (HANDLE h : {in, out, err}) ::CloseHandle(h);
    pid_ = static_cast<int>(child.id);
    std::lock_guard lock(backgroundMutex);
    background()[pid_] = child.process;
}

BackgroundProcess::~BackgroundProcess() {
    if (!status_) stop(15);
    std::lock_guard lock(backgroundMutex);
    if (const auto it = background().find(pid_); it != background().end()) {
        ::CloseHandle(it->second);
        background().erase(it);
    }
}

bool BackgroundProcess::running() {
    if (status_) return false;
    HANDLE h = backgroundHandle(pid_);
    if (!h || ::WaitForSingleObject(h, 0) != WAIT_OBJECT_0) return h != nullptr;
    DWORD code = 0;
    ::GetExitCodeProcess(h, &code);
    status_ = static_cast<int>(code);
    return false;
}

int BackgroundProcess::stop(int sig) {
    // Windows has no signals: the process is ended as by SIGKILL, and stop() says -sig like POSIX.
    if (!running()) return status_ ? *status_ : -1;
    HANDLE h = backgroundHandle(pid_);
    ::TerminateProcess(h, 128 + static_cast<UINT>(sig));
    ::WaitForSingleObject(h, INFINITE);
    status_ = -sig;
    return -sig;
}

std::string BackgroundProcess::out() const { return unixLines(readFile(outPath_)); }
std::string BackgroundProcess::err() const { return unixLines(readFile(errPath_)); }

int loopbackSocket(bool listening, int& port) {
    startWinsock();
    const SOCKET s = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) throw std::runtime_error("socket: " + std::to_string(::WSAGetLastError()));
    ::SetHandleInformation(reinterpret_cast<HANDLE>(s), HANDLE_FLAG_INHERIT, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof addr;
    if (::bind(s, reinterpret_cast<sockaddr*>(&addr), len) != 0 || (listening && ::listen(s, 64) != 0) ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const int reason = ::WSAGetLastError();
        ::closesocket(s);
        throw std::runtime_error("bind 127.0.0.1:0: " + std::to_string(reason));
    }
    port = ntohs(addr.sin_port);
    return static_cast<int>(s);
}

void closeLoopbackSocket(int fd) { ::closesocket(static_cast<SOCKET>(fd)); }

namespace {
/// Every process with its parent and file name.
std::vector<PROCESSENTRY32W> processes() {
    std::vector<PROCESSENTRY32W> all;
    HANDLE snapshot = ::CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snapshot == INVALID_HANDLE_VALUE) return all;
    PROCESSENTRY32W e{};
    e.dwSize = sizeof e;
    for (BOOL more = ::Process32FirstW(snapshot, &e); more; more = ::Process32NextW(snapshot, &e)) all.push_back(e);
    ::CloseHandle(snapshot);
    return all;
}
}  // namespace

std::vector<int> childProcesses(int pid) {
    std::vector<int> children;
    for (const auto& e : processes())
        if (static_cast<int>(e.th32ParentProcessID) == pid) children.push_back(static_cast<int>(e.th32ProcessID));
    return children;
}

std::string processName(int pid) {
    for (const auto& e : processes())
        if (static_cast<int>(e.th32ProcessID) == pid) return std::filesystem::path(e.szExeFile).filename().string();
    return {};
}

bool processRuns(int pid) {
    HANDLE h = ::OpenProcess(SYNCHRONIZE, FALSE, static_cast<DWORD>(pid));
    if (!h) return false;
    const bool runs = ::WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    ::CloseHandle(h);
    return runs;
}

void killProcess(int pid) {
    HANDLE h = ::OpenProcess(PROCESS_TERMINATE, FALSE, static_cast<DWORD>(pid));
    if (!h) return;
    ::TerminateProcess(h, 137);
    ::CloseHandle(h);
}

}  // namespace tiservice::testing
