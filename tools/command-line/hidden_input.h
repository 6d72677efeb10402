#pragma once
// A line typed without echo, for passwords and PINs (a practice software shows dots, never the
// secret), on a POSIX terminal and in a Windows console alike.

#include <iostream>
#include <optional>
#include <string>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace tiservice::cli {

/// True when a person types at standard input; false for a pipe or a file.
inline bool inputIsTerminal() {
#ifdef _WIN32
    return ::_isatty(::_fileno(stdin)) != 0;
#else
    return ::isatty(STDIN_FILENO) != 0;
#endif
}

/// One line from standard input, not shown while it is typed; nullopt at the end of the input.
inline std::optional<std::string> readLineHidden() {
    std::string line;
#ifdef _WIN32
    const HANDLE in = ::GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    const bool console = ::GetConsoleMode(in, &mode) != 0;
    if (console) ::SetConsoleMode(in, mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (console) ::SetConsoleMode(in, mode);
    if (!line.empty() && line.back() == '\r') line.pop_back();
#else
    termios old{};
    const bool terminal = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (terminal) {
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (terminal) ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
#endif
    if (!ok) return std::nullopt;
    return line;
}

}  // namespace tiservice::cli
