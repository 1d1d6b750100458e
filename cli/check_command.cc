// `treaty check`: compile the portfolio, load the facts, report findings.
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/file_system.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "fail_on.h"
#include "output_file.h"
#include "project_inputs.h"
#include "release_at_exit.h"
#include "report/render.h"
#include "run/check_run.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

struct CheckOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string as_of;
  std::string format = "text";
  std::string output;
  bool show_defeated = false;
};

int RunCheck(const CheckOptions& options) {
  ConfigureLogging(options.common);
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const ProjectInputs project(options.common);

  run::CheckRequest request;
  if (!project.FillRequest(options.paths, options.as_of, request)) return kExitInput;
  if (!options.output.empty()) {
    auto inputs = RunInputs(request.policy_roots, request.fact_paths, project.config().path);
    if (auto clash = SameFileAsInput(options.output, "--output", inputs)) {
      PrintError(*clash);
      return kExitInput;
    }
  }
  request.show_defeated = options.show_defeated;
  const std::string fail_on = project.FailOn();

  // The run and the report are big (every fact, every finding) and are released, not freed,
  // on the way out (release_at_exit.h).
  auto result_owner = std::make_unique<run::CheckRun>(run::RunCheck(request, fs, sources, diags));
  run::CheckRun& result = *result_owner;
  spdlog::info("compiled {} policy files in {:.1f} ms; loaded {} facts from {} files in {:.1f} ms",
               result.frontend.policy_files, result.times.compile_ms, result.facts.facts.size(),
               result.facts.files, result.times.load_ms);
  spdlog::info("planned in {:.1f} ms; evaluated in {:.1f} ms: {} findings", result.times.plan_ms,
               result.times.eval_ms, result.findings.size());

  auto rep_owner = std::make_unique<report::CheckReport>();
  report::CheckReport& rep = *rep_owner;
  rep.tool_version = TREATY_VERSION;
  rep.as_of = value::FormatDate(request.as_of);
  rep.summary = result.summary;
  rep.findings = std::move(result.findings);
  rep.diagnostics = diags.Sorted();
  rep.sources = &sources;
  rep.clauses = std::move(result.clauses);

  std::string body;
  std::FILE* out_stream = stdout;
  const bool to_file = !options.output.empty();
  if (!report::CarriesDiagnostics(options.format)) {
    PrintDiagnostics(rep.diagnostics, sources, options.common.color);
  }
  if (options.format != "text") {
    body = report::Render(options.format, rep);
  } else if (result.evaluated && !(options.common.quiet && rep.findings.empty())) {
    report::TextStyle style{!to_file && UseColor(options.common.color, out_stream)};
    body = report::Render(options.format, rep, style);
  }
  if (to_file) {
    if (auto error = WriteOutputFile(options.output, body)) {
      PrintError(error->message());
      return kExitInput;
    }
  } else {
    std::fwrite(body.data(), 1, body.size(), out_stream);
  }
  const int code = diags.has_errors()                  ? kExitInput
                   : FailsRun(result.summary, fail_on) ? kExitFindings
                                                       : kExitOk;
  ReleaseAtExit(std::move(rep_owner));
  ReleaseAtExit(std::move(result_owner));
  return code;
}

}  // namespace

void RegisterCheck(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check facts (plans) against the portfolio");
  cmd->footer(
      "Examples:\n"
      "  treaty check                                  # paths from treaty.yaml\n"
      "  treaty check --policies policies fixtures/deployments --as-of 2026-06-01\n"
      "  treaty check manifests/new.yaml --format json --output findings.json\n"
      "  treaty check --format sarif --output treaty.sarif    # for code scanning\n"
      "  treaty check --format junit --output treaty-junit.xml --fail-on never");
  AddCommonOptions(*cmd, options->common);
  AddFactPathsArgument(*cmd, options->paths);
  AddAsOfOption(*cmd, options->as_of, "check");
  cmd->add_option("--format", options->format,
                  "Output format: text, json, sarif, junit, markdown or csv")
      ->check(CLI::IsMember(
          std::vector<std::string>(report::kCheckFormats.begin(), report::kCheckFormats.end())));
  cmd->add_option("--output", options->output, "Write the report to FILE instead of stdout");
  cmd->add_flag("--show-defeated", options->show_defeated,
                "Also list findings defeated by an overriding clause");
  cmd->callback([options, &exit_code] { exit_code = RunCheck(*options); });
}

}  // namespace treaty::cli
