#include "plan/plan_dump.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "plan/render.h"

namespace treaty::plan {

namespace {

std::string WindowText(const Window& w) {
  return fmt::format("[{}, {})", value::FormatDate(w.from),
                     w.until ? value::FormatDate(*w.until) : std::string("open"));
}

std::string_view PeriodText(Period p) {
  switch (p) {
    case Period::kUnbounded:
      return "none";
    case Period::kDay:
      return "day";
    case Period::kWeek:
      return "week";
    case Period::kMonth:
      return "month";
    case Period::kQuarter:
      return "quarter";
    case Period::kYear:
      return "year";
    case Period::kRolling:
      return "rolling";
  }
  return "none";
}

std::string KeyText(const Plan& plan, const Rule& r) {
  if (r.key.slot == kNone) return "none";
  const Kind& k = plan.kinds[r.vars[0].kind];
  const Field& f = k.fields[r.key.slot];
  std::string values;
  for (uint32_t m : r.key.members) {
    if (!values.empty()) values += ", ";
    values += plan.taxonomies[f.taxonomy].members[m].name;
  }
  for (const auto& t : r.key.texts) {
    if (!values.empty()) values += ", ";
    values += fmt::format("\"{}\"", t);
  }
  return fmt::format("{}.{} {} [{}]", k.name, f.name, r.key.hierarchical ? "in" : "==", values);
}

}  // namespace

std::string DumpPlan(const Plan& plan) {
  std::string out;
  for (const auto& t : plan.taxonomies) {
    out += fmt::format("taxonomy {}:", t.name);
    for (size_t i = 1; i < t.members.size(); ++i) {
      const Member& m = t.members[i];
      out += fmt::format(" {}<{}", m.name, t.members[m.parent].name);
    }
    out += "\n";
  }
  for (const auto& k : plan.kinds) {
    out += fmt::format("kind {}:", k.name);
    for (size_t i = 0; i < k.fields.size(); ++i) {
      const Field& f = k.fields[i];
      std::string_view cls = f.cls == FieldClass::kText     ? "text"
                             : f.cls == FieldClass::kMember ? "member"
                                                            : "other";
      out += fmt::format(" {}={}:{}", i, f.name, cls);
    }
    out += "\n";
  }
  for (size_t ci = 0; ci < plan.clauses.size(); ++ci) {
    const Clause& c = plan.clauses[ci];
    out += fmt::format("clause {} \"{}\" {} window {}", c.qualified, c.title,
                       base::SeverityName(c.severity), WindowText(c.window));
    if (!c.overridden_by.empty()) {
      out += " overridden_by";
      for (uint32_t o : c.overridden_by) out += " " + plan.clauses[o].qualified;
    }
    out += "\n";
    for (uint32_t ri : c.rules) {
      const Rule& r = plan.rules[ri];
      out += fmt::format("  rule #{} {}", ri, RuleKindName(r.kind));
      for (const auto& v : r.vars) out += fmt::format(" {}:{}", v.name, plan.kinds[v.kind].name);
      out += "\n";
      if (r.when != kNone) out += "    when " + RenderExpr(plan, &r, r.when) + "\n";
      if (r.unless != kNone) out += "    unless " + RenderExpr(plan, &r, r.unless) + "\n";
      if (r.requirement != kNone) {
        out += "    requirement " + RenderExpr(plan, &r, r.requirement) + "\n";
      }
      if (r.kind == RuleKind::kLimit) {
        out += fmt::format("    limit {}{} to {} per {}", r.limit_sum ? "sum " : "count",
                           r.limit_sum ? RenderExpr(plan, &r, r.summed) : "", RenderNumber(r.cap),
                           PeriodText(r.period));
        if (r.period == Period::kRolling) out += fmt::format(" {} days", r.rolling_days);
        if (r.group_by != kNone) out += " by " + RenderExpr(plan, &r, r.group_by);
        out += "\n";
      }
      if (r.kind == RuleKind::kExists) out += "    due " + value::FormatDate(r.due) + "\n";
      out += "    key " + KeyText(plan, r) + "\n";
      if (r.vars.size() >= 2) {
        if (r.join_slot0 != kNone) {
          out += fmt::format("    hash join {}.{} == {}.{}\n", r.vars[0].name,
                             plan.kinds[r.vars[0].kind].fields[r.join_slot0].name, r.vars[1].name,
                             plan.kinds[r.vars[1].kind].fields[r.join_slot1].name);
        }
        for (size_t v = 0; v < r.var_filters.size(); ++v) {
          for (NodeId f : r.var_filters[v]) {
            out += fmt::format("    filter {}: {}\n", r.vars[v].name, RenderExpr(plan, &r, f));
          }
        }
      }
    }
  }
  for (const auto& w : plan.waivers) {
    out += fmt::format("waiver {} clause {} facts [{}] until {}\n", w.id,
                       w.clause < plan.clauses.size() ? plan.clauses[w.clause].qualified : "?",
                       fmt::join(w.facts, ", "),
                       w.until ? value::FormatDate(*w.until) : std::string("none"));
  }
  for (size_t k = 0; k < plan.index.size(); ++k) {
    const KindIndex& ki = plan.index[k];
    out += fmt::format("index {}: unkeyed [{}]\n", plan.kinds[k].name, fmt::join(ki.unkeyed, ", "));
    for (const SlotIndex& s : ki.slots) {
      out += fmt::format("  slot {}:", plan.kinds[k].fields[s.slot].name);
      for (size_t m = 0; m < s.by_member.size(); ++m) {
        if (s.by_member[m].empty()) continue;
        out += fmt::format(" {}->[{}]", plan.taxonomies[s.taxonomy].members[m].name,
                           fmt::join(s.by_member[m], ","));
      }
      std::vector<std::string> texts;
      for (const auto& [t, rules] : s.by_text) texts.push_back(t);
      std::sort(texts.begin(), texts.end());
      for (const auto& t : texts) {
        out += fmt::format(" \"{}\"->[{}]", t, fmt::join(s.by_text.find(t)->second, ","));
      }
      if (!s.negated.empty()) {
        out += fmt::format(" !=[{}]", fmt::join(s.negated, ","));
        for (size_t m = 0; m < s.excluded_by_member.size(); ++m) {
          if (s.excluded_by_member[m].empty()) continue;
          out += fmt::format(" not {}->[{}]", plan.taxonomies[s.taxonomy].members[m].name,
                             fmt::join(s.excluded_by_member[m], ","));
        }
        std::vector<std::string> excluded;
        for (const auto& [t, rules] : s.excluded_by_text) excluded.push_back(t);
        std::sort(excluded.begin(), excluded.end());
        for (const auto& t : excluded) {
          out += fmt::format(" not \"{}\"->[{}]", t,
                             fmt::join(s.excluded_by_text.find(t)->second, ","));
        }
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace treaty::plan
