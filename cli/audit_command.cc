// `treaty audit`: a recorded batch check. Runs the check streamed (run::RunStreamed), stores the
// run in the SQLite audit store, compares it with the previous completed run over the same roots,
// prints and stores that comparison, and writes the HTML report. Subcommands read the store back:
// `history`, `show RUN`, `diff RUN_A RUN_B`.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/escape.h"
#include "base/file_system.h"
#include "clause_catalog.h"
#include "clock.h"
#include "commands.h"
#include "diagnostics_output.h"
#include "exit_codes.h"
#include "fail_on.h"
#include "findings/fingerprint.h"
#include "output_file.h"
#include "project_inputs.h"
#include "report/audit_json.h"
#include "report/changes_text.h"
#include "report/html_report.h"
#include "report/json_writer.h"
#include "report/render.h"
#include "run/check_run.h"
#include "store/audit_store.h"
#include "store/digest.h"
#include "terminal.h"

namespace treaty::cli {

namespace {

// How many new / resolved findings an audit lists on a terminal; the HTML report and JSON list
// more. The counts are always exact (`treaty audit diff` lists everything).
constexpr size_t kTextListLimit = 25;
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

/// A one-line progress display on stderr, redrawn in place; silent unless stderr is a
/// terminal and -q was not given.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  ~Progress() { Clear(); }
  void Say(const std::string& text) {
    if (!enabled_) return;
    std::fputs(fmt::format("\r\x1b[Ktreaty: {}", text).c_str(), stderr);
    std::fflush(stderr);
    shown_ = true;
  }
  void Clear() {
    if (!shown_) return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
};

// Roots as given, lexically normalised ("./fixtures/" and "fixtures" are the same root), so
// the same audit run from the same directory finds its previous run.
std::vector<std::string> NormalizeRoots(const std::vector<std::string>& roots) {
  std::vector<std::string> out;
  for (const auto& r : roots) {
    std::string p = std::filesystem::path(r).lexically_normal().generic_string();
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    out.push_back(p.empty() ? "." : p);
  }
  return out;
}

std::string RenderMember(const check::Portfolio& p, const value::Value& v) {
  if (v.is<value::Member>()) {
    const auto& m = v.as<value::Member>();
    if (m.taxonomy < p.taxonomies.size() && m.member < p.taxonomies[m.taxonomy].members.size()) {
      return p.taxonomies[m.taxonomy].members[m.member].name;
    }
  }
  if (v.is<std::string>()) return fmt::format("\"{}\"", v.as<std::string>());
  if (v.is<value::List>()) {
    std::vector<std::string> items;
    for (const auto& item : v.as<value::List>()) items.push_back(RenderMember(p, item));
    return fmt::format("[{}]", fmt::join(items, ", "));
  }
  return "…";
}

report::DateWindow WindowOf(const check::Window& w) {
  return report::DateWindow{value::FormatDate(w.from),
                            w.until ? value::FormatDate(*w.until) : std::string()};
}

// What an audit keeps of the findings as they stream past: all of them only when a report
// lists them; always the waivers applied and the dates of the cited facts (for the timeline).
struct Collected {
  bool keep_findings = false;
  std::vector<findings::Finding> findings;
  std::map<std::string, size_t> waived;  // waiver id -> findings it waived
  std::map<std::string, report::FactDates> cited;

