// The evaluator in four phases:
//  1. scope pass: each fact meets the rules its kind's index yields (or all of its kind's rules
//     without the index); single-variable forbid/require/exclusive give hits; limits,
//     obligations and join first-variables record scope matches. Parallel over fact chunks,
//     merged in chunk order, so the result does not depend on the split.
//  2. joins (hash join on an equality, or nested loops), limits, obligations;
//  3. overrides (defeat), conflicts, waivers: permits and obligations are matched on demand
//     against the first fact of each finding (through the same index);
//  4. findings are materialized, with message and explanation (re-evaluated with tracing).
// INVARIANT: the index only narrows which rules a fact meets; a rule's verdict is always the
// full evaluation of its scope, so the indexed and the reference evaluation agree.
// EvalOptions::rules splits phases 1–2 for a streamed check: kPerFact keeps the hits, kAcrossFacts
// the joins, limits and obligations; phases 3–4 judge each finding on its own bound facts, so a
// finding is the same whichever split produced it.

#include "eval/evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>

#include "base/text.h"
#include "base/worker.h"
#include "eval/expr_eval.h"
#include "plan/render.h"

namespace treaty::eval {

namespace {

using facts::Fact;
using plan::NodeId;
using plan::Op;
using plan::Rule;
using plan::RuleKind;

uint64_t Pack(uint32_t hi, uint32_t lo) { return (static_cast<uint64_t>(hi) << 32) | lo; }

// An explanation line repeats the rule's source text and constants in every finding, so each
// piece of it is bounded (docs/reliability.md): a condition's source text and each value shown
// are cut at kExplainedBytes (then `…`), and at most kExplainedLeaves fields are listed. With a
// 100,000-item list in a condition, an explanation line stays short and the findings linear.
constexpr size_t kExplainedBytes = 240;
constexpr size_t kExplainedLeaves = 16;

/// A finding before it is materialized: the rule and the bound facts (fact indices).
struct Raw {
  uint32_t rule = 0;
  std::vector<uint32_t> facts;
  findings::Status status = findings::Status::kOpen;
  std::vector<std::string> extra;  // explanation lines of limits and obligations
};

struct ChunkOut {
  std::vector<uint64_t> hits;    // (rule, fact) of single-variable findings
  std::vector<uint64_t> scoped;  // (rule, fact) scope matches: permits, limits, exists, joins
};

bool Scope(ExprEval& ev, const Rule& r) {
  if (r.when != plan::kNone && ev.Truth(r.when) != Tri::kTrue) return false;
  if (r.unless != plan::kNone && ev.Truth(r.unless) == Tri::kTrue) return false;
  return true;
}

size_t MaxVars(const plan::Plan& plan) {
  size_t n = 1;
  for (const auto& r : plan.rules) n = std::max(n, r.vars.size());
  return n;
}

/// Matches facts against rule scopes (`when`/`unless`) through the plan's index: the scope
/// pass over a range of facts, and the rules a fact can meet. Reusable scratch (no per-fact
/// allocation once the buffers have grown); one per thread, since the scratch is its own.
class ScopeMatcher {
 public:
  ScopeMatcher(const plan::Plan& plan, const facts::FactSet& facts, const EvalOptions& options)
      : plan_(plan),
        facts_(facts),
        options_(options),
        per_fact_(options.rules != RuleSet::kAcrossFacts),
        across_facts_(options.rules != RuleSet::kPerFact),
        ev_(plan, options.as_of) {
    stamp_.assign(plan.rules.size(), 0);
    binding_.assign(MaxVars(plan), nullptr);
  }

  void Run(size_t begin, size_t end, ChunkOut& out) {
    for (size_t i = begin; i < end; ++i) RunFact(static_cast<uint32_t>(i), out);
  }

