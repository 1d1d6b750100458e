// Pass (per clause): rules. Declared variables come from bindings; require, exclusive and
// limit sum range over the one kind their expressions use (RuleScope::implicit).
#include "check/rules.h"

#include <cmath>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/text.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

void BindVariables(Context& ctx, const std::vector<ast::Binding>& bindings, RuleScope& scope) {
  for (const auto& b : bindings) {
    const ast::Name& name = b.alias ? *b.alias : b.kind;
    for (const auto& v : scope.vars) {
      if (v.name == name.text) {
        ctx.Report(MakeDiagnostic(DiagCode::T0213, name.span, name.text)
                       .WithLabel("bound again here")
                       .WithHelp(fmt::format("name each binding, as in `{} as a, {} as b`",
                                             b.kind.text, b.kind.text))
                       .WithNote(v.span, "first bound here"));
      }
    }
    KindId kind = ctx.out.FindKind(b.kind.text);
    if (kind == kNoId) {
      if (!ctx.symbols.IsBroken(b.kind.text)) {
        std::vector<std::string_view> kinds;
        for (const auto& k : ctx.out.kinds) kinds.push_back(k.name);
        std::string help = base::DidYouMean(b.kind.text, kinds);
        if (help.empty()) {
          std::vector<std::string> names(kinds.begin(), kinds.end());
          help = kinds.empty() ? "declare it with `kind NAME { … }`"
                               : fmt::format("the kinds are {}", base::TickedList(names, "and"));
        }
        ctx.Report(MakeDiagnostic(DiagCode::T0204, b.kind.span, b.kind.text)
                       .WithLabel("not a kind")
                       .WithHelp(help));
      }
      scope.broken_vars.push_back(name.text);
      continue;
    }
    scope.vars.push_back(Variable{name.text, kind, name.span});
  }
}

// The FieldRef of `e`, or null.
const FieldRef* AsField(const Expr& e) { return std::get_if<FieldRef>(&e.node); }

std::string FieldName(const Context& ctx, const RuleScope& scope, const FieldRef& f) {
  return ctx.out.kinds[scope.vars[f.var].kind].fields[f.slot].name;
}
std::string KindName(const Context& ctx, const RuleScope& scope, const FieldRef& f) {
  return ctx.out.kinds[scope.vars[f.var].kind].name;
}

void CheckExclusive(Context& ctx, const ast::ExclusiveRule& ex, RuleScope& scope,
                    ExprChecker& checker, Rule& out) {
  ExprPtr target = checker.Check(*ex.target);
  if (target->type.is_error()) {
    checker.CheckQuietly(*ex.value);  // still report what is wrong in the value itself
    return;
  }
  const FieldRef* field = AsField(*target);
  if (field == nullptr) {
    ctx.Report(
        MakeDiagnostic(DiagCode::T0303, ex.target->span, "a field", TypeName(ctx.out, target->type))
            .WithLabel("`exclusive` grants a field to a value")
            .WithHelp("write the field of a kind, as in `exclusive deployment.cloud to "
                      "Azure`"));
    return;
  }
  const Type& ft = target->type;
  const bool member = ft.base == BaseType::kMember, text = ft.base == BaseType::kText;
  if (ft.shape != Shape::kScalar || !(member || text)) {
    ctx.Report(MakeDiagnostic(DiagCode::T0311, ex.target->span, FieldName(ctx, scope, *field),
                              KindName(ctx, scope, *field), "single-valued taxonomy or text field")
                   .WithLabel(fmt::format("this is {}", TypeName(ctx.out, ft)))
                   .WithHelp("`exclusive` applies to a single-valued taxonomy or text field"));
    return;
  }
  ExprPtr value = checker.Check(*ex.value, &ft);
  if (value->type.is_error()) return;
  if (Type s = value->type; s.base != ft.base || s.ref != ft.ref || s.shape == Shape::kMap) {
    ctx.Report(
        MakeDiagnostic(DiagCode::T0303, ex.value->span,
                       fmt::format("{} or a list of them", TypeName(ctx.out, ft)),
                       TypeName(ctx.out, s))
            .WithLabel(fmt::format("`{}` is {}", ctx.Text(ex.target->span), TypeName(ctx.out, ft)))
            .WithHelp("grant the field to a value of its own type"));
    return;
  }
  auto granted = ConstantValue(*value);
  if (!granted) {
    ctx.Report(MakeDiagnostic(DiagCode::T0303, ex.value->span, "a constant",
                              TypeName(ctx.out, value->type))
                   .WithLabel("this depends on the fact")
                   .WithHelp("grant the field to a member, a list or a `define` constant"));
    return;
  }
  out.exclusive_slot = field->slot;
  out.exclusive_to = std::move(*granted);
  const base::Span span = base::Join(ex.target->span, ex.value->span);
  auto req = std::make_unique<Expr>();
  req->type = Type{BaseType::kBool, Shape::kScalar, kNoId};
  req->span = span;
  if (value->type.shape == Shape::kScalar && text) {
    req->node = Binary{BinaryOp::kEq, Clone(*target), std::move(value)};
  } else {
    req->node = Membership{Clone(*target), std::move(value), false};
  }
  out.requirement = std::move(req);
}

