#include <iostream>

#if defined(__linux__)
#include <unistd.h>
#endif
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "tiservice/display_text.h"
#include "tiservice/release/self_update.h"

int main(int argc, char** argv) {
    tiservice::cli::claimQtMainThread();
    tiservice::cli::useUtf8Console();
    // Whatever a connector wrote reaches the terminal without its control characters.
    tiservice::PrintableStreambuf out(std::cout.rdbuf()), err(std::cerr.rdbuf());
    std::cout.rdbuf(&out);
    std::cerr.rdbuf(&err);
    struct Restore {
        std::streambuf *o, *e;
        ~Restore() {
            std::cout.flush();
            std::cerr.flush();
            std::cout.rdbuf(o);
            std::cerr.rdbuf(e);
        }
    } restore{out.target(), err.target()};
    std::vector<std::string> args = tiservice::cli::arguments(argc, argv);
    // A standalone installation starts a verified new release it unpacked at the last start,
    // once that release passed its own start check; otherwise it stays on this one.
    if (args.empty() || args.front() != "--self-check") {
        const auto installation = tiservice::release::findInstallation(tiservice::cli::currentExecutable());
        const auto sw = tiservice::release::usePendingRelease(installation, "tiservice");
        if (sw.result != tiservice::release::Switch::Result::Nothing)
            std::cerr << tiservice::tr(sw.message) << "\n" << std::flush;
#if defined(__linux__)
        if (sw.result == tiservice::release::Switch::Result::Switched) {
            std::cout.flush();
            std::cout.rdbuf(restore.o);
            std::cerr.rdbuf(restore.e);
            const auto program = sw.executable.string();
            argv[0] = const_cast<char*>(program.c_str());  // NOLINT: execv's signature
            execv(program.c_str(), argv);
            std::cerr << tiservice::tr(TIS_TEXT("cli", "Die neue Version ließ sich nicht starten; weiter mit dieser."))
                      << "\n";
            std::cerr.rdbuf(&err);
            std::cout.rdbuf(&out);
        }
#endif
    }
    const auto commands = tiservice::cli::allCommands();
    try {
        return tiservice::cli::run(args, commands, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << tiservice::tr(TIS_TEXT("cli", "tiservice: interner Fehler: %1").arg(e.what())) << "\n";
        return tiservice::cli::general_exit::kUsage;
    }
}
