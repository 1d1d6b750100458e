#pragma once
/// `treaty bogus`: a first argument that is no command (and no option) is named, with the
/// closest command suggested, instead of CLI11's "A subcommand is required".

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace treaty::cli {

/// The message for an unknown command in `argv[1]` (ending in a newline), or nothing.
std::optional<std::string> UnknownCommand(CLI::App& app, int argc, char** argv);

}  // namespace treaty::cli
