#pragma once
/// One `treaty check` from paths to findings (run::RunPipeline with whole facts), or the same
/// streamed in batches with bounded memory (`treaty audit`). Problems go to `diags`; evaluation
/// is skipped when the portfolio has errors (facts with errors are skipped by the loader and
/// the rest are still checked).

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
#include "run/pipeline.h"
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

struct StreamedRun {
  driver::Frontend frontend;
  findings::Summary summary;
  size_t fact_files = 0;
  size_t kept = 0;                          // facts kept for the rules that read several facts
  bool evaluated = false;                   // false when the portfolio did not compile
  std::vector<report::ClauseInfo> clauses;  // run::DescribeClauses, when evaluated
  PhaseTimes times;  // load_ms and eval_ms overlap: batches are evaluated as they load
};

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
