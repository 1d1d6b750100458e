#include "commands.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "clock.h"
#include "driver/config.h"

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
      ->check(CLI::IsMember(
          std::vector<std::string>(driver::kFailOnValues.begin(), driver::kFailOnValues.end())));
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
  // An invalid or empty --as-of is refused when the options are parsed (exit 2); without the
  // check, `--as-of ""` would read as no --as-of at all.
  const CLI::Validator date(
      [](std::string& text) {
        if (text == "today" || value::ParseDate(text)) return std::string();
        return ResolveAsOf(text, "date").status().message();
      },
      "");
  cmd.add_option("--as-of", as_of,
                 fmt::format("The date to {} as of (YYYY-MM-DD; default today)", verb))
      ->check(date);
}

void ConfigureLogging(const CommonOptions& options) {
  auto logger = spdlog::stderr_color_mt("treaty");
  logger->set_pattern("treaty: %v");
  logger->set_level(options.verbose ? spdlog::level::info : spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace treaty::cli
