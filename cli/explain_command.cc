// `treaty explain FACT_ID`: every clause that can apply to one fact, and why it passed or failed.
#include <cstdio>

#include <fmt/format.h>

#include "base/file_system.h"
#include "clock.h"
#include "commands.h"
#include "driver/config.h"
#include "exit_codes.h"
#include "report/diagnostic_text.h"
#include "report/explain_report.h"
#include "run/explain_run.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

struct ExplainOptions {
  CommonOptions common;
  std::string fact_id;
  std::vector<std::string> paths;
  std::string as_of;
};

int RunExplain(const ExplainOptions& options) {
  ConfigureLogging(options.common);
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  driver::ProjectConfig config = driver::FindProjectConfig(".", diags);

  run::ExplainRequest request;
  request.policy_roots =
      options.common.policies.empty() ? config.policies : options.common.policies;
  request.fact_paths = options.paths.empty() ? config.facts : options.paths;
  request.fact_id = options.fact_id;
  std::string as_of_text = options.as_of.empty() ? config.as_of : options.as_of;
  auto as_of = ResolveAsOf(as_of_text);
  if (!as_of) {
    std::fputs(fmt::format("error: invalid --as-of `{}`: expected a date like 2026-11-29 or "
                           "`today`\n",
                           as_of_text)
                   .c_str(),
               stderr);
    return kExitInput;
  }
  request.as_of = *as_of;

  run::ExplainRun result = run::RunExplain(request, fs, sources, diags);
  const auto sorted = diags.Sorted();
  if (!sorted.empty()) {
    report::TextStyle err_style{UseColor(options.common.color, stderr)};
    std::fputs(report::RenderDiagnostics(sorted, sources, err_style).c_str(), stderr);
  }
  if (result.explained) {
    report::TextStyle style{UseColor(options.common.color, stdout)};
    std::fputs(report::RenderExplainText(result.report, style).c_str(), stdout);
  }
  return diags.has_errors() ? kExitInput : kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd =
      app.add_subcommand("explain", "Show every clause that can apply to one fact, and why");
  cmd->footer(
      "Every fact is evaluated (caps and joins depend on the others); the one named is traced\n"
      "against every clause with a rule over its kind. Exit 0 once explained, 2 on errors.\n"
      "Examples:\n"
      "  treaty explain dep-bedrock-gpt5                # policies, facts, as-of from treaty.yaml\n"
      "  treaty explain t1 plans/ --policies policies --as-of 2026-06-01");
  AddCommonOptions(*cmd, options->common);
  cmd->add_option("fact_id", options->fact_id, "The id of the fact to explain")->required();
  cmd->add_option("paths", options->paths,
                  "Fact files or directories (YAML, JSONL; default: treaty.yaml, else fixtures/)");
  cmd->add_option("--as-of", options->as_of,
                  "The date to explain as of (YYYY-MM-DD; default today)");
  cmd->callback([options, &exit_code] { exit_code = RunExplain(*options); });
}

}  // namespace treaty::cli
