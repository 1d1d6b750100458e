#include "check/expr_checker.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/text.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

constexpr uint32_t kErrorVar = kNoId - 1;

bool IsScalar(const Type& t, BaseType b) { return t.base == b && t.shape == Shape::kScalar; }
bool IsBool(const Type& t) { return IsScalar(t, BaseType::kBool); }
Type Scalar(Type t) {
  t.shape = Shape::kScalar;
  return t;
}
Type Of(BaseType b, Shape s = Shape::kScalar, uint32_t ref = kNoId) { return Type{b, s, ref}; }

struct BuiltinInfo {
  std::string_view name;
  Builtin fn;
};
constexpr BuiltinInfo kBuiltins[] = {
    {"count", Builtin::kCount},
    {"overlaps", Builtin::kOverlaps},
    {"starts_with", Builtin::kStartsWith},
    {"ends_with", Builtin::kEndsWith},
    {"contains", Builtin::kContains},
    {"lower", Builtin::kLower},
};

}  // namespace

// ---------------------------------------------------------------- helpers

ExprPtr ExprChecker::Make(Expr::Node node, Type type, const base::Span& span) const {
  auto e = std::make_unique<Expr>();
  e->node = std::move(node);
  e->type = type;
  e->span = span;
  return e;
}

ExprPtr ExprChecker::Error(const base::Span& span) const { return Make(Const{}, Type{}, span); }

bool ExprChecker::IsVariableName(const std::string& name) const {
  if (InDefinition()) {
    const auto& params = frames_.back().def->ast->params;
    if (!params) return false;
    return std::any_of(params->begin(), params->end(),
                       [&](const ast::Param& p) { return p.name.text == name; });
  }
  for (const auto& v : scope_.vars) {
    if (v.name == name) return true;
  }
  for (const auto& b : scope_.broken_vars) {
    if (b == name) return true;
  }
  return scope_.implicit && ctx_.out.FindKind(name) != kNoId;
}

uint32_t ExprChecker::FindVariable(const std::string& name, const base::Span& span) {
  if (InDefinition()) {
    const Frame& f = frames_.back();
    const auto& params = f.def->ast->params;
    if (!params) return kNoId;
    for (size_t i = 0; i < params->size(); ++i) {
      if ((*params)[i].name.text == name) return f.param_vars[i];
    }
    return kNoId;
  }
  for (uint32_t i = 0; i < scope_.vars.size(); ++i) {
    if (scope_.vars[i].name == name) return i;
  }
  for (const auto& b : scope_.broken_vars) {
    if (b == name) return kErrorVar;
  }
  if (!scope_.implicit) return kNoId;
  KindId kind = ctx_.out.FindKind(name);
  if (kind == kNoId) return kNoId;
  if (scope_.vars.empty()) {
    scope_.vars.push_back(Variable{name, kind, span});
    return 0;
  }
  if (!scope_.reported_two_kinds) {
    scope_.reported_two_kinds = true;
    const Variable& first = scope_.vars[0];
    ctx_.Report(
        MakeDiagnostic(DiagCode::T0308, span, first.name, name)
            .WithLabel(fmt::format("`{}` used here", name))
            .WithHelp(fmt::format("this kind of rule ranges over one kind; to relate two kinds, "
                                  "bind both: `forbid {} as a, {} as b when …`",
                                  first.name, name))
            .WithNote(first.span, fmt::format("`{}` is used here", first.name)));
  }
  return kErrorVar;
}

bool ExprChecker::IsContextual(const ast::Expr& e) const {
  if (const auto* n = std::get_if<ast::NameRef>(&e.node)) {
    if (IsVariableName(n->name)) return false;
    if (const DefInfo* d = ctx_.FindDef(n->name)) return !d->ast->params.has_value();
    if (ctx_.out.FindTaxonomy(n->name) != kNoId) return false;
    return ctx_.members_by_name.count(n->name) > 0;
  }
  if (const auto* l = std::get_if<ast::ListLit>(&e.node)) {
    if (l->items.empty()) return true;
    return std::any_of(l->items.begin(), l->items.end(),
                       [&](const ast::ExprPtr& i) { return IsContextual(*i); });
  }
  return false;
}

std::vector<std::string_view> ExprChecker::VisibleNames() const {
  std::vector<std::string_view> out;
  if (InDefinition()) {
    const auto& params = frames_.back().def->ast->params;
    if (params) {
      for (const auto& p : *params) out.push_back(p.name.text);
    }
  } else {
    for (const auto& v : scope_.vars) out.push_back(v.name);
    if (scope_.implicit) {
      for (const auto& k : ctx_.out.kinds) out.push_back(k.name);
    }
  }
  for (const auto& d : ctx_.defs) out.push_back(d.ast->name.text);
  for (const auto& t : ctx_.out.taxonomies) out.push_back(t.name);
  for (const auto& [name, members] : ctx_.members_by_name) out.push_back(name);
  std::sort(out.begin(), out.end());  // deterministic ties
  return out;
}

// ---------------------------------------------------------------- entry points

ExprPtr ExprChecker::CheckBool(const ast::Expr& e, std::string_view what) {
  ExprPtr x = Check(e);
  if (x->type.is_error() || IsBool(x->type)) return x;
  std::string help = "write a condition, such as a comparison `a == b` or a membership `a in S`";
  const std::string text(ctx_.Text(e.span));
  const Type& t = x->type;
  if (t.shape == Shape::kScalar && t.base == BaseType::kMember) {
    help = fmt::format("compare it with a member, as in `{} == …` or `{} in …`", text, text);
  } else if (t.shape == Shape::kScalar &&
             (t.base == BaseType::kNumber || t.base == BaseType::kDuration)) {
    help = fmt::format("compare it, as in `{} > 0`", text);
  } else if (t.shape == Shape::kScalar && t.base == BaseType::kDate) {
    help = fmt::format("compare it, as in `{} >= 2026-01-01`", text);
  } else if (t.shape == Shape::kScalar && t.base == BaseType::kText) {
    help = fmt::format("compare it, as in `{} == \"…\"`", text);
  } else if (t.shape == Shape::kList) {
    help = fmt::format("test its elements, as in `any {} in …`, or its size, `count({}) > 0`", text,
                       text);
  }
  ctx_.Report(MakeDiagnostic(DiagCode::T0303, e.span, "bool", TypeStr(t))
                  .WithLabel(fmt::format("{} must be true or false", what))
                  .WithHelp(help));
  return Error(e.span);
}

ExprPtr ExprChecker::CheckQuietly(const ast::Expr& e, const Type* expected) {
  ++quiet_;
  ExprPtr x = Check(e, expected);
  --quiet_;
  return x;
}

