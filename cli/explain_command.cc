// `treaty explain FACT_ID`: every clause that can apply to one fact, and why it passed or failed.
#include <cstdio>

#include "base/file_system.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "project_inputs.h"
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
  const ProjectInputs project(options.common);

  run::ExplainRequest request;
  if (!project.FillRequest(options.paths, options.as_of, request)) return kExitInput;
  request.fact_id = options.fact_id;

  run::ExplainRun result = run::RunExplain(request, fs, sources, diags);
  PrintDiagnostics(diags.Sorted(), sources, options.common.color);
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
  AddFactPathsArgument(*cmd, options->paths);
  AddAsOfOption(*cmd, options->as_of, "explain");
  cmd->callback([options, &exit_code] { exit_code = RunExplain(*options); });
}

}  // namespace treaty::cli
