#pragma once
/// The clauses of a compiled portfolio as report::ClauseInfo values (id, title, text, severity,
/// where written), sorted by id: what the SARIF rules and the JUnit passing test cases list.

#include <vector>

#include "base/source_file.h"
#include "check/model.h"
#include "report/check_report.h"

namespace treaty::run {

std::vector<report::ClauseInfo> DescribeClauses(const check::Portfolio& portfolio,
                                                const base::SourceSet& sources);

}  // namespace treaty::run