ExprPtr ExprChecker::CheckDefinitionBody(const DefInfo& def) {
  std::vector<uint32_t> param_vars;
  if (def.ast->params) {
    for (size_t i = 0; i < def.ast->params->size(); ++i) {
      const auto& p = (*def.ast->params)[i];
      if (def.param_kinds[i] == kNoId) {
        param_vars.push_back(kErrorVar);
        continue;
      }
      param_vars.push_back(static_cast<uint32_t>(scope_.vars.size()));
      scope_.vars.push_back(Variable{p.name.text, def.param_kinds[i], p.name.span});
    }
  }
  frames_.push_back(Frame{&def, std::move(param_vars), def.ast->name.span, Type{}, true});
  ExprPtr body = Check(*def.ast->body);
  frames_.pop_back();
  return body;
}

ExprPtr ExprChecker::Check(const ast::Expr& e, const Type* expected) {
  const base::Span& span = e.span;
  if (const auto* n = std::get_if<ast::NumberLit>(&e.node)) {
    return Make(Const{value::Value{n->value}}, Of(BaseType::kNumber), span);
  }
  if (const auto* s = std::get_if<ast::StringLit>(&e.node)) {
    return Make(Const{value::Value{s->value}}, Of(BaseType::kText), span);
  }
  if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) {
    return Make(Const{value::Value{b->value}}, Of(BaseType::kBool), span);
  }
  if (const auto* d = std::get_if<ast::DateLit>(&e.node)) {
    auto date = CheckDate(ctx_, d->date, span);
    if (!date) return Error(span);
    return Make(Const{value::Value{*date}}, Of(BaseType::kDate), span);
  }
  if (const auto* d = std::get_if<ast::DurationLit>(&e.node)) {
    value::Duration dur;
    switch (d->unit) {
      case ast::DurationUnit::kDay:
        dur.days = d->amount;
        break;
      case ast::DurationUnit::kWeek:
        dur.days = 7 * d->amount;
        break;
      case ast::DurationUnit::kMonth:
        dur.months = d->amount;
        break;
      case ast::DurationUnit::kYear:
        dur.months = 12 * d->amount;
        break;
    }
    if (!value::FitsCalendar(dur)) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0316, span, ctx_.Text(span))
                      .WithLabel("moves any date out of the calendar")
                      .WithHelp("a duration is at most 9999 years (3,652,059 days)"));
      return Error(span);
    }
    return Make(Const{value::Value{dur}}, Of(BaseType::kDuration), span);
  }
  if (std::holds_alternative<ast::TodayLit>(e.node)) {
    return Make(Today{}, Of(BaseType::kDate), span);
  }
  if (const auto* n = std::get_if<ast::NameRef>(&e.node)) return CheckName(n->name, span, expected);
  if (const auto* f = std::get_if<ast::FieldAccess>(&e.node)) return CheckField(*f, span);
  if (const auto* ix = std::get_if<ast::Index>(&e.node)) return CheckIndex(*ix, span);
  if (const auto* c = std::get_if<ast::Call>(&e.node)) return CheckCall(*c, span);
  if (const auto* l = std::get_if<ast::ListLit>(&e.node)) return CheckList(*l, span, expected);
  if (std::holds_alternative<ast::MapLit>(e.node)) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0306, span, "{ … }", "an expression")
                    .WithLabel("a map literal")
                    .WithHelp("map literals are written only in the `given` facts of a test"));
    return Error(span);
  }
  if (const auto* u = std::get_if<ast::Unary>(&e.node)) return CheckUnary(*u, span);
  if (const auto* b = std::get_if<ast::Binary>(&e.node)) return CheckBinary(*b, span);
  if (const auto* m = std::get_if<ast::Membership>(&e.node)) return CheckMembership(*m, span);
  if (const auto* q = std::get_if<ast::Quantified>(&e.node)) return CheckQuantified(*q, span);
  if (const auto* p = std::get_if<ast::Presence>(&e.node)) return CheckPresence(*p, span);
  return Error(span);
}

// ---------------------------------------------------------------- names

ExprPtr ExprChecker::CheckName(const std::string& name, const base::Span& span,
                               const Type* expected) {
  uint32_t var = FindVariable(name, span);
  if (var == kErrorVar) return Error(span);
  if (var != kNoId) {
    return Make(VarRef{var}, Of(BaseType::kFact, Shape::kScalar, scope_.vars[var].kind), span);
  }
  if (const DefInfo* def = ctx_.FindDef(name)) {
    if (def->ast->params) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0304, span, name, def->ast->params->size(), 0)
                      .WithLabel("a predicate, used without arguments")
                      .WithHelp(fmt::format("call it with fact variables, as in `{}(…)`", name))
                      .WithNote(def->ast->name.span, "defined here"));
      return Error(span);
    }
    return Inline(*def, span, expected);
  }
  if (TaxonomyId tax = ctx_.out.FindTaxonomy(name); tax != kNoId) {
    return Make(Const{value::Value{value::Member{tax, 0}}},
                Of(BaseType::kMember, Shape::kScalar, tax), span);
  }
  return ResolveMember(name, span, expected);
}

void ExprChecker::ReportUnknownName(const std::string& name, const base::Span& span) {
  const Symbol* sym = ctx_.symbols.Find(name);
  std::string help;
  if (sym != nullptr && sym->kind == SymbolKind::kKind) {
    if (InDefinition()) {
      help = fmt::format("a definition sees only its parameters; add one: `({}: {})`",
                         std::string(1, name[0]), name);
    } else {
      KindId kind = ctx_.out.FindKind(name);
      auto bound = std::find_if(scope_.vars.begin(), scope_.vars.end(),
                                [&](const Variable& v) { return v.kind == kind; });
      help = bound != scope_.vars.end()
                 ? fmt::format("the `{}` fact is bound as `{}` in this rule", name, bound->name)
                 : fmt::format(
                       "`{}` is a kind that this rule does not bind; bind it, as in "
                       "`forbid {} when …`",
                       name, name);
    }
  } else if (sym != nullptr && sym->kind == SymbolKind::kAgreement) {
    help = fmt::format("`{}` is an agreement, not a value", name);
  } else {
    help = base::DidYouMean(name, VisibleNames());
  }
  auto d = MakeDiagnostic(DiagCode::T0202, span, name).WithLabel("not found in this scope");
  if (!help.empty()) d.help = help;
  ctx_.Report(std::move(d));
}

