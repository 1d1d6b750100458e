#include "syntax/ast_builder.h"

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "syntax/literals.h"
#include "syntax/parse_unit.h"

namespace treaty::syntax {

namespace {

using P = treaty_grammar::TreatyParser;
using base::DiagCode;
using base::MakeDiagnostic;

bool IsBlank(const std::u32string& s) {
  for (char32_t c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

ast::DurationUnit UnitOf(size_t type) {
  switch (type) {
    case P::WEEK:
    case P::WEEKS:
      return ast::DurationUnit::kWeek;
    case P::MONTH:
    case P::MONTHS:
      return ast::DurationUnit::kMonth;
    case P::YEAR:
    case P::YEARS:
      return ast::DurationUnit::kYear;
    default:
      return ast::DurationUnit::kDay;
  }
}

}  // namespace

ast::ExprPtr AstBuilder::Make(ast::Expr::Node node, base::Span span) {
  auto e = std::make_unique<ast::Expr>();
  e->node = std::move(node);
  e->span = span;
  return e;
}

// ---------------------------------------------------------------- leaves

std::string AstBuilder::StringOf(antlr4::Token* token) {
  CodePointText raw = spans_.text().Slice(token->getStartIndex(), token->getStopIndex() + 1);
  if (token->getType() == P::LONG_STRING) return EncodeUtf8(DecodeLongText(raw).chars);
  std::vector<BadEscape> bad;
  CodePointText decoded = DecodeString(raw, &bad);
  for (const auto& b : bad) {
    diags_.Add(MakeDiagnostic(DiagCode::T0107, spans_.file().MakeSpan(b.begin, b.end), b.text)
                   .WithHelp("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{HEX}`; "
                             "write `\\\\` for a backslash"));
  }
  return EncodeUtf8(decoded.chars);
}

std::string AstBuilder::StringOf(P::StringLitContext& ctx) { return StringOf(ctx.getStart()); }

ast::Name AstBuilder::NameOf(antlr4::Token* token) {
  const base::Span span = spans_.Of(token);
  if (token->getType() == P::STRING) return ast::Name{StringOf(token), span};
  return ast::Name{token->getText(), span};
}

ast::Name AstBuilder::NameOf(P::IdTextContext& ctx) { return NameOf(ctx.getStart()); }

ast::ClauseRef AstBuilder::ClauseRefOf(antlr4::tree::TerminalNode* node) {
  return ast::ClauseRef{StringOf(node->getSymbol()), spans_.Of(node->getSymbol())};
}

ast::DateValue AstBuilder::DateOf(antlr4::tree::TerminalNode* node) {
  return ast::DateValue{ParseDate(node->getText()), spans_.Of(node->getSymbol())};
}

std::optional<int64_t> AstBuilder::WholeNumberOf(antlr4::Token* token) {
  auto v = ParseWholeNumber(token->getText());
  if (!v) {
    diags_.Add(MakeDiagnostic(DiagCode::T0108, spans_.Of(token), token->getText())
                   .WithLabel("a whole number is needed here")
                   .WithHelp("write a whole number such as `3` or `1_000`"));
  }
  return v;
}

bool AstBuilder::Duplicate(bool seen, std::string_view item, std::string_view container,
                           std::string_view name, const base::Span& at, const base::Span& first) {
  if (!seen) return false;
  diags_.Add(MakeDiagnostic(DiagCode::T0109, at, item, container, name)
                 .WithLabel("second one here")
                 .WithNote(first, fmt::format("the first `{}` is here", item))
                 .WithHelp(fmt::format("keep one `{}` and remove the other", item)));
  return true;
}

// ---------------------------------------------------------------- declarations

ast::Decl AstBuilder::BuildDeclaration(P::DeclarationContext& ctx) {
  if (auto* c = ctx.taxonomyDecl()) return BuildTaxonomy(*c);
  if (auto* c = ctx.kindDecl()) return BuildKind(*c);
  if (auto* c = ctx.defineDecl()) return BuildDefine(*c);
  if (auto* c = ctx.agreementDecl()) return BuildAgreement(*c);
  if (auto* c = ctx.waiverDecl()) return BuildWaiver(*c);
  return BuildTest(*ctx.testDecl());
}

ast::TaxonomyMember AstBuilder::BuildMember(P::MemberContext& ctx) {
  ast::TaxonomyMember m;
  m.name = NameOf(ctx.IDENT());
  for (auto* child : ctx.member()) m.children.push_back(BuildMember(*child));
  return m;
}

ast::Taxonomy AstBuilder::BuildTaxonomy(P::TaxonomyDeclContext& ctx) {
  ast::Taxonomy t;
  t.name = NameOf(ctx.IDENT());
  for (auto* m : ctx.member()) t.members.push_back(BuildMember(*m));
  t.span = spans_.Of(&ctx);
  return t;
}

ast::TypeRef AstBuilder::BuildTypeRef(P::TypeRefContext& ctx) {
  ast::TypeRef t;
  if (ctx.shape) {
    t.shape =
        ctx.shape->getType() == P::LIST ? ast::TypeRef::Shape::kList : ast::TypeRef::Shape::kMap;
  }
  t.element = NameOf(ctx.typeName()->getStart());
  t.span = spans_.Of(&ctx);
  return t;
}

ast::Kind AstBuilder::BuildKind(P::KindDeclContext& ctx) {
  ast::Kind k;
  k.name = NameOf(ctx.IDENT());
  if (ctx.description) k.description = StringOf(*ctx.description);
  for (auto* item : ctx.kindItem()) {
    antlr4::Token* lead = item->getStart();
    if (item->COLON()) {
      ast::Field f;
      f.name = NameOf(lead);
      f.type = BuildTypeRef(*item->typeRef());
      f.optional = item->OPTIONAL() != nullptr;
      f.span = spans_.Of(item);
      k.fields.push_back(std::move(f));
      continue;
    }
    if (lead->getText() != "active") {
      std::string help = base::DidYouMean(lead->getText(), {"active"});
      diags_.Add(MakeDiagnostic(DiagCode::T0101, spans_.Of(lead), "`active` or a field",
                                fmt::format("`{}`", lead->getText()))
                     .WithHelp(help.empty() ? "a kind's time span is written `active from FIELD "
                                              "[until FIELD]` or `active at FIELD`"
                                            : help));
      continue;
    }
    if (Duplicate(k.active.has_value(), "active", "kind", k.name.text, spans_.Of(item),
                  k.active ? k.active->span : base::Span{})) {
      continue;
    }
    ast::Active a;
    a.instant = item->AT() != nullptr;
    a.from = NameOf(a.instant ? item->at : item->from);
    if (item->until) a.until = NameOf(item->until);
    a.span = spans_.Of(item);
    k.active = std::move(a);
  }
  k.span = spans_.Of(&ctx);
  return k;
}

ast::Define AstBuilder::BuildDefine(P::DefineDeclContext& ctx) {
  ast::Define d;
  d.name = NameOf(ctx.IDENT());
  if (ctx.LPAREN()) {
    d.params.emplace();
    for (auto* p : ctx.param()) {
      d.params->push_back(ast::Param{NameOf(p->IDENT(0)), NameOf(p->IDENT(1))});
    }
  }
  d.body = BuildExpr(*ctx.expr());
  d.span = spans_.Of(&ctx);
  return d;
}

ast::Window AstBuilder::BuildWindow(P::WindowContext& ctx) {
  ast::Window w;
  auto dates = ctx.DATE();
  w.from = DateOf(dates[0]);
  if (dates.size() > 1) w.until = DateOf(dates[1]);
  w.span = spans_.Of(&ctx);
  return w;
}

ast::Agreement AstBuilder::BuildAgreement(P::AgreementDeclContext& ctx) {
  ast::Agreement a;
  a.id = NameOf(ctx.IDENT());
  if (ctx.title) a.title = StringOf(*ctx.title);
  base::Span parties_at, effective_at, amends_at;
  for (auto* item : ctx.agreementItem()) {
    const base::Span at = spans_.Of(item);
    if (auto* p = dynamic_cast<P::PartiesItemContext*>(item)) {
      if (Duplicate(parties_at.valid(), "parties", "agreement", a.id.text, at, parties_at))
        continue;
      parties_at = at;
      for (auto* party : p->party()) a.parties.push_back(NameOf(party->getStart()));
    } else if (auto* e = dynamic_cast<P::AgreementEffectiveItemContext*>(item)) {
      if (Duplicate(effective_at.valid(), "effective", "agreement", a.id.text, at, effective_at)) {
        continue;
      }
      effective_at = at;
      a.effective = BuildWindow(*e->window());
    } else if (auto* m = dynamic_cast<P::AmendsItemContext*>(item)) {
      if (Duplicate(amends_at.valid(), "amends", "agreement", a.id.text, at, amends_at)) continue;
      amends_at = at;
      a.amends = NameOf(m->IDENT());
    } else if (auto* c = dynamic_cast<P::ClauseItemOfAgreementContext*>(item)) {
      a.clauses.push_back(BuildClause(*c->clause()));
    }
  }
  if (!a.effective) {
    diags_.Add(MakeDiagnostic(DiagCode::T0110, a.id.span, "`effective`", "agreement", a.id.text)
                   .WithLabel("this agreement has no `effective` date")
                   .WithHelp("add `effective YYYY-MM-DD` (optionally followed by `until "
                             "YYYY-MM-DD`) to the agreement"));
  }
  a.span = spans_.Of(&ctx);
  return a;
}

ast::Clause AstBuilder::BuildClause(P::ClauseContext& ctx) {
  ast::Clause c;
  c.id = NameOf(ctx.clauseId()->getStart());
  if (ctx.title) c.title = StringOf(*ctx.title);
  base::Span text_at, message_at, effective_at, replaces_at, overrides_at;
  auto dup = [&](base::Span& first, std::string_view item, const base::Span& at) {
    if (Duplicate(first.valid(), item, "clause", c.id.text, at, first)) return true;
    first = at;
    return false;
  };
  for (auto* item : ctx.clauseItem()) {
    const base::Span at = spans_.Of(item);
    if (auto* t = dynamic_cast<P::TextItemContext*>(item)) {
      if (!dup(text_at, "text", at)) c.text = StringOf(*t->stringLit());
    } else if (auto* s = dynamic_cast<P::SeverityItemContext*>(item)) {
      if (Duplicate(c.severity.has_value(), "severity", "clause", c.id.text, at, c.severity_span)) {
        continue;
      }
      const size_t level = s->level->getType();
      c.severity = level == P::WARNING ? ast::Severity::kWarning
                   : level == P::INFO  ? ast::Severity::kInfo
                                       : ast::Severity::kError;
      c.severity_span = at;
    } else if (auto* m = dynamic_cast<P::MessageItemContext*>(item)) {
      if (!dup(message_at, "message", at)) c.message = BuildMessage(*m->stringLit());
    } else if (auto* e = dynamic_cast<P::ClauseEffectiveItemContext*>(item)) {
      if (!dup(effective_at, "effective", at)) c.effective = BuildWindow(*e->window());
    } else if (auto* r = dynamic_cast<P::ReplacesItemContext*>(item)) {
      if (!dup(replaces_at, "replaces", at)) c.replaces = ClauseRefOf(r->STRING());
    } else if (auto* o = dynamic_cast<P::OverridesItemContext*>(item)) {
      if (dup(overrides_at, "overrides", at)) continue;
      for (auto* s2 : o->STRING()) c.overrides.push_back(ClauseRefOf(s2));
    } else if (auto* rule = dynamic_cast<P::RuleItemContext*>(item)) {
      c.rules.push_back(BuildRule(*rule->ruleDecl()));
    }
  }
  c.span = spans_.Of(&ctx);
  return c;
}

ast::Message AstBuilder::BuildMessage(P::StringLitContext& ctx) {
  antlr4::Token* token = ctx.getStart();
  CodePointText raw = spans_.text().Slice(token->getStartIndex(), token->getStopIndex() + 1);
  CodePointText text;
  if (token->getType() == P::LONG_STRING) {
    text = DecodeLongText(raw);
  } else {
    StringOf(token);  // reports bad escapes
    text = DecodeString(raw, nullptr);
  }
  ast::Message msg;
  msg.raw = EncodeUtf8(text.chars);
  msg.span = spans_.Of(&ctx);
  const base::SourceFile& file = spans_.file();
  auto char_span = [&](size_t i) { return file.MakeSpan(text.offsets[i], text.offsets[i + 1]); };
  std::u32string literal;
  auto flush = [&] {
    if (!literal.empty()) {
      msg.parts.emplace_back();
      msg.parts.back().part.emplace<std::string>(EncodeUtf8(literal));
    }
    literal.clear();
  };
  const std::u32string& s = text.chars;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i]) {
      literal += s[i];
      ++i;
      continue;
    }
    if (s[i] == '}') {
      diags_.Add(MakeDiagnostic(DiagCode::T0111, char_span(i), "`}` without an opening `{`")
                     .WithHelp("write `}}` for a literal `}`"));
      continue;
    }
    if (s[i] != '{') {
      literal += s[i];
      continue;
    }
    const size_t close = s.find(U'}', i + 1);
    if (close == std::u32string::npos) {
      diags_.Add(MakeDiagnostic(DiagCode::T0111, char_span(i), "this `{` is never closed")
                     .WithLabel("opened here")
                     .WithHelp("close it with `}`, or write `{{` for a literal `{`"));
      break;
    }
    CodePointText inner = text.Slice(i + 1, close);
    if (IsBlank(inner.chars)) {
      diags_.Add(MakeDiagnostic(DiagCode::T0111,
                                file.MakeSpan(text.offsets[i], text.offsets[close + 1]),
                                "`{}` holds no expression")
                     .WithHelp("put an expression between the braces, such as "
                               "`{deployment.model}`, or write `{{}}` for literal braces"));
    } else if (ast::ExprPtr e = ParseInterpolation(file, inner, diags_, options_)) {
      flush();
      msg.parts.emplace_back();
      msg.parts.back().part.emplace<ast::ExprPtr>(std::move(e));
    }
    i = close;
  }
  flush();
  return msg;
}

