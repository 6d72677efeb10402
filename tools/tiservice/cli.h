#pragma once
// The command line of the standalone tool: global options, commands, help and version.

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tiservice/i18n.h"

namespace tiservice::cli {

/// Exit codes of every tiservice command.
enum ExitCode : int {
    kExitOk = 0,          ///< done; for status: everything is current
    kExitActionNeeded = 1,///< for status: an update or action is needed
    kExitExpired = 2,     ///< for status: approval expired or TI access blocked
    kExitFailed = 3,      ///< could not do what was asked (bad arguments, unreachable, ...)
};

struct Command {
    std::string name;
    LocalizedText summary;
    std::function<int(std::span<const std::string> args, std::ostream& out, std::ostream& err)> run;
};

/// Runs the tool with argv (without the program name); returns the exit code.
int run(std::span<const std::string> args, const std::vector<Command>& commands, std::ostream& out,
        std::ostream& err);

std::string helpText(const std::vector<Command>& commands, Language language);
std::string versionText(Language language);

}  // namespace tiservice::cli
