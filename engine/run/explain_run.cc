#include "run/explain_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "base/did_you_mean.h"
#include "check/model.h"
#include "eval/evaluator.h"
#include "plan/plan.h"
#include "run/pipeline.h"

namespace treaty::run {

namespace {

using findings::Finding;
using findings::Status;
using report::Verdict;

std::string ActiveText(const check::Kind& kind, const facts::Fact& f) {
  if (!f.start) return "timeless";
  if (kind.instant) return fmt::format("active on {}", value::FormatDate(*f.start));
  if (!f.end) return fmt::format("active from {}", value::FormatDate(*f.start));
  return fmt::format("active from {} until {}", value::FormatDate(*f.start),
                     value::FormatDate(*f.end));
}

std::string WindowText(const plan::Window& w) {
  if (w.empty()) return "empty (replaced from its start)";
  if (!w.until) return fmt::format("from {}", value::FormatDate(w.from));
  return fmt::format("from {} until {}", value::FormatDate(w.from), value::FormatDate(*w.until));
}

/// The verdict of a set of findings: the one that matters most.
Verdict VerdictOf(const std::vector<Finding>& fs) {
  auto has = [&](Status s) {
    return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.status == s; });
  };
  if (has(Status::kOpen)) return Verdict::kFailed;
  if (has(Status::kPending)) return Verdict::kPending;
  if (has(Status::kWaived)) return Verdict::kWaived;
  return Verdict::kDefeated;
}

std::string FindingsReason(Verdict v, const std::vector<Finding>& fs) {
  if (v == Verdict::kWaived) return fmt::format("by `{}`", fs.front().waived_by);
  if (v == Verdict::kDefeated) {
    return fmt::format("by `{}`, which overrides this clause", fs.front().defeated_by);
  }
  return "";
}

report::ExplainedRule Explain(const check::Portfolio& portfolio, const plan::Plan& plan,
                              const facts::Fact& fact, const eval::RuleTrace& t,
                              const std::vector<Finding>& all, const base::SourceSet& sources) {
  const plan::Rule& rule = plan.rules[t.rule];
  const plan::Clause& clause = plan.clauses[rule.clause];
  const check::Kind& kind = portfolio.kinds[fact.kind];
  report::ExplainedRule out;
  out.clause = clause.qualified;
  out.title = clause.title;
  out.rule = std::string(plan::RuleKindName(rule.kind));
  out.clause_location = {std::string(sources.PathOf(clause.span)), clause.span.line};
  const bool join = rule.vars.size() > 1;
  if (join) out.as_var = rule.vars[t.var].name;

  if (!t.meets_window) {
    out.verdict = Verdict::kNotApplicable;
    out.reason = fmt::format("{}, outside the clause's window ({})", ActiveText(kind, fact),
                             WindowText(clause.window));
    return out;
  }
  out.lines = t.lines;
  if (!t.in_scope) {
    out.verdict = Verdict::kNotApplicable;
    out.reason = join         ? fmt::format("the conditions on `{}` alone do not hold", out.as_var)
                 : t.excepted ? "an `unless` exception holds"
                              : "`when` does not hold";
    return out;
  }

  // The findings of this clause that bind the fact to this variable.
  std::vector<Finding> mine;
  for (const auto& f : all) {
    if (f.clause != clause.qualified) continue;
    if (rule.kind == plan::RuleKind::kExists
            ? f.facts.empty()
            : t.var < f.facts.size() && f.facts[t.var] == fact.id) {
      mine.push_back(f);
    }
  }
  switch (rule.kind) {
    case plan::RuleKind::kPermit: {
      out.verdict = Verdict::kPermits;
      const check::Clause& cc = portfolio.clauses[rule.clause];
      std::vector<std::string> names;
      for (auto o : cc.overrides)
        names.push_back(fmt::format("`{}`", portfolio.clauses[o].qualified));
      out.reason = names.empty()
                       ? "its scope holds; it overrides no clause, so a finding of another clause "
                         "on this fact lists it as a conflict"
                       : fmt::format("its scope holds; it overrides {}", fmt::join(names, ", "));
      return out;
    }
    case plan::RuleKind::kExists:
      if (t.satisfied) {
        out.verdict = Verdict::kPassed;
        out.reason = "the fact meets the obligation";
        return out;
      }
      if (mine.empty()) {
        out.verdict = Verdict::kPassed;
        out.reason = "the fact starts after the due date, but another fact meets the obligation";
        return out;
      }
      break;
    case plan::RuleKind::kRequire:
    case plan::RuleKind::kExclusive:
      if (t.satisfied) {
        out.verdict = Verdict::kPassed;
        out.reason = "the requirement holds";
        return out;
      }
      break;
    case plan::RuleKind::kForbid:
    case plan::RuleKind::kLimit:
      break;
  }
  if (mine.empty()) {
    out.verdict = Verdict::kPassed;
    out.reason = join ? "no other fact pairs with it to meet the whole condition"
                 : rule.kind == plan::RuleKind::kLimit ? "within the cap"
                                                       : "no finding";
    return out;
  }
  out.verdict = VerdictOf(mine);
  if (rule.kind == plan::RuleKind::kExists) {
    // The obligation's finding is about the clause, not this fact: show the fact's own trace.
    out.reason = mine.front().message;
    return out;
  }
  out.reason = !join && mine.size() == 1 ? mine.front().message : FindingsReason(out.verdict, mine);
  out.findings = std::move(mine);
  return out;
}

}  // namespace

