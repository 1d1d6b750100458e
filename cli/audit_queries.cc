#include "audit_queries.h"

#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "fail_on.h"
#include "report/audit_json.h"
#include "report/audit_text.h"
#include "report/changes_text.h"
#include "report/render.h"
#include "store/audit_store.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

struct HistoryOptions {
  std::string db;
  std::string format = "text";
};

struct ShowOptions {
  int64_t run = 0;
  std::string db;
  std::string format = "text";
  std::string color = "auto";
  std::string fail_on = "error";
};

struct DiffOptions {
  int64_t before = 0;
  int64_t after = 0;
  std::string db;
  std::string format = "text";
  std::string color = "auto";
};

base::Result<store::AuditStore> OpenStore(const std::string& path) {
  store::OpenOptions options;
  options.create = false;
  return store::AuditStore::Open(path, options);
}

// True, with the error printed, when `result` holds a failure.
template <typename T>
bool PrintedFailure(const base::Result<T>& result) {
  if (result.ok()) return false;
  PrintError(result.status().message());
  return true;
}

int RunHistory(const HistoryOptions& options) {
  auto store = OpenStore(options.db);
  if (PrintedFailure(store)) return kExitInput;
  auto runs = store.value().History();
  if (PrintedFailure(runs)) return kExitInput;
  const std::string out = options.format == "json"
                              ? report::RenderHistoryJson(runs.value())
                              : report::RenderHistoryText(runs.value(), options.db);
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

int RunShow(const ShowOptions& options) {
  auto store = OpenStore(options.db);
  if (PrintedFailure(store)) return kExitInput;
  auto run = store.value().LoadRun(options.run);
  if (PrintedFailure(run)) return kExitInput;
  auto recorded = store.value().RecordedComparison(options.run, kTextListLimit);
  if (PrintedFailure(recorded)) return kExitInput;
  const findings::RunInfo& info = run.value().info;
  report::CheckReport rep = report::StoredRunReport(info, std::move(run.value().findings));
  rep.tool_version = TREATY_VERSION;
  base::SourceSet no_sources;
  rep.sources = &no_sources;
  rep.changes = &recorded.value();

  if (options.format != "text") {
    std::fputs(report::Render(options.format, rep).c_str(), stdout);
  } else {
    const report::TextStyle style{UseColor(options.color, stdout)};
    std::string out = report::RenderRunHeading(info);
    out += report::Render("text", rep, style);
    out += report::RenderWaiverLines(info.record.waivers);
    out +=
        report::ChangesSince(recorded.value(), style, "first run over its policy and fact roots\n");
    std::fputs(out.c_str(), stdout);
  }
  return FailsRun(rep.summary, options.fail_on) ? kExitFindings : kExitOk;
}

int RunDiff(const DiffOptions& options) {
  auto store = OpenStore(options.db);
  if (PrintedFailure(store)) return kExitInput;
  auto cmp = store.value().Compare(options.before, options.after);
  if (PrintedFailure(cmp)) return kExitInput;
  const findings::RunChanges& changes = cmp.value();
  if (options.format == "json") {
    std::fputs(report::RenderChangesJson(changes).c_str(), stdout);
    return kExitOk;
  }
  std::string out = fmt::format("from run {} to run {}: {}\n", options.before, options.after,
                                report::ChangesCountLine(changes));
  out += report::RenderChangesList(changes, report::TextStyle{UseColor(options.color, stdout)});
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

}  // namespace

void AddAuditQueries(CLI::App& audit, int& exit_code) {
  auto history = std::make_shared<HistoryOptions>();
  CLI::App* hist = audit.add_subcommand("history", "List the recorded runs, newest first");
  hist->add_option("--db", history->db, "The audit store")->required();
  hist->add_option("--format", history->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  hist->callback([history, &exit_code] { exit_code = RunHistory(*history); });

  auto show = std::make_shared<ShowOptions>();
  CLI::App* sh = audit.add_subcommand("show", "Print a recorded run in any report format");
  sh->add_option("run", show->run, "The run's number (see `treaty audit history`)")->required();
  sh->add_option("--db", show->db, "The audit store")->required();
  sh->add_option("--format", show->format,
                 "Output format: text, json, sarif, junit, markdown or csv")
      ->check(CLI::IsMember(
          std::vector<std::string>(report::kCheckFormats.begin(), report::kCheckFormats.end())));
  AddColorOption(*sh, show->color);
  sh->add_option("--fail-on", show->fail_on,
                 "Lowest severity that fails: error, warning, info or never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  sh->callback([show, &exit_code] { exit_code = RunShow(*show); });

  auto diff = std::make_shared<DiffOptions>();
  CLI::App* df = audit.add_subcommand("diff", "What changed between two recorded runs");
  df->add_option("run_a", diff->before, "The earlier run")->required();
  df->add_option("run_b", diff->after, "The later run")->required();
  df->add_option("--db", diff->db, "The audit store")->required();
  df->add_option("--format", diff->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  AddColorOption(*df, diff->color);
  df->callback([diff, &exit_code] { exit_code = RunDiff(*diff); });
}

}  // namespace treaty::cli
