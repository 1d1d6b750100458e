#include "commands.h"

namespace treaty::cli {

void AddCommonOptions(CLI::App& cmd, CommonOptions& options) {
  cmd.add_option("--policies", options.policies,
                 "Policy file or directory (repeatable; default: treaty.yaml, else policies/)")
      ->allow_extra_args(false);
  cmd.add_option("--color", options.color, "Colour output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
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

}  // namespace treaty::cli
