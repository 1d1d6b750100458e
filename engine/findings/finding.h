#pragma once
/// A finding: one breach (or waived, pending or defeated breach) of one clause by one binding
/// of facts, with everything LANGUAGE.md §8 lists. Produced by eval/, consumed by report/ and
/// store/; knows nothing of the parser or the checker. Value type.

#include <cstdint>
#include <string>
#include <vector>

#include "base/rule_kind.h"
#include "base/severity.h"

namespace treaty::findings {

using base::RuleKind;
using base::Severity;
enum class Status : uint8_t { kOpen, kWaived, kPending, kDefeated };

using base::RuleKindName;
std::string_view StatusName(Status s);  // "open", "waived", "pending", "defeated"

struct Location {
  std::string file;
  uint32_t line = 0;
  auto operator<=>(const Location&) const = default;
};

struct Finding {
  std::string clause;     // "MSFT_2025/2.1"
  std::string agreement;  // "MSFT_2025"
  std::string title;      // the clause title
  std::string clause_text;
  RuleKind rule = RuleKind::kForbid;
  Severity severity = Severity::kError;
  Status status = Status::kOpen;
  std::vector<std::string> facts;   // bound fact ids, in the order the variables are declared
  std::vector<Location> locations;  // one per fact
  Location clause_location;
  std::string message;
  std::vector<std::string> conflicts_with;  // clauses, sorted
  std::vector<std::string> explanation;     // one line per sub-condition, with the values seen
  std::string waived_by;                    // waiver id when status is kWaived
  std::string defeated_by;                  // clause when status is kDefeated
};

/// The report order: by clause, then fact ids (LANGUAGE.md §8), then status, message and
/// explanation, so that the order is total and every run sorts alike.
bool FindingLess(const Finding& a, const Finding& b);

struct Summary {
  size_t facts = 0;
  size_t clauses = 0;
  size_t errors = 0;  // open findings by severity
  size_t warnings = 0;
  size_t infos = 0;
  size_t waived = 0;
  size_t pending = 0;
  size_t defeated = 0;
};

Summary Summarize(const std::vector<Finding>& findings, size_t facts, size_t clauses);
/// Adds the counts of `findings` to `summary` (for findings that come in batches).
void Count(const std::vector<Finding>& findings, Summary& summary);

}  // namespace treaty::findings
