#pragma once
/// One `treaty check` from paths to findings: compile the portfolio, load the facts, compile
/// the plan, evaluate. Problems go to `diags`; evaluation is skipped when the portfolio has
/// errors (facts with errors are skipped by the loader and the rest are still checked).

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "driver/frontend.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "value/date.h"

namespace treaty::run {

struct CheckRun;

/// The phases RunCheck reports to CheckRequest::on_phase as each one ends.
enum class Phase { kCompiled, kLoaded, kEvaluated };

struct CheckRequest {
  std::vector<std::string> policy_roots;
  std::vector<std::string> fact_paths;
  value::Date as_of;
  bool show_defeated = false;
  /// Called as each phase ends with the run so far (e.g. a progress line on a terminal); may
  /// be empty.
  std::function<void(Phase, const CheckRun&)> on_phase;
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
  bool evaluated = false;  // false when the portfolio did not compile
  PhaseTimes times;
};

CheckRun RunCheck(const CheckRequest& request, const base::FileSystem& fs,
                  base::SourceSet& sources, base::DiagnosticEngine& diags);

}  // namespace treaty::run
