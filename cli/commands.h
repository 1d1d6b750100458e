#pragma once
/// The subcommands of `treaty`. Each Register* adds its CLI11 subcommand and options to the
/// app; the callback runs the command and stores its exit code in `exit_code`.

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace treaty::cli {

/// Options shared by every command (CLI.md "Common options").
struct CommonOptions {
  std::vector<std::string> policies;  // --policies; default from treaty.yaml, else "policies"
  std::string color = "auto";         // --color auto|always|never
  std::string fail_on = "error";      // --fail-on error|warning|info|never
  bool fail_on_given = false;         // --fail-on was on the command line (else treaty.yaml's)
  bool quiet = false;                 // -q
  bool verbose = false;               // -v
};

void AddCommonOptions(CLI::App& cmd, CommonOptions& options);
/// --color alone, for the commands without the other common options.
void AddColorOption(CLI::App& cmd, std::string& color);
/// The fact path arguments of the commands that check facts (check, explain, audit).
void AddFactPathsArgument(CLI::App& cmd, std::vector<std::string>& paths);
/// --as-of, whose help reads "The date to VERB as of (YYYY-MM-DD; default today)".
void AddAsOfOption(CLI::App& cmd, std::string& as_of, std::string_view verb);
/// spdlog to stderr: warnings only, or everything with -v.
void ConfigureLogging(const CommonOptions& options);

void RegisterLint(CLI::App& app, int& exit_code);
void RegisterFmt(CLI::App& app, int& exit_code);
void RegisterCheck(CLI::App& app, int& exit_code);
void RegisterAudit(CLI::App& app, int& exit_code);
void RegisterVersion(CLI::App& app, int& exit_code);
void RegisterInit(CLI::App& app, int& exit_code);
/// Register last: the script it prints is generated from every command registered before it.
void RegisterCompletion(CLI::App& app, int& exit_code);
void RegisterTest(CLI::App& app, int& exit_code);
void RegisterExplain(CLI::App& app, int& exit_code);

}  // namespace treaty::cli
