#include "run/lint_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "base/did_you_mean.h"
#include "check/lints.h"
#include "check/model.h"
#include "run/pipeline.h"

namespace treaty::run {

namespace {

// T0702: a waiver whose clause and facts match no finding of the run.
void UnmatchedWaivers(const check::Portfolio& portfolio,
                      const std::vector<findings::Finding>& found, value::Date as_of,
                      const facts::FactSet& loaded, base::DiagnosticEngine& diags) {
  const size_t facts = loaded.facts.size();
  std::vector<std::string_view> loaded_ids;
  for (const auto& f : loaded.facts) loaded_ids.push_back(f.id);
  for (const auto& w : portfolio.waivers) {
    if (w.clause == check::kNoId) continue;
    const std::string& clause = portfolio.clauses[w.clause].qualified;
    bool matched = std::any_of(found.begin(), found.end(), [&](const findings::Finding& f) {
      if (f.clause != clause || f.status == findings::Status::kDefeated) return false;
      std::vector<std::string> ids = f.facts;
      std::sort(ids.begin(), ids.end());
      return ids == w.facts;
    });
    if (matched) continue;
    std::vector<std::string> quoted;
    for (const auto& id : w.facts) quoted.push_back(fmt::format("`{}`", id));
    std::string help =
        "correct the waiver's `clause` or `facts`, or remove it if the breach is gone";
    for (const auto& id : w.facts) {
      if (std::find(loaded_ids.begin(), loaded_ids.end(), id) != loaded_ids.end()) continue;
      if (auto close = base::ClosestName(id, loaded_ids)) {
        help = fmt::format("no loaded fact has id `{}`: did you mean `{}`?", id, *close);
        break;
      }
    }
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0702, w.span, w.id)
                  .WithLabel(fmt::format("no finding of `{}` on {} among {} fact{} as of {}",
                                         clause, fmt::join(quoted, ", "), facts,
                                         facts == 1 ? "" : "s", value::FormatDate(as_of)))
                  .WithHelp(std::move(help)));
  }
}

}  // namespace

LintRun RunLint(const LintRequest& request, const base::FileSystem& fs, base::SourceSet& sources,
                base::DiagnosticEngine& diags) {
  PipelineOptions options;
  options.policy_roots = request.policy_roots;
  options.fact_paths = request.fact_paths;
  options.facts =
      request.fact_paths.empty() ? PipelineOptions::Facts::kNone : PipelineOptions::Facts::kWhole;
  options.eval.as_of = request.as_of;
  const check::Portfolio* portfolio = nullptr;
  PipelineSinks sinks;
  sinks.compiled = [&](const check::Portfolio& p) {
    portfolio = &p;
    check::RunLints(p, diags);
  };
  sinks.findings = [&](std::vector<findings::Finding>&& found, const facts::FactSet& facts) {
    UnmatchedWaivers(*portfolio, found, request.as_of, facts, diags);
  };
  PipelineRun done = RunPipeline(options, sinks, fs, sources, diags);
  LintRun run;
  run.frontend = std::move(done.frontend);
  run.facts = done.facts.facts.size();
  run.checked_facts = done.evaluated;
  return run;
}

}  // namespace treaty::run