// ---------------------------------------------------------------- rules

std::vector<ast::Binding> AstBuilder::BuildBindings(P::BindingsContext& ctx) {
  std::vector<ast::Binding> out;
  for (auto* b : ctx.binding()) {
    ast::Binding binding;
    binding.kind = NameOf(b->kind);
    if (b->alias) binding.alias = NameOf(b->alias);
    binding.span = spans_.Of(b);
    out.push_back(std::move(binding));
  }
  return out;
}

ast::Scope AstBuilder::BuildScope(P::ScopeContext* ctx) {
  ast::Scope s;
  if (!ctx) return s;
  if (ctx->when) s.when = BuildExpr(*ctx->when);
  if (ctx->unless) s.unless = BuildExpr(*ctx->unless);
  return s;
}

ast::Period AstBuilder::BuildPeriod(P::PeriodContext& ctx) {
  ast::Period p;
  p.span = spans_.Of(&ctx);
  if (ctx.unit) {
    switch (ctx.unit->getType()) {
      case P::DAY:
        p.unit = ast::PeriodUnit::kDay;
        break;
      case P::WEEK:
        p.unit = ast::PeriodUnit::kWeek;
        break;
      case P::MONTH:
        p.unit = ast::PeriodUnit::kMonth;
        break;
      case P::QUARTER:
        p.unit = ast::PeriodUnit::kQuarter;
        break;
      default:
        p.unit = ast::PeriodUnit::kYear;
    }
    return p;
  }
  p.unit = ast::PeriodUnit::kRolling;
  ast::DurationLit d;
  if (auto n = WholeNumberOf(ctx.NUMBER()->getSymbol())) d.amount = *n;
  d.unit = UnitOf(ctx.durationUnit()->getStart()->getType());
  p.rolling = d;
  return p;
}