  /// The rules fact `f` can meet: from the index, or every rule of its kind without it.
  const std::vector<uint32_t>& Candidates(const Fact& f) {
    const plan::KindIndex& ki = plan_.index[f.kind];
    if (!options_.use_index) return ki.all;
    if (++epoch_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
    cands_.clear();
    auto add = [&](const std::vector<uint32_t>& rules) {
      for (uint32_t r : rules) {
        if (stamp_[r] != epoch_) {
          stamp_[r] = epoch_;
          cands_.push_back(r);
        }
      }
    };
    add(ki.unkeyed);
    for (const plan::SlotIndex& si : ki.slots) {
      if (si.slot >= f.slots.size()) continue;
      const value::Value& v = f.slots[si.slot];
      if (!si.negated.empty() && !v.is_absent()) {
        // `field != c` holds unless the value is c: mark the rules this value excludes as seen,
        // then take the rest. (An absent value makes `!=` unknown: none of them can hold.)
        const std::vector<uint32_t>* excluded = nullptr;
        if (si.cls == plan::FieldClass::kMember && v.is<value::Member>()) {
          const auto& m = v.as<value::Member>();
          if (m.taxonomy == si.taxonomy && m.member < si.excluded_by_member.size()) {
            excluded = &si.excluded_by_member[m.member];
          }
        } else if (si.cls == plan::FieldClass::kText && v.is<std::string>()) {
          auto it = si.excluded_by_text.find(std::string_view(v.as<std::string>()));
          if (it != si.excluded_by_text.end()) excluded = &it->second;
        }
        if (excluded) {
          for (uint32_t r : *excluded) stamp_[r] = epoch_;
        }
        add(si.negated);
      }
      if (si.cls == plan::FieldClass::kMember) {
        if (!v.is<value::Member>()) continue;  // absent values never match
        const auto& m = v.as<value::Member>();
        if (m.taxonomy != si.taxonomy) continue;
        const plan::Taxonomy& t = plan_.taxonomies[si.taxonomy];
        for (uint32_t a = m.member; a != plan::kNone && a < t.members.size();
             a = t.members[a].parent) {
          add(si.by_member[a]);
        }
      } else if (si.cls == plan::FieldClass::kText) {
        if (!v.is<std::string>()) continue;
        auto it = si.by_text.find(std::string_view(v.as<std::string>()));
        if (it != si.by_text.end()) add(it->second);
      }
    }
    return cands_;
  }

 private:
  void RunFact(uint32_t fi, ChunkOut& out) {
    const Fact& f = facts_.facts[fi];
    if (f.kind >= plan_.index.size()) return;
    binding_[0] = &f;
    ev_.Bind(binding_.data(), 1);
    for (uint32_t ri : Candidates(f)) {
      const Rule& r = plan_.rules[ri];
      if (!Meets(f, plan_.clauses[r.clause].window)) continue;
      ev_.ResetScratch();
      switch (r.kind) {
        case RuleKind::kForbid:
          if (r.vars.size() == 1) {
            if (per_fact_ && Scope(ev_, r)) out.hits.push_back(Pack(ri, fi));
          } else if (across_facts_ && JoinFilter(r)) {
            out.scoped.push_back(Pack(ri, fi));
          }
          break;
        case RuleKind::kRequire:
        case RuleKind::kExclusive:
          if (per_fact_ && Scope(ev_, r) &&
              (r.requirement == plan::kNone || ev_.Truth(r.requirement) != Tri::kTrue)) {
            out.hits.push_back(Pack(ri, fi));
          }
          break;
        case RuleKind::kPermit:
          break;  // matched on demand, for the first fact of a finding
        case RuleKind::kLimit:
        case RuleKind::kExists:
          if (across_facts_ && r.vars.size() == 1 && Scope(ev_, r)) {
            out.scoped.push_back(Pack(ri, fi));
          }
          break;
      }
    }
  }

  /// The first variable's own conjuncts (only with the index: the reference evaluation
  /// enumerates every fact of the kind).
  bool JoinFilter(const Rule& r) {
    if (!options_.use_index || r.var_filters.empty()) return true;
    for (NodeId c : r.var_filters[0]) {
      if (ev_.Truth(c) != Tri::kTrue) return false;
    }
    return true;
  }

  const plan::Plan& plan_;
  const facts::FactSet& facts_;
  const EvalOptions& options_;
  const bool per_fact_;      // single-variable forbid/require/exclusive run
  const bool across_facts_;  // joins, limits and obligations run
  ExprEval ev_;
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
  std::vector<uint32_t> cands_;
  std::vector<const Fact*> binding_;
};

/// A hash of a value consistent with ExprEval::Equal (equal values hash equal).
uint64_t HashValue(const value::Value& v) {
  auto mix = [](uint64_t h, uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
  };
  uint64_t h = v.v.index();
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          h = mix(h, x ? 1 : 0);
        } else if constexpr (std::is_same_v<T, double>) {
          double d = x == 0 ? 0.0 : x;
          h = mix(h, std::hash<double>{}(d));
        } else if constexpr (std::is_same_v<T, std::string>) {
          h = mix(h, std::hash<std::string>{}(x));
        } else if constexpr (std::is_same_v<T, value::Date>) {
          h = mix(h, static_cast<uint64_t>(x.days));
        } else if constexpr (std::is_same_v<T, value::Duration>) {
          h = mix(h, static_cast<uint64_t>(x.ApproxDays()));
        } else if constexpr (std::is_same_v<T, value::Member>) {
          h = mix(h, Pack(x.taxonomy, x.member));
        } else if constexpr (std::is_same_v<T, value::List>) {
          for (const auto& item : x) h = mix(h, HashValue(item));
        } else if constexpr (std::is_same_v<T, value::Map>) {
          h = mix(h, x.size());
        }
      },
      v.v);
  return h;
}

std::string_view TriText(Tri t) {
  return t == Tri::kTrue ? "true" : t == Tri::kFalse ? "false" : "unknown";
}

/// Period of a limit: a sortable key and a label.
struct PeriodOf {
  int64_t key = 0;
  std::string label;
};

PeriodOf CalendarPeriod(plan::Period p, const std::optional<value::Date>& start) {
  if (!start || p == plan::Period::kUnbounded || p == plan::Period::kRolling) {
    return {INT64_MIN, "all time"};
  }
  value::Civil c = value::ToCivil(*start);
  switch (p) {
    case plan::Period::kDay:
      return {start->days, "day " + value::FormatDate(*start)};
    case plan::Period::kWeek: {
      int wd = value::Weekday(*start);
      value::Date monday{start->days - (wd - 1)};
      value::Date thursday{monday.days + 3};
      value::Civil tc = value::ToCivil(thursday);
      int32_t jan1 = value::MakeDate(tc.year, 1, 1)->days;
      int week = (thursday.days - jan1) / 7 + 1;
      return {monday.days, fmt::format("week {:04}-W{:02}", tc.year, week)};
    }
    case plan::Period::kMonth:
      return {c.year * 12LL + c.month, fmt::format("month {:04}-{:02}", c.year, c.month)};
    case plan::Period::kQuarter: {
      int q = (c.month - 1) / 3 + 1;
      return {c.year * 4LL + q, fmt::format("quarter {:04}-Q{}", c.year, q)};
    }
    case plan::Period::kYear:
      return {c.year, fmt::format("year {:04}", c.year)};
    default:
      return {INT64_MIN, "all time"};
  }
}

class Evaluator {
 public:
  Evaluator(const plan::Plan& plan, const facts::FactSet& facts, const base::SourceSet& sources,
            const EvalOptions& options, base::DiagnosticEngine& diags)
      : plan_(plan),
        facts_(facts),
        sources_(sources),
        options_(options),
        diags_(diags),
        ev_(plan, options.as_of),
        lookup_(plan, facts, options) {
    binding_.assign(MaxVars(plan), nullptr);
  }

  std::vector<findings::Finding> Run() {
    ScopePass();
    const bool across_facts = options_.rules != RuleSet::kPerFact;
    by_kind_.resize(plan_.kinds.size());
    if (across_facts) {
      for (uint32_t i = 0; i < facts_.facts.size(); ++i) {
        if (facts_.facts[i].kind < by_kind_.size()) by_kind_[facts_.facts[i].kind].push_back(i);
      }
    }
    for (uint32_t ri = 0; ri < plan_.rules.size(); ++ri) {
      const Rule& r = plan_.rules[ri];
      if (r.kind == RuleKind::kPermit && r.vars.size() >= 2) multi_permits_.push_back(ri);
      if (!across_facts) continue;
      if (r.kind == RuleKind::kForbid && r.vars.size() >= 2) Join(ri);
      if (r.kind == RuleKind::kLimit && r.vars.size() == 1) Limit(ri);
      if (r.kind == RuleKind::kExists && r.vars.size() == 1) Exists(ri);
    }
    if (across_facts) ExpiredWaivers();
    return SortedFindings(MaterializeAll());
  }