  void Add(const std::vector<findings::Finding>& batch, const facts::FactSet& facts) {
    std::map<std::string_view, const facts::Fact*> by_id;
    for (const auto& fact : facts.facts) by_id.emplace(fact.id, &fact);
    for (const auto& f : batch) {
      if (!f.waived_by.empty()) ++waived[f.waived_by];
      for (const auto& id : f.facts) {
        auto it = by_id.find(id);
        if (it == by_id.end() || cited.count(id)) continue;
        const facts::Fact& fact = *it->second;
        cited[id] = report::FactDates{id, fact.start ? value::FormatDate(*fact.start) : "",
                                      fact.end ? value::FormatDate(*fact.end) : ""};
      }
    }
    if (keep_findings) findings.insert(findings.end(), batch.begin(), batch.end());
  }
};

// What the HTML report needs from the portfolio and the facts: agreement windows, exclusivity
// grants, waivers and the dates of the facts the findings cite.
void DescribePortfolio(const check::Portfolio& p, Collected& seen, report::CheckReport& rep) {
  for (const auto& a : p.agreements) {
    rep.agreements.push_back(report::AgreementInfo{a.id, a.title, WindowOf(a.window)});
  }
  for (const auto& c : p.clauses) {
    for (const auto& rule : c.rules) {
      if (rule.kind != check::RuleKind::kExclusive || rule.vars.empty()) continue;
      const check::Kind& kind = p.kinds[rule.vars[0].kind];
      std::string field = rule.exclusive_slot < kind.fields.size()
                              ? kind.fields[rule.exclusive_slot].name
                              : std::string("?");
      rep.exclusives.push_back(report::ExclusiveGrant{
          c.qualified, p.agreements[c.agreement].id, c.title,
          fmt::format("{}.{} to {}", kind.name, field, RenderMember(p, rule.exclusive_to)),
          WindowOf(c.effective_window)});
    }
  }
  for (const auto& w : p.waivers) {
    rep.waivers.push_back(report::WaiverInfo{
        w.id, w.clause < p.clauses.size() ? p.clauses[w.clause].qualified : std::string(),
        w.until ? value::FormatDate(*w.until) : std::string(), w.approved_by, w.reason,
        seen.waived.count(w.id) ? seen.waived[w.id] : 0});
  }
  for (auto& [id, dates] : seen.cited) rep.fact_dates.push_back(std::move(dates));
}

std::vector<store::WaiverRecord> AppliedWaivers(const std::vector<report::WaiverInfo>& waivers) {
  std::vector<store::WaiverRecord> out;
  for (const auto& w : waivers) {
    if (w.findings == 0) continue;
    out.push_back(store::WaiverRecord{
        w.id, w.clause, w.until.empty() ? std::nullopt : std::optional<std::string>(w.until),
        w.findings});
  }
  return out;
}

// Digests of the policy files and the fact files the run read, each set in path order. Fact
// files are hashed as they stream past (`fact_hashes`, path -> SHA-256): a large one is never
// in memory whole.
void DigestInputs(const base::SourceSet& sources,
                  const std::map<std::string, findings::Sha256>& fact_hashes,
                  store::RunRecord& record) {
  std::vector<store::DigestInput> policies;
  for (size_t i = 0; i < sources.size(); ++i) {
    const auto& file = sources.Get(static_cast<base::FileId>(i));
    if (file.path().ends_with(".treaty")) {
      policies.push_back(store::DigestInput{file.path(), file.text()});
    }
  }
  std::sort(
      policies.begin(), policies.end(),
      [](const store::DigestInput& a, const store::DigestInput& b) { return a.path < b.path; });
  std::vector<store::HashedInput> facts;  // the map keeps path order
  for (const auto& [path, sha] : fact_hashes) facts.push_back({path, sha.HexDigest()});
  record.policy_digest = store::DigestFiles(policies);
  record.fact_digest = store::DigestHashedFiles(facts);
}

report::RunChanges ToReport(store::Comparison&& c) {
  report::RunChanges r;
  r.run = c.run;
  r.base = c.base;
  r.added_count = c.added_count;
  r.resolved_count = c.resolved_count;
  r.unchanged_count = c.unchanged_count;
  r.changed_count = c.changed_count;
  r.added = std::move(c.added);
  r.resolved = std::move(c.resolved);
  for (auto& sc : c.changed) r.changed.emplace_back(std::move(sc.finding), sc.before);
  return r;
}

// "since run N: …" and the findings that changed, or `first_run` when no run came before.
std::string ChangesSince(const report::RunChanges& changes, bool color,
                         const std::string& first_run) {
  if (!changes.base) return first_run;
  return fmt::format("since run {}: {}\n", *changes.base, report::ChangesCountLine(changes)) +
         report::RenderChangesList(changes, report::TextStyle{color});
}

std::string LabelPart(const std::string& label) {
  return label.empty() ? "" : fmt::format(", label `{}`", base::VisibleText(label));
}

// "1970-01-01T00:00:00Z" -> "1970-01-01 00:00".
std::string ShortTime(const std::string& ts) {
  if (ts.size() < 16) return ts;
  return ts.substr(0, 10) + " " + ts.substr(11, 5);
}

base::Result<store::AuditStore> OpenStore(const std::string& path, bool create) {
  store::OpenOptions options;
  options.create = create;
  return store::AuditStore::Open(path, options);
}

// The store an audit writes: checked for damage first, waiting up to `lock_timeout` seconds
// for another audit's write, and saying so on stderr when it has to wait.
base::Result<store::AuditStore> OpenStoreToWrite(const std::string& path, int lock_timeout,
                                                 Progress& progress) {
  store::OpenOptions options;
  options.create = true;
  options.check_integrity = true;
  options.busy_timeout_ms = lock_timeout * 1000;
  options.on_wait = [&progress, lock_timeout] {
    progress.Clear();
    std::fputs(fmt::format("treaty: waiting for the audit store lock held by another audit (up "
                           "to {} s, --lock-timeout)…\n",
                           lock_timeout)
                   .c_str(),
               stderr);
    std::fflush(stderr);
  };
  return store::AuditStore::Open(path, options);
}

// True, with the error printed, when `result` holds a failure.
template <typename T>
bool PrintedFailure(const base::Result<T>& result) {
  if (result.ok()) return false;
  PrintError(result.status().message());
  return true;
}

// One run of `treaty audit history --format json`.
void WriteHistoryRun(report::JsonWriter& w, const store::RunInfo& r) {
  auto text = [&w](std::string_view key, std::string_view value) {
    w.Key(key);
    w.String(value);
  };
  auto texts = [&w](std::string_view key, const std::vector<std::string>& values) {
    w.Key(key);
    w.StringArray(values);
  };
  auto count = [&w](std::string_view key, size_t n) {
    w.Key(key);
    w.Number(n);
  };
  const auto& s = r.record.summary;
  w.BeginObject();
  w.Key("run");
  w.Int(r.id);
  text("started_at", r.record.started_at);
  text("as_of", r.record.as_of);
  text("label", r.record.label);
  texts("policy_roots", r.record.policy_roots);
  texts("fact_roots", r.record.fact_roots);
  text("policy_digest", r.record.policy_digest);
  text("fact_digest", r.record.fact_digest);
  w.Key("summary");
  w.BeginObject();
  const std::pair<const char*, size_t> counts[] = {
      {"facts", s.facts},       {"clauses", s.clauses},   {"errors", s.errors},
      {"warnings", s.warnings}, {"infos", s.infos},       {"waived", s.waived},
      {"pending", s.pending},   {"defeated", s.defeated}, {"findings", r.findings}};
  for (const auto& [key, n] : counts) count(key, n);
  w.EndObject();
  if (r.previous_run) {
    w.Key("previous_run");
    w.Int(*r.previous_run);
    count("new", r.added);
    count("resolved", r.resolved);
    count("unchanged", r.unchanged);
  }
  w.EndObject();
}

// ---------------------------------------------------------------- treaty audit

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
  // Neither the store nor the report may replace an input, nor the report the store.
  const std::vector<ProtectedFile> reads =
      RunInputs(request.policy_roots, request.fact_paths, project.config().path);
  std::optional<std::string> clash = SameFileAsInput(options.db, "--db", reads);
  if (!clash && !options.report.empty()) {
    std::vector<ProtectedFile> kept = reads;
    for (auto& file : RunInputs({}, {}, "", options.db)) kept.push_back(std::move(file));
    clash = SameFileAsInput(options.report, "--report", kept);
  }
  if (clash) {
    PrintError(*clash);
    return kExitInput;
  }