ast::Rule AstBuilder::BuildRule(P::RuleDeclContext& ctx) {
  ast::Rule r;
  r.span = spans_.Of(&ctx);
  if (auto* f = dynamic_cast<P::ForbidRuleContext*>(&ctx)) {
    r.body = ast::ForbidRule{BuildBindings(*f->bindings())};
    r.scope = BuildScope(f->scope());
  } else if (auto* p = dynamic_cast<P::PermitRuleContext*>(&ctx)) {
    r.body = ast::PermitRule{BuildBindings(*p->bindings())};
    r.scope = BuildScope(p->scope());
  } else if (auto* q = dynamic_cast<P::RequireRuleContext*>(&ctx)) {
    P::RequireBodyContext* body = q->requireBody();
    if (auto* e = dynamic_cast<P::ExistsBodyContext*>(body)) {
      r.body = ast::ExistsRule{BuildBindings(*e->bindings()), DateOf(e->DATE())};
      r.scope = BuildScope(e->scope());
    } else {
      auto* req = dynamic_cast<P::RequirementBodyContext*>(body);
      r.body = ast::RequireRule{BuildExpr(*req->expr())};
      r.scope = BuildScope(req->scope());
    }
  } else if (auto* x = dynamic_cast<P::ExclusiveRuleContext*>(&ctx)) {
    r.body = ast::ExclusiveRule{BuildExpr(*x->target), BuildExpr(*x->granted)};
    r.scope = BuildScope(x->scope());
  } else if (auto* l = dynamic_cast<P::LimitRuleContext*>(&ctx)) {
    ast::LimitRule limit;
    P::LimitBodyContext* body = l->limitBody();
    P::PeriodContext* period = nullptr;
    P::GroupByContext* group = nullptr;
    if (auto* c = dynamic_cast<P::LimitCountBodyContext*>(body)) {
      limit.bindings = BuildBindings(*c->bindings());
      limit.cap = BuildExpr(*c->cap);
      r.scope = BuildScope(c->scope());
      period = c->period();
      group = c->groupBy();
    } else {
      auto* s = dynamic_cast<P::LimitSumBodyContext*>(body);
      limit.sum = true;
      limit.summed = BuildExpr(*s->summed);
      limit.cap = BuildExpr(*s->cap);
      r.scope = BuildScope(s->scope());
      period = s->period();
      group = s->groupBy();
    }
    if (period) limit.per = BuildPeriod(*period);
    if (group) limit.group_by = BuildExpr(*group->expr());
    r.body = std::move(limit);
  }
  return r;
}

