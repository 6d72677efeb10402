/* A stand-in for tiservice-engine of another version than the adapter (a half-finished update
 * of the installation): it answers the start with "cannot work" (one Failed frame) and ends.
 * Used by PluginHost.AnEngineThatSaysItCannotWorkIsNotStartedAgainAndAgain on Linux and Windows. */
#include <stdio.h>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

/* One frame (tiservice/engine_wire.h): length 36, kind Failed (28), "Andere Version", "Other version". */
static const char kFailed[] = "\044\000\000\000\034\016\000\000\000Andere Version\015\000\000\000Other version";
#define FAILED_SIZE 40

int main(void) {
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY); /* the frame as it is, no line ends made of it */
#endif
    if (fwrite(kFailed, 1, FAILED_SIZE, stdout) != FAILED_SIZE) return 1;
    fflush(stdout);
    return 2;
}
