#include "run/clause_catalog.h"

#include <algorithm>

namespace treaty::run {

std::vector<report::ClauseInfo> DescribeClauses(const check::Portfolio& portfolio,
                                                const base::SourceSet& sources) {
  std::vector<report::ClauseInfo> out;
  out.reserve(portfolio.clauses.size());
  for (const auto& c : portfolio.clauses) {
    report::ClauseInfo info;
    info.id = c.qualified;
    if (c.agreement < portfolio.agreements.size()) {
      info.agreement = portfolio.agreements[c.agreement].id;
    }
    info.title = c.title;
    info.text = c.text;
    info.severity = c.severity;
    info.location = {std::string(sources.PathOf(c.span)), c.span.line};
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(),
            [](const report::ClauseInfo& a, const report::ClauseInfo& b) { return a.id < b.id; });
  return out;
}

}  // namespace treaty::run
