// `treaty lint`: compile the portfolio and print its diagnostics.
#include <cstdio>

#include <fmt/format.h>

#include "base/file_system.h"
#include "check/lints.h"
#include "commands.h"
#include "driver/frontend.h"
#include "exit_codes.h"
#include "report/diagnostic_text.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

int RunLint(const CommonOptions& options) {
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  std::vector<std::string> roots = options.policies;
  if (roots.empty()) roots.push_back("policies");
  driver::Frontend fe = driver::CompilePortfolio(roots, fs, sources, diags);
  if (!diags.has_errors()) check::RunLints(fe.portfolio, diags);
  const auto sorted = diags.Sorted();
  report::TextStyle style{UseColor(options.color, stdout)};
  std::fputs(report::RenderDiagnostics(sorted, sources, style).c_str(), stdout);
  if (sorted.empty() && !options.quiet) {
    const auto& p = fe.portfolio;
    std::fputs(fmt::format("ok: {} file{}, {} agreement{}, {} clause{}, no problems\n",
                           fe.policy_files, fe.policy_files == 1 ? "" : "s",
                           p.agreements.size(), p.agreements.size() == 1 ? "" : "s",
                           p.clauses.size(), p.clauses.size() == 1 ? "" : "s")
                   .c_str(),
               stdout);
  }
  if (diags.has_errors()) return kExitInput;
  if ((options.fail_on == "warning" || options.fail_on == "info") && diags.warning_count() > 0) {
    return kExitFindings;
  }
  if (options.fail_on == "info" && diags.info_count() > 0) return kExitFindings;
  return kExitOk;
}

}  // namespace

void RegisterLint(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CommonOptions>();
  CLI::App* cmd = app.add_subcommand("lint", "Compile the portfolio and print its diagnostics");
  cmd->footer("Example:\n  treaty lint --policies policies/");
  AddCommonOptions(*cmd, *options);
  cmd->callback([options, &exit_code] { exit_code = RunLint(*options); });
}

}  // namespace treaty::cli