  /// Run(), then fact `fi` against every rule with a variable of its kind.
  FactTrace Trace(uint32_t fi) {
    trace_fact_ = fi;
    FactTrace out;
    out.findings = Run();
    const Fact& f = facts_.facts[fi];
    for (uint32_t ri = 0; ri < plan_.rules.size(); ++ri) {
      const Rule& r = plan_.rules[ri];
      for (uint32_t v = 0; v < r.vars.size(); ++v) {
        if (r.vars[v].kind != f.kind) continue;
        RuleTrace t;
        t.rule = ri;
        t.var = v;
        t.meets_window = Meets(f, plan_.clauses[r.clause].window);
        std::fill(binding_.begin(), binding_.end(), nullptr);
        binding_[v] = &f;
        ev_.Bind(binding_.data(), static_cast<uint32_t>(r.vars.size()));
        ev_.ResetScratch();
        if (r.vars.size() > 1) {
          t.in_scope = true;
          if (v < r.var_filters.size()) {
            for (NodeId c : r.var_filters[v]) {
              ev_.ResetScratch();
              t.in_scope = t.in_scope && ev_.Truth(c) == Tri::kTrue;
              Explain(r, "when", c, SourceText(r, c), t.lines);
            }
          }
          out.rules.push_back(std::move(t));
          continue;
        }
        const bool when = r.when == plan::kNone || ev_.Truth(r.when) == Tri::kTrue;
        ev_.ResetScratch();
        t.excepted = when && r.unless != plan::kNone && ev_.Truth(r.unless) == Tri::kTrue;
        t.in_scope = when && !t.excepted;
        ExplainScope(r, t.lines);
        if (t.in_scope) {
          switch (r.kind) {
            case RuleKind::kRequire:
            case RuleKind::kExclusive:
              ev_.ResetScratch();
              t.satisfied = r.requirement == plan::kNone || ev_.Truth(r.requirement) == Tri::kTrue;
              ExplainRequirement(r, t.lines);
              break;
            case RuleKind::kExists: {
              t.satisfied = !f.start || *f.start <= r.due;
              std::string due = value::FormatDate(r.due);
              t.lines.push_back(
                  !f.start      ? fmt::format("obligation: due {}; a timeless fact meets it", due)
                  : t.satisfied ? fmt::format("obligation: due {}; starts {}, on or before it", due,
                                              value::FormatDate(*f.start))
                                : fmt::format("obligation: due {}; starts {}, after it", due,
                                              value::FormatDate(*f.start)));
              break;
            }
            case RuleKind::kLimit:
              if (auto it = trace_limit_.find(ri); it != trace_limit_.end()) {
                t.lines.push_back(it->second);
              }
              break;
            case RuleKind::kForbid:
            case RuleKind::kPermit:
              break;
          }
        }
        out.rules.push_back(std::move(t));
      }
    }
    return out;
  }