void ExprChecker::ReportWrongTaxonomy(const std::string& name, const base::Span& span,
                                      TaxonomyId expected,
                                      const std::vector<value::Member>& candidates) {
  const Taxonomy& tax = ctx_.out.taxonomies[expected];
  std::vector<std::string> homes;
  for (const auto& c : candidates) homes.push_back(ctx_.out.taxonomies[c.taxonomy].name);
  std::vector<std::string_view> members;
  for (size_t i = 1; i < tax.members.size(); ++i) members.push_back(tax.members[i].name);
  std::string help = base::DidYouMean(name, members);
  std::string home = fmt::format("`{}` is a member of {}", name, base::TickedList(homes, "and"));
  help = help.empty() ? fmt::format("{}, not of `{}`", home, tax.name)
                      : fmt::format("{}; {}", home, help);
  // Inside a constant, the name is fine in itself: only this use makes it wrong (T0214).
  const Frame* constant = nullptr;
  for (const auto& f : frames_) {
    if (!f.def->ast->params) {
      constant = &f;
      break;
    }
  }
  if (constant != nullptr) {
    ctx_.Report(
        MakeDiagnostic(DiagCode::T0214, span, name)
            .WithLabel(fmt::format("not a member of `{}`", tax.name))
            .WithHelp(help)
            .WithNote(constant->use, fmt::format("`{}` is used here, where {} is expected",
                                                 constant->def->ast->name.text,
                                                 constant->expected.base == BaseType::kMember
                                                     ? fmt::format("a member of `{}`", tax.name)
                                                     : TypeStr(constant->expected))));
    return;
  }
  ctx_.Report(MakeDiagnostic(DiagCode::T0206, span, name, tax.name)
                  .WithLabel(fmt::format("expected a member of `{}`", tax.name))
                  .WithHelp(help));
}

ExprPtr ExprChecker::ResolveMember(const std::string& name, const base::Span& span,
                                   const Type* expected) {
  auto it = ctx_.members_by_name.find(name);
  if (it == ctx_.members_by_name.end()) {
    if (!ctx_.symbols.IsBroken(name)) ReportUnknownName(name, span);
    return Error(span);
  }
  const auto& candidates = it->second;
  auto make = [&](const value::Member& m) {
    return Make(Const{value::Value{m}}, Of(BaseType::kMember, Shape::kScalar, m.taxonomy), span);
  };
  if (expected != nullptr && expected->base == BaseType::kMember) {
    for (const auto& c : candidates) {
      if (c.taxonomy == expected->ref) return make(c);
    }
    if (quiet_ == 0) ReportWrongTaxonomy(name, span, expected->ref, candidates);
    return Error(span);
  }
  if (candidates.size() == 1) return make(candidates[0]);
  if (lenient_ || quiet_ > 0) return Error(span);
  std::vector<std::string> homes, qualified;
  for (const auto& c : candidates) {
    homes.push_back(ctx_.out.taxonomies[c.taxonomy].name);
    qualified.push_back(fmt::format("{}.{}", ctx_.out.taxonomies[c.taxonomy].name, name));
  }
  const std::string help = "write " + base::TickedList(qualified, "or");
  auto d = MakeDiagnostic(DiagCode::T0207, span, name, base::TickedList(homes, "and"))
               .WithLabel("nothing here says which taxonomy is meant")
               .WithHelp(help);
  if (const Frame* use = OuterUse()) {
    d.notes.push_back({use->use, fmt::format("`{}` is used here", use->def->ast->name.text)});
  }
  ctx_.Report(std::move(d));
  return Error(span);
}

ExprPtr ExprChecker::Inline(const DefInfo& def, const base::Span& use, const Type* expected) {
  if (def.cyclic) return Error(use);
  for (const auto& f : frames_) {
    if (f.def == &def) return Error(use);  // a cycle, reported by CheckDefinitions
  }
  MarkUsed(def);
  const Type want = expected ? *expected : Type{};
  if (def.checked && def.fits_any_use) {
    const Type& t = def.once.body->type;
    bool fits = want.is_error() || want.base != BaseType::kMember ||
                (t.base == BaseType::kMember && t.ref == want.ref);
    if (fits) return Instantiate(def, def.once, nullptr, use);
  }
  const bool quiet = quiet_ > 0;
  const bool muted = ctx_.muted > 0;
  for (const auto& at : def.at_use) {
    if (at.expected == want && at.quiet == quiet && at.lenient == lenient_ && at.muted == muted) {
      return Instantiate(def, at.checked, nullptr, use);
    }
  }
  if (frames_.size() >= kMaxUseNesting) {
    std::string chain;
    for (size_t i = frames_.size() - std::min<size_t>(frames_.size(), 4); i < frames_.size(); ++i) {
      chain += fmt::format("`{}` -> ", frames_[i].def->ast->name.text);
    }
    ctx_.Report(MakeDiagnostic(DiagCode::T0216, use, def.ast->name.text, kMaxUseNesting)
                    .WithLabel(fmt::format("… {}`{}`", chain, def.ast->name.text))
                    .WithHelp("a constant whose members only its use can resolve is checked at "
                              "each use; qualify the members (`taxonomy.member`) so that it is "
                              "checked once"));
    return Error(use);
  }
  frames_.push_back(Frame{&def, {}, use, want, false});
  ExprPtr body = Check(*def.ast->body, expected);
  frames_.pop_back();
  CheckedBody checked;
  if (!body->type.is_error()) checked = Measure(std::move(body));
  if (checked.depth > kMaxBodyDepth) {
    auto d = MakeDiagnostic(DiagCode::T0216, use, def.ast->name.text, kMaxBodyDepth)
                 .WithLabel(fmt::format("its body is {} levels deep here", checked.depth))
                 .WithHelp(kTooDeepHelp);
    NoteWhereItGrows(ctx_, def, Growth::kDepth, d);
    ctx_.Report(std::move(d));
    checked = CheckedBody{};
  }
  auto& memo = ctx_.defs[def.index].at_use;
  memo.push_back(DefInfo::AtUse{want, quiet, lenient_, muted, std::move(checked)});
  return Instantiate(def, memo.back().checked, nullptr, use);
}

ExprPtr ExprChecker::UsePredicate(const DefInfo& def, const std::vector<uint32_t>& param_vars,
                                  const base::Span& use) {
  if (def.cyclic || !def.checked) return Error(use);
  MarkUsed(def);
  return Instantiate(def, def.once, &param_vars, use);
}

std::string ExprChecker::Subject() const {
  if (!frames_.empty() && frames_.front().at_definition) {
    return fmt::format("`{}`", frames_.front().def->ast->name.text);
  }
  return "this expression";
}

const ExprChecker::Frame* ExprChecker::OuterUse() const {
  for (const auto& f : frames_) {
    if (!f.at_definition) return &f;
  }
  return nullptr;
}

