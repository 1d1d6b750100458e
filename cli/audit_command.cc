// `treaty audit`: a recorded batch check. Runs the check streamed (run::RunStreamed), stores the
// run in the SQLite audit store, compares it with the previous completed run over the same roots,
// prints and stores that comparison, and writes the HTML report. Subcommands read the store back
// (audit_queries.h).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "audit_queries.h"
#include "audit_recording.h"
#include "base/file_system.h"
#include "clock.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "fail_on.h"
#include "findings/fingerprint.h"
#include "output_file.h"
#include "progress.h"
#include "project_inputs.h"
#include "report/audit_json.h"
#include "report/audit_text.h"
#include "report/html_report.h"
#include "report/render.h"
#include "run/audit_run.h"
#include "run/check_run.h"
#include "store/audit_store.h"
#include "store/run_inputs.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

// How many new / resolved findings the HTML report and JSON list (kTextListLimit on a
// terminal).
constexpr size_t kReportListLimit = 1000;
// Facts loaded and checked at a time (`--batch`); memory holds one batch, its findings, and the
// facts kept for joins, caps and obligations.
constexpr size_t kAuditBatch = 50000;
// How long an audit waits for another audit's write to the same store (`--lock-timeout`).
constexpr int kLockTimeoutSeconds = 300;

struct AuditOptions {
  CommonOptions common;
  std::vector<std::string> paths;
  std::string db;
  std::string as_of;
  std::string label;
  std::string report;
  std::string format = "text";
  size_t batch = kAuditBatch;
  int lock_timeout = kLockTimeoutSeconds;
};

// A streamed check's progress as the one-line display says it.
std::string ProgressText(const run::StreamProgress& p) {
  switch (p.phase) {
    case run::StreamProgress::Phase::kCompiled:
      return fmt::format("compiled {} policy files ({} clauses); loading facts…", p.policy_files,
                         p.clauses);
    case run::StreamProgress::Phase::kBatch:
      return fmt::format("checked {} facts against {} clauses: {} findings so far…", p.facts,
                         p.clauses, p.findings);
    case run::StreamProgress::Phase::kEvaluated:
      break;
  }
  return fmt::format("checked {} facts from {} files: {} findings", p.facts, p.fact_files,
                     p.findings);
}

// Neither the store nor the report may replace an input, nor the report the store.
std::optional<std::string> OutputClash(const AuditOptions& options,
                                       const run::CheckRequest& request,
                                       const ProjectInputs& project) {
  const std::vector<ProtectedFile> reads =
      RunInputs(request.policy_roots, request.fact_paths, project.config().path);
  std::optional<std::string> clash = SameFileAsInput(options.db, "--db", reads);
  if (!clash && !options.report.empty()) {
    std::vector<ProtectedFile> kept = reads;
    for (auto& file : RunInputs({}, {}, "", options.db)) kept.push_back(std::move(file));
    clash = SameFileAsInput(options.report, "--report", kept);
  }
  return clash;
}

// The outcome on stdout (JSON, or the text report and what changed) and the HTML report.
int PrintAudit(const AuditOptions& options, const report::CheckReport& rep, int64_t run_id) {
  if (options.format == "json") {
    std::fputs(report::RenderAuditJson(rep, run_id).c_str(), stdout);
  } else {
    const report::TextStyle style{UseColor(options.common.color, stdout)};
    // -q: only the outcome (the run and what changed), not the whole report.
    if (!options.common.quiet) {
      std::fputs(report::Render("text", rep, style).c_str(), stdout);
      std::fputs("\n", stdout);
    }
    std::string out = report::RecordedLine(run_id, options.db, rep.as_of, options.label);
    out += report::ChangesSince(
        *rep.changes, style,
        "first run over these policy and fact roots: nothing to compare with\n");
    std::fputs(out.c_str(), stdout);
  }
  if (options.report.empty()) return kExitOk;
  report::HtmlOptions html;
  html.run = run_id;
  html.generated_by = fmt::format("treaty {}", TREATY_VERSION);
  if (auto error = WriteOutputFile(options.report, report::RenderHtml(rep, html))) {
    PrintError(error->message());
    return kExitInput;
  }
  if (options.format == "text") {
    std::fputs(fmt::format("report written to {}\n", options.report).c_str(), stdout);
  }
  return kExitOk;
}

int64_t MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

