#include "run/check_run.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "eval/evaluator.h"
#include "facts/loader.h"
#include "plan/plan.h"

namespace treaty::run {

namespace {

// A check never passes silently: say when nothing was loaded, or nothing could apply.
void WarnIfVacuous(const check::Portfolio& portfolio, const facts::FactSet& facts,
                   base::DiagnosticEngine& diags) {
  if (facts.facts.empty()) {
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0601, base::Span{})
                  .WithHelp("pass fact files or directories, or set `facts` in treaty.yaml"));
    return;
  }
  std::set<check::KindId> ruled;
  for (const auto& clause : portfolio.clauses) {
    for (const auto& rule : clause.rules) {
      for (const auto& var : rule.vars) ruled.insert(var.kind);
    }
  }
  bool any = std::any_of(facts.facts.begin(), facts.facts.end(),
                         [&](const facts::Fact& f) { return ruled.count(f.kind) > 0; });
  if (!any) {
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0602, base::Span{}, facts.facts.size())
                  .WithHelp("no rule of the portfolio ranges over the kinds of these facts"));
  }
}

class Stopwatch {
 public:
  double Lap() {
    auto now = std::chrono::steady_clock::now();
    double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

CheckRun RunCheck(const CheckRequest& request, const base::FileSystem& fs,
                  base::SourceSet& sources, base::DiagnosticEngine& diags) {
  CheckRun run;
  Stopwatch watch;
  run.frontend = driver::CompilePortfolio(request.policy_roots, fs, sources, diags);
  run.times.compile_ms = watch.Lap();
  if (diags.has_errors()) return run;
  if (request.on_phase) request.on_phase(Phase::kCompiled, run);
  const check::Portfolio& portfolio = run.frontend.portfolio;
  run.facts = facts::LoadFacts(request.fact_paths, portfolio, fs, sources, diags);
  run.times.load_ms = watch.Lap();
  if (request.on_phase) request.on_phase(Phase::kLoaded, run);
  WarnIfVacuous(portfolio, run.facts, diags);
  plan::Plan plan = plan::Compile(portfolio);
  run.times.plan_ms = watch.Lap();
  eval::EvalOptions options;
  options.as_of = request.as_of;
  options.show_defeated = request.show_defeated;
  run.findings = eval::Evaluate(plan, run.facts, sources, options, diags);  // sorted
  run.times.eval_ms = watch.Lap();
  run.summary =
      findings::Summarize(run.findings, run.facts.facts.size(), portfolio.clauses.size());
  run.evaluated = true;
  if (request.on_phase) request.on_phase(Phase::kEvaluated, run);
  return run;
}

}  // namespace treaty::run
