#pragma once
/// The timed loop shared by the evaluation benchmarks: eval::Evaluate of one plan over one fact
/// set per iteration, reporting the findings count and facts evaluated per second.

#include <benchmark/benchmark.h>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "eval/evaluator.h"
#include "facts/fact.h"
#include "plan/plan.h"

namespace treaty::bench {

inline void TimeEvaluate(benchmark::State& state, const plan::Plan& plan,
                         const facts::FactSet& facts, const base::SourceSet& sources,
                         const eval::EvalOptions& options) {
  size_t findings = 0;
  for (auto _ : state) {
    base::DiagnosticEngine diags;
    auto out = eval::Evaluate(plan, facts, sources, options, diags);
    findings = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["facts/s"] = benchmark::Counter(
      static_cast<double>(facts.facts.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

}  // namespace treaty::bench
