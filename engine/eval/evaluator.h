#pragma once
/// The evaluator: plan::Plan + facts::FactSet -> findings (LANGUAGE.md §3–§5, §8). Runs the
/// compiled plan only (never the checker's model or the AST). One entry point, Evaluate; it
/// reports expired waivers (T0604) to `diags`. Stateless between calls; thread-safe for
/// distinct `diags`.

#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "plan/plan.h"
#include "value/date.h"

namespace treaty::eval {

struct EvalOptions {
  value::Date as_of;           // `today`, and the date waivers and obligations are judged on
  bool show_defeated = false;  // keep defeated findings (status kDefeated) instead of dropping
  bool use_index = true;       // false: every fact against every rule (the reference evaluation)
  unsigned threads = 0;        // 0: up to 2 when there are many facts; 1: single-threaded
};

/// Findings sorted with findings::FindingLess; deterministic for the same inputs.
std::vector<findings::Finding> Evaluate(const plan::Plan& plan, const facts::FactSet& facts,
                                        const base::SourceSet& sources, const EvalOptions& options,
                                        base::DiagnosticEngine& diags);

}  // namespace treaty::eval
