// Pass: waivers and in-language tests. A test's `given` facts are converted to values by the
// types of their kind's fields, as the fact loader would (LANGUAGE.md §5, §7).
#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/text.h"
#include "check/context.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

std::string Describe(const ast::Expr& e) {
  if (std::holds_alternative<ast::NumberLit>(e.node)) return "number";
  if (std::holds_alternative<ast::StringLit>(e.node)) return "text";
  if (std::holds_alternative<ast::BoolLit>(e.node)) return "bool";
  if (std::holds_alternative<ast::DateLit>(e.node)) return "date";
  if (std::holds_alternative<ast::DurationLit>(e.node)) return "duration";
  if (std::holds_alternative<ast::ListLit>(e.node)) return "a list";
  if (std::holds_alternative<ast::MapLit>(e.node)) return "a map";
  if (std::holds_alternative<ast::NameRef>(e.node)) return "a name";
  return "an expression";
}

class GivenConverter {
 public:
  explicit GivenConverter(Context& ctx) : ctx_(ctx) {}

  std::optional<value::Value> Convert(const ast::Expr& e, const Type& t) {
    if (t.is_error()) return std::nullopt;
    if (t.shape == Shape::kList) {
      const auto* list = std::get_if<ast::ListLit>(&e.node);
      if (list == nullptr) return Mismatch(e, t);
      value::List out;
      bool ok = true;
      for (const auto& item : list->items) {
        auto v = Convert(*item, ScalarOf(t));
        if (v) out.push_back(std::move(*v));
        ok = ok && v.has_value();
      }
      if (!ok) return std::nullopt;
      return value::Value{std::move(out)};
    }
    if (t.shape == Shape::kMap) {
      const auto* map = std::get_if<ast::MapLit>(&e.node);
      if (map == nullptr) return Mismatch(e, t);
      value::Map out;
      bool ok = true;
      for (const auto& [key, val] : map->entries) {
        auto v = Convert(*val, ScalarOf(t));
        if (v) out.emplace_back(key.text, std::move(*v));
        ok = ok && v.has_value();
      }
      if (!ok) return std::nullopt;
      std::sort(out.begin(), out.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      return value::Value{std::move(out)};
    }
    switch (t.base) {
      case BaseType::kText:
        if (const auto* s = std::get_if<ast::StringLit>(&e.node)) return value::Value{s->value};
        break;
      case BaseType::kNumber:
        if (const auto* n = std::get_if<ast::NumberLit>(&e.node)) return value::Value{n->value};
        if (const auto* u = std::get_if<ast::Unary>(&e.node)) {
          const auto* n = u->operand ? std::get_if<ast::NumberLit>(&u->operand->node) : nullptr;
          if (u->op == ast::UnaryOp::kNeg && n != nullptr) return value::Value{-n->value};
        }
        break;
      case BaseType::kBool:
        if (const auto* b = std::get_if<ast::BoolLit>(&e.node)) return value::Value{b->value};
        break;
      case BaseType::kDate:
        if (const auto* d = std::get_if<ast::DateLit>(&e.node)) {
          auto date = CheckDate(ctx_, d->date, e.span);
          if (!date) return std::nullopt;
          return value::Value{*date};
        }
        break;
      case BaseType::kMember:
        return ConvertMember(e, t.ref);
      default:
        break;
    }
    return Mismatch(e, t);
  }

 private:
  static Type ScalarOf(Type t) {
    t.shape = Shape::kScalar;
    return t;
  }

  std::optional<value::Value> ConvertMember(const ast::Expr& e, TaxonomyId tax) {
    const Taxonomy& t = ctx_.out.taxonomies[tax];
    const ast::Name* name = nullptr;
    base::Span span = e.span;
    std::string text;
    if (const auto* n = std::get_if<ast::NameRef>(&e.node)) {
      text = n->name;
    } else if (const auto* f = std::get_if<ast::FieldAccess>(&e.node)) {
      const auto* base = std::get_if<ast::NameRef>(&f->base->node);
      if (base == nullptr) return Mismatch(e, Type{BaseType::kMember, Shape::kScalar, tax});
      if (base->name != t.name) {
        ctx_.Report(MakeDiagnostic(DiagCode::T0206, e.span, ctx_.Text(e.span), t.name)
                        .WithLabel(fmt::format("expected a member of `{}`", t.name))
                        .WithHelp(fmt::format("write a member of `{}`", t.name)));
        return std::nullopt;
      }
      name = &f->field;
      text = name->text;
      span = name->span;
    } else {
      return Mismatch(e, Type{BaseType::kMember, Shape::kScalar, tax});
    }
    MemberId m = t.Find(text);
    if (m != kNoId) return value::Value{value::Member{tax, m}};
    std::vector<std::string_view> members;
    for (const auto& mem : t.members) members.push_back(mem.name);
    std::string help = base::DidYouMean(text, members);
    auto it = ctx_.members_by_name.find(text);
    if (help.empty() && it != ctx_.members_by_name.end()) {
      std::vector<std::string> homes;
      for (const auto& c : it->second) homes.push_back(ctx_.out.taxonomies[c.taxonomy].name);
      help = fmt::format("`{}` is a member of {}", text, base::TickedList(homes, "and"));
    }
    auto d = MakeDiagnostic(DiagCode::T0206, span, text, t.name)
                 .WithLabel(fmt::format("expected a member of `{}`", t.name));
    if (!help.empty()) d.help = help;
    ctx_.Report(std::move(d));
    return std::nullopt;
  }

  std::optional<value::Value> Mismatch(const ast::Expr& e, const Type& t) {
    ctx_.Report(MakeDiagnostic(DiagCode::T0303, e.span, TypeName(ctx_.out, t), Describe(e))
                    .WithLabel("the field's type says otherwise")
                    .WithHelp("write a value of the field's type"));
    return std::nullopt;
  }

  Context& ctx_;
};

GivenFact CheckGivenFact(Context& ctx, const ast::GivenFact& g) {
  GivenFact out;
  out.span = g.span;
  KindId kind = ctx.out.FindKind(g.kind.text);
  if (kind == kNoId) {
    out.kind = kNoId;
    if (ctx.symbols.IsBroken(g.kind.text)) return out;
    std::vector<std::string_view> kinds;
    for (const auto& k : ctx.out.kinds) kinds.push_back(k.name);
    std::string help = base::DidYouMean(g.kind.text, kinds);
    auto d = MakeDiagnostic(DiagCode::T0204, g.kind.span, g.kind.text).WithLabel("not a kind");
    if (!help.empty()) d.help = help;
    ctx.Report(std::move(d));
    return out;
  }
  out.kind = kind;
  const Kind& k = ctx.out.kinds[kind];
  GivenConverter convert(ctx);
  bool has_id = false;
  std::vector<bool> given(k.fields.size(), false);
  for (size_t i = 0; i < g.fields.size(); ++i) {
    const auto& [name, expr] = g.fields[i];
    bool repeated = false;
    for (size_t j = 0; j < i; ++j) repeated = repeated || g.fields[j].first.text == name.text;
    if (repeated) {
      ctx.Report(MakeDiagnostic(DiagCode::T0109, name.span, name.text, "given fact", k.name)
                     .WithLabel("given again here")
                     .WithHelp("give each field once"));
      continue;
    }
    if (name.text == "id") {
      const auto* s = std::get_if<ast::StringLit>(&expr->node);
      if (s == nullptr) {
        ctx.Report(MakeDiagnostic(DiagCode::T0303, expr->span, "text", Describe(*expr))
                       .WithLabel("a fact's id")
                       .WithHelp("write the id as a string, as in `id: \"t1\"`"));
      } else {
        out.id = s->value;
      }
      has_id = true;
      continue;
    }
    uint32_t slot = k.FindField(name.text);
    if (slot == kNoId) {
      std::vector<std::string_view> fields;
      for (const auto& f : k.fields) fields.push_back(f.name);
      std::string help = base::DidYouMean(name.text, fields);
      auto d =
          MakeDiagnostic(DiagCode::T0203, name.span, k.name, name.text).WithLabel("unknown field");
      if (!help.empty()) d.help = help;
      ctx.Report(std::move(d));
      continue;
    }
    given[slot] = true;
    auto v = convert.Convert(*expr, k.fields[slot].type);
    if (v) out.fields.push_back(GivenField{name.text, slot, std::move(*v), name.span});
  }
  if (!has_id) {
    ctx.Report(MakeDiagnostic(DiagCode::T0508, g.kind.span, "an `id`")
                   .WithLabel(fmt::format("this `{}` fact has no id", k.name))
                   .WithHelp("add `id: \"…\"` so that expectations can name the fact"));
  }
  for (size_t s = 0; s < k.fields.size(); ++s) {
    if (given[s] || k.fields[s].optional || k.fields[s].type.is_error()) continue;
    ctx.Report(MakeDiagnostic(DiagCode::T0503, g.kind.span,
                              fmt::format("field `{}`", k.fields[s].name), k.name)
                   .WithLabel(fmt::format("`{}` is required", k.fields[s].name))
                   .WithHelp(fmt::format("add `{}: …`, or declare the field `optional` in kind "
                                         "`{}`",
                                         k.fields[s].name, k.name)));
  }
  return out;
}

}  // namespace