  Progress progress(!options.common.quiet && isatty(fileno(stderr)) != 0);
  progress.Say("compiling the portfolio…");
  auto say = [&progress](const run::StreamProgress& p) {
    switch (p.phase) {
      case run::StreamProgress::Phase::kCompiled:
        progress.Say(fmt::format("compiled {} policy files ({} clauses); loading facts…",
                                 p.policy_files, p.clauses));
        break;
      case run::StreamProgress::Phase::kBatch:
        progress.Say(fmt::format("checked {} facts against {} clauses: {} findings so far…",
                                 p.facts, p.clauses, p.findings));
        break;
      case run::StreamProgress::Phase::kEvaluated:
        progress.Say(fmt::format("checked {} facts from {} files: {} findings", p.facts,
                                 p.fact_files, p.findings));
        break;
    }
  };

  // Findings stream into the store's staging area batch by batch; the run itself is written
  // in one transaction at the end. Everything is kept in memory only for a report that lists
  // every finding (text without -q, JSON, HTML).
  const bool detailed = !options.report.empty() || options.format == "json";
  Collected seen;
  seen.keep_findings = detailed || !options.common.quiet;
  std::optional<store::AuditStore> store;
  std::optional<store::RunRecorder> recorder;
  std::optional<std::string> failure;  // why the run cannot be recorded
  auto sink = [&](std::vector<findings::Finding>&& batch, const facts::FactSet& facts) {
    if (failure) return;
    if (!recorder) {
      progress.Say(fmt::format("opening {}…", options.db));
      auto opened = OpenStoreToWrite(options.db, options.lock_timeout, progress);
      if (!opened.ok()) {
        failure = opened.status().message();
        return;
      }
      store.emplace(std::move(opened.value()));
      auto started_run = store->StartRun();
      if (!started_run.ok()) {
        failure = fmt::format("the run was not recorded: {}", started_run.status().message());
        return;
      }
      recorder.emplace(std::move(started_run.value()));
    }
    if (base::Status s = recorder->Add(batch); !s.ok()) {
      failure = fmt::format("the run was not recorded: {}", s.message());
      return;
    }
    seen.Add(batch, facts);
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
  std::sort(seen.findings.begin(), seen.findings.end(), findings::FindingLess);
  rep.findings = std::move(seen.findings);
  rep.diagnostics = diags.Sorted();
  rep.sources = &sources;
  if (!rep.diagnostics.empty() && options.format == "text") {
    progress.Clear();
    PrintDiagnostics(rep.diagnostics, sources, options.common.color);
  }
  if (!result.evaluated) {
    progress.Clear();
    if (options.format != "text") {
      std::fputs(report::Render("json", rep).c_str(), stdout);
    }
    PrintError("the portfolio has errors: no run was recorded");
    return kExitInput;
  }
  if (failure || !recorder) {
    progress.Clear();
    PrintError(failure.value_or("the run was not recorded"));
    return kExitInput;
  }
  rep.clauses = DescribeClauses(result.frontend.portfolio, sources);
  DescribePortfolio(result.frontend.portfolio, seen, rep);

  store::RunRecord record;
  record.started_at = started_at;
  record.finished_at = NowTimestamp();
  record.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  record.as_of = rep.as_of;
  record.label = options.label;
  record.policy_roots = NormalizeRoots(request.policy_roots);
  record.fact_roots = NormalizeRoots(request.fact_paths);
  record.summary = result.summary;
  record.waivers = AppliedWaivers(rep.waivers);
  DigestInputs(sources, fact_hashes, record);

  const auto store_start = std::chrono::steady_clock::now();
  progress.Say(fmt::format("recording the run in {}…", options.db));
  auto recorded = recorder->Finish(record, detailed ? kReportListLimit : kTextListLimit);
  progress.Clear();
  if (!recorded.ok()) {
    PrintError(fmt::format("the run was not recorded: {}", recorded.status().message()));
    return kExitInput;
  }
  const int64_t run_id = recorded.value().run;
  report::RunChanges changes = ToReport(std::move(recorded.value()));
  rep.changes = &changes;
  spdlog::info("recorded run {} ({} findings) in `{}` in {} ms", run_id, recorder->staged(),
               options.db,
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - store_start)
                   .count());