ExprPtr ExprChecker::Instantiate(const DefInfo& def, const CheckedBody& checked,
                                 const std::vector<uint32_t>* param_vars, const base::Span& use) {
  if (!checked.body) return Error(use);
  if (inlined_here_ + checked.size > kMaxBodyNodes) {
    auto d = MakeDiagnostic(DiagCode::T0215, use, Subject(), kMaxBodyNodes);
    d.label = fmt::format("this use of `{}` copies {} more", def.ast->name.text, checked.size);
    d.help =
        "each use of a definition copies its body, so a definition that uses another twice "
        "doubles at each level; state the condition once, or split it across rules";
    NoteWhereItGrows(ctx_, def, Growth::kSize, d);
    ctx_.Report(std::move(d));
    return Error(use);
  }
  if (ctx_.inlined_nodes + checked.size > kMaxInlinedNodes) {
    if (!ctx_.reported_inlining_budget) {
      ctx_.reported_inlining_budget = true;
      auto d = MakeDiagnostic(DiagCode::T0215, use, Subject(), kMaxInlinedNodes);
      d.message = fmt::format(
          "the portfolio's definitions expand to more than {} expression "
          "nodes",
          kMaxInlinedNodes);
      d.label = fmt::format("this use of `{}` goes past the limit", def.ast->name.text);
      d.help = "each use of a definition copies its body; use large definitions in fewer places";
      NoteWhereItGrows(ctx_, def, Growth::kSize, d);
      ctx_.Report(std::move(d));
    }
    return Error(use);
  }
  inlined_here_ += checked.size;
  ctx_.inlined_nodes += checked.size;
  ExprPtr copy = Clone(*checked.body, param_vars);
  if (auto* inner = std::get_if<Inlined>(&copy->node)) {
    ExprPtr body = std::move(inner->body);  // `define b(x) = a(x)`: one level, named `b`
    copy = std::move(body);
  }
  Type t = copy->type;
  return Make(Inlined{def.ast->name.text, std::move(copy)}, t, use);
}

void ExprChecker::MarkUsed(const DefInfo& def) {
  if (!mark_used_) return;
  std::vector<uint32_t> work{def.index};
  while (!work.empty()) {
    uint32_t i = work.back();
    work.pop_back();
    if (ctx_.out.definitions[i].used) continue;
    ctx_.out.definitions[i].used = true;
    for (const auto& r : ctx_.defs[i].refs) work.push_back(r.def);
  }
}

// ---------------------------------------------------------------- fields, maps, calls

ExprPtr ExprChecker::CheckField(const ast::FieldAccess& f, const base::Span& span) {
  if (const auto* n = std::get_if<ast::NameRef>(&f.base->node)) {
    TaxonomyId tax = ctx_.out.FindTaxonomy(n->name);
    if (tax != kNoId && !IsVariableName(n->name)) {  // `taxonomy.member`
      const Taxonomy& t = ctx_.out.taxonomies[tax];
      MemberId m = t.Find(f.field.text);
      if (m == kNoId) {
        std::vector<std::string_view> members;
        for (size_t i = 1; i < t.members.size(); ++i) members.push_back(t.members[i].name);
        std::string help = base::DidYouMean(f.field.text, members);
        auto it = ctx_.members_by_name.find(f.field.text);
        if (help.empty() && it != ctx_.members_by_name.end()) {
          std::vector<std::string> homes;
          for (const auto& c : it->second) homes.push_back(ctx_.out.taxonomies[c.taxonomy].name);
          help =
              fmt::format("`{}` is a member of {}", f.field.text, base::TickedList(homes, "and"));
        }
        auto d = MakeDiagnostic(DiagCode::T0206, f.field.span, f.field.text, t.name)
                     .WithLabel(fmt::format("not in `{}`", t.name));
        if (!help.empty()) d.help = help;
        ctx_.Report(std::move(d));
        return Error(span);
      }
      return Make(Const{value::Value{value::Member{tax, m}}},
                  Of(BaseType::kMember, Shape::kScalar, tax), span);
    }
  }
  ExprPtr base = Check(*f.base);
  if (base->type.is_error()) return Error(span);
  const auto* var = std::get_if<VarRef>(&base->node);
  if (var == nullptr || base->type.base != BaseType::kFact) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0310, f.field.span, f.field.text)
                    .WithLabel(fmt::format("`{}` is {}, not a fact", ctx_.Text(f.base->span),
                                           TypeStr(base->type)))
                    .WithHelp("fields are read from fact variables, as in `deployment.cloud`"));
    return Error(span);
  }
  const Kind& kind = ctx_.out.kinds[base->type.ref];
  uint32_t slot = kind.FindField(f.field.text);
  if (slot == kNoId) {
    std::vector<std::string_view> fields;
    std::vector<std::string> quoted;
    for (const auto& fld : kind.fields) {
      fields.push_back(fld.name);
      quoted.push_back(fld.name);
    }
    std::string help = base::DidYouMean(f.field.text, fields);
    if (f.field.text == "id") {
      help = "a fact's `id` identifies it in findings and waivers; it cannot be used in a rule";
    } else if (help.empty()) {
      help = fmt::format("the fields of `{}` are {}", kind.name, base::TickedList(quoted, "and"));
    }
    ctx_.Report(MakeDiagnostic(DiagCode::T0203, f.field.span, kind.name, f.field.text)
                    .WithLabel("unknown field")
                    .WithHelp(help));
    return Error(span);
  }
  return Make(FieldRef{var->var, slot}, kind.fields[slot].type, span);
}

ExprPtr ExprChecker::CheckIndex(const ast::Index& ix, const base::Span& span) {
  ExprPtr base = Check(*ix.base);
  const Type text = Of(BaseType::kText);
  ExprPtr key = Check(*ix.key, &text);
  if (base->type.is_error() || key->type.is_error()) return Error(span);
  if (base->type.shape != Shape::kMap) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0303, ix.base->span, "a map", TypeStr(base->type))
                    .WithLabel("`[…]` looks up a key in this")
                    .WithHelp("only `map of T` fields can be indexed, as in "
                              "`deal.notices[\"Microsoft\"]`"));
    return Error(span);
  }
  if (!IsScalar(key->type, BaseType::kText)) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0303, ix.key->span, "text", TypeStr(key->type))
                    .WithLabel("map keys are text")
                    .WithHelp("write the key as a string, as in `[\"Microsoft\"]`"));
    return Error(span);
  }
  Type t = Scalar(base->type);
  return Make(MapLookup{std::move(base), std::move(key)}, t, span);
}