// A count caps a number of facts (whole); a sum caps an amount (any non-negative number).
double CheckCap(Context& ctx, const ast::Expr& cap, bool sum) {
  if (const auto* n = std::get_if<ast::NumberLit>(&cap.node)) {
    if (n->value >= 0 && (sum || std::floor(n->value) == n->value)) return n->value;
  }
  std::string written(ctx.Text(cap.span));
  ctx.Report(MakeDiagnostic(DiagCode::T0314, cap.span, written)
                 .WithLabel(sum ? "not a non-negative number" : "not a whole number")
                 .WithHelp(sum ? "write the largest total allowed, as in `to 4.5`"
                               : "write how many facts are allowed, as in `to 2 per quarter`"));
  return 0;
}

void CheckPeriod(Context& ctx, const ast::Period& per, Rule& out) {
  switch (per.unit) {
    case ast::PeriodUnit::kDay:
      out.period = PeriodUnit::kDay;
      return;
    case ast::PeriodUnit::kWeek:
      out.period = PeriodUnit::kWeek;
      return;
    case ast::PeriodUnit::kMonth:
      out.period = PeriodUnit::kMonth;
      return;
    case ast::PeriodUnit::kQuarter:
      out.period = PeriodUnit::kQuarter;
      return;
    case ast::PeriodUnit::kYear:
      out.period = PeriodUnit::kYear;
      return;
    case ast::PeriodUnit::kRolling:
      break;
  }
  const auto& r = per.rolling;
  const bool days =
      r && (r->unit == ast::DurationUnit::kDay || r->unit == ast::DurationUnit::kWeek);
  if (!r || !days || r->amount <= 0) {
    std::string written(ctx.Text(per.span));
    ctx.Report(MakeDiagnostic(DiagCode::T0313, per.span, written)
                   .WithLabel(r && r->amount <= 0 ? "a rolling window must last at least a day"
                                                  : "a rolling window is counted in days or weeks")
                   .WithHelp("write `per 90 days` or `per 2 weeks`, or a calendar period: `per "
                             "month`, `per quarter`, `per year`"));
    return;
  }
  out.period = PeriodUnit::kRolling;
  out.rolling_days = r->unit == ast::DurationUnit::kWeek ? 7 * r->amount : r->amount;
}

ExprPtr CheckGroupBy(Context& ctx, const ast::Expr& by, ExprChecker& checker) {
  ExprPtr g = checker.Check(by);
  if (g->type.is_error()) return nullptr;
  if (AsField(*g) == nullptr || g->type.shape != Shape::kScalar) {
    ctx.Report(MakeDiagnostic(DiagCode::T0303, by.span, "a single-valued field",
                              TypeName(ctx.out, g->type))
                   .WithLabel("`by` groups the facts by this")
                   .WithHelp("group by a field of a bound variable, as in `by deal.type`"));
    return nullptr;
  }
  return g;
}

}  // namespace

