#pragma once
// The running program: where its file is, to find what was installed beside it (adapters, the
// installation's manifest) wherever the practice put the installation; and its main thread.

#include <QThread>

#include <filesystem>

#include <string>
#include <vector>

#ifdef _WIN32
#include <windows.h>
// after windows.h
#include <shellapi.h>
#endif

namespace tiservice::cli {

/// The running program's file; empty if the system does not say.
inline std::filesystem::path currentExecutable() {
#if defined(_WIN32)
    std::vector<wchar_t> buffer(MAX_PATH);
    for (;;) {
        const DWORD n = ::GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
        if (n == 0) return {};
        if (n < buffer.size()) return std::filesystem::path(std::wstring(buffer.data(), n));
        if (buffer.size() > 32768) return {};
        buffer.resize(buffer.size() * 2);
    }
#elif defined(__linux__)
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : p;
#else
    return {};
#endif
}

/// Makes the calling thread (main()'s) the one Qt takes for its main thread. Qt takes the first
/// thread that uses it; were that a worker (the release check, the engine's thread), Qt's
/// bookkeeping for the real main thread would be owned by no one at exit. Call first in main().
inline void claimQtMainThread() { (void)QThread::currentThread(); }

/// The program's arguments (without its own name) as UTF-8, as every text of ours is. On Windows
/// from the wide command line: main's argv is in the ANSI code page, where "C:\Praxis Ärzte" or a
/// device text with "ü" would be lost.
inline std::vector<std::string> arguments(int argc, char** argv) {
#ifdef _WIN32
    (void)argc;
    (void)argv;
    int n = 0;
    wchar_t** wide = ::CommandLineToArgvW(::GetCommandLineW(), &n);
    std::vector<std::string> args;
    for (int i = 1; wide && i < n; ++i) {
        const int bytes = ::WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, nullptr, 0, nullptr, nullptr);
        std::string arg(static_cast<std::size_t>(bytes > 0 ? bytes - 1 : 0), '\0');
        if (bytes > 1) ::WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, arg.data(), bytes, nullptr, nullptr);
        args.push_back(std::move(arg));
    }
    ::LocalFree(wide);
    return args;
#else
    return std::vector<std::string>(argv + 1, argv + argc);
#endif
}

/// Windows: the console shows UTF-8, as every text of ours is (its default code page, 850 in a
/// German Windows, would garble every umlaut). Elsewhere terminals are UTF-8 already.
inline void useUtf8Console() {
#ifdef _WIN32
    ::SetConsoleOutputCP(CP_UTF8);
    ::SetConsoleCP(CP_UTF8);
#endif
}

}  // namespace tiservice::cli