ExprPtr ExprChecker::CheckCall(const ast::Call& call, const base::Span& span) {
  const std::string& name = call.callee.text;
  const DefInfo* def = ctx_.FindDef(name);
  if (def == nullptr) {
    for (const auto& b : kBuiltins) {
      if (b.name == name) return CheckBuiltin(b.fn, call, span);
    }
    if (ctx_.symbols.IsBroken(name)) return Error(span);
    std::vector<std::string_view> candidates;
    for (const auto& b : kBuiltins) candidates.push_back(b.name);
    for (const auto& d : ctx_.defs) candidates.push_back(d.ast->name.text);
    auto closest = base::ClosestName(name, candidates);
    bool builtin = closest && std::any_of(std::begin(kBuiltins), std::end(kBuiltins),
                                          [&](const BuiltinInfo& b) { return b.name == *closest; });
    std::string help = closest ? fmt::format("did you mean `{}`?", *closest)
                               : fmt::format("define it, as in `define {}(d: KIND) = …`", name);
    ctx_.Report(MakeDiagnostic(builtin ? DiagCode::T0212 : DiagCode::T0208, call.callee.span, name)
                    .WithLabel("not defined")
                    .WithHelp(help));
    return Error(span);
  }
  if (!def->ast->params) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0304, call.callee.span, name, 0, call.args.size())
                    .WithLabel("a constant, called like a predicate")
                    .WithHelp(fmt::format("write `{}` without parentheses", name))
                    .WithNote(def->ast->name.span, "defined here"));
    return Error(span);
  }
  const auto& params = *def->ast->params;
  if (params.size() != call.args.size()) {
    ctx_.Report(
        MakeDiagnostic(DiagCode::T0304, call.callee.span, name, params.size(), call.args.size())
            .WithLabel(fmt::format("called with {} argument(s)", call.args.size()))
            .WithHelp(fmt::format("pass one fact variable for each parameter of `{}`",
                                  ctx_.Text(def->ast->name.span)))
            .WithNote(def->ast->name.span, "defined here"));
    return Error(span);
  }
  std::vector<uint32_t> param_vars;
  bool ok = true;
  for (size_t i = 0; i < params.size(); ++i) {
    ExprPtr arg = Check(*call.args[i]);
    if (arg->type.is_error() || def->param_kinds[i] == kNoId) {
      ok = false;
      continue;
    }
    const auto* var = std::get_if<VarRef>(&arg->node);
    if (var == nullptr || arg->type.ref != def->param_kinds[i]) {
      const std::string& kind = ctx_.out.kinds[def->param_kinds[i]].name;
      ctx_.Report(MakeDiagnostic(DiagCode::T0312, call.args[i]->span, name, kind,
                                 params[i].name.text, TypeStr(arg->type))
                      .WithLabel(fmt::format("expected a `{}` fact", kind))
                      .WithHelp(fmt::format("pass a variable bound to a `{}` fact", kind))
                      .WithNote(params[i].name.span, "parameter declared here"));
      ok = false;
      continue;
    }
    param_vars.push_back(var->var);
  }
  if (!ok) return Error(span);
  return UsePredicate(*def, param_vars, span);
}

ExprPtr ExprChecker::CheckBuiltin(Builtin fn, const ast::Call& call, const base::Span& span) {
  const std::string& name = call.callee.text;
  const size_t arity = fn == Builtin::kCount || fn == Builtin::kLower ? 1 : 2;
  if (call.args.size() != arity) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0304, call.callee.span, name, arity, call.args.size())
                    .WithLabel(fmt::format("called with {} argument(s)", call.args.size()))
                    .WithHelp(fn == Builtin::kCount      ? "write `count(list)`"
                              : fn == Builtin::kLower    ? "write `lower(text)`"
                              : fn == Builtin::kOverlaps ? "write `overlaps(a, b)` with two facts"
                                                         : "write `name(text, pattern)`"));
    return Error(span);
  }
  std::vector<ExprPtr> args;
  bool ok = true;
  for (const auto& a : call.args) {
    args.push_back(Check(*a));
    if (args.back()->type.is_error()) ok = false;
  }
  if (!ok) return Error(span);
  auto expect = [&](size_t i, bool good, std::string_view what, std::string_view help) {
    if (good) return true;
    ctx_.Report(MakeDiagnostic(DiagCode::T0303, call.args[i]->span, what, TypeStr(args[i]->type))
                    .WithLabel(fmt::format("argument of `{}`", name))
                    .WithHelp(std::string(help)));
    return false;
  };
  Type result = Of(BaseType::kBool);
  switch (fn) {
    case Builtin::kCount:
      ok = expect(0, args[0]->type.shape == Shape::kList, "a list",
                  "`count` counts the elements of a list, as in `count(deal.partners)`");
      result = Of(BaseType::kNumber);
      break;
    case Builtin::kLower:
      ok =
          expect(0, IsScalar(args[0]->type, BaseType::kText), "text", "`lower` lower-cases a text");
      result = Of(BaseType::kText);
      break;
    case Builtin::kStartsWith:
    case Builtin::kEndsWith:
    case Builtin::kContains:
      for (size_t i = 0; i < 2; ++i) {
        ok = expect(i, IsScalar(args[i]->type, BaseType::kText), "text",
                    "both arguments are texts, as in `starts_with(deployment.model, \"gpt-\")`") &&
             ok;
      }
      break;
    case Builtin::kOverlaps:
      for (size_t i = 0; i < 2; ++i) {
        const Type& t = args[i]->type;
        if (!expect(i, t.base == BaseType::kFact && std::holds_alternative<VarRef>(args[i]->node),
                    "a fact variable", "`overlaps(a, b)` compares the active spans of two facts")) {
          ok = false;
          continue;
        }
        const Kind& kind = ctx_.out.kinds[t.ref];
        if (kind.active_from == kNoId) {
          ctx_.Report(
              MakeDiagnostic(DiagCode::T0306, call.args[i]->span, ctx_.Text(call.args[i]->span),
                             "`overlaps`")
                  .WithLabel(fmt::format("kind `{}` has no active span", kind.name))
                  .WithHelp(fmt::format("declare `active from FIELD` in kind `{}`", kind.name)));
          ok = false;
        }
      }
      break;
  }
  if (!ok) return Error(span);
  return Make(BuiltinCall{fn, std::move(args)}, result, span);
}

ExprPtr ExprChecker::CheckList(const ast::ListLit& list, const base::Span& span,
                               const Type* expected) {
  const size_t n = list.items.size();
  std::vector<ExprPtr> items(n);
  Type element;
  bool have = false;
  if (expected != nullptr && !expected->is_error() && expected->base != BaseType::kFact) {
    element = Scalar(*expected);
    have = true;
  }
  if (!have) {
    // The plain items decide the element type; failing that, the one taxonomy all names share.
    for (size_t i = 0; i < n; ++i) {
      if (IsContextual(*list.items[i])) continue;
      items[i] = Check(*list.items[i]);
      if (!have && !items[i]->type.is_error()) {
        element = Scalar(items[i]->type);
        have = true;
      }
    }
    if (!have) {
      std::set<TaxonomyId> common;
      bool first = true;
      for (const auto& item : list.items) {
        const auto* nr = std::get_if<ast::NameRef>(&item->node);
        if (nr == nullptr) continue;
        auto it = ctx_.members_by_name.find(nr->name);
        if (it == ctx_.members_by_name.end()) continue;
        std::set<TaxonomyId> here;
        for (const auto& m : it->second) here.insert(m.taxonomy);
        if (first) {
          common = here;
          first = false;
        } else {
          std::set<TaxonomyId> both;
          std::set_intersection(common.begin(), common.end(), here.begin(), here.end(),
                                std::inserter(both, both.begin()));
          common = both;
        }
      }
      if (common.size() == 1) {
        element = Of(BaseType::kMember, Shape::kScalar, *common.begin());
        have = true;
      }
    }
  }
  // After the first failed element, the others are checked quietly: one report per list.
  bool failed = std::any_of(items.begin(), items.end(),
                            [](const ExprPtr& x) { return x && x->type.is_error(); });
  for (size_t i = 0; i < n; ++i) {
    if (items[i]) continue;
    const Type* want = have ? &element : nullptr;
    items[i] = failed ? CheckQuietly(*list.items[i], want) : Check(*list.items[i], want);
    failed = failed || items[i]->type.is_error();
  }
  // Unify: every element has the type of the first good one.
  Type unified;
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    const Type& t = items[i]->type;
    if (t.is_error()) {
      ok = false;
      continue;
    }
    if (t.shape != Shape::kScalar || t.base == BaseType::kFact) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0303, list.items[i]->span, "a single value", TypeStr(t))
                      .WithLabel("lists hold single values")
                      .WithHelp("write the elements one by one"));
      ok = false;
      continue;
    }
    if (unified.is_error()) {
      unified = t;
    } else if (t != unified) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0303, list.items[i]->span, TypeStr(unified), TypeStr(t))
                      .WithLabel(fmt::format("the list holds {}", TypeStr(unified)))
                      .WithHelp("all the elements of a list have one type"));
      ok = false;
    }
  }
  if (!ok) return Error(span);
  if (unified.is_error()) unified = have ? element : Of(BaseType::kText);
  Type type = unified;
  type.shape = Shape::kList;
  value::List folded;
  bool constant = true;
  for (const auto& item : items) {
    auto v = ConstantValue(*item);
    if (!v) {
      constant = false;
      break;
    }
    folded.push_back(std::move(*v));
  }
  if (constant) return Make(Const{value::Value{std::move(folded)}}, type, span);
  return Make(ListExpr{std::move(items)}, type, span);
}

