// `treaty test`: run the `test` blocks of the portfolio and report each failed expectation.
#include <cstdio>
#include <filesystem>

#include "base/file_system.h"
#include "clock.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "project_inputs.h"
#include "report/findings_junit.h"
#include "report/test_report.h"
#include "run/test_run.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

struct TestOptions {
  CommonOptions common;
  std::string format = "text";
};

int RunTest(const TestOptions& options) {
  ConfigureLogging(options.common);
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const ProjectInputs project(options.common);

  run::TestRequest request;
  request.policy_roots = project.PolicyRoots();
  // `given file` paths are relative to the directory of treaty.yaml, else the current one.
  std::string base_dir = std::filesystem::path(project.config().path).parent_path().string();
  request.base_dir = base_dir.empty() ? "." : base_dir;
  const auto today = project.Today();
  if (!today) return kExitInput;
  request.today = *today;

  run::TestRun result = run::RunTests(request, fs, sources, diags);
  report::TestReport& rep = result.report;
  rep.diagnostics = diags.Sorted();

  if (options.format == "json") {
    std::fputs(report::RenderTestJson(rep).c_str(), stdout);
  } else if (options.format == "junit") {
    std::fputs(report::RenderTestJunit(rep).c_str(), stdout);
  } else {
    PrintDiagnostics(rep.diagnostics, sources, options.common.color);
    if (result.compiled) {
      report::TestTextOptions text;
      text.style.color = UseColor(options.common.color, stdout);
      text.quiet = options.common.quiet;
      std::fputs(report::RenderTestText(rep, text).c_str(), stdout);
    }
  }
  if (diags.has_errors()) return kExitInput;
  return rep.failed > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterTest(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand("test", "Run the `test` blocks of the portfolio");
  cmd->footer(
      "Each test runs on its own `given` facts only, as of its `as_of` (default today);\n"
      "`given file` paths are relative to the directory of treaty.yaml (else the current one).\n"
      "Exit 1 when a test fails, 2 when the policies or a test's facts have errors.\n"
      "Examples:\n"
      "  treaty test                          # policies from treaty.yaml\n"
      "  treaty test --policies policies -q   # only the failures and the count\n"
      "  treaty test --format junit > treaty-tests.xml   # for a CI test report");
  AddCommonOptions(*cmd, options->common);
  cmd->add_option("--format", options->format, "Output format: text, json or junit")
      ->check(CLI::IsMember({"text", "json", "junit"}));
  cmd->callback([options, &exit_code] { exit_code = RunTest(*options); });
}

}  // namespace treaty::cli
