#pragma once
/// One `treaty lint`: compile the portfolio and run its lints (check::RunLints); when facts are
/// given, also the lints that need a run over them: a waiver that matches no finding (T0702),
/// and an expired waiver (T0604, reported by the evaluator as in `treaty check`).

#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "driver/frontend.h"
#include "value/date.h"

namespace treaty::run {

struct LintRequest {
  std::vector<std::string> policy_roots;
  std::vector<std::string> fact_paths;  // empty: the policy lints only
  value::Date as_of;
};

struct LintRun {
  driver::Frontend frontend;
  size_t facts = 0;            // facts loaded (when fact_paths was not empty)
  bool checked_facts = false;  // the fact lints ran
};

/// A waiver matches a finding of its clause whose fact ids are exactly its `facts`, whatever the
/// finding's status except defeated (an expired waiver still matches: T0604 says it expired).
LintRun RunLint(const LintRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                base::DiagnosticEngine& diags);

}  // namespace treaty::run