// ---------------------------------------------------------------- operators

ExprPtr ExprChecker::CheckUnary(const ast::Unary& u, const base::Span& span) {
  if (u.op == ast::UnaryOp::kNot) {
    ExprPtr x = CheckBool(*u.operand, "the operand of `not`");
    if (x->type.is_error()) return Error(span);
    return Make(Unary{UnaryOp::kNot, std::move(x)}, Of(BaseType::kBool), span);
  }
  ExprPtr x = Check(*u.operand);
  if (x->type.is_error()) return Error(span);
  if (!IsScalar(x->type, BaseType::kNumber) && !IsScalar(x->type, BaseType::kDuration)) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0305, span, "-", TypeStr(x->type))
                    .WithLabel(fmt::format("this is {}", TypeStr(x->type)))
                    .WithHelp("only numbers and durations can be negated"));
    return Error(span);
  }
  Type t = x->type;
  return Make(Unary{UnaryOp::kNeg, std::move(x)}, t, span);
}

ExprPtr ExprChecker::CheckBinary(const ast::Binary& b, const base::Span& span) {
  switch (b.op) {
    case ast::BinaryOp::kAnd:
    case ast::BinaryOp::kOr: {
      const std::string what =
          fmt::format("each side of `{}`", ast::Spelling(b.op));  // "… must be"
      ExprPtr lhs = CheckBool(*b.lhs, what);
      ExprPtr rhs = CheckBool(*b.rhs, what);
      if (lhs->type.is_error() || rhs->type.is_error()) return Error(span);
      return Make(Binary{b.op, std::move(lhs), std::move(rhs)}, Of(BaseType::kBool), span);
    }
    case ast::BinaryOp::kEq:
    case ast::BinaryOp::kNe:
    case ast::BinaryOp::kLt:
    case ast::BinaryOp::kLe:
    case ast::BinaryOp::kGt:
    case ast::BinaryOp::kGe:
      return CheckComparison(b, span);
    case ast::BinaryOp::kAdd:
    case ast::BinaryOp::kSub:
    case ast::BinaryOp::kMul:
    case ast::BinaryOp::kDiv:
      return CheckArithmetic(b, span);
  }
  return Error(span);
}

ExprPtr ExprChecker::CheckComparison(const ast::Binary& b, const base::Span& span) {
  const bool equality = b.op == ast::BinaryOp::kEq || b.op == ast::BinaryOp::kNe;
  ExprPtr lhs, rhs;
  if (IsContextual(*b.lhs) && !IsContextual(*b.rhs)) {
    rhs = Check(*b.rhs);
    lhs = rhs->type.is_error() ? CheckQuietly(*b.lhs) : Check(*b.lhs, &rhs->type);
  } else {
    lhs = Check(*b.lhs);
    rhs = lhs->type.is_error() ? CheckQuietly(*b.rhs) : Check(*b.rhs, &lhs->type);
  }
  if (lhs->type.is_error() || rhs->type.is_error()) return Error(span);
  const Type& l = lhs->type;
  const Type& r = rhs->type;
  for (const auto* side : {&lhs, &rhs}) {
    if ((*side)->type.base == BaseType::kFact) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0305, (*side)->span, ast::Spelling(b.op),
                                 TypeStr((*side)->type))
                      .WithLabel("a whole fact")
                      .WithHelp("compare fields of the facts, as in `a.model == b.model`"));
      return Error(span);
    }
  }
  if (l != r) {
    std::string help =
        fmt::format("both sides of `{}` must have the same type", ast::Spelling(b.op));
    auto is = [](const Type& t, BaseType bt) { return IsScalar(t, bt); };
    if ((is(l, BaseType::kDate) && is(r, BaseType::kNumber)) ||
        (is(l, BaseType::kNumber) && is(r, BaseType::kDate))) {
      help = "write a date as `2026-01-01`, or compare with another date field";
    } else if ((is(l, BaseType::kDate) && is(r, BaseType::kDuration)) ||
               (is(l, BaseType::kDuration) && is(r, BaseType::kDate))) {
      help = "add the duration to a date, as in `deal.announce - 30 days`";
    } else if (l.base == r.base && l.ref == r.ref && l.shape != r.shape) {
      help = "to test whether a value is in a list, use `in`";
    } else if (l.base == BaseType::kMember && r.base == BaseType::kMember) {
      help = fmt::format("`{}` and `{}` are different taxonomies", TypeStr(Scalar(l)),
                         TypeStr(Scalar(r)));
    }
    ctx_.Report(
        MakeDiagnostic(DiagCode::T0302, span, TypeStr(l), TypeStr(r))
            .WithLabel(fmt::format("{} on the left, {} on the right", TypeStr(l), TypeStr(r)))
            .WithHelp(help));
    return Error(span);
  }
  if (!equality) {
    const bool ordered =
        l.shape == Shape::kScalar &&
        (l.base == BaseType::kNumber || l.base == BaseType::kDate || l.base == BaseType::kDuration);
    if (!ordered) {
      std::string help = "`<`, `<=`, `>` and `>=` compare numbers, dates and durations";
      if (IsScalar(l, BaseType::kText)) {
        help += "; compare texts with `==`, `starts_with`, `ends_with` or `contains`";
      }
      ctx_.Report(MakeDiagnostic(DiagCode::T0305, span, ast::Spelling(b.op), TypeStr(l))
                      .WithLabel(fmt::format("both sides are {}", TypeStr(l)))
                      .WithHelp(help));
      return Error(span);
    }
  } else if (l.shape == Shape::kMap) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0305, span, ast::Spelling(b.op), TypeStr(l))
                    .WithLabel("maps cannot be compared")
                    .WithHelp("compare one entry, as in `deal.notices[\"Microsoft\"]`"));
    return Error(span);
  }
  return Make(Binary{b.op, std::move(lhs), std::move(rhs)}, Of(BaseType::kBool), span);
}