// ---------------------------------------------------------------- waivers and tests

ast::Waiver AstBuilder::BuildWaiver(P::WaiverDeclContext& ctx) {
  ast::Waiver w;
  w.id = NameOf(*ctx.waiverId);
  base::Span clause_at, facts_at, until_at, approved_at, reason_at;
  auto dup = [&](base::Span& first, std::string_view item, const base::Span& at) {
    if (Duplicate(first.valid(), item, "waiver", w.id.text, at, first)) return true;
    first = at;
    return false;
  };
  for (auto* item : ctx.waiverItem()) {
    const base::Span at = spans_.Of(item);
    if (auto* c = dynamic_cast<P::WaiverClauseItemContext*>(item)) {
      if (!dup(clause_at, "clause", at)) w.clause = ClauseRefOf(c->STRING());
    } else if (auto* f = dynamic_cast<P::WaiverFactsItemContext*>(item)) {
      if (dup(facts_at, "facts", at)) continue;
      for (auto* id : f->idText()) w.facts.push_back(NameOf(*id));
    } else if (auto* u = dynamic_cast<P::WaiverUntilItemContext*>(item)) {
      if (!dup(until_at, "until", at)) w.until = DateOf(u->DATE());
    } else if (auto* a = dynamic_cast<P::WaiverApprovedItemContext*>(item)) {
      if (!dup(approved_at, "approved_by", at)) w.approved_by = StringOf(*a->stringLit());
    } else if (auto* r = dynamic_cast<P::WaiverReasonItemContext*>(item)) {
      if (!dup(reason_at, "reason", at)) w.reason = StringOf(*r->stringLit());
    }
  }
  w.span = spans_.Of(&ctx);
  return w;
}

