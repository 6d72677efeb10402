#include "engine_process.h"

#include <cerrno>
#include <cstring>
#include <thread>

#ifdef _WIN32
#include <windows.h>

#include <vector>
#else
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace tiservice::plugin_sdk {

#ifdef _WIN32

struct EngineProcess::Native {
    HANDLE process = nullptr;
    HANDLE input = nullptr;   ///< our end of the engine's standard input
    HANDLE output = nullptr;  ///< our end of the engine's standard output
    bool reaped = false;
};

namespace {
std::string lastErrorText(const char* what) {
    return std::string(what) + " failed (Windows error " + std::to_string(::GetLastError()) + ")";
}
}  // namespace

std::unique_ptr<EngineProcess> EngineProcess::start(const std::filesystem::path& program, std::string& error) {
    SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    HANDLE childIn = nullptr, ourIn = nullptr, ourOut = nullptr, childOut = nullptr;
    if (!::CreatePipe(&childIn, &ourIn, &inherit, 0)) {
        error = lastErrorText("CreatePipe");
        return nullptr;
    }
    if (!::CreatePipe(&ourOut, &childOut, &inherit, 0)) {
        error = lastErrorText("CreatePipe");
        ::CloseHandle(childIn);
        ::CloseHandle(ourIn);
        return nullptr;
    }
    ::SetHandleInformation(ourIn, HANDLE_FLAG_INHERIT, 0);
    ::SetHandleInformation(ourOut, HANDLE_FLAG_INHERIT, 0);
    // The engine's error output: the practice software's, when it has one, or nowhere.
    HANDLE childErr = nullptr;
    const HANDLE hostErr = ::GetStdHandle(STD_ERROR_HANDLE);
    if (hostErr && hostErr != INVALID_HANDLE_VALUE)
        ::DuplicateHandle(::GetCurrentProcess(), hostErr, ::GetCurrentProcess(), &childErr, 0, TRUE,
                          DUPLICATE_SAME_ACCESS);
    if (!childErr)
        childErr = ::CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                                 nullptr);

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
        ::CloseHandle(ourIn);
        ::CloseHandle(ourOut);
        return nullptr;
    }
    ::CloseHandle(info.hThread);
    std::unique_ptr<EngineProcess> p(new EngineProcess());
    p->native_ = std::make_unique<Native>();
    p->native_->process = info.hProcess;
    p->native_->input = ourIn;
    p->native_->output = ourOut;
    return p;
}

EngineProcess::~EngineProcess() {
    if (!native_) return;
    if (!native_->reaped && ::WaitForSingleObject(native_->process, 0) != WAIT_OBJECT_0) kill();
    ::WaitForSingleObject(native_->process, INFINITE);
    ::CloseHandle(native_->process);
    if (native_->input) ::CloseHandle(native_->input);
    ::CloseHandle(native_->output);
}

bool EngineProcess::write(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        if (!native_->input) return false;
        DWORD written = 0;
        const DWORD chunk = size > 1u << 20 ? 1u << 20 : static_cast<DWORD>(size);
        if (!::WriteFile(native_->input, p, chunk, &written, nullptr) || written == 0) return false;
        p += written;
        size -= written;
    }
    return true;
}

std::size_t EngineProcess::read(void* buffer, std::size_t size) {
    DWORD got = 0;
    const DWORD want = size > 1u << 20 ? 1u << 20 : static_cast<DWORD>(size);
    if (!::ReadFile(native_->output, buffer, want, &got, nullptr)) return 0;  // ERROR_BROKEN_PIPE: it ended
    return got;
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
    return p;
}

EngineProcess::~EngineProcess() {
    if (!native_) return;
    if (!native_->reaped) {
        if (!waitForExit(std::chrono::milliseconds(0))) {
            kill();
            int status = 0;
            while (::waitpid(native_->pid, &status, 0) < 0 && errno == EINTR) {}
        }
    }
    ::close(native_->channel);
}

bool EngineProcess::write(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::send(native_->channel, p, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::size_t EngineProcess::read(void* buffer, std::size_t size) {
    for (;;) {
        const ssize_t n = ::recv(native_->channel, buffer, size, 0);
        if (n < 0 && errno == EINTR) continue;
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
}

void EngineProcess::closeInput() { ::shutdown(native_->channel, SHUT_WR); }

bool EngineProcess::waitForExit(std::chrono::milliseconds timeout) {
    if (native_->reaped) return true;
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(native_->pid, &status, WNOHANG);
        if (r == native_->pid || (r < 0 && errno == ECHILD)) {
            native_->reaped = true;
            return true;
        }
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void EngineProcess::kill() {
    if (!native_->reaped) ::kill(native_->pid, SIGKILL);
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