 private:
  /// Threads for `n` items of work: EvalOptions::threads, or 2 from `many` items on.
  unsigned Threads(size_t n, size_t many) const {
    unsigned threads = options_.threads;
    if (threads == 0) threads = n >= many ? 2 : 1;
    return std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(n, 1))));
  }

  // ------------------------------------------------------------ phase 1

  void ScopePass() {
    size_t n = facts_.facts.size();
    const unsigned threads = Threads(n, 20000);
    std::vector<ChunkOut> outs(threads);
    if (threads == 1) {
      ScopeMatcher(plan_, facts_, options_).Run(0, n, outs[0]);
    } else {
      // Safe to split: every task reads only the Plan and the FactSet (neither changes once
      // built) and writes only its own ScopeMatcher and its own outs[t].
      std::vector<base::Task<void>> pool;
      for (unsigned t = 0; t < threads; ++t) {
        size_t begin = n * t / threads, end = n * (t + 1) / threads;
        pool.push_back(base::StartTask([&, t, begin, end] {
          ScopeMatcher(plan_, facts_, options_).Run(begin, end, outs[t]);
        }));
      }
      for (auto& task : pool) task.Join();
    }
    for (auto& o : outs) {
      for (uint64_t h : o.hits) {
        Raw raw;
        raw.rule = static_cast<uint32_t>(h >> 32);
        raw.facts.push_back(static_cast<uint32_t>(h));
        raws_.push_back(std::move(raw));
      }
      scoped_.insert(scoped_.end(), o.scoped.begin(), o.scoped.end());
    }
    std::sort(scoped_.begin(), scoped_.end());
  }

  /// The facts in scope of rule `ri` from the scope pass, ascending.
  std::vector<uint32_t> ScopedFacts(uint32_t ri) const {
    auto lo = std::lower_bound(scoped_.begin(), scoped_.end(), Pack(ri, 0));
    auto hi = std::lower_bound(scoped_.begin(), scoped_.end(), Pack(ri + 1, 0));
    std::vector<uint32_t> out;
    for (auto it = lo; it != hi; ++it) out.push_back(static_cast<uint32_t>(*it));
    return out;
  }

  void Bind(std::span<const uint32_t> fs) {
    size_t n = std::min(fs.size(), binding_.size());
    for (size_t i = 0; i < n; ++i) binding_[i] = &facts_.facts[fs[i]];
    ev_.Bind(binding_.data(), static_cast<uint32_t>(n));
    ev_.ResetScratch();
  }
  void Bind(uint32_t fact) { Bind(std::span<const uint32_t>(&fact, 1)); }

  // ------------------------------------------------------------ phase 2

  void Join(uint32_t ri) {
    const Rule& r = plan_.rules[ri];
    const plan::Window& window = plan_.clauses[r.clause].window;
    std::vector<std::vector<uint32_t>> lists(r.vars.size());
    lists[0] = ScopedFacts(ri);
    for (size_t v = 1; v < r.vars.size(); ++v) {
      if (r.vars[v].kind >= by_kind_.size()) return;
      for (uint32_t fi : by_kind_[r.vars[v].kind]) {
        const Fact& f = facts_.facts[fi];
        if (!Meets(f, window)) continue;
        if (options_.use_index && v < r.var_filters.size()) {
          std::fill(binding_.begin(), binding_.end(), nullptr);
          binding_[v] = &f;
          ev_.Bind(binding_.data(), static_cast<uint32_t>(r.vars.size()));
          ev_.ResetScratch();
          bool ok = true;
          for (NodeId c : r.var_filters[v]) {
            if (ev_.Truth(c) != Tri::kTrue) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
        }
        lists[v].push_back(fi);
      }
    }
    std::vector<uint32_t> bound(r.vars.size());
    auto check = [&] {
      Bind(bound);
      if (Scope(ev_, r)) {
        Raw raw;
        raw.rule = ri;
        raw.facts = bound;
        raws_.push_back(std::move(raw));
      }
    };
    if (options_.use_index && r.vars.size() == 2 && r.join_slot0 != plan::kNone) {
      std::unordered_map<uint64_t, std::vector<uint32_t>> buckets;
      for (uint32_t fi : lists[1]) {
        const Fact& f = facts_.facts[fi];
        if (r.join_slot1 >= f.slots.size() || f.slots[r.join_slot1].is_absent()) continue;
        buckets[HashValue(f.slots[r.join_slot1])].push_back(fi);
      }
      // Bucket the first side too and join bucket by bucket: the facts of one bucket stay in
      // cache while every pair of it is tested (probing in fact order misses on every probe).
      // The order of the raw findings does not matter: findings are sorted at the end.
      std::vector<std::pair<uint64_t, uint32_t>> firsts;
      firsts.reserve(lists[0].size());
      for (uint32_t f0 : lists[0]) {
        const Fact& f = facts_.facts[f0];
        if (r.join_slot0 >= f.slots.size() || f.slots[r.join_slot0].is_absent()) continue;
        firsts.emplace_back(HashValue(f.slots[r.join_slot0]), f0);
      }
      std::sort(firsts.begin(), firsts.end());
      for (size_t i = 0; i < firsts.size();) {
        size_t j = i;
        while (j < firsts.size() && firsts[j].first == firsts[i].first) ++j;
        auto it = buckets.find(firsts[i].first);
        if (it != buckets.end()) {
          for (size_t k = i; k < j; ++k) {
            for (uint32_t f1 : it->second) {
              if (f1 == firsts[k].second) continue;  // the same fact never binds two variables
              bound[0] = firsts[k].second;
              bound[1] = f1;
              check();
            }
          }
        }
        i = j;
      }
      return;
    }
    std::function<void(size_t)> rec = [&](size_t v) {
      if (v == r.vars.size()) {
        check();
        return;
      }
      for (uint32_t fi : lists[v]) {
        if (std::find(bound.begin(), bound.begin() + static_cast<long>(v), fi) !=
            bound.begin() + static_cast<long>(v)) {
          continue;
        }
        bound[v] = fi;
        rec(v + 1);
      }
    };
    rec(0);
  }

  void Limit(uint32_t ri) {
    const Rule& r = plan_.rules[ri];
    std::vector<uint32_t> scoped = ScopedFacts(ri);
    std::sort(scoped.begin(), scoped.end(), [&](uint32_t a, uint32_t b) {
      const Fact& fa = facts_.facts[a];
      const Fact& fb = facts_.facts[b];
      return std::tie(fa.start, fa.id, a) < std::tie(fb.start, fb.id, b);
    });
    // Groups in order of their label; within a group, the order above.
    std::map<std::string, std::vector<uint32_t>> groups;
    for (uint32_t fi : scoped) {
      std::string key;
      if (r.group_by != plan::kNone) {
        Bind(fi);
        key = RenderVal(ev_, ev_.Eval(r.group_by));
      }
      groups[key].push_back(fi);
    }
    std::string what = r.limit_sum ? "sum " + plan::RenderExpr(plan_, &r, r.summed) : "count";
    std::string cap = plan::RenderNumber(r.cap);
    // Not a structured binding: the lambdas below capture `members`, which clang 14 refuses
    // for a binding (P1091/P1381 came with clang 16).
    for (const auto& group_entry : groups) {
      const auto& group = group_entry.first;
      const auto& members = group_entry.second;
      std::string group_text = r.group_by == plan::kNone ? "" : fmt::format(", group {}", group);
      std::vector<double> amount(members.size(), 1.0);
      std::vector<bool> counted(members.size(), true);
      if (r.limit_sum) {
        for (size_t i = 0; i < members.size(); ++i) {
          Bind(members[i]);
          Val v = ev_.Eval(r.summed);
          counted[i] = v.t == VT::kNum;  // an absent amount adds nothing
          amount[i] = counted[i] ? v.num : 0;
        }
      }
      // `treaty explain`: the running figure of the traced fact when it stays within the cap.
      auto note = [&](size_t i, const std::string& period, double running) {
        if (members[i] != trace_fact_) return;
        trace_limit_[ri] =
            counted[i]
                ? fmt::format("limit {} in {}{}: running {} {} <= cap {}", what, period, group_text,
                              r.limit_sum ? "sum" : "count", plan::RenderNumber(running), cap)
                : fmt::format("limit {} in {}{}: the amount is absent and adds nothing", what,
                              period, group_text);
      };
      auto emit = [&](size_t i, const std::string& period, double running) {
        Raw raw;
        raw.rule = ri;
        raw.facts = {members[i]};
        raw.extra.push_back(fmt::format("limit {} in {}{}: running {} {} > cap {}", what, period,
                                        group_text, r.limit_sum ? "sum" : "count",
                                        plan::RenderNumber(running), cap));
        raws_.push_back(std::move(raw));
      };
      if (r.period == plan::Period::kRolling) {
        // Timeless facts (no start) count together; dated ones in a window of N days.
        double timeless = 0;
        size_t lo = 0;
        double window_sum = 0;
        for (size_t i = 0; i < members.size(); ++i) {
          const Fact& f = facts_.facts[members[i]];
          if (!f.start) {
            timeless += amount[i];
            if (counted[i] && timeless > r.cap) {
              emit(i, "all time", timeless);
            } else {
              note(i, "all time", timeless);
            }
            continue;
          }
          window_sum += amount[i];
          int32_t first_day = f.start->days - static_cast<int32_t>(r.rolling_days) + 1;
          while (lo < i) {
            const Fact& g = facts_.facts[members[lo]];
            if (g.start && g.start->days >= first_day) break;
            if (g.start) window_sum -= amount[lo];
            ++lo;
          }
          std::string period =
              fmt::format("the {} days ending {}", r.rolling_days, value::FormatDate(*f.start));
          if (counted[i] && window_sum > r.cap) {
            emit(i, period, window_sum);
          } else {
            note(i, period, window_sum);
          }
        }
        continue;
      }
      std::map<int64_t, double> running;
      for (size_t i = 0; i < members.size(); ++i) {
        PeriodOf p = CalendarPeriod(r.period, facts_.facts[members[i]].start);
        double& total = running[p.key];
        total += amount[i];
        if (counted[i] && total > r.cap) {
          emit(i, p.label, total);
        } else {
          note(i, p.label, total);
        }
      }
    }
  }

  void Exists(uint32_t ri) {
    const Rule& r = plan_.rules[ri];
    bool met = false;
    for (uint32_t fi : ScopedFacts(ri)) {
      const Fact& f = facts_.facts[fi];
      if (!f.start || *f.start <= r.due) met = true;
    }
    if (met) return;
    Raw raw;
    raw.rule = ri;
    std::string kind = plan_.kinds[r.vars[0].kind].name;
    std::string due = value::FormatDate(r.due);
    std::string as_of = value::FormatDate(options_.as_of);
    if (options_.as_of > r.due) {
      raw.extra.push_back(fmt::format(
          "obligation: no `{}` in scope started on or before {} (as of {})", kind, due, as_of));
    } else {
      raw.status = findings::Status::kPending;
      raw.extra.push_back(
          fmt::format("obligation: due {} (as of {}), no `{}` in scope is planned to start by then",
                      due, as_of, kind));
    }
    raws_.push_back(std::move(raw));
  }

  void ExpiredWaivers() {
    for (const auto& w : plan_.waivers) {
      if (w.until && *w.until < options_.as_of) {
        diags_.Add(
            base::MakeDiagnostic(base::DiagCode::T0604, w.span, w.id, value::FormatDate(*w.until))
                .WithHelp("renew the waiver with a later `until`, or remove it"));
      }
    }
  }

  // ------------------------------------------------------------ phase 4: all findings

  /// Clause ranks in the order of their qualified names (unique), so that findings sort by
  /// clause without comparing strings.
  void RankClauses() {
    if (!clause_rank_.empty() || plan_.clauses.empty()) return;
    std::vector<uint32_t> order(plan_.clauses.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return plan_.clauses[a].qualified < plan_.clauses[b].qualified;
    });
    clause_rank_.resize(order.size());
    for (uint32_t i = 0; i < order.size(); ++i) clause_rank_[order[i]] = i;
  }

  /// Every raw finding materialized, in raw order (defeated ones included). With many
  /// findings the second half is built by a second Evaluator on its own thread; a finding
  /// depends only on its raw finding, so the split does not change the result.
  std::vector<findings::Finding> MaterializeAll() {
    RankClauses();
    const size_t n = raws_.size();
    std::vector<findings::Finding> built(n);
    const size_t half = Threads(n, 2000) > 1 ? n / 2 : n;
    // The helper gets its own DiagnosticEngine (not thread-safe, and Materialize adds nothing
    // to it) and its own caches. Safe to split: both threads only read the Plan, the FactSet
    // and the SourceSet (whose lazy column table is built under a mutex), and each writes
    // only its own half of raws_ and built.
    base::DiagnosticEngine helper_diags;
    std::unique_ptr<Evaluator> helper;
    std::optional<base::Task<void>> helper_task;
    if (half < n) {
      helper = std::make_unique<Evaluator>(plan_, facts_, sources_, options_, helper_diags);
      helper->multi_permits_ = multi_permits_;
      helper->clause_rank_ = clause_rank_;
      helper_task.emplace(base::StartTask([&] {
        for (size_t i = half; i < n; ++i) built[i] = helper->Materialize(raws_[i]);
      }));
    }
    for (size_t i = 0; i < half; ++i) built[i] = Materialize(raws_[i]);
    if (helper_task) helper_task->Join();
    return built;
  }

  /// The findings to report, sorted with findings::FindingLess. Sorts indices on precomputed keys:
  /// clause rank, then the bound facts' ids.
  std::vector<findings::Finding> SortedFindings(std::vector<findings::Finding> built) {
    std::vector<uint32_t> order;
    order.reserve(built.size());
    for (uint32_t i = 0; i < built.size(); ++i) {
      if (built[i].status == findings::Status::kDefeated && !options_.show_defeated) continue;
      order.push_back(i);
    }
    auto rank = [&](uint32_t i) { return clause_rank_[plan_.rules[raws_[i].rule].clause]; };
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      const uint32_t rx = rank(x), ry = rank(y);
      if (rx != ry) return rx < ry;
      const std::vector<uint32_t>& fx = raws_[x].facts;
      const std::vector<uint32_t>& fy = raws_[y].facts;
      for (size_t k = 0; k < fx.size() && k < fy.size(); ++k) {
        if (fx[k] == fy[k]) continue;
        const int c = facts_.facts[fx[k]].id.compare(facts_.facts[fy[k]].id);
        if (c != 0) return c < 0;
      }
      if (fx.size() != fy.size()) return fx.size() < fy.size();
      const findings::Finding& a = built[x];
      const findings::Finding& b = built[y];
      return std::tie(a.status, a.message, a.explanation) <
             std::tie(b.status, b.message, b.explanation);
    });
    std::vector<findings::Finding> out;
    out.reserve(order.size());
    for (uint32_t i : order) out.push_back(std::move(built[i]));
    return out;
  }

  // ------------------------------------------------------------ phase 3

  /// Does permit `pi` match the finding's facts (its first variable the first fact, further
  /// variables the following facts) inside its clause's window?
  bool PermitMatches(uint32_t pi, const std::vector<uint32_t>& fs) {
    const Rule& p = plan_.rules[pi];
    if (fs.empty() || p.vars.empty()) return false;
    if (p.vars.size() == 1) {
      const std::vector<uint32_t>& m = Matches(fs[0]);
      return std::find(m.begin(), m.end(), pi) != m.end();
    }
    if (fs.size() < p.vars.size()) return false;
    const plan::Window& w = plan_.clauses[p.clause].window;
    for (size_t v = 0; v < p.vars.size(); ++v) {
      const Fact& f = facts_.facts[fs[v]];
      if (f.kind != p.vars[v].kind || !Meets(f, w)) return false;
    }
    Bind(fs);
    return Scope(ev_, p);
  }

  /// The single-variable permits and obligations whose scope fact `fi` satisfies inside
  /// their clause's window (memoized: several findings often share a first fact).
  const std::vector<uint32_t>& Matches(uint32_t fi) {
    auto it = matches_.find(fi);
    if (it != matches_.end()) return it->second;
    std::vector<uint32_t> out;
    const Fact& f = facts_.facts[fi];
    if (f.kind < plan_.index.size()) {
      for (uint32_t ri : lookup_.Candidates(f)) {
        const Rule& r = plan_.rules[ri];
        if ((r.kind != RuleKind::kPermit && r.kind != RuleKind::kExists) || r.vars.size() != 1) {
          continue;
        }
        if (!Meets(f, plan_.clauses[r.clause].window)) continue;
        Bind(fi);
        if (Scope(ev_, r)) out.push_back(ri);
      }
    }
    return matches_.emplace(fi, std::move(out)).first->second;
  }

  // ------------------------------------------------------------ phase 4

  /// The source text of node `id` of rule `r`, whitespace collapsed (cached: every finding of
  /// a rule explains the same parts).
  const std::string& SourceText(const Rule& r, NodeId id) {
    const uint64_t key = Pack(static_cast<uint32_t>(&r - plan_.rules.data()), id);
    auto it = source_text_.find(key);
    if (it == source_text_.end()) {
      it = source_text_.emplace(key, plan::ClipText(RenderSource(r, id), kExplainedBytes)).first;
    }
    return it->second;
  }

  std::string RenderSource(const Rule& r, NodeId id) const {
    const plan::Node& n = plan_.nodes[id];
    if (auto t = sources_.Text(n.span); !t.empty()) return base::CollapseWhitespace(t);
    return plan::RenderExpr(plan_, &r, id);
  }

  /// How a leaf reads in the source (`deployment.cloud`), cached per rule and node.
  const std::string& LeafName(const Rule& r, NodeId id) {
    const uint64_t key = Pack(static_cast<uint32_t>(&r - plan_.rules.data()), id);
    auto it = leaf_name_.find(key);
    if (it == leaf_name_.end()) it = leaf_name_.emplace(key, plan::RenderExpr(plan_, &r, id)).first;
    return it->second;
  }

  static bool IsLeaf(const plan::Node& n) {
    return n.op == Op::kField || n.op == Op::kMapLookup || n.op == Op::kToday;
  }

  /// The leaves (fields, map lookups, today) an expression reads, as "name = value" or
  /// "name is absent"; only the absent ones when `absent_only`.
  /// At most kExplainedLeaves + 1 of them: Detail shows kExplainedLeaves and `…` for more.
  void Leaves(const Rule& r, NodeId id, bool absent_only, std::vector<std::string>& out) {
    if (id == plan::kNone || out.size() > kExplainedLeaves) return;
    const plan::Node& n = plan_.nodes[id];
    if (IsLeaf(n)) {
      const std::string& name = LeafName(r, id);
      Val v = ev_.Eval(id);
      std::string line = v.t == VT::kAbsent ? name + " is absent" : name + " = " + Shown(v);
      if ((!absent_only || v.t == VT::kAbsent) &&
          std::find(out.begin(), out.end(), line) == out.end()) {
        out.push_back(std::move(line));
      }
      return;
    }
    if (n.op == Op::kConst || n.op == Op::kVar) return;
    if (n.op == Op::kList || (n.op >= Op::kCount && n.op <= Op::kLower)) {
      for (uint32_t i = 0; i < n.n; ++i) Leaves(r, plan_.args[n.aux + i], absent_only, out);
      return;
    }
    Leaves(r, n.a, absent_only, out);
    if (n.op != Op::kInlined) Leaves(r, n.b, absent_only, out);
  }

  /// A value in an explanation, cut at kExplainedBytes.
  std::string Shown(const Val& v) { return RenderValClipped(ev_, v, kExplainedBytes); }

  /// The set of an `in` as shown in an explanation; a constant set is rendered once per node.
  std::string SetDetail(NodeId id) {
    const plan::Node& n = plan_.nodes[id];
    const value::Value* constant = nullptr;
    switch (n.set) {
      case plan::SetKind::kDynamic:
        return Shown(ev_.Eval(n.b));
      case plan::SetKind::kMember:
        constant = &plan_.constants[n.aux];
        break;
      case plan::SetKind::kMemberSet:
        constant = &plan_.member_sets[n.aux].source;
        break;
      case plan::SetKind::kTextSet:
        constant = &plan_.text_sets[n.aux].source;
        break;
    }
    if (!constant) return "?";
    auto it = set_text_.find(id);
    if (it == set_text_.end()) {
      it = set_text_.emplace(id, plan::RenderValueClipped(plan_, *constant, kExplainedBytes)).first;
    }
    return it->second;
  }

  std::string Detail(const Rule& r, NodeId id, Tri result) {
    const plan::Node& n = plan_.nodes[id];
    std::vector<std::string> leaves;
    auto joined = [&] {
      std::string s;
      for (size_t i = 0; i < leaves.size() && i < kExplainedLeaves; ++i) {
        s += (s.empty() ? "" : ", ") + leaves[i];
      }
      if (leaves.size() > kExplainedLeaves) s += ", …";
      return s;
    };
    switch (n.op) {
      case Op::kEq:
      case Op::kNe:
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: {
        Val l = ev_.Eval(n.a);
        Val rv = ev_.Eval(n.b);
        if (l.t == VT::kAbsent || rv.t == VT::kAbsent) {
          Leaves(r, id, true, leaves);
          if (!leaves.empty()) return joined();
        }
        static constexpr std::string_view kOps[] = {" == ", " != ", " < ", " <= ", " > ", " >= "};
        std::string out = Shown(l);
        out.append(kOps[static_cast<int>(n.op) - static_cast<int>(Op::kEq)]).append(Shown(rv));
        return out;
      }
      case Op::kIn: {
        Val e = ev_.Eval(n.a);
        if (result == Tri::kUnknown) {
          Leaves(r, id, true, leaves);
          if (!leaves.empty()) return joined();
        }
        std::string elem =
            IsLeaf(plan_.nodes[n.a]) ? LeafName(r, n.a) + " = " + Shown(e) : Shown(e);
        return fmt::format("{}, expected {}{}", elem, n.flag ? "not in " : "", SetDetail(id));
      }
      case Op::kPresent: {
        Leaves(r, n.a, false, leaves);
        return joined();
      }
      default:
        Leaves(r, id, result == Tri::kUnknown, leaves);
        if (leaves.empty() && result == Tri::kUnknown) Leaves(r, id, false, leaves);
        return joined();
    }
  }

  void Explain(const Rule& r, const char* role, NodeId id, const std::string& source,
               std::vector<std::string>& out) {
    ev_.ResetScratch();
    Tri t = ev_.Truth(id);
    std::string detail = Detail(r, id, t);
    std::string line;
    line.reserve(std::strlen(role) + source.size() + detail.size() + 12);
    line.append(role).append(" ").append(source).append(": ").append(detail);
    if (!detail.empty()) line += ' ';
    line.append("(").append(TriText(t)).append(")");
    out.push_back(std::move(line));
  }

  /// The scope of a rule, part by part, for the current binding.
  void ExplainScope(const Rule& r, std::vector<std::string>& out) {
    for (NodeId p : r.when_parts) Explain(r, "when", p, SourceText(r, p), out);
    for (NodeId p : r.unless_parts) Explain(r, "unless", p, SourceText(r, p), out);
  }

  /// The requirement of a require/exclusive rule, part by part, for the current binding.
  void ExplainRequirement(const Rule& r, std::vector<std::string>& out) {
    if (r.kind == RuleKind::kExclusive && r.requirement != plan::kNone) {
      Explain(r, "requirement", r.requirement, r.requirement_text, out);
    } else if (r.kind == RuleKind::kRequire) {
      for (NodeId p : r.requirement_parts) Explain(r, "requirement", p, SourceText(r, p), out);
    }
  }

  std::string DefaultMessage(const Rule& r, const Raw& raw) const {
    const plan::Clause& c = plan_.clauses[r.clause];
    std::vector<std::string> ids;
    ids.reserve(raw.facts.size());
    for (uint32_t fi : raw.facts) ids.push_back(facts_.facts[fi].id);
    const std::string who = base::TickedList(ids, "and");
    if (r.kind == RuleKind::kExists) {
      if (raw.status == findings::Status::kPending) {
        return fmt::format("{} ({}) is due by {} and nothing in scope is planned yet", c.qualified,
                           c.title, value::FormatDate(r.due));
      }
      return fmt::format("{} ({}) was due by {} and nothing in scope started", c.qualified, c.title,
                         value::FormatDate(r.due));
    }
    if (r.kind == RuleKind::kLimit) {
      return fmt::format("{} exceeds the limit of {} ({})", who, c.qualified, c.title);
    }
    return fmt::format("{} {} {} ({})", who, raw.facts.size() > 1 ? "breach" : "breaches",
                       c.qualified, c.title);
  }

  /// The waivers of `clause` whose first (smallest) fact id is `first`, in plan order; indexed
  /// on first use, so that judging a finding does not scan every waiver (O(findings × waivers)).
  const std::vector<uint32_t>& WaiverCandidates(uint32_t clause, const std::string& first) {
    auto key = [](uint32_t c, std::string_view id) {
      std::string k = fmt::format("{}:", c);
      k.append(id);
      return k;
    };
    if (!waivers_indexed_) {
      waivers_indexed_ = true;
      for (uint32_t wi = 0; wi < plan_.waivers.size(); ++wi) {
        const plan::Waiver& w = plan_.waivers[wi];
        waivers_by_key_[key(w.clause, w.facts.empty() ? "" : w.facts[0])].push_back(wi);
      }
    }
    auto it = waivers_by_key_.find(key(clause, first));
    return it == waivers_by_key_.end() ? no_waivers_ : it->second;
  }

  findings::Finding Materialize(Raw& raw) {
    const Rule& r = plan_.rules[raw.rule];
    const plan::Clause& c = plan_.clauses[r.clause];
    findings::Finding f;
    f.clause = c.qualified;
    f.agreement = c.agreement;
    f.title = c.title;
    f.clause_text = c.text;
    f.rule = r.kind;
    f.severity = c.severity;
    f.status = raw.status;
    for (uint32_t fi : raw.facts) {
      const Fact& fact = facts_.facts[fi];
      f.facts.push_back(fact.id);
      f.locations.push_back({std::string(sources_.PathOf(fact.span)), fact.span.line});
    }
    f.clause_location = {std::string(sources_.PathOf(c.span)), c.span.line};

    // Overrides: the first overriding clause with a matching permit defeats the finding.
    if (!raw.facts.empty()) {
      for (uint32_t o : c.overridden_by) {
        for (uint32_t pi : plan_.clauses[o].rules) {
          if (plan_.rules[pi].kind == RuleKind::kPermit && PermitMatches(pi, raw.facts)) {
            f.defeated_by = plan_.clauses[o].qualified;
            break;
          }
        }
        if (!f.defeated_by.empty()) break;
      }
      // Conflicts: permits and obligations of clauses that do not override this one.
      auto add_conflict = [&](uint32_t k) {
        if (k == r.clause ||
            std::binary_search(c.overridden_by.begin(), c.overridden_by.end(), k)) {
          return;
        }
        conflicts_.push_back(k);
      };
      conflicts_.clear();
      for (uint32_t ri : Matches(raw.facts[0])) add_conflict(plan_.rules[ri].clause);
      for (uint32_t pi : multi_permits_) {
        if (PermitMatches(pi, raw.facts)) add_conflict(plan_.rules[pi].clause);
      }
      // In the order of the clauses' names (ranks are distinct, as the names are).
      RankClauses();
      std::sort(conflicts_.begin(), conflicts_.end(),
                [&](uint32_t a, uint32_t b) { return clause_rank_[a] < clause_rank_[b]; });
      conflicts_.erase(std::unique(conflicts_.begin(), conflicts_.end()), conflicts_.end());
      f.conflicts_with.reserve(conflicts_.size());
      for (uint32_t k : conflicts_) f.conflicts_with.push_back(plan_.clauses[k].qualified);
    }
    if (!f.defeated_by.empty()) {
      f.status = findings::Status::kDefeated;
    } else if (f.status == findings::Status::kOpen) {
      std::vector<std::string> ids = f.facts;
      std::sort(ids.begin(), ids.end());
      for (uint32_t wi : WaiverCandidates(r.clause, ids.empty() ? std::string() : ids[0])) {
        const plan::Waiver& w = plan_.waivers[wi];
        if (w.facts == ids && (!w.until || *w.until >= options_.as_of)) {
          f.status = findings::Status::kWaived;
          f.waived_by = w.id;
          break;
        }
      }
    }

    Bind(raw.facts);
    if (c.message.empty()) {
      f.message = DefaultMessage(r, raw);
    } else {
      for (const auto& part : c.message) {
        if (part.expr == plan::kNone) {
          f.message += part.text;
        } else {
          ev_.ResetScratch();
          f.message += RenderVal(ev_, ev_.Eval(part.expr));
        }
      }
    }
    if (raw.facts.empty()) {
      if (r.when != plan::kNone) f.explanation.push_back("scope when " + SourceText(r, r.when));
    } else {
      ExplainScope(r, f.explanation);
      ExplainRequirement(r, f.explanation);
    }
    for (auto& line : raw.extra) f.explanation.push_back(std::move(line));
    return f;
  }

  const plan::Plan& plan_;
  const facts::FactSet& facts_;
  const base::SourceSet& sources_;
  const EvalOptions& options_;
  base::DiagnosticEngine& diags_;
  ExprEval ev_;
  std::vector<const Fact*> binding_;
  std::vector<Raw> raws_;
  std::vector<uint64_t> scoped_;  // (rule, fact), sorted
  ScopeMatcher lookup_;           // index lookups for Matches()
  std::unordered_map<uint32_t, std::vector<uint32_t>> matches_;
  std::unordered_map<uint64_t, std::string> source_text_;  // (rule, node) -> SourceText
  std::unordered_map<uint64_t, std::string> leaf_name_;    // (rule, node) -> LeafName
  std::unordered_map<NodeId, std::string> set_text_;       // node -> SetDetail of a constant
  std::unordered_map<std::string, std::vector<uint32_t>> waivers_by_key_;  // WaiverCandidates
  bool waivers_indexed_ = false;
  const std::vector<uint32_t> no_waivers_;
  std::vector<uint32_t> clause_rank_;  // clause -> rank of its name
  std::vector<uint32_t> conflicts_;    // scratch of Materialize
  std::vector<std::vector<uint32_t>> by_kind_;
  std::vector<uint32_t> multi_permits_;
  uint32_t trace_fact_ = plan::kNone;                      // the fact TraceFact follows
  std::unordered_map<uint32_t, std::string> trace_limit_;  // rule -> its running figure
};

}  // namespace

