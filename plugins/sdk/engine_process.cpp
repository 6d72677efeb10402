#include "engine_process.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#ifdef _WIN32
#include <windows.h>

#include <vector>
#else
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace tiservice::plugin_sdk {

#ifdef _WIN32

struct EngineProcess::Native {
    HANDLE process = nullptr;
    HANDLE input = nullptr;      ///< our end of the engine's standard input (overlapped)
    HANDLE output = nullptr;     ///< our end of the engine's standard output (overlapped)
    HANDLE readDone = nullptr;   ///< the event of a read on `output`
    HANDLE writeDone = nullptr;  ///< the event of a write on `input`
    std::atomic<bool> reaped = false;
};

namespace {
std::string lastErrorText(const char* what) {
    return std::string(what) + " failed (Windows error " + std::to_string(::GetLastError()) + ")";
}

/// One of the engine's pipes: ours overlapped, so that a read or write also ends when the engine
/// has (a process the practice software starts in the same moment may inherit the engine's end,
/// and the end of the pipe would then never come). One instance, local clients only, opened at
/// once: a process that took the name or connected first makes the start fail, it never reaches
/// the adapter. `inbound`: the engine writes, we read.
bool enginePipe(bool inbound, HANDLE& ours, HANDLE& theirs, std::string& error) {
    static std::atomic<unsigned> counter{0};
    LARGE_INTEGER now{};
    ::QueryPerformanceCounter(&now);
    const std::wstring name = L"\\\\.\\pipe\\tiservice-engine-" + std::to_wstring(::GetCurrentProcessId()) + L"-" +
                              std::to_wstring(++counter) + L"-" + std::to_wstring(now.QuadPart);
    ours = ::CreateNamedPipeW(
        name.c_str(),
        (inbound ? PIPE_ACCESS_INBOUND : PIPE_ACCESS_OUTBOUND) | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1, 64 * 1024, 64 * 1024, 0,
        nullptr);
    if (ours == INVALID_HANDLE_VALUE) {
        error = lastErrorText("CreateNamedPipeW");
        ours = nullptr;
        return false;
    }
    // The attributes too: runtimes ask a standard handle what it is.
    theirs = ::CreateFileW(name.c_str(),
                           inbound ? GENERIC_WRITE | FILE_READ_ATTRIBUTES : GENERIC_READ | FILE_WRITE_ATTRIBUTES, 0,
                           nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (theirs == INVALID_HANDLE_VALUE) {
        error = lastErrorText("CreateFileW (pipe)");
        ::CloseHandle(ours);
        ours = theirs = nullptr;
        return false;
    }
    return true;
}

/// Waits for an overlapped read or write on `pipe` to complete, the engine to end, or `timeout`:
/// the bytes moved, 0 when it ended or failed. When the engine ended or the time ran out first,
/// the request is cancelled and `cut` set.
DWORD complete(HANDLE pipe, OVERLAPPED& request, HANDLE process, DWORD timeout, bool& cut) {
    const HANDLE either[2] = {request.hEvent, process};
    const DWORD woke = ::WaitForMultipleObjects(2, either, FALSE, timeout);
    cut = woke != WAIT_OBJECT_0;
    if (cut) ::CancelIoEx(pipe, &request);
    DWORD moved = 0;
    return ::GetOverlappedResult(pipe, &request, &moved, TRUE) ? moved : 0;  // data that beat the cancel counts
}
}  // namespace

std::unique_ptr<EngineProcess> EngineProcess::start(const std::filesystem::path& program, std::string& error) {
    // Every handle is created not inheritable; the child's ends become inheritable only for the
    // CreateProcessW below, which hands them (and nothing else) over in its handle list.
    HANDLE childIn = nullptr, ourIn = nullptr, ourOut = nullptr, childOut = nullptr;
    HANDLE readDone = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    HANDLE writeDone = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!readDone || !writeDone || !enginePipe(false, ourIn, childIn, error) ||
        !enginePipe(true, ourOut, childOut, error)) {
        if (!readDone || !writeDone) error = lastErrorText("CreateEventW");
        for (HANDLE h : {childIn, ourIn, readDone, writeDone})
            if (h) ::CloseHandle(h);
        return nullptr;
    }
    ::SetHandleInformation(childIn, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    ::SetHandleInformation(childOut, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    // The engine's error output: the practice software's, when it has one, or nowhere.
    HANDLE childErr = nullptr;
    const HANDLE hostErr = ::GetStdHandle(STD_ERROR_HANDLE);
    if (hostErr && hostErr != INVALID_HANDLE_VALUE)
        ::DuplicateHandle(::GetCurrentProcess(), hostErr, ::GetCurrentProcess(), &childErr, 0, TRUE,
                          DUPLICATE_SAME_ACCESS);
    if (!childErr) {
        SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
        childErr = ::CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                                 nullptr);
    }

    // Only these three handles reach the engine, whatever else of the practice software's is
    // inheritable. No console (DETACHED_PROCESS): no window, and no console host beside it.
    HANDLE handles[3] = {childIn, childOut, childErr};
    const DWORD handleCount = childErr && childErr != INVALID_HANDLE_VALUE ? 3 : 2;
    SIZE_T attributeSize = 0;
    ::InitializeProcThreadAttributeList(nullptr, 1, 0, &attributeSize);
    std::vector<char> attributeStorage(attributeSize);
    auto* attributes = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(attributeStorage.data());
    const bool listed = ::InitializeProcThreadAttributeList(attributes, 1, 0, &attributeSize) &&
                        ::UpdateProcThreadAttribute(attributes, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, handles,
                                                    handleCount * sizeof(HANDLE), nullptr, nullptr);

    STARTUPINFOEXW startup{};
    startup.StartupInfo.cb = sizeof(startup);
    startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    startup.StartupInfo.hStdInput = childIn;
    startup.StartupInfo.hStdOutput = childOut;
    startup.StartupInfo.hStdError = handleCount == 3 ? childErr : nullptr;
    if (listed) startup.lpAttributeList = attributes;
    std::wstring commandLine = L"\"" + program.wstring() + L"\"";
    PROCESS_INFORMATION info{};
    const BOOL created =
        ::CreateProcessW(program.wstring().c_str(), commandLine.data(), nullptr, nullptr, TRUE,
                         DETACHED_PROCESS | CREATE_UNICODE_ENVIRONMENT | (listed ? EXTENDED_STARTUPINFO_PRESENT : 0),
                         nullptr, nullptr, &startup.StartupInfo, &info);
    if (!created) error = lastErrorText("CreateProcessW");
    if (listed) ::DeleteProcThreadAttributeList(attributes);
    ::CloseHandle(childIn);
    ::CloseHandle(childOut);
    if (childErr && childErr != INVALID_HANDLE_VALUE) ::CloseHandle(childErr);
    if (!created) {
        for (HANDLE h : {ourIn, ourOut, readDone, writeDone}) ::CloseHandle(h);
        return nullptr;
    }
    ::CloseHandle(info.hThread);
    std::unique_ptr<EngineProcess> p(new EngineProcess());
    p->native_ = std::make_unique<Native>();
    p->native_->process = info.hProcess;
    p->native_->input = ourIn;
    p->native_->output = ourOut;
    p->native_->readDone = readDone;
    p->native_->writeDone = writeDone;
    return p;
}

EngineProcess::~EngineProcess() {
    if (!native_) return;
    if (!native_->reaped && ::WaitForSingleObject(native_->process, 0) != WAIT_OBJECT_0) kill();
    ::WaitForSingleObject(native_->process, INFINITE);
    ::CloseHandle(native_->process);
    if (native_->input) ::CloseHandle(native_->input);
    ::CloseHandle(native_->output);
    ::CloseHandle(native_->readDone);
    ::CloseHandle(native_->writeDone);
}

bool EngineProcess::write(const void* data, std::size_t size, std::chrono::milliseconds patience) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        if (!native_->input) return false;
        const DWORD chunk = size > 1u << 20 ? 1u << 20 : static_cast<DWORD>(size);
        OVERLAPPED request{};
        request.hEvent = native_->writeDone;
        ::ResetEvent(native_->writeDone);
        if (!::WriteFile(native_->input, p, chunk, nullptr, &request) && ::GetLastError() != ERROR_IO_PENDING)
            return false;  // ERROR_NO_DATA: it ended
        bool cut = false;  // the engine ended, or took nothing for `patience`: it hangs
        const DWORD written =
            complete(native_->input, request, native_->process, static_cast<DWORD>(patience.count()), cut);
        if (cut || written == 0) return false;
        p += written;
        size -= written;
    }
    return true;
}