ast::ExprPtr AstBuilder::BuildValue(P::ValueContext& ctx) {
  if (auto* e = ctx.expr()) return BuildExpr(*e);
  P::MapValueContext* m = ctx.mapValue();
  ast::MapLit map;
  for (auto* entry : m->mapEntry()) {
    map.entries.emplace_back(NameOf(*entry->key), BuildValue(*entry->value()));
  }
  return Make(std::move(map), spans_.Of(m));
}

ast::GivenFact AstBuilder::BuildGivenFact(P::GivenFactContext& ctx) {
  ast::GivenFact g;
  g.kind = NameOf(ctx.IDENT());
  for (auto* f : ctx.givenField()) {
    g.fields.emplace_back(NameOf(f->IDENT()), BuildValue(*f->value()));
  }
  g.span = spans_.Of(ctx.parent ? static_cast<antlr4::ParserRuleContext*>(ctx.parent) : &ctx);
  return g;
}

ast::Expectation AstBuilder::BuildExpectation(P::ExpectationContext& ctx) {
  using Form = ast::Expectation::Form;
  ast::Expectation x;
  x.span = spans_.Of(static_cast<antlr4::ParserRuleContext*>(ctx.parent));
  auto ids = [&](std::vector<P::IdTextContext*> list) {
    for (auto* id : list) x.on.push_back(NameOf(*id));
  };
  if (auto* v = dynamic_cast<P::ExpectViolationContext*>(&ctx)) {
    x.form = Form::kViolation;
    x.clause = ClauseRefOf(v->STRING());
    ids(v->idText());
  } else if (auto* n = dynamic_cast<P::ExpectNoViolationContext*>(&ctx)) {
    x.form = Form::kNoViolation;
    if (n->STRING()) x.clause = ClauseRefOf(n->STRING());
  } else if (auto* w = dynamic_cast<P::ExpectWaivedContext*>(&ctx)) {
    x.form = Form::kWaived;
    x.clause = ClauseRefOf(w->STRING());
    ids(w->idText());
  } else if (auto* p = dynamic_cast<P::ExpectPendingContext*>(&ctx)) {
    x.form = Form::kPending;
    x.clause = ClauseRefOf(p->STRING());
  } else if (auto* f = dynamic_cast<P::ExpectFindingsContext*>(&ctx)) {
    x.form = Form::kFindings;
    if (auto n2 = WholeNumberOf(f->NUMBER()->getSymbol())) x.count = *n2;
  }
  return x;
}

