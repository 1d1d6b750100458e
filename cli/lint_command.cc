// `treaty lint`: compile the portfolio and print its diagnostics, with the lints that need facts
// (a waiver that matches no finding) when the portfolio's facts are known.
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "base/file_system.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "fail_on.h"
#include "project_inputs.h"
#include "run/lint_run.h"

namespace treaty::cli {

namespace {

struct LintOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string as_of;
};

int RunLint(const LintOptions& options) {
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const ProjectInputs project(options.common);
  const driver::ProjectConfig& config = project.config();

  run::LintRequest request;
  request.policy_roots = project.PolicyRoots();
  // Facts belong to a portfolio: those named here, or treaty.yaml's when its policies are used
  // too (docs/diagnostics.md, T0702).
  if (!options.paths.empty()) {
    request.fact_paths = options.paths;
  } else if (options.common.policies.empty()) {
    std::error_code ec;
    for (const auto& p : config.facts) {
      if (!config.path.empty() || std::filesystem::exists(p, ec)) request.fact_paths.push_back(p);
    }
  }
  auto as_of = project.AsOf(options.as_of);
  if (!as_of) return kExitInput;
  request.as_of = *as_of;

  run::LintRun result = run::RunLint(request, fs, sources, diags);
  const auto sorted = diags.Sorted();
  PrintDiagnostics(sorted, sources, options.common.color, stdout);
  if (sorted.empty() && !options.common.quiet) {
    const auto& fe = result.frontend;
    const auto& p = fe.portfolio;
    std::string facts;
    if (result.checked_facts) {
      facts = fmt::format(", waivers checked against {} fact{}", result.facts,
                          result.facts == 1 ? "" : "s");
    }
    std::fputs(fmt::format("ok: {} file{}, {} agreement{}, {} clause{}{}, no problems\n",
                           fe.policy_files, fe.policy_files == 1 ? "" : "s", p.agreements.size(),
                           p.agreements.size() == 1 ? "" : "s", p.clauses.size(),
                           p.clauses.size() == 1 ? "" : "s", facts)
                   .c_str(),
               stdout);
  }
  if (diags.has_errors()) return kExitInput;
  // Against the command line's --fail-on only: lint does not read treaty.yaml's.
  return FailsAt(options.common.fail_on, diags.error_count(), diags.warning_count(),
                 diags.info_count())
             ? kExitFindings
             : kExitOk;
}

}  // namespace

void RegisterLint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "Compile the portfolio and print its diagnostics");
  cmd->footer(
      "With fact paths, or with policies and facts both from treaty.yaml, lint also runs the\n"
      "portfolio over the facts and warns about waivers that match no finding (T0702).\n"
      "Examples:\n"
      "  treaty lint                                   # policies and facts from treaty.yaml\n"
      "  treaty lint --policies policies/              # the policies alone\n"
      "  treaty lint --policies policies/ fixtures/ --as-of 2026-11-29");
  AddCommonOptions(*cmd, options->common);
  cmd->add_option("paths", options->paths,
                  "Fact files or directories to check waivers against (default: see above)");
  AddAsOfOption(*cmd, options->as_of, "lint");
  cmd->callback([options, &exit_code] { exit_code = RunLint(*options); });
}

}  // namespace treaty::cli