int RunAudit(const AuditOptions& options) {
  ConfigureLogging(options.common);
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = NowTimestamp();
  if (options.db.empty()) {
    PrintError("`treaty audit` needs `--db FILE`, the audit store to record the run in");
    return kExitInput;
  }
  base::RealFileSystem fs;
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const ProjectInputs project(options.common);

  run::CheckRequest request;
  if (!project.FillRequest(options.paths, options.as_of, request)) return kExitInput;
  std::map<std::string, findings::Sha256> fact_hashes;
  request.on_fact_bytes = [&fact_hashes](const std::string& path, std::string_view bytes) {
    fact_hashes[path].Update(bytes);
  };
  const std::string fail_on = project.FailOn();
  if (auto clash = OutputClash(options, request, project)) {
    PrintError(*clash);
    return kExitInput;
  }

  Progress progress(!options.common.quiet && isatty(fileno(stderr)) != 0);
  progress.Say("compiling the portfolio…");
  auto say = [&progress](const run::StreamProgress& p) { progress.Say(ProgressText(p)); };
  // Everything is kept in memory only for a report that lists every finding (text without -q,
  // JSON, HTML).
  const bool detailed = !options.report.empty() || options.format == "json";
  run::AuditCollector seen(detailed || !options.common.quiet);
  AuditRecording recording(options.db, options.lock_timeout);
  auto sink = [&](std::vector<findings::Finding>&& batch, const facts::FactSet& facts) {
    recording.Add(batch, progress);
    if (recording.ok()) seen.Add(batch, facts);
  };
  run::StreamedRun result = run::RunStreamed(request, options.batch, fs, sources, diags, sink, say);
  spdlog::info(
      "compiled {} policy files in {:.1f} ms; loaded and checked {} facts from {} files "
      "in {:.1f} ms ({} kept for joins, caps and obligations)",
      result.frontend.policy_files, result.times.compile_ms, result.summary.facts,
      result.fact_files, result.times.load_ms, result.kept);
  spdlog::info("evaluated the kept facts in {:.1f} ms", result.times.eval_ms);

  report::CheckReport rep;
  rep.tool_version = TREATY_VERSION;
  rep.as_of = value::FormatDate(request.as_of);
  rep.label = options.label;
  rep.summary = result.summary;
  rep.findings = seen.TakeFindings();
  rep.diagnostics = diags.Sorted();
  rep.sources = &sources;
  if (!rep.diagnostics.empty() && options.format == "text") {
    progress.Clear();
    PrintDiagnostics(rep.diagnostics, sources, options.common.color);
  }
  if (!result.evaluated) {
    progress.Clear();
    if (options.format != "text") std::fputs(report::Render("json", rep).c_str(), stdout);
    PrintError("the portfolio has errors: no run was recorded");
    return kExitInput;
  }
  if (!recording.ok()) {
    progress.Clear();
    PrintError(recording.failure());
    return kExitInput;
  }
  rep.clauses = std::move(result.clauses);
  seen.Describe(result.frontend.portfolio, rep);

  findings::RunRecord record =
      run::AuditRecord(rep, started_at, NowTimestamp(), MillisecondsSince(started));
  record.policy_roots = store::NormalizeRoots(request.policy_roots);
  record.fact_roots = store::NormalizeRoots(request.fact_paths);
  store::DigestRunInputs(sources, fact_hashes, record);

  const auto store_start = std::chrono::steady_clock::now();
  progress.Say(fmt::format("recording the run in {}…", options.db));
  auto recorded = recording.recorder().Finish(record, detailed ? kReportListLimit : kTextListLimit);
  progress.Clear();
  if (!recorded.ok()) {
    PrintError(fmt::format("the run was not recorded: {}", recorded.status().message()));
    return kExitInput;
  }
  rep.changes = &recorded.value();
  spdlog::info("recorded run {} ({} findings) in `{}` in {} ms", recorded.value().run,
               recording.recorder().staged(), options.db, MillisecondsSince(store_start));

  if (int code = PrintAudit(options, rep, recorded.value().run); code != kExitOk) return code;
  if (diags.has_errors()) return kExitInput;
  return FailsRun(result.summary, fail_on) ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterAudit(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd =
      app.add_subcommand("audit", "Record a check in the SQLite audit store and compare runs");
  cmd->footer(
      "Examples:\n"
      "  treaty audit --db audit.sqlite --label weekly --report report.html\n"
      "  treaty audit --policies policies fixtures --db audit.sqlite --as-of 2026-11-29\n"
      "  treaty audit history --db audit.sqlite\n"
      "  treaty audit show 3 --db audit.sqlite --format json\n"
      "  treaty audit diff 2 3 --db audit.sqlite");
  AddCommonOptions(*cmd, options->common);
  AddFactPathsArgument(*cmd, options->paths);
  cmd->add_option("--db", options->db, "The audit store (an SQLite file; created when missing)");
  AddAsOfOption(*cmd, options->as_of, "check");
  cmd->add_option("--label", options->label, "A label for the run, shown by `audit history`");
  cmd->add_option("--report", options->report,
                  "Write a self-contained HTML report of the run to FILE");
  cmd->add_option("--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--batch", options->batch,
                  "Facts loaded and checked at a time (memory holds one batch; default 50000)")
      ->check(CLI::Range(size_t{1}, size_t{100000000}));
  cmd->add_option("--lock-timeout", options->lock_timeout,
                  "Seconds to wait for another audit writing the same store (default 300)")
      ->check(CLI::Range(0, 86400));

  AddAuditQueries(*cmd, exit_code);

  cmd->callback([cmd, options, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;  // history, show or diff ran instead
    exit_code = RunAudit(*options);
  });
}

}  // namespace treaty::cli
