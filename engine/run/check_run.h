#pragma once
/// One `treaty check` from paths to findings: compile the portfolio, load the facts, compile
/// the plan, evaluate. Problems go to `diags`; evaluation is skipped when the portfolio has
/// errors (facts with errors are skipped by the loader and the rest are still checked).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "check/model.h"
#include "driver/frontend.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "report/check_report.h"
#include "value/date.h"

namespace treaty::run {

struct CheckRequest {
  std::vector<std::string> policy_roots;
  std::vector<std::string> fact_paths;
  value::Date as_of;
  bool show_defeated = false;
  /// When set, sees every byte of each fact file read (facts::LoadOptions::on_read).
  std::function<void(const std::string& path, std::string_view bytes)> on_fact_bytes;
};

/// Wall-clock milliseconds of each phase, for `-v` logging and benchmarks.
struct PhaseTimes {
  double compile_ms = 0;
  double load_ms = 0;
  double plan_ms = 0;
  double eval_ms = 0;
};

struct CheckRun {
  driver::Frontend frontend;
  facts::FactSet facts;
  std::vector<findings::Finding> findings;  // sorted
  findings::Summary summary;
  bool evaluated = false;                   // false when the portfolio did not compile
  std::vector<report::ClauseInfo> clauses;  // run::DescribeClauses, when evaluated
  PhaseTimes times;
};

CheckRun RunCheck(const CheckRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags);

// ---------------------------------------------------------------- streamed

/// How far a streamed check has come, for a progress line.
struct StreamProgress {
  enum class Phase { kCompiled, kBatch, kEvaluated } phase = Phase::kCompiled;
  size_t policy_files = 0;
  size_t clauses = 0;
  size_t facts = 0;  // loaded and checked so far
  size_t fact_files = 0;
  size_t findings = 0;  // so far
};

struct StreamedRun {
  driver::Frontend frontend;
  findings::Summary summary;
  size_t fact_files = 0;
  size_t kept = 0;         // facts kept for the rules that read several facts together
  bool evaluated = false;  // false when the portfolio did not compile
  std::vector<report::ClauseInfo> clauses;  // run::DescribeClauses, when evaluated
  PhaseTimes times;  // load_ms and eval_ms overlap: batches are evaluated as they load
};

/// Receives a batch of findings, sorted within the batch (not across batches), with the facts
/// they cite.
using FindingSink =
    std::function<void(std::vector<findings::Finding>&& batch, const facts::FactSet& facts)>;

/// The same check as RunCheck, with bounded memory: facts are loaded `batch` at a time and
/// each batch is evaluated with the rules that read one fact (eval::RuleSet::kPerFact) and
/// dropped, except the facts a join, limit or obligation can bind (eval::AcrossFactsScope),
/// which are kept and evaluated together at the end. The findings and diagnostics are those of
/// RunCheck, handed to `sink` batch by batch; the sink is called at least once when the
/// portfolio compiles. `progress` may be empty.
StreamedRun RunStreamed(const CheckRequest& request, size_t batch, const base::FileSystem& fs,
                        base::SourceSet& sources, base::DiagnosticEngine& diags,
                        const FindingSink& sink,
                        const std::function<void(const StreamProgress&)>& progress);

}  // namespace treaty::run
