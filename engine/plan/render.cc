#include "plan/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "ast/operators.h"
#include "base/utf8.h"
#include "value/render.h"

namespace treaty::plan {

std::string RenderValue(const Plan& plan, const value::Value& v) {
  return value::Render(v, [&plan](const value::Member& m) {
    if (m.taxonomy < plan.taxonomies.size() &&
        m.member < plan.taxonomies[m.taxonomy].members.size()) {
      return plan.taxonomies[m.taxonomy].members[m.member].name;
    }
    return fmt::format("member#{}.{}", m.taxonomy, m.member);
  });
}

namespace {

bool RenderClippedInto(const Plan& plan, const value::Value& v, size_t max_bytes,
                       std::string& out) {
  if (const auto* s = std::get_if<std::string>(&v.v)) return AppendClipped(out, *s, max_bytes);
  const bool list = v.is<value::List>();
  if (!list && !v.is<value::Map>()) return AppendClipped(out, RenderValue(plan, v), max_bytes);
  if (!AppendClipped(out, list ? "[" : "{", max_bytes)) return false;
  const size_t n = list ? v.as<value::List>().size() : v.as<value::Map>().size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && !AppendClipped(out, ", ", max_bytes)) return false;
    if (list) {
      if (!RenderClippedInto(plan, v.as<value::List>()[i], max_bytes, out)) return false;
    } else {
      const auto& [key, item] = v.as<value::Map>()[i];
      if (!AppendClipped(out, key, max_bytes) || !AppendClipped(out, ": ", max_bytes) ||
          !RenderClippedInto(plan, item, max_bytes, out)) {
        return false;
      }
    }
  }
  return AppendClipped(out, list ? "]" : "}", max_bytes);
}

}  // namespace

bool AppendClipped(std::string& out, std::string_view text, size_t max_bytes) {
  if (out.size() + text.size() <= max_bytes) {
    out.append(text);
    return true;
  }
  const size_t room = max_bytes > out.size() ? max_bytes - out.size() : 0;
  out.append(text.substr(0, base::Utf8PrefixWithin(text, room)));
  out += "…";
  return false;
}

std::string ClipText(std::string_view text, size_t max_bytes) {
  std::string out;
  AppendClipped(out, text, max_bytes);
  return out;
}

std::string RenderValueClipped(const Plan& plan, const value::Value& v, size_t max_bytes) {
  std::string out;
  RenderClippedInto(plan, v, max_bytes, out);
  return out;
}

namespace {

bool IsBinary(Op op) { return op >= Op::kAnd && op <= Op::kDiv; }

// The source operator of a binary node: Op::kAnd .. Op::kDiv run in ast::BinaryOp's order.
constexpr ast::BinaryOp SourceOp(Op op) {
  return static_cast<ast::BinaryOp>(static_cast<int>(op) - static_cast<int>(Op::kAnd));
}
static_assert(SourceOp(Op::kOr) == ast::BinaryOp::kOr && SourceOp(Op::kDiv) == ast::BinaryOp::kDiv);

std::string VarName(const Rule* rule, uint32_t var) {
  if (rule && var < rule->vars.size()) return rule->vars[var].name;
  return fmt::format("${}", var);
}

}  // namespace

namespace {

/// Binding strength for parentheses, as in the grammar (ast/operators.h).
int Precedence(const Node& n) {
  if (IsBinary(n.op)) return ast::LevelOf(SourceOp(n.op));
  switch (n.op) {
    case Op::kNot:
      return ast::kNot;
    case Op::kNeg:
      return ast::kNeg;
    case Op::kIn:
    case Op::kAny:
    case Op::kAll:
    case Op::kNoneOf:
    case Op::kPresent:
      return ast::kRel;
    case Op::kMapLookup:
      return ast::kPostfix;
    default:
      return ast::kPrimary;
  }
}

/// A constant as written in policy source: text quoted.
std::string Literal(const Plan& plan, const value::Value& v) {
  if (v.is<std::string>()) return fmt::format("\"{}\"", v.as<std::string>());
  if (v.is<value::List>()) {
    std::string out = "[";
    const auto& list = v.as<value::List>();
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      out += Literal(plan, list[i]);
    }
    return out + "]";
  }
  return RenderValue(plan, v);
}

