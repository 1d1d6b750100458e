// libFuzzer target: the fuzzer's bytes drive a structure-aware generator (portfolio_gen.h) that
// writes a whole portfolio (several policy files, waivers, tests) and fact files over its
// vocabulary. The text then goes through what the CLI does: fmt round trip of every policy file,
// `treaty check` (parse, check, load facts, compile the plan, evaluate), the reporters, and
// `treaty test`. Besides "no crash, hang or leak", three oracles must hold:
//   - fmt: never a failed self-check, and formatting twice changes nothing;
//   - the indexed evaluation equals the reference one (use_index = false, one thread);
//   - a streamed check (batches of 1..4 facts) finds exactly what the whole check finds.
// Reproduce a crash: `build-fuzz/tests/fuzz/fuzz_portfolio CRASH_FILE`; set
// TREATY_FUZZ_DUMP=1 to print the generated files.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "eval/evaluator.h"
#include "facts/sample_portfolio.h"
#include "findings/finding.h"
#include "format/formatter.h"
#include "plan/plan.h"
#include "plan/plan_dump.h"
#include "portfolio_gen.h"
#include "report/check_report.h"
#include "report/findings_csv.h"
#include "report/findings_json.h"
#include "report/findings_junit.h"
#include "report/findings_markdown.h"
#include "report/findings_sarif.h"
#include "report/findings_text.h"
#include "report/test_report.h"
#include "run/check_run.h"
#include "run/test_run.h"
#include "value/date.h"