ExprPtr ExprChecker::CheckArithmetic(const ast::Binary& b, const base::Span& span) {
  ExprPtr lhs = Check(*b.lhs);
  ExprPtr rhs = Check(*b.rhs);
  if (lhs->type.is_error() || rhs->type.is_error()) return Error(span);
  const Type& l = lhs->type;
  const Type& r = rhs->type;
  auto is = [](const Type& t, BaseType bt) { return IsScalar(t, bt); };
  std::optional<Type> result;
  const bool add = b.op == ast::BinaryOp::kAdd, sub = b.op == ast::BinaryOp::kSub;
  if (is(l, BaseType::kNumber) && is(r, BaseType::kNumber)) {
    result = Of(BaseType::kNumber);
  } else if ((add || sub) && is(l, BaseType::kDate) && is(r, BaseType::kDuration)) {
    result = Of(BaseType::kDate);
  } else if (add && is(l, BaseType::kDuration) && is(r, BaseType::kDate)) {
    result = Of(BaseType::kDate);
  } else if (sub && is(l, BaseType::kDate) && is(r, BaseType::kDate)) {
    result = Of(BaseType::kDuration);
  } else if ((add || sub) && is(l, BaseType::kDuration) && is(r, BaseType::kDuration)) {
    result = Of(BaseType::kDuration);
  }
  if (!result) {
    std::string help =
        "`+` and `-` apply to numbers, to a date and a duration, to two dates (`-`) or to two "
        "durations; `*` and `/` apply to numbers";
    if ((is(l, BaseType::kDate) && is(r, BaseType::kNumber)) ||
        (is(l, BaseType::kNumber) && is(r, BaseType::kDate))) {
      help = "add a duration to a date, as in `deployment.start + 30 days`";
    }
    ctx_.Report(MakeDiagnostic(DiagCode::T0305, span, ast::Spelling(b.op),
                               fmt::format("{} and {}", TypeStr(l), TypeStr(r)))
                    .WithLabel(fmt::format("{} {} {}", TypeStr(l), ast::Spelling(b.op), TypeStr(r)))
                    .WithHelp(help));
    return Error(span);
  }
  if (IsScalar(*result, BaseType::kDate) && !DateArithmeticFits(b, *lhs, *rhs, span)) {
    return Error(span);
  }
  return Make(Binary{b.op, std::move(lhs), std::move(rhs)}, *result, span);
}

// A date literal moved by a duration literal is folded here: a result outside the calendar is
// an error at its place (at run time such a date is unknown; docs/decisions.md).
bool ExprChecker::DateArithmeticFits(const ast::Binary& b, const Expr& lhs, const Expr& rhs,
                                     const base::Span& span) {
  const auto* l = std::get_if<Const>(&lhs.node);
  const auto* r = std::get_if<Const>(&rhs.node);
  if (!l || !r) return true;
  const auto* ld = std::get_if<value::Date>(&l->value.v);
  const auto* rd = std::get_if<value::Date>(&r->value.v);
  const auto* ldur = std::get_if<value::Duration>(&l->value.v);
  const auto* rdur = std::get_if<value::Duration>(&r->value.v);
  std::optional<value::Date> moved;
  value::Duration dur;
  if (ld && rdur) {
    dur = *rdur;
    moved = b.op == ast::BinaryOp::kSub ? value::Subtract(*ld, dur) : value::Add(*ld, dur);
  } else if (ldur && rd) {
    dur = *ldur;
    moved = value::Add(*rd, dur);
  } else {
    return true;
  }
  if (moved) return true;
  const bool later = (dur.months > 0 || dur.days > 0) != (b.op == ast::BinaryOp::kSub);
  ctx_.Report(MakeDiagnostic(DiagCode::T0315, span, ctx_.Text(span),
                             later ? "after 9999-12-31" : "before 0001-01-01")
                  .WithLabel("not a date in the calendar"));
  return false;
}

bool ExprChecker::CheckInOperands(const ast::Expr& left, const ast::Expr& set, bool quantified,
                                  ExprPtr& left_out, ExprPtr& set_out) {
  if (IsContextual(left) && !IsContextual(set)) {
    set_out = Check(set);
    Type element = Scalar(set_out->type);
    if (quantified) element.shape = Shape::kList;
    left_out = set_out->type.is_error() ? CheckQuietly(left) : Check(left, &element);
  } else {
    left_out = Check(left);
    Type element = Scalar(left_out->type);
    set_out = left_out->type.is_error() ? CheckQuietly(set) : Check(set, &element);
  }
  if (left_out->type.is_error() || set_out->type.is_error()) return false;
  const Type& lt = left_out->type;
  if (quantified) {
    if (lt.shape != Shape::kList) {
      ctx_.Report(MakeDiagnostic(DiagCode::T0303, left.span, "a list", TypeStr(lt))
                      .WithLabel("`any`, `all` and `none` range over a list")
                      .WithHelp(fmt::format("for a single value, write `{} in {}`",
                                            ctx_.Text(left.span), ctx_.Text(set.span))));
      return false;
    }
  } else if (lt.shape != Shape::kScalar || lt.base == BaseType::kFact) {
    auto d = MakeDiagnostic(DiagCode::T0303, left.span, "a single value", TypeStr(lt))
                 .WithLabel(fmt::format("this is {}", TypeStr(lt)));
    if (lt.shape == Shape::kList) {
      d.help = fmt::format(
          "use `any`, `all` or `none` to test the elements of a list, as in `any {} in {}`",
          ctx_.Text(left.span), ctx_.Text(set.span));
    } else {
      d.help = "`in` tests a single value, such as a field";
    }
    ctx_.Report(std::move(d));
    return false;
  }
  const Type element = Scalar(lt);
  const Type& st = set_out->type;
  if (st.shape == Shape::kScalar && st.base == BaseType::kMember && element == st) return true;
  if (st.shape == Shape::kList && Scalar(st) == element) return true;
  if (st.shape == Shape::kScalar && st == element) {
    ctx_.Report(
        MakeDiagnostic(DiagCode::T0303, set.span, "a taxonomy member or a list", TypeStr(st))
            .WithLabel("a single value")
            .WithHelp("to compare two values, use `==`"));
    return false;
  }
  std::string help =
      element.base == BaseType::kMember
          ? fmt::format("the right side of `in` must be a `{}` member or a list of them",
                        TypeStr(element))
          : fmt::format("the right side of `in` must be a list of {}", TypeStr(element));
  ctx_.Report(MakeDiagnostic(DiagCode::T0301, set.span,
                             fmt::format("{} `in` {}", TypeStr(element), TypeStr(st)))
                  .WithLabel(fmt::format("this is {}", TypeStr(st)))
                  .WithHelp(help));
  return false;
}

