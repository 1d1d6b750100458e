#pragma once
/// The one run of a portfolio over facts that every command shares: compile the portfolio,
/// compile the plan, load the facts (whole, or streamed in batches), evaluate, hand over the
/// findings. Commands differ only in options and sinks (docs/architecture.md, "The pipeline"):
///   check    whole facts, vacuity check, findings kept (run::RunCheck)
///   audit    streamed facts, vacuity check, findings and progress per batch (run::RunStreamed)
///   explain  whole facts; `loaded` stops at an unknown id; traces one fact (run::RunExplain)
///   lint     `compiled` runs the lints; whole facts when given, no vacuity (run::RunLint)
///   test     no fact paths; `next_case` gives each test's facts and as-of (run::RunTests)
/// Problems go to `diags`; nothing runs past a portfolio with errors.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "check/model.h"
#include "driver/frontend.h"
#include "eval/evaluator.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "plan/plan.h"

namespace treaty::run {

/// Wall-clock milliseconds of each phase, for `-v` logging and benchmarks.
struct PhaseTimes {
  double compile_ms = 0;
  double load_ms = 0;
  double plan_ms = 0;
  double eval_ms = 0;
};

/// How far a run has come, for a progress line.
struct StreamProgress {
  enum class Phase { kCompiled, kBatch, kEvaluated } phase = Phase::kCompiled;
  size_t policy_files = 0;
  size_t clauses = 0;
  size_t facts = 0;  // loaded and checked so far
  size_t fact_files = 0;
  size_t findings = 0;  // so far
};

/// Receives findings, sorted within the call, with the facts they cite: once for whole facts,
/// batch by batch (sorted within each batch, not across) for streamed facts.
using FindingSink =
    std::function<void(std::vector<findings::Finding>&& batch, const facts::FactSet& facts)>;

struct PipelineOptions {
  enum class Facts {
    kNone,      // no fact paths are read (the lints alone; tests bring their own facts)
    kWhole,     // every fact loaded, then evaluated at once
    kStreamed,  // `batch` facts at a time: each batch with the rules that read one fact
                // (eval::RuleSet::kPerFact), then the facts eval::AcrossFactsScope keeps with
                // the others; memory holds one batch and the kept facts
  };
  std::vector<std::string> policy_roots;
  std::vector<std::string> fact_paths;
  Facts facts = Facts::kWhole;
  size_t batch = 0;
  eval::EvalOptions eval;
  /// T0601 (no facts) and T0602 (no rule ranges over the facts' kinds).
  bool check_vacuity = false;
  /// When set: instead of evaluating, trace each loaded fact with this id (eval::TraceFact;
  /// the evaluation's diagnostics once, for the first) and hand it to PipelineSinks::trace.
  std::optional<std::string> trace_fact;
  /// When set, sees every byte of each fact file read (facts::LoadOptions::on_read).
  std::function<void(const std::string& path, std::string_view bytes)> on_fact_bytes;
};

/// A set of facts a command brings itself (a test's given facts), evaluated with its own
/// options; the diagnostics of its evaluation are not kept.
struct FactCase {
  facts::FactSet facts;
  eval::EvalOptions eval;
};

/// Loads every fact of the files at `paths` (facts::LoadFacts against the run's portfolio),
/// its problems to `diags`: how a case reads the fact files it names.
using FactFileLoader = std::function<facts::FactSet(const std::vector<std::string>& paths,
                                                    base::DiagnosticEngine& diags)>;

/// What a command does at each stage; every member may be empty.
struct PipelineSinks {
  /// The portfolio compiled without errors.
  std::function<void(const check::Portfolio&)> compiled;
  /// Whole facts loaded; false stops the run before evaluating.
  std::function<bool(const facts::FactSet&)> loaded;
  /// The findings of the fact paths (see FindingSink), then of each case.
  FindingSink findings;
  /// After the fact paths: the next set of facts to evaluate, until nullopt.
  std::function<std::optional<FactCase>(const FactFileLoader& load)> next_case;
  /// A traced fact (PipelineOptions::trace_fact).
  std::function<void(const plan::Plan&, const facts::Fact&, eval::FactTrace&&)> trace;
  std::function<void(const StreamProgress&)> progress;
};

struct PipelineRun {
  driver::Frontend frontend;
  facts::FactSet facts;       // Facts::kWhole: every fact loaded
  findings::Summary summary;  // of the fact paths' findings
  size_t fact_files = 0;
  size_t kept = 0;         // Facts::kStreamed: facts kept for the rules that read several
  bool compiled = false;   // the portfolio has no errors
  bool evaluated = false;  // the fact paths' facts were evaluated (or traced)
  PhaseTimes times;        // streamed: load_ms and eval_ms overlap (batches evaluate as they load)
};

PipelineRun RunPipeline(const PipelineOptions& options, const PipelineSinks& sinks,
                        const base::FileSystem& fs, base::SourceSet& sources,
                        base::DiagnosticEngine& diags);

}  // namespace treaty::run