namespace {

using namespace treaty;

const fuzzing::Generated* g_current = nullptr;

[[noreturn]] void Fail(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_portfolio: %s\n%s\n", what.c_str(), detail.c_str());
  if (g_current) {
    for (const auto& [path, text] : g_current->files) {
      std::fprintf(stderr, "=== %s\n%s\n", path.c_str(), text.c_str());
    }
  }
  std::abort();
}

void CheckFormat(const std::string& path, const std::string& text) {
  using Outcome = format::FormatResult::Outcome;
  auto format = [&](const std::string& t) {
    base::SourceSet sources;
    const base::FileId id = sources.Add(path, t);
    base::DiagnosticEngine diags;
    return format::Format(sources.Get(id), diags);
  };
  const auto first = format(text);
  if (first.outcome == Outcome::kSyntaxErrors) return;
  if (first.outcome == Outcome::kBug) Fail("fmt failed its self-check on " + path, first.text);
  const auto second = format(first.text);
  if (second.outcome != Outcome::kFormatted || second.text != first.text) {
    Fail("fmt is not idempotent on " + path,
         "--- first\n" + first.text + "\n--- second\n" + second.text);
  }
}

/// Everything a finding says, for comparing two evaluations.
std::string Describe(const std::vector<findings::Finding>& found) {
  std::string out;
  for (const auto& f : found) {
    out += f.clause + " [" + std::string(findings::StatusName(f.status)) + "]";
    for (const auto& id : f.facts) out += " " + id;
    for (const auto& l : f.locations) out += " @" + l.file + ":" + std::to_string(l.line);
    out += " | " + f.message + " | waived_by=" + f.waived_by + " defeated_by=" + f.defeated_by;
    for (const auto& c : f.conflicts_with) out += " conflicts=" + c;
    for (const auto& e : f.explanation) out += "\n    " + e;
    out += "\n";
  }
  return out;
}

void CheckReports(const run::CheckRun& run, const base::SourceSet& sources,
                  base::DiagnosticEngine& diags, const std::string& as_of) {
  report::CheckReport rep;
  rep.tool_version = "fuzz";
  rep.as_of = as_of;
  rep.summary = run.summary;
  rep.findings = run.findings;
  rep.diagnostics = diags.Sorted();
  rep.sources = &sources;
  for (const auto& c : run.frontend.portfolio.clauses) {
    report::ClauseInfo info;
    info.id = c.qualified;
    info.title = c.title;
    rep.clauses.push_back(info);
  }
  (void)report::RenderText(rep);
  (void)report::RenderMarkdown(rep);
  (void)report::RenderCsv(rep);
  (void)report::RenderJunit(rep);
  for (const std::string& json : {report::RenderJson(rep), report::RenderSarif(rep)}) {
    if (!nlohmann::json::accept(json)) Fail("a JSON report is not valid JSON", json);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzzing::Choices choices(data, size);
  fuzzing::Generated gen = fuzzing::PortfolioGen(choices).Run();
  fuzzing::Mutate(choices, gen);
  g_current = &gen;
  if (std::getenv("TREATY_FUZZ_DUMP")) {
    for (const auto& [path, text] : gen.files)
      std::printf("=== %s\n%s\n", path.c_str(), text.c_str());
  }

  for (const auto& path : gen.policy_files) CheckFormat(path, gen.files[path]);

  facts::testing::MemoryFileSystem fs;
  fs.files = gen.files;
  const value::Date as_of = value::ParseDate(gen.as_of).value_or(value::Date{});

  run::CheckRequest request;
  request.policy_roots = {"p"};
  request.fact_paths = {"f"};
  request.as_of = as_of;
  request.show_defeated = choices.Coin();

  base::SourceSet sources;
  base::DiagnosticEngine diags;
  run::CheckRun checked = run::RunCheck(request, fs, sources, diags);
  if (checked.evaluated) {
    CheckReports(checked, sources, diags, gen.as_of);
    const plan::Plan plan = plan::Compile(checked.frontend.portfolio);
    (void)plan::DumpPlan(plan);

    // Oracle: the rule index and threads change nothing.
    eval::EvalOptions reference;
    reference.as_of = as_of;
    reference.show_defeated = request.show_defeated;
    reference.use_index = false;
    reference.threads = 1;
    base::DiagnosticEngine ref_diags;
    const auto expected = Describe(checked.findings);
    const auto slow = Describe(eval::Evaluate(plan, checked.facts, sources, reference, ref_diags));
    if (slow != expected)
      Fail("indexed and reference evaluations differ", expected + "---\n" + slow);

    // Oracle: a streamed check in small batches finds the same.
    std::vector<findings::Finding> streamed;
    base::SourceSet stream_sources;
    base::DiagnosticEngine stream_diags;
    const size_t batch = 1 + choices.Below(4);
    run::RunStreamed(request, batch, fs, stream_sources, stream_diags,
                     [&](std::vector<findings::Finding>&& found, const facts::FactSet&) {
                       for (auto& f : found) streamed.push_back(std::move(f));
                     },
                     {});
    std::sort(streamed.begin(), streamed.end(), findings::FindingLess);
    const auto got = Describe(streamed);
    if (got != expected) {
      Fail("streamed check (batch " + std::to_string(batch) + ") differs",
           expected + "---\n" + got);
    }

    // `treaty explain`: trace one fact against every rule.
    if (!checked.facts.facts.empty()) {
      const auto fact = choices.Below(static_cast<uint32_t>(checked.facts.facts.size()));
      base::DiagnosticEngine trace_diags;
      (void)eval::TraceFact(plan, checked.facts, fact, sources, reference, trace_diags);
    }
  }
  if (std::getenv("TREATY_FUZZ_STATS")) {  // how far generated inputs get (tuning the generator)
    std::string first;
    for (const auto& d : diags.Sorted()) {
      if (d.severity == base::Severity::kError) {
        first = std::string(base::InfoOf(d.code).code) + " " + d.message;
        break;
      }
    }
    std::printf("stats: evaluated=%d facts=%zu findings=%zu error=%s\n", checked.evaluated ? 1 : 0,
                checked.facts.facts.size(), checked.findings.size(), first.c_str());
  }

  // `treaty test`.
  run::TestRequest tests;
  tests.policy_roots = {"p"};
  tests.today = as_of;
  base::SourceSet test_sources;
  base::DiagnosticEngine test_diags;
  run::TestRun tested = run::RunTests(tests, fs, test_sources, test_diags);
  if (tested.compiled) {
    (void)report::RenderTestText(tested.report);
    const std::string json = report::RenderTestJson(tested.report);
    if (!nlohmann::json::accept(json)) Fail("the test JSON report is not valid JSON", json);
  }
  g_current = nullptr;
  return 0;
}