void CheckWaiversAndTests(Context& ctx) {
  Portfolio& p = ctx.out;
  // The first declaration of each id (views into the AST, which outlives this pass).
  std::unordered_map<std::string_view, base::Span> first;
  for (const ast::Waiver* w : ctx.decls.waivers) {
    if (auto [dup, fresh] = first.emplace(w->id.text, w->id.span); !fresh) {
      ctx.Report(MakeDiagnostic(DiagCode::T0409, w->id.span, w->id.text)
                     .WithLabel("declared again here")
                     .WithHelp("give each waiver its own id")
                     .WithNote(dup->second, "first declared here"));
      continue;
    }
    Waiver out;
    out.id = w->id.text;
    out.span = w->id.span;
    if (w->clause) out.clause = ResolveClauseRef(ctx, *w->clause);
    for (const auto& f : w->facts) out.facts.push_back(f.text);
    std::sort(out.facts.begin(), out.facts.end());
    if (w->until) out.until = CheckDate(ctx, w->until->date, w->until->span);
    out.approved_by = w->approved_by.value_or("");
    out.reason = w->reason.value_or("");
    p.waivers.push_back(std::move(out));
  }
  first.clear();
  for (const ast::Test* t : ctx.decls.tests) {
    if (auto [dup, fresh] = first.emplace(t->name.text, t->name.span); !fresh) {
      ctx.Report(MakeDiagnostic(DiagCode::T0410, t->name.span, t->name.text)
                     .WithLabel("declared again here")
                     .WithHelp("give each test its own name")
                     .WithNote(dup->second, "first declared here"));
      continue;
    }
    Test out;
    out.name = t->name.text;
    out.span = t->name.span;
    if (t->as_of) out.as_of = CheckDate(ctx, t->as_of->date, t->as_of->span);
    for (const auto& g : t->given) {
      if (const auto* fact = std::get_if<ast::GivenFact>(&g)) {
        GivenFact checked = CheckGivenFact(ctx, *fact);
        if (checked.kind != kNoId) out.given.emplace_back(std::move(checked));
      } else {
        const auto& file = std::get<ast::GivenFile>(g);
        out.given.emplace_back(GivenFile{file.path, file.span});
      }
    }
    for (const auto& e : t->expectations) {
      Expectation x;
      x.form = static_cast<Expectation::Form>(static_cast<uint8_t>(e.form));
      if (e.clause) x.clause = ResolveClauseRef(ctx, *e.clause);
      for (const auto& id : e.on) x.on.push_back(id.text);
      x.count = e.count;
      x.span = e.span;
      out.expectations.push_back(std::move(x));
    }
    p.tests.push_back(std::move(out));
  }
}

}  // namespace treaty::check
