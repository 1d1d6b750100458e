#pragma once
/// One `treaty explain FACT_ID`: compile the portfolio, load the facts, evaluate them all (caps
/// and joins depend on the other facts) and trace the fact with that id against every clause
/// with a rule that can bind its kind. An id no loaded fact has is T0606 with a did-you-mean.

#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "driver/frontend.h"
#include "facts/fact.h"
#include "report/explain_report.h"
#include "value/date.h"

namespace treaty::run {

struct ExplainRequest {
  std::vector<std::string> policy_roots;
  std::vector<std::string> fact_paths;
  value::Date as_of;
  std::string fact_id;
};

struct ExplainRun {
  driver::Frontend frontend;
  facts::FactSet facts;
  report::ExplainReport report;
  bool explained = false;  // false when the portfolio did not compile or the id is unknown
};

ExplainRun RunExplain(const ExplainRequest& request, const base::FileSystem& fs,
                      base::SourceSet& sources, base::DiagnosticEngine& diags);

}  // namespace treaty::run
