#include "unknown_command.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "base/did_you_mean.h"

namespace treaty::cli {

std::optional<std::string> UnknownCommand(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  const std::string_view word = argv[1];
  std::vector<std::string_view> names;
  for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    if (command->check_name(std::string(word))) return std::nullopt;
    names.push_back(command->get_name());
  }
  std::string out = fmt::format("treaty: unknown command `{}`\n", word);
  const std::string suggestion = base::DidYouMean(word, names);
  if (!suggestion.empty()) out += fmt::format("  help: {}\n", suggestion);
  out += "  run `treaty --help` to see the commands\n";
  return out;
}

}  // namespace treaty::cli
