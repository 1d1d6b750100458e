#pragma once
/// The result of `treaty test` as reporters see it: every test of the portfolio with each of its
/// expectations judged (what was expected, what was found instead), the findings of its run and
/// the problems with its facts. Every format (text, JSON; JUnit later) renders this one value.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "findings/finding.h"
#include "report/diagnostic_text.h"

namespace treaty::report {

/// One `expect …` of a test, judged against the findings of the test's run.
struct ExpectationResult {
  std::string source;           // as written, on one line: `expect violation "A/1" on "t1"`
  findings::Location location;  // where it is written
  bool passed = false;
  std::string expected;            // "an open finding of `A/1` on `t1`"
  std::vector<std::string> found;  // when failed: what the run found instead, one line each
};

struct TestResult {
  std::string name;
  findings::Location location;  // the test's name in its policy file
  std::string as_of;            // YYYY-MM-DD
  size_t facts = 0;             // facts the test ran on
  std::vector<ExpectationResult> expectations;
  /// Every finding of the test's run, defeated ones included (they never count).
  std::vector<findings::Finding> findings;
  /// Errors in the test's facts (a `given file` that does not load, a duplicate id): the test
  /// fails whatever its expectations say.
  std::vector<base::Diagnostic> errors;
  double duration_ms = 0;  // wall clock; not printed by the text report (kept deterministic)

  bool passed() const {
    if (!errors.empty()) return false;
    for (const auto& e : expectations) {
      if (!e.passed) return false;
    }
    return true;
  }
};

struct TestReport {
  std::vector<TestResult> tests;  // in declaration order (policy files in path order)
  size_t passed = 0;              // tests, not expectations
  size_t failed = 0;
  std::vector<base::Diagnostic> diagnostics;  // the run's diagnostics (policies, facts), sorted
  const base::SourceSet* sources = nullptr;   // for diagnostics' paths and snippets
};

struct TestTextOptions {
  TextStyle style;
  bool quiet = false;  // -q: failed tests only, then the count line
};

/// One line per passing test, each failing test with its failed expectations ("expected …",
/// "found …"), then a final line exactly `N passed, N failed`. Diagnostics are not included
/// (the CLI prints them to stderr).
std::string RenderTestText(const TestReport& report, const TestTextOptions& options = {});

/// `treaty test --format json`: {version, summary {passed, failed}, tests […], diagnostics […]},
/// two-space indentation, a final newline; deterministic (durations are left out).
std::string RenderTestJson(const TestReport& report);

}  // namespace treaty::report
