#pragma once
/// The result of `treaty explain FACT_ID` as reporters see it: the fact, and every clause with a
/// rule that can bind a fact of its kind, each with a verdict (passed, failed, waived, defeated,
/// pending, permits, not applicable), the reason, and the conditions with the values seen.

#include <string>
#include <vector>

#include "findings/finding.h"
#include "report/diagnostic_text.h"

namespace treaty::report {

enum class Verdict : uint8_t {
  kFailed,         // an open finding
  kWaived,         // a finding, waived
  kDefeated,       // a finding, defeated by an overriding clause
  kPending,        // an obligation not yet due and not yet met
  kPassed,         // in scope, and the rule holds
  kPermits,        // a permit whose scope holds
  kNotApplicable,  // outside the clause's window, or the scope does not hold
};

std::string_view VerdictName(Verdict v);  // "failed", "waived", …, "not applicable"

/// One rule of one clause against the fact (a join: once per variable of the fact's kind).
struct ExplainedRule {
  std::string clause;  // "MSFT_2025/2.1"
  std::string title;
  std::string rule;  // "forbid", "require", "exclusive", "permit", "limit", "exists"
  findings::Location clause_location;
  std::string as_var;  // for a join: the variable the fact is bound to; "" otherwise
  Verdict verdict = Verdict::kNotApplicable;
  std::string reason;              // why, in one line (a single finding's message)
  std::vector<std::string> lines;  // the conditions with the values seen (when no finding)
  /// The findings of this clause that bind the fact (a join: one per pairing), any status;
  /// each carries its own explanation.
  std::vector<findings::Finding> findings;
};

struct ExplainedFact {
  std::string id;
  std::string kind;
  findings::Location location;
  std::string active;  // "active from 2026-03-01", "active 2024-05-13 to 2024-12-31", "timeless"
  std::vector<ExplainedRule> rules;  // the portfolio's clause order
};

struct ExplainReport {
  std::string as_of;
  std::vector<ExplainedFact> facts;  // one per fact with the id asked for (usually one)
};

/// The fact, then each clause with its verdict, reason and conditions, then a count line.
std::string RenderExplainText(const ExplainReport& report, const TextStyle& style = {});

}  // namespace treaty::report
