#include "findings/finding.h"

#include <tuple>

namespace treaty::findings {

std::string_view StatusName(Status s) {
  switch (s) {
    case Status::kOpen:
      return "open";
    case Status::kWaived:
      return "waived";
    case Status::kPending:
      return "pending";
    case Status::kDefeated:
      return "defeated";
  }
  return "open";
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.clause, a.facts, a.status, a.message, a.explanation) <
         std::tie(b.clause, b.facts, b.status, b.message, b.explanation);
}

Summary Summarize(const std::vector<Finding>& findings, size_t facts, size_t clauses) {
  Summary s;
  s.facts = facts;
  s.clauses = clauses;
  Count(findings, s);
  return s;
}

void Count(const std::vector<Finding>& findings, Summary& s) {
  for (const auto& f : findings) {
    switch (f.status) {
      case Status::kOpen:
        if (f.severity == Severity::kError) s.errors++;
        if (f.severity == Severity::kWarning) s.warnings++;
        if (f.severity == Severity::kInfo) s.infos++;
        break;
      case Status::kWaived:
        s.waived++;
        break;
      case Status::kPending:
        s.pending++;
        break;
      case Status::kDefeated:
        s.defeated++;
        break;
    }
  }
}

}  // namespace treaty::findings
