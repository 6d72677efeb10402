#pragma once
// The commands of the standalone tool.

#include <filesystem>
#include <vector>

#include "cli.h"
#include "command_line.h"
#include "exit_codes.h"

namespace tiservice::cli {

/// Options every command shares, read before the command's own.
struct CommonOptions {
    std::filesystem::path config;    ///< --config FILE, else <config folder>/tiservice.ini
    std::filesystem::path stateDir;  ///< the state folder
};

std::vector<Command> allCommands();

/// A wrong command line: what is wrong, for the command that was called; general_exit::kUsage.
inline int usage(std::string_view command, const command_line::UsageError& e, std::ostream& err) {
    err << "tiservice " << command << ": " << tr(e.text) << "\n";
    return general_exit::kUsage;
}

int runStatus(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runUpdate(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runPassword(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runHistory(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runPlan(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runSetup(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int runFleet(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace tiservice::cli