  if (options.format == "json") {
    std::fputs(report::RenderAuditJson(rep, run_id).c_str(), stdout);
  } else {
    const bool color = UseColor(options.common.color, stdout);
    // -q: only the outcome (the run and what changed), not the whole report.
    if (!options.common.quiet) {
      std::fputs(report::Render("text", rep, report::TextStyle{color}).c_str(), stdout);
      std::fputs("\n", stdout);
    }
    std::string out = fmt::format("run {} recorded in {} (as of {}{})\n", run_id, options.db,
                                  rep.as_of, LabelPart(options.label));
    out += ChangesSince(changes, color,
                        "first run over these policy and fact roots: nothing to compare with\n");
    std::fputs(out.c_str(), stdout);
  }

  if (!options.report.empty()) {
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
  }
  if (diags.has_errors()) return kExitInput;
  return FailsRun(result.summary, fail_on) ? kExitFindings : kExitOk;
}

// ---------------------------------------------------------------- treaty audit history

int RunHistory(const HistoryOptions& options) {
  auto store = OpenStore(options.db, /*create=*/false);
  if (PrintedFailure(store)) return kExitInput;
  auto runs = store.value().History();
  if (PrintedFailure(runs)) return kExitInput;
  std::string out;
  if (options.format == "json") {
    report::JsonWriter w(out);
    w.BeginObject();
    w.Key("version");
    w.Number(1);
    w.Key("runs");
    w.BeginArray();
    for (const auto& r : runs.value()) WriteHistoryRun(w, r);
    w.EndArray();
    w.EndObject();
    out += '\n';
  } else if (runs.value().empty()) {
    out = fmt::format("no runs recorded in {}\n", options.db);
  } else {
    out = fmt::format(
        "{:>4}  {:<16}  {:<10}  {:>6}  {:>8}  {:>5}  {:>6}  {:>7}  {:<7}  {:>4}  {:>8}  {}\n",
        "run", "recorded (UTC)", "as of", "errors", "warnings", "infos", "waived", "pending",
        "since", "new", "resolved", "label");
    for (const auto& r : runs.value()) {
      const auto& s = r.record.summary;
      std::string since = r.previous_run ? fmt::format("run {}", *r.previous_run) : "-";
      std::string added = r.previous_run ? std::to_string(r.added) : "-";
      std::string resolved = r.previous_run ? std::to_string(r.resolved) : "-";
      out += fmt::format(
          "{:>4}  {:<16}  {:<10}  {:>6}  {:>8}  {:>5}  {:>6}  {:>7}  {:<7}  {:>4}  {:>8}  {}\n",
          r.id, ShortTime(r.record.started_at), r.record.as_of, s.errors, s.warnings, s.infos,
          s.waived, s.pending, since, added, resolved, base::VisibleText(r.record.label));
    }
  }
  std::fputs(out.c_str(), stdout);
  return kExitOk;
}

// ---------------------------------------------------------------- treaty audit show

int RunShow(const ShowOptions& options) {
  auto store = OpenStore(options.db, /*create=*/false);
  if (PrintedFailure(store)) return kExitInput;
  auto run = store.value().LoadRun(options.run);
  if (PrintedFailure(run)) return kExitInput;
  auto recorded = store.value().RecordedComparison(options.run, kTextListLimit);
  if (PrintedFailure(recorded)) return kExitInput;
  const store::RunInfo& info = run.value().info;
  report::CheckReport rep;
  rep.tool_version = TREATY_VERSION;
  rep.as_of = info.record.as_of;
  rep.label = info.record.label;
  rep.summary = info.record.summary;
  rep.findings = std::move(run.value().findings);
  for (const auto& w : info.record.waivers) {
    rep.waivers.push_back(
        report::WaiverInfo{w.id, w.clause, w.until.value_or(""), "", "", w.findings});
  }
  base::SourceSet no_sources;
  rep.sources = &no_sources;
  report::RunChanges changes = ToReport(std::move(recorded.value()));
  rep.changes = &changes;

  if (options.format != "text") {
    std::fputs(report::Render(options.format, rep).c_str(), stdout);
  } else {
    const bool color = UseColor(options.color, stdout);
    std::string out = fmt::format("run {}: recorded {} UTC, as of {}{}\n", info.id,
                                  ShortTime(info.record.started_at), info.record.as_of,
                                  LabelPart(info.record.label));
    out += fmt::format("policies: {}; facts: {}\n\n",
                       base::VisibleJoin(info.record.policy_roots, ", "),
                       base::VisibleJoin(info.record.fact_roots, ", "));
    out += report::Render("text", rep, report::TextStyle{color});
    for (const auto& w : info.record.waivers) {
      out += fmt::format("waiver {} on {} ({}) waived {} finding{}\n", base::VisibleText(w.id),
                         base::VisibleText(w.clause),
                         base::VisibleText(w.until ? "until " + *w.until : "no expiry"), w.findings,
                         w.findings == 1 ? "" : "s");
    }
    out += ChangesSince(changes, color, "first run over its policy and fact roots\n");
    std::fputs(out.c_str(), stdout);
  }
  return FailsRun(rep.summary, options.fail_on) ? kExitFindings : kExitOk;
}

// ---------------------------------------------------------------- treaty audit diff

int RunDiff(const DiffOptions& options) {
  auto store = OpenStore(options.db, /*create=*/false);
  if (PrintedFailure(store)) return kExitInput;
  auto cmp = store.value().Compare(options.before, options.after);
  if (PrintedFailure(cmp)) return kExitInput;
  report::RunChanges changes = ToReport(std::move(cmp.value()));
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

  auto history = std::make_shared<HistoryOptions>();
  CLI::App* hist = cmd->add_subcommand("history", "List the recorded runs, newest first");
  hist->add_option("--db", history->db, "The audit store")->required();
  hist->add_option("--format", history->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  hist->callback([history, &exit_code] { exit_code = RunHistory(*history); });

  auto show = std::make_shared<ShowOptions>();
  CLI::App* sh = cmd->add_subcommand("show", "Print a recorded run in any report format");
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
  CLI::App* df = cmd->add_subcommand("diff", "What changed between two recorded runs");
  df->add_option("run_a", diff->before, "The earlier run")->required();
  df->add_option("run_b", diff->after, "The later run")->required();
  df->add_option("--db", diff->db, "The audit store")->required();
  df->add_option("--format", diff->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  AddColorOption(*df, diff->color);
  df->callback([diff, &exit_code] { exit_code = RunDiff(*diff); });

  cmd->callback([cmd, options, &exit_code] {
    if (!cmd->get_subcommands().empty()) return;  // history, show or diff ran instead
    exit_code = RunAudit(*options);
  });
}

}  // namespace treaty::cli