Rule CheckRule(Context& ctx, const ast::Rule& rule, RuleScope& scope) {
  Rule out;
  out.span = rule.span;
  ExprChecker checker(ctx, scope);
  const size_t errors_before = ctx.diags.error_count();
  const ast::Expr* uses_kind = nullptr;  // for T0309: the expression that should name a kind
  if (const auto* f = std::get_if<ast::ForbidRule>(&rule.body)) {
    out.kind = RuleKind::kForbid;
    BindVariables(ctx, f->bindings, scope);
  } else if (const auto* p = std::get_if<ast::PermitRule>(&rule.body)) {
    out.kind = RuleKind::kPermit;
    BindVariables(ctx, p->bindings, scope);
  } else if (const auto* r = std::get_if<ast::RequireRule>(&rule.body)) {
    out.kind = RuleKind::kRequire;
    scope.implicit = true;
    out.requirement = checker.CheckBool(*r->requirement, "a requirement");
    uses_kind = r->requirement.get();
  } else if (const auto* ex = std::get_if<ast::ExclusiveRule>(&rule.body)) {
    out.kind = RuleKind::kExclusive;
    scope.implicit = true;
    CheckExclusive(ctx, *ex, scope, checker, out);
    uses_kind = ex->target.get();
  } else if (const auto* l = std::get_if<ast::LimitRule>(&rule.body)) {
    out.kind = RuleKind::kLimit;
    out.limit_sum = l->sum;
    if (l->sum) {
      scope.implicit = true;
      if (l->summed) {
        uses_kind = l->summed.get();
        ExprPtr s = checker.Check(*l->summed);
        if (!s->type.is_error()) {
          const FieldRef* summed = AsField(*s);
          if (summed == nullptr) {
            ctx.Report(MakeDiagnostic(DiagCode::T0303, l->summed->span, "a number field",
                                      TypeName(ctx.out, s->type))
                           .WithLabel("`limit sum` adds up this")
                           .WithHelp("sum a number field, as in `limit sum deal.amount`"));
          } else if (!(s->type.base == BaseType::kNumber && s->type.shape == Shape::kScalar)) {
            ctx.Report(MakeDiagnostic(DiagCode::T0311, l->summed->span,
                                      FieldName(ctx, scope, *summed), KindName(ctx, scope, *summed),
                                      "number")
                           .WithLabel(fmt::format("this is {}", TypeName(ctx.out, s->type)))
                           .WithHelp("`limit sum` adds up a number field"));
          } else {
            out.summed = std::move(s);
          }
        }
      }
    } else {
      BindVariables(ctx, l->bindings, scope);
    }
  } else if (const auto* e = std::get_if<ast::ExistsRule>(&rule.body)) {
    out.kind = RuleKind::kExists;
    BindVariables(ctx, e->bindings, scope);
    if (auto due = CheckDate(ctx, e->due.date, e->due.span)) out.due = *due;
  }
  if (rule.scope.when) out.when = checker.CheckBool(*rule.scope.when, "the `when` condition");
  if (rule.scope.unless) {
    if (out.kind == RuleKind::kExists) {
      ctx.Report(MakeDiagnostic(DiagCode::T0408, rule.scope.unless->span, "unless",
                                "a `require exists` rule")
                     .WithLabel("not allowed here")
                     .WithHelp("fold the exception into `when … and not (…)`"));
    } else {
      out.unless = checker.CheckBool(*rule.scope.unless, "the `unless` condition");
    }
  }
  if (const auto* l = std::get_if<ast::LimitRule>(&rule.body)) {
    if (l->cap) out.cap = CheckCap(ctx, *l->cap, l->sum);
    if (l->per) CheckPeriod(ctx, *l->per, out);
    if (l->group_by) out.group_by = CheckGroupBy(ctx, *l->group_by, checker);
  }
  if (scope.implicit && scope.vars.empty() && uses_kind != nullptr &&
      ctx.diags.error_count() == errors_before) {
    ctx.Report(MakeDiagnostic(DiagCode::T0309, uses_kind->span)
                   .WithLabel("no kind is used here")
                   .WithHelp("refer to the facts through their kind, as in "
                             "`require deployment.start >= 2026-01-01`"));
  }
  for (const auto& v : scope.vars) out.vars.push_back(v);
  return out;
}

}  // namespace treaty::check
