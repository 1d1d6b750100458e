#include "run/pipeline.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include "facts/loader.h"

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

// The stages after a portfolio compiled, sharing the run, the plan (compiled when first
// needed) and the progress seen so far.
class Stages {
 public:
  Stages(const PipelineOptions& options, const PipelineSinks& sinks, const base::FileSystem& fs,
         base::SourceSet& sources, base::DiagnosticEngine& diags, PipelineRun& run,
         Stopwatch& watch)
      : options_(options),
        sinks_(sinks),
        fs_(fs),
        sources_(sources),
        diags_(diags),
        run_(run),
        watch_(watch),
        portfolio_(run.frontend.portfolio),
        vacuity_(portfolio_) {
    seen_.policy_files = run.frontend.policy_files;
    seen_.clauses = portfolio_.clauses.size();
    load_.on_read = options.on_fact_bytes;
  }

  void Say(StreamProgress::Phase phase) {
    seen_.phase = phase;
    if (sinks_.progress) sinks_.progress(seen_);
  }

  const plan::Plan& Plan() {
    if (!plan_) {
      plan_ = plan::Compile(portfolio_);
      run_.times.plan_ms = watch_.Lap();
    }
    return *plan_;
  }

  // Hands the findings of the fact paths over, counted in the run's summary.
  void Deliver(std::vector<findings::Finding> found, const facts::FactSet& facts) {
    findings::Count(found, run_.summary);
    seen_.findings += found.size();
    if (sinks_.findings) sinks_.findings(std::move(found), facts);
  }

  // Returns false when the `loaded` sink stopped the run.
  bool Whole() {
    run_.facts = facts::LoadFacts(options_.fact_paths, portfolio_, fs_, sources_, diags_, load_);
    run_.fact_files = run_.facts.files;
    run_.times.load_ms = watch_.Lap();
    seen_.facts = run_.facts.facts.size();
    if (options_.check_vacuity) {
      vacuity_.See(run_.facts);
      vacuity_.Report(diags_);
    }
    if (sinks_.loaded && !sinks_.loaded(run_.facts)) return false;
    const plan::Plan& plan = Plan();
    if (!options_.trace_fact) {
      std::vector<findings::Finding> found =
          eval::Evaluate(plan, run_.facts, sources_, options_.eval, diags_);  // sorted
      run_.times.eval_ms = watch_.Lap();
      Deliver(std::move(found), run_.facts);
      return true;
    }
    bool first = true;
    for (uint32_t i = 0; i < run_.facts.facts.size(); ++i) {
      if (run_.facts.facts[i].id != *options_.trace_fact) continue;
      base::DiagnosticEngine again;  // the evaluation's diagnostics once, for the first
      eval::FactTrace trace =
          eval::TraceFact(plan, run_.facts, i, sources_, options_.eval, first ? diags_ : again);
      first = false;
      if (sinks_.trace) sinks_.trace(plan, run_.facts.facts[i], std::move(trace));
    }
    run_.times.eval_ms = watch_.Lap();
    return true;
  }

  void Streamed() {
    const plan::Plan& plan = Plan();
    facts::FactSet kept;
    eval::EvalOptions per_fact = options_.eval;
    per_fact.rules = eval::RuleSet::kPerFact;
    run_.fact_files = facts::StreamFacts(
        options_.fact_paths, portfolio_, fs_, sources_, diags_, options_.batch,
        [&](facts::FactSet&& facts) {
          vacuity_.See(facts);
          Deliver(eval::Evaluate(plan, facts, sources_, per_fact, diags_), facts);
          const std::vector<uint8_t> keep = eval::AcrossFactsScope(plan, facts, options_.eval);
          for (size_t i = 0; i < facts.facts.size(); ++i) {
            if (keep[i]) kept.facts.push_back(std::move(facts.facts[i]));
          }
          seen_.facts += facts.facts.size();
          Say(StreamProgress::Phase::kBatch);
        },
        load_);
    seen_.fact_files = run_.fact_files;
    run_.times.load_ms = watch_.Lap();
    if (options_.check_vacuity) vacuity_.Report(diags_);

    eval::EvalOptions across = options_.eval;
    across.rules = eval::RuleSet::kAcrossFacts;
    run_.kept = kept.facts.size();
    Deliver(eval::Evaluate(plan, kept, sources_, across, diags_), kept);
    run_.times.eval_ms = watch_.Lap();
  }

  void Cases() {
    const FactFileLoader load = [this](const std::vector<std::string>& paths,
                                       base::DiagnosticEngine& diags) {
      return facts::LoadFacts(paths, portfolio_, fs_, sources_, diags);
    };
    while (std::optional<FactCase> c = sinks_.next_case(load)) {
      base::DiagnosticEngine dropped;
      std::vector<findings::Finding> found =
          eval::Evaluate(Plan(), c->facts, sources_, c->eval, dropped);
      if (sinks_.findings) sinks_.findings(std::move(found), c->facts);
    }
  }

  size_t facts_seen() const { return seen_.facts; }

 private:
  const PipelineOptions& options_;
  const PipelineSinks& sinks_;
  const base::FileSystem& fs_;
  base::SourceSet& sources_;
  base::DiagnosticEngine& diags_;
  PipelineRun& run_;
  Stopwatch& watch_;
  const check::Portfolio& portfolio_;
  VacuityCheck vacuity_;
  facts::LoadOptions load_;
  StreamProgress seen_;
  std::optional<plan::Plan> plan_;
};

}  // namespace

PipelineRun RunPipeline(const PipelineOptions& options, const PipelineSinks& sinks,
                        const base::FileSystem& fs, base::SourceSet& sources,
                        base::DiagnosticEngine& diags) {
  PipelineRun run;
  Stopwatch watch;
  run.frontend = driver::CompilePortfolio(options.policy_roots, fs, sources, diags);
  run.times.compile_ms = watch.Lap();
  if (diags.has_errors()) return run;
  run.compiled = true;
  if (sinks.compiled) sinks.compiled(run.frontend.portfolio);
  Stages stages(options, sinks, fs, sources, diags, run, watch);
  stages.Say(StreamProgress::Phase::kCompiled);
  switch (options.facts) {
    case PipelineOptions::Facts::kNone:
      break;
    case PipelineOptions::Facts::kWhole:
      if (!stages.Whole()) return run;
      break;
    case PipelineOptions::Facts::kStreamed:
      stages.Streamed();
      break;
  }
  if (options.facts != PipelineOptions::Facts::kNone) {
    run.summary.facts = stages.facts_seen();
    run.summary.clauses = run.frontend.portfolio.clauses.size();
    run.evaluated = true;
    stages.Say(StreamProgress::Phase::kEvaluated);
  }
  if (sinks.next_case) stages.Cases();
  return run;
}

}  // namespace treaty::run