std::vector<findings::Finding> Evaluate(const plan::Plan& plan, const facts::FactSet& facts,
                                        const base::SourceSet& sources, const EvalOptions& options,
                                        base::DiagnosticEngine& diags) {
  return Evaluator(plan, facts, sources, options, diags).Run();
}

std::vector<uint8_t> AcrossFactsScope(const plan::Plan& plan, const facts::FactSet& facts,
                                      const EvalOptions& options) {
  // Per kind, the (rule, variable) pairs of the rules that read several facts together.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> uses(plan.kinds.size());
  for (uint32_t ri = 0; ri < plan.rules.size(); ++ri) {
    const Rule& r = plan.rules[ri];
    const bool join = r.kind == RuleKind::kForbid && r.vars.size() >= 2;
    const bool single =
        (r.kind == RuleKind::kLimit || r.kind == RuleKind::kExists) && r.vars.size() == 1;
    if (!join && !single) continue;
    for (uint32_t v = 0; v < r.vars.size(); ++v) {
      if (r.vars[v].kind < uses.size()) uses[r.vars[v].kind].emplace_back(ri, v);
    }
  }
  ExprEval ev(plan, options.as_of);
  std::vector<const Fact*> binding(MaxVars(plan), nullptr);
  // As Join and the scope pass test them: a join's filters on variable `v` (only with the
  // index; the reference evaluation enumerates every fact of the kind), a limit's or an
  // obligation's whole scope.
  auto binds = [&](const Fact& f, const Rule& r, uint32_t v) {
    if (!Meets(f, plan.clauses[r.clause].window)) return false;
    std::fill(binding.begin(), binding.end(), nullptr);
    binding[v] = &f;
    ev.Bind(binding.data(), static_cast<uint32_t>(r.vars.size()));
    ev.ResetScratch();
    if (r.vars.size() == 1) return Scope(ev, r);
    if (!options.use_index || v >= r.var_filters.size()) return true;
    for (NodeId c : r.var_filters[v]) {
      ev.ResetScratch();
      if (ev.Truth(c) != Tri::kTrue) return false;
    }
    return true;
  };
  std::vector<uint8_t> keep(facts.facts.size(), 0);
  for (size_t i = 0; i < facts.facts.size(); ++i) {
    const Fact& f = facts.facts[i];
    if (f.kind >= uses.size()) continue;
    for (const auto& [ri, v] : uses[f.kind]) {
      if (binds(f, plan.rules[ri], v)) {
        keep[i] = 1;
        break;
      }
    }
  }
  return keep;
}

FactTrace TraceFact(const plan::Plan& plan, const facts::FactSet& facts, uint32_t fact,
                    const base::SourceSet& sources, const EvalOptions& options,
                    base::DiagnosticEngine& diags) {
  EvalOptions with_defeated = options;
  with_defeated.show_defeated = true;
  return Evaluator(plan, facts, sources, with_defeated, diags).Trace(fact);
}

}  // namespace treaty::eval