ast::Test AstBuilder::BuildTest(P::TestDeclContext& ctx) {
  ast::Test t;
  t.name = NameOf(*ctx.testName);
  for (auto* item : ctx.testItem()) {
    const base::Span at = spans_.Of(item);
    if (auto* a = dynamic_cast<P::AsOfItemContext*>(item)) {
      if (a->asOf->getText() != "as_of") {
        std::string help = base::DidYouMean(a->asOf->getText(), {"as_of"});
        diags_.Add(
            MakeDiagnostic(DiagCode::T0101, spans_.Of(a->asOf), "`as_of`, `given`, `expect` or `}`",
                           fmt::format("`{}`", a->asOf->getText()))
                .WithHelp(help.empty() ? "a test's date is written `as_of YYYY-MM-DD`" : help));
        continue;
      }
      if (Duplicate(t.as_of.has_value(), "as_of", "test", t.name.text, at,
                    t.as_of ? t.as_of->span : base::Span{})) {
        continue;
      }
      t.as_of = DateOf(a->DATE());
    } else if (auto* g = dynamic_cast<P::GivenItemContext*>(item)) {
      if (auto* file = dynamic_cast<P::GivenFileContext*>(g->given())) {
        t.given.emplace_back(ast::GivenFile{StringOf(file->STRING()->getSymbol()), at});
      } else {
        t.given.emplace_back(BuildGivenFact(*dynamic_cast<P::GivenFactContext*>(g->given())));
      }
    } else if (auto* e = dynamic_cast<P::ExpectItemContext*>(item)) {
      t.expectations.push_back(BuildExpectation(*e->expectation()));
    }
  }
  t.span = spans_.Of(&ctx);
  return t;
}

// ---------------------------------------------------------------- expressions

ast::ExprPtr AstBuilder::BuildExpr(P::ExprContext& ctx) {
  auto terms = ctx.andExpr();
  ast::ExprPtr lhs = BuildAnd(*terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    ast::ExprPtr rhs = BuildAnd(*terms[i]);
    base::Span span = base::Join(lhs->span, rhs->span);
    lhs = Make(ast::Binary{ast::BinaryOp::kOr, std::move(lhs), std::move(rhs)}, span);
  }
  return lhs;
}

ast::ExprPtr AstBuilder::BuildAnd(P::AndExprContext& ctx) {
  auto terms = ctx.notExpr();
  ast::ExprPtr lhs = BuildNot(*terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    ast::ExprPtr rhs = BuildNot(*terms[i]);
    base::Span span = base::Join(lhs->span, rhs->span);
    lhs = Make(ast::Binary{ast::BinaryOp::kAnd, std::move(lhs), std::move(rhs)}, span);
  }
  return lhs;
}