ExprPtr ExprChecker::CheckMembership(const ast::Membership& m, const base::Span& span) {
  ExprPtr element, set;
  if (!CheckInOperands(*m.element, *m.set, false, element, set)) return Error(span);
  return Make(Membership{std::move(element), std::move(set), m.negated}, Of(BaseType::kBool), span);
}

ExprPtr ExprChecker::CheckQuantified(const ast::Quantified& q, const base::Span& span) {
  ExprPtr list, set;
  if (!CheckInOperands(*q.list, *q.set, true, list, set)) return Error(span);
  return Make(Quantified{q.quantifier, std::move(list), std::move(set)}, Of(BaseType::kBool), span);
}

ExprPtr ExprChecker::CheckPresence(const ast::Presence& p, const base::Span& span) {
  ExprPtr x = Check(*p.operand);
  if (x->type.is_error()) return Error(span);
  if (!std::holds_alternative<FieldRef>(x->node) && !std::holds_alternative<MapLookup>(x->node)) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0303, p.operand->span, "a field or a map lookup",
                               TypeStr(x->type))
                    .WithLabel(fmt::format("`is {}` tests this", p.present ? "present" : "absent"))
                    .WithHelp("`is absent`/`is present` test an optional field or a map key, as "
                              "in `deal.notices[\"Microsoft\"] is absent`"));
    return Error(span);
  }
  return Make(Presence{std::move(x), p.present}, Of(BaseType::kBool), span);
}

// ---------------------------------------------------------------- free functions

ExprPtr Clone(const Expr& e, const std::vector<uint32_t>* vars) {
  auto out = std::make_unique<Expr>();
  out->type = e.type;
  out->span = e.span;
  auto clone = [vars](const ExprPtr& p) { return p ? Clone(*p, vars) : ExprPtr(); };
  auto clone_all = [&](const std::vector<ExprPtr>& v) {
    std::vector<ExprPtr> r;
    for (const auto& x : v) r.push_back(clone(x));
    return r;
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Const> || std::is_same_v<T, Today>) {
          out->node = n;
        } else if constexpr (std::is_same_v<T, FieldRef>) {
          out->node = FieldRef{vars && n.var < vars->size() ? (*vars)[n.var] : n.var, n.slot};
        } else if constexpr (std::is_same_v<T, VarRef>) {
          out->node = VarRef{vars && n.var < vars->size() ? (*vars)[n.var] : n.var};
        } else if constexpr (std::is_same_v<T, MapLookup>) {
          out->node = MapLookup{clone(n.map), clone(n.key)};
        } else if constexpr (std::is_same_v<T, ListExpr>) {
          out->node = ListExpr{clone_all(n.items)};
        } else if constexpr (std::is_same_v<T, Unary>) {
          out->node = Unary{n.op, clone(n.operand)};
        } else if constexpr (std::is_same_v<T, Binary>) {
          out->node = Binary{n.op, clone(n.lhs), clone(n.rhs)};
        } else if constexpr (std::is_same_v<T, Membership>) {
          out->node = Membership{clone(n.element), clone(n.set), n.negated};
        } else if constexpr (std::is_same_v<T, Quantified>) {
          out->node = Quantified{n.quantifier, clone(n.list), clone(n.set)};
        } else if constexpr (std::is_same_v<T, Presence>) {
          out->node = Presence{clone(n.operand), n.present};
        } else if constexpr (std::is_same_v<T, BuiltinCall>) {
          out->node = BuiltinCall{n.fn, clone_all(n.args)};
        } else if constexpr (std::is_same_v<T, Inlined>) {
          out->node = Inlined{n.name, clone(n.body)};
        }
      },
      e.node);
  return out;
}

void NoteWhereItGrows(const Context& ctx, const DefInfo& def, Growth by, base::Diagnostic& d) {
  auto measure = [by](const DefInfo& c) {
    return by == Growth::kSize ? c.once.size : c.once.depth;
  };
  const DefInfo* at = &def;
  for (int step = 0; step < 6 && at != nullptr; ++step) {
    const DefInfo* next = nullptr;
    base::Span where;
    for (const auto& r : at->refs) {
      const DefInfo& c = ctx.defs[r.def];
      if (c.checked && c.once.body && (!next || measure(c) > measure(*next))) {
        next = &c;
        where = r.at;
      }
    }
    if (next == nullptr) break;
    d.notes.push_back(
        {where, fmt::format("`{}` uses `{}` ({} {}) here", at->ast->name.text, next->ast->name.text,
                            measure(*next), by == Growth::kSize ? "nodes" : "levels")});
    at = next;
  }
}

namespace {

void MeasureInto(const Expr& e, uint32_t level, CheckedBody& out) {
  ++out.size;
  out.depth = std::max(out.depth, level);
  auto walk = [&](const ExprPtr& p) {
    if (p) MeasureInto(*p, level + 1, out);
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, MapLookup>) {
          walk(n.map);
          walk(n.key);
        } else if constexpr (std::is_same_v<T, ListExpr>) {
          for (const auto& x : n.items) walk(x);
        } else if constexpr (std::is_same_v<T, Unary>) {
          walk(n.operand);
        } else if constexpr (std::is_same_v<T, Binary>) {
          walk(n.lhs);
          walk(n.rhs);
        } else if constexpr (std::is_same_v<T, Membership>) {
          walk(n.element);
          walk(n.set);
        } else if constexpr (std::is_same_v<T, Quantified>) {
          walk(n.list);
          walk(n.set);
        } else if constexpr (std::is_same_v<T, Presence>) {
          walk(n.operand);
        } else if constexpr (std::is_same_v<T, BuiltinCall>) {
          for (const auto& x : n.args) walk(x);
        } else if constexpr (std::is_same_v<T, Inlined>) {
          walk(n.body);
        }
      },
      e.node);
}

}  // namespace

CheckedBody Measure(ExprPtr body) {
  CheckedBody out;
  if (!body) return out;
  MeasureInto(*body, 1, out);
  out.body = std::move(body);
  return out;
}

std::optional<value::Value> ConstantValue(const Expr& e) {
  if (e.type.is_error()) return std::nullopt;
  if (const auto* c = std::get_if<Const>(&e.node)) return c->value;
  if (const auto* i = std::get_if<Inlined>(&e.node))
    return i->body ? ConstantValue(*i->body) : std::nullopt;
  if (const auto* l = std::get_if<ListExpr>(&e.node)) {
    value::List out;
    for (const auto& item : l->items) {
      auto v = ConstantValue(*item);
      if (!v) return std::nullopt;
      out.push_back(std::move(*v));
    }
    return value::Value{std::move(out)};
  }
  return std::nullopt;
}

}  // namespace treaty::check