ExplainRun RunExplain(const ExplainRequest& request, const base::FileSystem& fs,
                      base::SourceSet& sources, base::DiagnosticEngine& diags) {
  ExplainRun run;
  run.report.as_of = value::FormatDate(request.as_of);
  PipelineOptions options;
  options.policy_roots = request.policy_roots;
  options.fact_paths = request.fact_paths;
  options.eval.as_of = request.as_of;
  options.trace_fact = request.fact_id;
  PipelineSinks sinks;
  sinks.loaded = [&](const facts::FactSet& loaded) {
    const auto& all = loaded.facts;
    if (std::any_of(all.begin(), all.end(),
                    [&](const facts::Fact& f) { return f.id == request.fact_id; })) {
      return true;
    }
    std::vector<std::string_view> ids;
    ids.reserve(all.size());
    for (const auto& f : all) ids.push_back(f.id);
    auto d = base::MakeDiagnostic(base::DiagCode::T0606, base::Span{}, request.fact_id, all.size());
    d.help = base::DidYouMean(request.fact_id, ids);
    if (d.help.empty()) {
      d.help = "pass the fact files that hold it, or run `treaty check` to list the facts";
    }
    diags.Add(std::move(d));
    return false;
  };
  const check::Portfolio* portfolio = nullptr;
  sinks.compiled = [&portfolio](const check::Portfolio& p) { portfolio = &p; };
  sinks.trace = [&](const plan::Plan& plan, const facts::Fact& fact, eval::FactTrace&& trace) {
    const check::Kind& kind = portfolio->kinds[fact.kind];
    report::ExplainedFact out;
    out.id = fact.id;
    out.kind = kind.name;
    out.location = {std::string(sources.PathOf(fact.span)), fact.span.line};
    out.active = ActiveText(kind, fact);
    for (const auto& t : trace.rules) {
      out.rules.push_back(Explain(*portfolio, plan, fact, t, trace.findings, sources));
    }
    run.report.facts.push_back(std::move(out));
  };
  PipelineRun done = RunPipeline(options, sinks, fs, sources, diags);
  run.frontend = std::move(done.frontend);
  run.facts = std::move(done.facts);
  run.explained = done.evaluated;
  return run;
}

}  // namespace treaty::run