std::size_t EngineProcess::read(void* buffer, std::size_t size) {
    const DWORD want = size > 1u << 20 ? 1u << 20 : static_cast<DWORD>(size);
    if (want == 0) return 0;
    for (;;) {
        OVERLAPPED request{};
        request.hEvent = native_->readDone;
        ::ResetEvent(native_->readDone);
        if (!::ReadFile(native_->output, buffer, want, nullptr, &request) && ::GetLastError() != ERROR_IO_PENDING)
            return 0;              // ERROR_BROKEN_PIPE: it ended
        bool engineEnded = false;  // a read is only cut by the engine's end
        const DWORD got = complete(native_->output, request, native_->process, INFINITE, engineEnded);
        if (got > 0) return got;
        if (!engineEnded) return 0;  // the end of the pipe
        // The engine has ended; what it wrote before is still read, then its end.
        DWORD waiting = 0;
        if (!::PeekNamedPipe(native_->output, nullptr, 0, nullptr, &waiting, nullptr) || waiting == 0) return 0;
    }
}

void EngineProcess::closeInput() {
    if (native_->input) ::CloseHandle(native_->input);
    native_->input = nullptr;
}

bool EngineProcess::waitForExit(std::chrono::milliseconds timeout) {
    const bool ended = ::WaitForSingleObject(native_->process, static_cast<DWORD>(timeout.count())) == WAIT_OBJECT_0;
    if (ended) native_->reaped = true;
    return ended;
}

