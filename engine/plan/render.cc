#include "plan/render.h"

#include <fmt/format.h>

#include <type_traits>

namespace treaty::plan {

std::string RenderNumber(double d) {
  if (d == 0) return "0";  // also -0
  return fmt::format("{}", d);
}

std::string RenderValue(const Plan& plan, const value::Value& v) {
  return std::visit(
      [&](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, value::Absent>) {
          return "absent";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          return RenderNumber(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return x;
        } else if constexpr (std::is_same_v<T, value::Date>) {
          return value::FormatDate(x);
        } else if constexpr (std::is_same_v<T, value::Duration>) {
          return value::FormatDuration(x);
        } else if constexpr (std::is_same_v<T, value::Member>) {
          if (x.taxonomy < plan.taxonomies.size() &&
              x.member < plan.taxonomies[x.taxonomy].members.size()) {
            return plan.taxonomies[x.taxonomy].members[x.member].name;
          }
          return fmt::format("member#{}.{}", x.taxonomy, x.member);
        } else if constexpr (std::is_same_v<T, value::List>) {
          std::string out = "[";
          for (size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += RenderValue(plan, x[i]);
          }
          return out + "]";
        } else {
          std::string out = "{";
          for (size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += x[i].first + ": " + RenderValue(plan, x[i].second);
          }
          return out + "}";
        }
      },
      v.v);
}

namespace {

std::string_view OpText(Op op) {
  switch (op) {
    case Op::kAnd:
      return "and";
    case Op::kOr:
      return "or";
    case Op::kEq:
      return "==";
    case Op::kNe:
      return "!=";
    case Op::kLt:
      return "<";
    case Op::kLe:
      return "<=";
    case Op::kGt:
      return ">";
    case Op::kGe:
      return ">=";
    case Op::kAdd:
      return "+";
    case Op::kSub:
      return "-";
    case Op::kMul:
      return "*";
    case Op::kDiv:
      return "/";
    default:
      return "?";
  }
}

std::string SetText(const Plan& plan, const Rule* rule, const Node& n) {
  switch (n.set) {
    case SetKind::kDynamic:
      return RenderExpr(plan, rule, n.b);
    case SetKind::kMember:
      return RenderValue(plan, plan.constants[n.aux]);
    case SetKind::kMemberSet:
      return RenderValue(plan, plan.member_sets[n.aux].source);
    case SetKind::kTextSet:
      return RenderValue(plan, plan.text_sets[n.aux].source);
  }
  return "?";
}

std::string VarName(const Rule* rule, uint32_t var) {
  if (rule && var < rule->vars.size()) return rule->vars[var].name;
  return fmt::format("${}", var);
}

}  // namespace

std::string RenderExpr(const Plan& plan, const Rule* rule, NodeId id) {
  if (id == kNone || id >= plan.nodes.size()) return "?";
  const Node& n = plan.nodes[id];
  auto sub = [&](NodeId c) {
    std::string s = RenderExpr(plan, rule, c);
    const Node& cn = plan.nodes[c];
    bool atomic = cn.op == Op::kConst || cn.op == Op::kField || cn.op == Op::kVar ||
                  cn.op == Op::kToday || cn.op == Op::kMapLookup || cn.op == Op::kInlined ||
                  (cn.op >= Op::kCount && cn.op <= Op::kLower) || cn.op == Op::kList;
    return atomic ? s : "(" + s + ")";
  };
  auto args = [&]() {
    std::string out;
    for (uint32_t i = 0; i < n.n; ++i) {
      if (i) out += ", ";
      out += RenderExpr(plan, rule, plan.args[n.aux + i]);
    }
    return out;
  };
  switch (n.op) {
    case Op::kConst: {
      const value::Value& v = plan.constants[n.aux];
      if (v.is<std::string>()) return fmt::format("\"{}\"", v.as<std::string>());
      return RenderValue(plan, v);
    }
    case Op::kToday:
      return "today";
    case Op::kField: {
      std::string field = fmt::format("#{}", n.b);
      if (rule && n.a < rule->vars.size()) {
        const Kind& k = plan.kinds[rule->vars[n.a].kind];
        if (n.b < k.fields.size()) field = k.fields[n.b].name;
      }
      return VarName(rule, n.a) + "." + field;
    }
    case Op::kVar:
      return VarName(rule, n.a);
    case Op::kMapLookup:
      return sub(n.a) + "[" + RenderExpr(plan, rule, n.b) + "]";
    case Op::kList:
      return "[" + args() + "]";
    case Op::kNot:
      return "not " + sub(n.a);
    case Op::kNeg:
      return "-" + sub(n.a);
    case Op::kIn:
      return sub(n.a) + (n.flag ? " not in " : " in ") + SetText(plan, rule, n);
    case Op::kAny:
    case Op::kAll:
    case Op::kNoneOf:
      return std::string(n.op == Op::kAny ? "any " : n.op == Op::kAll ? "all " : "none ") +
             sub(n.a) + " in " + SetText(plan, rule, n);
    case Op::kPresent:
      return sub(n.a) + (n.flag ? " is present" : " is absent");
    case Op::kCount:
      return "count(" + args() + ")";
    case Op::kOverlaps:
      return "overlaps(" + args() + ")";
    case Op::kStartsWith:
      return "starts_with(" + args() + ")";
    case Op::kEndsWith:
      return "ends_with(" + args() + ")";
    case Op::kContains:
      return "contains(" + args() + ")";
    case Op::kLower:
      return "lower(" + args() + ")";
    case Op::kInlined:
      return plan.names[n.aux] + "{" + RenderExpr(plan, rule, n.a) + "}";
    default:
      return sub(n.a) + " " + std::string(OpText(n.op)) + " " + sub(n.b);
  }
}

}  // namespace treaty::plan
