#include <iostream>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const auto commands = tiservice::cli::allCommands();
    try {
        return tiservice::cli::run(args, commands, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << tiservice::tr(TIS_TEXT("cli", "tiservice: interner Fehler: %1").arg(e.what())) << "\n";
        return tiservice::cli::kExitFailed;
    }
}