void EngineProcess::kill() { ::TerminateProcess(native_->process, 1); }

std::filesystem::path thisModule() {
    HMODULE module = nullptr;
    if (!::GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                              reinterpret_cast<LPCWSTR>(&thisModule), &module))
        return {};
    std::vector<wchar_t> name(MAX_PATH);
    for (;;) {
        const DWORD n = ::GetModuleFileNameW(module, name.data(), static_cast<DWORD>(name.size()));
        if (n == 0) return {};
        if (n < name.size()) return std::filesystem::path(std::wstring(name.data(), n));
        if (name.size() > 32768) return {};
        name.resize(name.size() * 2);
    }
}

#else

struct EngineProcess::Native {
    pid_t pid = -1;
    int channel = -1;  ///< our end of the socket pair that is the engine's standard input and output
    int ended = -1;    ///< a pidfd: readable once the engine has ended (-1 on kernels before 5.3)
    std::mutex life;   ///< kill and reap one at a time: a signal never reaches a pid reaped meanwhile
    bool reaped = false;
};

extern "C" char** environ;

std::unique_ptr<EngineProcess> EngineProcess::start(const std::filesystem::path& program, std::string& error) {
    int pair[2];
    // A socket pair, not two pipes: a write to an engine that has gone fails with EPIPE instead of
    // raising SIGPIPE in the practice software (send with MSG_NOSIGNAL).
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        error = std::string("socketpair: ") + std::strerror(errno);
        return nullptr;
    }
    posix_spawn_file_actions_t files;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&files);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_adddup2(&files, pair[1], 0);
    posix_spawn_file_actions_adddup2(&files, pair[1], 1);
    // Nothing else of the practice software's: its files, sockets and pipes stay its own.
    posix_spawn_file_actions_addclosefrom_np(&files, 3);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    // Its own process group: a Ctrl+C meant for the practice software does not cut the engine off
    // in the middle of a step; it ends when the adapter closes its input.
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    const std::string path = program.string();
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, path.c_str(), &files, &attributes, argv, environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
    ::close(pair[1]);
    if (rc != 0) {
        ::close(pair[0]);
        error = "posix_spawn " + path + ": " + std::strerror(rc);
        return nullptr;
    }
    std::unique_ptr<EngineProcess> p(new EngineProcess());
    p->native_ = std::make_unique<Native>();
    p->native_->pid = pid;
    p->native_->channel = pair[0];
