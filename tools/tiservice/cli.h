#pragma once
// The command line of the standalone tool: global options, commands, help and version.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "this_program.h"
#include "tiservice/i18n.h"

namespace tiservice::cli {

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
