#pragma once
// setenv/unsetenv for the tests on Windows (MinGW-w64 has _putenv_s only): force-included into
// every test built for Windows (tests/CMakeLists.txt), so the tests stay as they are.
#include <stdlib.h>

static inline int setenv(const char* name, const char* value, int overwrite) {
    if (!overwrite && getenv(name) != nullptr) return 0;
    return _putenv_s(name, value);
}
static inline int unsetenv(const char* name) { return _putenv_s(name, ""); }

// The tests name the signal a POSIX process is ended with; on Windows BackgroundProcess::stop()
// ends the process (TerminateProcess) and answers -sig all the same.
#include <signal.h>
#ifndef SIGKILL
#define SIGKILL 9
#endif