#ifdef SYS_pidfd_open
    p->native_->ended = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));  // close-on-exec by itself
#endif
    return p;
}

EngineProcess::~EngineProcess() {
    if (!native_) return;
    if (!waitForExit(std::chrono::milliseconds(0))) {
        kill();
        int status = 0;
        while (::waitpid(native_->pid, &status, 0) < 0 && errno == EINTR) {}
    }
    ::close(native_->channel);
    if (native_->ended >= 0) ::close(native_->ended);
}

bool EngineProcess::write(const void* data, std::size_t size, std::chrono::milliseconds patience) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::send(native_->channel, p, size, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            p += n;
            size -= static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return false;  // EPIPE: it has gone
        // Full: wait until it takes something, or it has taken nothing for `patience`.
        pollfd room{native_->channel, POLLOUT, 0};
        int ready = 0;
        while ((ready = ::poll(&room, 1, static_cast<int>(patience.count()))) < 0 && errno == EINTR) {}
        if (ready <= 0 || (room.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) return false;
    }
    return true;
}

std::size_t EngineProcess::read(void* buffer, std::size_t size) {
    if (size == 0) return 0;
    // Bytes, or the engine's end: a process that inherited its socket (a fork of the practice
    // software's in the moment the engine started) would otherwise keep the end from coming.
    bool engineEnded = false;
    if (native_->ended >= 0) {
        pollfd either[2] = {{native_->channel, POLLIN, 0}, {native_->ended, POLLIN, 0}};
        while (::poll(either, 2, -1) < 0 && errno == EINTR) {}
        engineEnded = (either[0].revents & (POLLIN | POLLHUP | POLLERR)) == 0 && (either[1].revents & POLLIN) != 0;
    }
    for (;;) {
        // Once it has ended, what it wrote before is still read, then its end.
        const ssize_t n = ::recv(native_->channel, buffer, size, engineEnded ? MSG_DONTWAIT : 0);
        if (n < 0 && errno == EINTR) continue;
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
}

void EngineProcess::closeInput() { ::shutdown(native_->channel, SHUT_WR); }

bool EngineProcess::waitForExit(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        {
            std::lock_guard life(native_->life);
            if (native_->reaped) return true;
            int status = 0;
            const pid_t r = ::waitpid(native_->pid, &status, WNOHANG);
            if (r == native_->pid || (r < 0 && errno == ECHILD)) {
                native_->reaped = true;
                return true;
            }
        }
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void EngineProcess::kill() {
    std::lock_guard life(native_->life);
    if (native_->reaped) return;
    // Through the pidfd where there is one: the right process even when the practice software
    // reaps its children itself and the number went to another.
    bool sent = false;
#ifdef SYS_pidfd_send_signal
    // ESRCH: it has ended already (and may have been reaped by someone else): nothing to end.
    sent = native_->ended >= 0 &&
           (::syscall(SYS_pidfd_send_signal, native_->ended, SIGKILL, nullptr, 0) == 0 || errno != ENOSYS);
#endif
    if (!sent) ::kill(native_->pid, SIGKILL);
    // A write waiting on it fails at once, also when another process holds the engine's end.
    ::shutdown(native_->channel, SHUT_RDWR);
}

std::filesystem::path thisModule() {
    Dl_info info{};
    link_map* map = nullptr;
    std::error_code ec;
    // A library's own file; the program's (the SDK linked into a test) has no name of its own here.
    if (::dladdr1(reinterpret_cast<void*>(&thisModule), &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) != 0 &&
        map && map->l_name && map->l_name[0] != '\0') {
        auto p = std::filesystem::canonical(map->l_name, ec);
        return ec ? std::filesystem::path(map->l_name) : p;
    }
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : self;
}

#endif

}  // namespace tiservice::plugin_sdk
