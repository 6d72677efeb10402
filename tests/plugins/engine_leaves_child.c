/* A stand-in for tiservice-engine that ends at once and leaves a process behind that holds its
 * standard input and output -- what happens when a practice software starts another program
 * with inherited handles in the very moment the adapter starts its engine (Windows). The adapter
 * must notice the engine's end by the engine, not wait for the pipe that process keeps open,
 * and still read what the engine wrote before it ended (a log line, "stand-in ended").
 * With the argument "child" it is that process: it waits 20 s and ends. */

#ifdef _WIN32
#include <windows.h>

#include <wchar.h>
#else
#include <unistd.h>
#endif

/* One frame (tiservice/engine_wire.h): length 24, kind Log (25), level "1", "stand-in ended". */
static const char kLastWords[] = "\030\000\000\000\031\001\000\000\0001\016\000\000\000stand-in ended";
#define LAST_WORDS_SIZE 28

#ifdef _WIN32

int main(int argc, char** argv) {
    (void)argv;
    if (argc > 1) {
        Sleep(20000);
        return 0;
    }
    DWORD written = 0;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), kLastWords, LAST_WORDS_SIZE, &written, NULL);
    wchar_t self[MAX_PATH];
    if (GetModuleFileNameW(NULL, self, MAX_PATH) == 0) return 1;
    wchar_t command[MAX_PATH + 16];
    swprintf(command, MAX_PATH + 16, L"\"%ls\" child", self);
    STARTUPINFOW startup;
    ZeroMemory(&startup, sizeof startup);
    startup.cb = sizeof startup;
    PROCESS_INFORMATION info;
    /* Inherits the engine's standard input and output; not its error output, which is the
     * practice software's (the test reads that to its end). */
    SetHandleInformation(GetStdHandle(STD_ERROR_HANDLE), HANDLE_FLAG_INHERIT, 0);
    if (!CreateProcessW(self, command, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &startup, &info)) return 1;
    CloseHandle(info.hThread);
    CloseHandle(info.hProcess);
    return 0;
}
#else
int main(void) {
    if (write(1, kLastWords, LAST_WORDS_SIZE) != LAST_WORDS_SIZE) return 1;
    if (fork() == 0) { /* keeps standard input and output; not the practice software's error output */
        close(2);
        sleep(20);
        _exit(0);
    }
    return 0;
}
#endif
