#include "commands.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace treaty::cli {

void AddCommonOptions(CLI::App& cmd, CommonOptions& options) {
  cmd.add_option("--policies", options.policies,
                 "Policy file or directory (repeatable; default: treaty.yaml, else policies/)")
      ->allow_extra_args(false);
  AddColorOption(cmd, options.color);
  cmd.add_option_function<std::string>(
         "--fail-on",
         [&options](const std::string& v) {
           options.fail_on = v;
           options.fail_on_given = true;
         },
         "Lowest severity that fails the run: error, warning, info or never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  cmd.add_flag("-q,--quiet", options.quiet, "Print only problems");
  cmd.add_flag("-v,--verbose", options.verbose, "Log what Treaty does to stderr");
}

void AddColorOption(CLI::App& cmd, std::string& color) {
  cmd.add_option("--color", color, "Colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void AddFactPathsArgument(CLI::App& cmd, std::vector<std::string>& paths) {
  cmd.add_option("paths", paths,
                 "Fact files or directories (YAML, JSONL; default: treaty.yaml, else fixtures/)");
}

void AddAsOfOption(CLI::App& cmd, std::string& as_of, std::string_view verb) {
  cmd.add_option("--as-of", as_of,
                 fmt::format("The date to {} as of (YYYY-MM-DD; default today)", verb));
}

void ConfigureLogging(const CommonOptions& options) {
  auto logger = spdlog::stderr_color_mt("treaty");
  logger->set_pattern("treaty: %v");
  logger->set_level(options.verbose ? spdlog::level::info : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace treaty::cli
