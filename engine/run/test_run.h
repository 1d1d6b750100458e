#pragma once
/// One `treaty test`: compile the portfolio, then run each of its `test` blocks (LANGUAGE.md §5)
/// on only its own `given` facts at its `as_of`, and judge every expectation. The result is a
/// report::TestReport that the CLI renders in the format asked for.

#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "driver/frontend.h"
#include "report/test_report.h"
#include "value/date.h"

namespace treaty::run {

struct TestRequest {
  std::vector<std::string> policy_roots;
  /// `given file` paths are relative to this directory (the one that holds treaty.yaml, else
  /// the current directory); absolute paths are taken as they are.
  std::string base_dir = ".";
  value::Date today;  // the as-of date of a test without `as_of`
};

struct TestRun {
  driver::Frontend frontend;
  report::TestReport report;  // `sources` points at the SourceSet passed to RunTests
  bool compiled = false;      // false when the portfolio has errors: no test ran
};

/// What counts, per expectation (docs/language.md §11): `violation` and `no violation` look at
/// open findings only; `waived` and `pending` at findings with that status; `findings N` counts
/// open, waived and pending findings (defeated ones never count). Each `given file` is loaded
/// once per run; its errors (and duplicate ids across a test's facts, T0507) go to `diags` and
/// fail the tests that use it. Warnings of a test's evaluation (an expired waiver at the test's
/// as-of date, T0604) are part of what the test checks and are not reported.
TestRun RunTests(const TestRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                 base::DiagnosticEngine& diags);

}  // namespace treaty::run