ast::ExprPtr AstBuilder::BuildNot(P::NotExprContext& ctx) {
  // `not not … x`: walk down the run, then wrap from the inside out.
  std::vector<P::NotExprContext*> run;
  P::NotExprContext* cur = &ctx;
  while (cur->NOT()) {
    run.push_back(cur);
    cur = cur->notExpr();
  }
  ast::ExprPtr e = BuildRel(*cur->relExpr());
  for (auto it = run.rbegin(); it != run.rend(); ++it) {
    base::Span span = base::Join(spans_.Of((*it)->NOT()->getSymbol()), e->span);
    e = Make(ast::Unary{ast::UnaryOp::kNot, std::move(e)}, span);
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildRel(P::RelExprContext& ctx) {
  const base::Span span = spans_.Of(&ctx);
  if (auto* q = dynamic_cast<P::QuantifiedExprContext*>(&ctx)) {
    const size_t t = q->quant->getType();
    ast::Quantifier quant = t == P::ALL    ? ast::Quantifier::kAll
                            : t == P::NONE ? ast::Quantifier::kNone
                                           : ast::Quantifier::kAny;
    return Make(ast::Quantified{quant, BuildAdd(*q->addExpr(0)), BuildAdd(*q->addExpr(1))}, span);
  }
  auto* r = dynamic_cast<P::SimpleRelExprContext*>(&ctx);
  auto operands = r->addExpr();
  ast::ExprPtr lhs = BuildAdd(*operands[0]);
  if (r->presence) {
    return Make(ast::Presence{std::move(lhs), r->presence->getType() == P::PRESENT}, span);
  }
  if (r->IN()) {
    return Make(ast::Membership{std::move(lhs), BuildAdd(*operands[1]), r->NOT() != nullptr}, span);
  }
  if (!r->op) return lhs;
  ast::BinaryOp op = ast::BinaryOp::kEq;
  switch (r->op->getType()) {
    case P::NE:
      op = ast::BinaryOp::kNe;
      break;
    case P::LT:
      op = ast::BinaryOp::kLt;
      break;
    case P::LE:
      op = ast::BinaryOp::kLe;
      break;
    case P::GT:
      op = ast::BinaryOp::kGt;
      break;
    case P::GE:
      op = ast::BinaryOp::kGe;
      break;
    default:
      break;
  }
  return Make(ast::Binary{op, std::move(lhs), BuildAdd(*operands[1])}, span);
}

ast::ExprPtr AstBuilder::BuildAdd(P::AddExprContext& ctx) {
  auto terms = ctx.mulExpr();
  auto ops = ctx.addOp();
  ast::ExprPtr lhs = BuildMul(*terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    ast::ExprPtr rhs = BuildMul(*terms[i]);
    base::Span span = base::Join(lhs->span, rhs->span);
    auto op = ops[i - 1]->PLUS() ? ast::BinaryOp::kAdd : ast::BinaryOp::kSub;
    lhs = Make(ast::Binary{op, std::move(lhs), std::move(rhs)}, span);
  }
  return lhs;
}

ast::ExprPtr AstBuilder::BuildMul(P::MulExprContext& ctx) {
  auto terms = ctx.unaryExpr();
  auto ops = ctx.mulOp();
  ast::ExprPtr lhs = BuildUnary(*terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    ast::ExprPtr rhs = BuildUnary(*terms[i]);
    base::Span span = base::Join(lhs->span, rhs->span);
    auto op = ops[i - 1]->STAR() ? ast::BinaryOp::kMul : ast::BinaryOp::kDiv;
    lhs = Make(ast::Binary{op, std::move(lhs), std::move(rhs)}, span);
  }
  return lhs;
}

ast::ExprPtr AstBuilder::BuildUnary(P::UnaryExprContext& ctx) {
  std::vector<P::UnaryExprContext*> run;
  P::UnaryExprContext* cur = &ctx;
  while (cur->MINUS()) {
    run.push_back(cur);
    cur = cur->unaryExpr();
  }
  ast::ExprPtr e = BuildPostfix(*cur->postfixExpr());
  for (auto it = run.rbegin(); it != run.rend(); ++it) {
    base::Span span = base::Join(spans_.Of((*it)->MINUS()->getSymbol()), e->span);
    e = Make(ast::Unary{ast::UnaryOp::kNeg, std::move(e)}, span);
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildPostfix(P::PostfixExprContext& ctx) {
  ast::ExprPtr e = BuildPrimary(*ctx.primary());
  for (auto* post : ctx.postfix()) {
    base::Span span = base::Join(e->span, spans_.Of(post));
    if (post->DOT()) {
      e = Make(ast::FieldAccess{std::move(e), NameOf(post->IDENT())}, span);
    } else {
      e = Make(ast::Index{std::move(e), BuildExpr(*post->expr())}, span);
    }
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildNumber(P::NumberPrimaryContext& ctx) {
  antlr4::Token* number = ctx.NUMBER()->getSymbol();
  const std::string text = number->getText();
  const base::Span span = spans_.Of(&ctx);
  if (ctx.badUnit) {
    std::string help = base::DidYouMean(ctx.badUnit->getText(), {"days", "weeks", "months", "years",
                                                                 "day", "week", "month", "year"});
    if (help.empty()) {
      help = ctx.badUnit->getType() == P::QUARTER
                 ? "write `3 months` for a quarter"
                 : "the units are `day`, `week`, `month` and `year` (singular or plural)";
    }
    diags_.Add(MakeDiagnostic(DiagCode::T0113, spans_.Of(ctx.badUnit), ctx.badUnit->getText())
                   .WithLabel("not a unit of time")
                   .WithHelp(help));
    return Make(ast::NumberLit{0, text}, span);
  }
  if (ctx.durationUnit()) {
    ast::DurationLit d;
    d.unit = UnitOf(ctx.durationUnit()->getStart()->getType());
    auto whole = ParseWholeNumber(text);
    if (!whole) {
      diags_.Add(MakeDiagnostic(DiagCode::T0114, spans_.Of(number), text)
                     .WithHelp("a duration counts whole days, weeks, months or years: use a "
                               "smaller unit, e.g. `10 days` instead of `1.5 weeks`"));
    } else {
      d.amount = *whole;
    }
    return Make(d, span);
  }
  auto v = ParseNumber(text);
  if (!v) {
    diags_.Add(MakeDiagnostic(DiagCode::T0108, span, text)
                   .WithHelp("`_` may only stand between two digits, as in `1_000_000`"));
    return Make(ast::NumberLit{0, text}, span);
  }
  return Make(ast::NumberLit{*v, text}, span);
}

ast::ExprPtr AstBuilder::BuildPrimary(P::PrimaryContext& ctx) {
  const base::Span span = spans_.Of(&ctx);
  if (auto* n = dynamic_cast<P::NumberPrimaryContext*>(&ctx)) return BuildNumber(*n);
  if (auto* s = dynamic_cast<P::StringPrimaryContext*>(&ctx)) {
    return Make(ast::StringLit{StringOf(*s->stringLit())}, span);
  }
  if (auto* d = dynamic_cast<P::DatePrimaryContext*>(&ctx)) {
    return Make(ast::DateLit{ParseDate(d->DATE()->getText())}, span);
  }
  if (auto* b = dynamic_cast<P::BoolPrimaryContext*>(&ctx)) {
    return Make(ast::BoolLit{b->TRUE() != nullptr}, span);
  }
  if (dynamic_cast<P::TodayPrimaryContext*>(&ctx)) return Make(ast::TodayLit{}, span);
  auto args_of = [&](P::CallArgsContext* args) {
    std::vector<ast::ExprPtr> out;
    for (auto* a : args->expr()) out.push_back(BuildExpr(*a));
    return out;
  };
  if (auto* n = dynamic_cast<P::NamePrimaryContext*>(&ctx)) {
    if (auto* args = n->callArgs()) {
      return Make(ast::Call{NameOf(n->IDENT()), args_of(args)}, span);
    }
    return Make(ast::NameRef{n->IDENT()->getText()}, span);
  }
  if (auto* c = dynamic_cast<P::CountPrimaryContext*>(&ctx)) {
    return Make(ast::Call{NameOf(c->COUNT()), args_of(c->callArgs())}, span);
  }
  if (auto* l = dynamic_cast<P::ListPrimaryContext*>(&ctx)) {
    ast::ListLit list;
    for (auto* item : l->expr()) list.items.push_back(BuildExpr(*item));
    return Make(std::move(list), span);
  }
  auto* p = dynamic_cast<P::ParenPrimaryContext*>(&ctx);
  ast::ExprPtr inner = BuildExpr(*p->expr());
  inner->span = span;
  return inner;
}

}  // namespace treaty::syntax
