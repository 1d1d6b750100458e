#include "run/check_run.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "check/model.h"
#include "eval/evaluator.h"
#include "facts/loader.h"
#include "plan/plan.h"
#include "run/clause_catalog.h"

namespace treaty::run {

namespace {

// A check never passes silently: say when nothing was loaded, or nothing could apply. Sees
// the facts a batch at a time.
class VacuityCheck {
 public:
  explicit VacuityCheck(const check::Portfolio& portfolio) {
    for (const auto& clause : portfolio.clauses) {
      for (const auto& rule : clause.rules) {
        for (const auto& var : rule.vars) ruled_.insert(var.kind);
      }
    }
  }

  void See(const facts::FactSet& facts) {
    facts_ += facts.facts.size();
    any_ruled_ =
        any_ruled_ || std::any_of(facts.facts.begin(), facts.facts.end(),
                                  [&](const facts::Fact& f) { return ruled_.count(f.kind) > 0; });
  }

  void Report(base::DiagnosticEngine& diags) const {
    if (facts_ == 0) {
      diags.Add(base::MakeDiagnostic(base::DiagCode::T0601, base::Span{})
                    .WithHelp("pass fact files or directories, or set `facts` in treaty.yaml"));
    } else if (!any_ruled_) {
      diags.Add(base::MakeDiagnostic(base::DiagCode::T0602, base::Span{}, facts_)
                    .WithHelp("no rule of the portfolio ranges over the kinds of these facts"));
    }
  }

 private:
  std::set<check::KindId> ruled_;
  size_t facts_ = 0;
  bool any_ruled_ = false;
};

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

CheckRun RunCheck(const CheckRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                  base::DiagnosticEngine& diags) {
  CheckRun run;
  Stopwatch watch;
  run.frontend = driver::CompilePortfolio(request.policy_roots, fs, sources, diags);
  run.times.compile_ms = watch.Lap();
  if (diags.has_errors()) return run;
  const check::Portfolio& portfolio = run.frontend.portfolio;
  facts::LoadOptions load;
  load.on_read = request.on_fact_bytes;
  run.facts = facts::LoadFacts(request.fact_paths, portfolio, fs, sources, diags, load);
  run.times.load_ms = watch.Lap();
  VacuityCheck vacuity(portfolio);
  vacuity.See(run.facts);
  vacuity.Report(diags);
  plan::Plan plan = plan::Compile(portfolio);
  run.times.plan_ms = watch.Lap();
  eval::EvalOptions options;
  options.as_of = request.as_of;
  options.show_defeated = request.show_defeated;
  run.findings = eval::Evaluate(plan, run.facts, sources, options, diags);  // sorted
  run.times.eval_ms = watch.Lap();
  run.summary = findings::Summarize(run.findings, run.facts.facts.size(), portfolio.clauses.size());
  run.evaluated = true;
  run.clauses = DescribeClauses(portfolio, sources);
  return run;
}

StreamedRun RunStreamed(const CheckRequest& request, size_t batch, const base::FileSystem& fs,
                        base::SourceSet& sources, base::DiagnosticEngine& diags,
                        const FindingSink& sink,
                        const std::function<void(const StreamProgress&)>& progress) {
  StreamedRun run;
  Stopwatch watch;
  run.frontend = driver::CompilePortfolio(request.policy_roots, fs, sources, diags);
  run.times.compile_ms = watch.Lap();
  if (diags.has_errors()) return run;
  const check::Portfolio& portfolio = run.frontend.portfolio;
  StreamProgress seen;
  seen.policy_files = run.frontend.policy_files;
  seen.clauses = portfolio.clauses.size();
  auto say = [&](StreamProgress::Phase phase) {
    seen.phase = phase;
    if (progress) progress(seen);
  };
  say(StreamProgress::Phase::kCompiled);
  plan::Plan plan = plan::Compile(portfolio);
  run.times.plan_ms = watch.Lap();

  eval::EvalOptions options;
  options.as_of = request.as_of;
  options.show_defeated = request.show_defeated;
  auto deliver = [&](std::vector<findings::Finding> found, const facts::FactSet& facts) {
    findings::Count(found, run.summary);
    seen.findings += found.size();
    sink(std::move(found), facts);
  };

  VacuityCheck vacuity(portfolio);
  facts::FactSet kept;
  eval::EvalOptions per_fact = options;
  per_fact.rules = eval::RuleSet::kPerFact;
  facts::LoadOptions load;
  load.on_read = request.on_fact_bytes;
  run.fact_files = facts::StreamFacts(
      request.fact_paths, portfolio, fs, sources, diags, batch,
      [&](facts::FactSet&& facts) {
        vacuity.See(facts);
        deliver(eval::Evaluate(plan, facts, sources, per_fact, diags), facts);
        const std::vector<uint8_t> keep = eval::AcrossFactsScope(plan, facts, options);
        for (size_t i = 0; i < facts.facts.size(); ++i) {
          if (keep[i]) kept.facts.push_back(std::move(facts.facts[i]));
        }
        seen.facts += facts.facts.size();
        say(StreamProgress::Phase::kBatch);
      },
      load);
  seen.fact_files = run.fact_files;
  run.times.load_ms = watch.Lap();
  vacuity.Report(diags);

  eval::EvalOptions across = options;
  across.rules = eval::RuleSet::kAcrossFacts;
  run.kept = kept.facts.size();
  deliver(eval::Evaluate(plan, kept, sources, across, diags), kept);
  run.times.eval_ms = watch.Lap();
  run.summary.facts = seen.facts;
  run.summary.clauses = portfolio.clauses.size();
  run.evaluated = true;
  run.clauses = DescribeClauses(portfolio, sources);
  say(StreamProgress::Phase::kEvaluated);
  return run;
}

}  // namespace treaty::run
