#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<tiservice::cli::Command> commands;  // the commands arrive with the status check and the workflow
    try {
        return tiservice::cli::run(args, commands, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "tiservice: interner Fehler / internal error: " << e.what() << "\n";
        return tiservice::cli::kExitFailed;
    }
}