void VarsUsed(const Plan& plan, NodeId id, std::vector<uint32_t>& out) {
  if (id == kNone) return;
  const Node& n = plan.nodes[id];
  if (n.op == Op::kField || n.op == Op::kVar) {
    if (std::find(out.begin(), out.end(), n.a) == out.end()) out.push_back(n.a);
    return;
  }
  if (n.op == Op::kList || (n.op >= Op::kCount && n.op <= Op::kLower)) {
    for (uint32_t i = 0; i < n.n; ++i) VarsUsed(plan, plan.args[n.aux + i], out);
    return;
  }
  if (n.op == Op::kConst || n.op == Op::kToday) return;
  VarsUsed(plan, n.a, out);
  if (n.op != Op::kInlined) VarsUsed(plan, n.b, out);
}

}  // namespace

std::string RenderExpr(const Plan& plan, const Rule* rule, NodeId id) {
  if (id == kNone || id >= plan.nodes.size()) return "?";
  const Node& n = plan.nodes[id];
  int prec = Precedence(n);
  auto sub = [&](NodeId c, bool right) {
    std::string s = RenderExpr(plan, rule, c);
    const Node& cn = plan.nodes[c];
    int cp = Precedence(cn);
    bool same_assoc = cn.op == n.op && (n.op == Op::kAnd || n.op == Op::kOr);
    bool parens = right ? (cp < prec || (cp == prec && !same_assoc)) : cp < prec;
    return parens ? "(" + s + ")" : s;
  };
  auto args = [&]() {
    std::string out;
    for (uint32_t i = 0; i < n.n; ++i) {
      if (i) out += ", ";
      out += RenderExpr(plan, rule, plan.args[n.aux + i]);
    }
    return out;
  };
  auto set_text = [&]() {
    switch (n.set) {
      case SetKind::kDynamic:
        return sub(n.b, true);
      case SetKind::kMember:
        return Literal(plan, plan.constants[n.aux]);
      case SetKind::kMemberSet:
        return Literal(plan, plan.member_sets[n.aux].source);
      case SetKind::kTextSet:
        return Literal(plan, plan.text_sets[n.aux].source);
    }
    return std::string("?");
  };
  switch (n.op) {
    case Op::kConst:
      return Literal(plan, plan.constants[n.aux]);
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
      return sub(n.a, false) + "[" + RenderExpr(plan, rule, n.b) + "]";
    case Op::kList:
      return "[" + args() + "]";
    case Op::kNot:
      return "not " + sub(n.a, true);
    case Op::kNeg:
      return "-" + sub(n.a, true);
    case Op::kIn:
      return sub(n.a, false) + (n.flag ? " not in " : " in ") + set_text();
    case Op::kAny:
    case Op::kAll:
    case Op::kNoneOf:
      return std::string(n.op == Op::kAny   ? "any "
                         : n.op == Op::kAll ? "all "
                                            : "none ") +
             sub(n.a, false) + " in " + set_text();
    case Op::kPresent:
      return sub(n.a, false) + (n.flag ? " is present" : " is absent");
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
    case Op::kInlined: {
      std::vector<uint32_t> vars;
      VarsUsed(plan, n.a, vars);
      std::string out = plan.names[n.aux] + "(";
      for (size_t i = 0; i < vars.size(); ++i) out += (i ? ", " : "") + VarName(rule, vars[i]);
      return out + ")";
    }
    default:
      return sub(n.a, false) + " " + std::string(ast::Spelling(SourceOp(n.op))) + " " +
             sub(n.b, true);
  }
}

}  // namespace treaty::plan
