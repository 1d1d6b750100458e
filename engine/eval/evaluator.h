#pragma once
/// The evaluator: plan::Plan + facts::FactSet -> findings (LANGUAGE.md §3–§5, §8). Runs the
/// compiled plan only (never the checker's model or the AST). Evaluate runs a check; it reports
/// expired waivers (T0604) to `diags`. TraceFact does the same and also traces one fact against
/// every rule that can bind it (`treaty explain`). Stateless between calls; thread-safe for
/// distinct `diags`. A streamed check (facts in batches) runs the rules that read one fact at a
/// time per batch and the others once, over the facts AcrossFactsScope keeps.

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "plan/plan.h"
#include "value/date.h"

namespace treaty::eval {

/// kPerFact: single-variable forbid/require/exclusive. kAcrossFacts: joins (forbid with two or
/// more variables), limits, obligations (`exists`) and the expired-waiver diagnostics (T0604).
/// Overrides, conflicts and waivers are judged for the findings of either.
enum class RuleSet : uint8_t { kAll, kPerFact, kAcrossFacts };

struct EvalOptions {
  value::Date as_of;           // `today`, and the date waivers and obligations are judged on
  bool show_defeated = false;  // keep defeated findings (status kDefeated) instead of dropping
  bool use_index = true;       // false: every fact against every rule (the reference evaluation)
  unsigned threads = 0;        // 0: up to 2 when there are many facts; 1: single-threaded
  /// Which rules run: a streamed check evaluates each batch of facts with the rules that read
  /// one fact at a time, and the facts kept for them (AcrossFactsScope) with the rules that read
  /// several facts together.
  RuleSet rules = RuleSet::kAll;
};

/// Findings sorted with findings::FindingLess; deterministic for the same inputs.
std::vector<findings::Finding> Evaluate(const plan::Plan& plan, const facts::FactSet& facts,
                                        const base::SourceSet& sources, const EvalOptions& options,
                                        base::DiagnosticEngine& diags);

/// For each fact of `facts`, 1 when a rule that reads several facts together (a join, a limit,
/// an obligation) can bind it: the fact meets the clause's window and passes the conditions on
/// its variable alone (a join's per-variable filters, the scope of a limit or obligation). A
/// streamed check keeps these facts for the kAcrossFacts pass; the others can be dropped after
/// their batch.
std::vector<uint8_t> AcrossFactsScope(const plan::Plan& plan, const facts::FactSet& facts,
                                      const EvalOptions& options);

/// How one fact fares against one rule with a variable of its kind.
struct RuleTrace {
  uint32_t rule = 0;          // index into plan.rules
  uint32_t var = 0;           // the rule variable the fact is bound to
  bool meets_window = false;  // the fact's active span meets the clause's window
  /// `when` held and `unless` did not, for this fact alone. For a join: the conditions that read
  /// only this variable held (whether the fact pairs with another is in the findings).
  bool in_scope = false;
  bool excepted = false;  // `when` held but an `unless` held too (single-variable rules)
  /// require/exclusive: the requirement held (an unknown requirement did not). exists: the fact
  /// starts on or before the due date. Otherwise false.
  bool satisfied = false;
  /// Condition by condition with the values seen, as in a finding's explanation; for a limit in
  /// scope and within its cap, the running count or sum.
  std::vector<std::string> lines;
};

struct FactTrace {
  /// Plan order; one entry per (rule, variable of the fact's kind).
  std::vector<RuleTrace> rules;
  /// Every finding of the run over the whole fact set (limits and joins depend on the other
  /// facts), defeated ones included whatever `show_defeated` says; sorted as by Evaluate.
  std::vector<findings::Finding> findings;
};

/// Evaluate, then fact `fact` (an index into `facts`) traced against every rule.
FactTrace TraceFact(const plan::Plan& plan, const facts::FactSet& facts, uint32_t fact,
                    const base::SourceSet& sources, const EvalOptions& options,
                    base::DiagnosticEngine& diags);

}  // namespace treaty::eval
