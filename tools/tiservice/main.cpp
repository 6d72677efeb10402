#include <iostream>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"
#include "tiservice/display_text.h"

int main(int argc, char** argv) {
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
    std::vector<std::string> args(argv + 1, argv + argc);
    const auto commands = tiservice::cli::allCommands();
    try {
        return tiservice::cli::run(args, commands, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << tiservice::tr(TIS_TEXT("cli", "tiservice: interner Fehler: %1").arg(e.what())) << "\n";
        return tiservice::cli::general_exit::kUsage;
    }
}
