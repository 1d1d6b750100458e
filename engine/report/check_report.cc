#include "report/check_report.h"

#include <algorithm>
#include <set>
#include <utility>

namespace treaty::report {

CheckReport StoredRunReport(const findings::RunInfo& info,
                            std::vector<findings::Finding> findings) {
  CheckReport rep;
  rep.as_of = info.record.as_of;
  rep.label = info.record.label;
  rep.summary = info.record.summary;
  rep.findings = std::move(findings);
  rep.waivers = info.record.waivers;
  return rep;
}

std::vector<ClauseInfo> ReportedClauses(const CheckReport& report) {
  std::vector<ClauseInfo> out = report.clauses;
  std::set<std::string> known;
  for (const auto& c : out) known.insert(c.id);
  for (const auto& f : report.findings) {
    if (!known.insert(f.clause).second) continue;
    out.push_back(
        ClauseInfo{f.clause, f.agreement, f.title, f.clause_text, f.severity, f.clause_location});
  }
  std::sort(out.begin(), out.end(),
            [](const ClauseInfo& a, const ClauseInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace treaty::report
