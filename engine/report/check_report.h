#pragma once
/// The result of a check as reporters see it: the as-of date, the summary, the findings (sorted
/// with findings::FindingLess) and the run's diagnostics with the sources they point into.
/// Every format renders this one value.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "findings/finding.h"

namespace treaty::report {

struct CheckReport {
  std::string as_of;  // YYYY-MM-DD
  findings::Summary summary;
  std::vector<findings::Finding> findings;
  std::vector<base::Diagnostic> diagnostics;  // sorted
  const base::SourceSet* sources = nullptr;   // for diagnostics' paths and snippets
};

}  // namespace treaty::report
