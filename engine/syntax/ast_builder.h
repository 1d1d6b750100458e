#pragma once
/// Builds owned AST nodes (ast/ast.h) from the ANTLR parse tree of one declaration or one
/// message interpolation; the parse tree is not referenced afterwards. Spans come from each
/// context's first and last tokens. Reports the errors that the grammar leaves to it (bad
/// numbers, durations and escapes, duplicate items, a missing `effective`, `{expr}` parts of
/// messages) to `diags`; a caller drops a declaration whose build added an error.
/// Chains of operators are built iteratively; nesting is bounded by the NestingGuard.

#include <optional>
#include <string>

#include "TreatyParser.h"
#include "ast/ast.h"
#include "base/diagnostic_engine.h"
#include "syntax/parser.h"
#include "syntax/spans.h"

namespace treaty::syntax {

class AstBuilder {
 public:
  using P = treaty_grammar::TreatyParser;

  AstBuilder(const SpanMaker& spans, base::DiagnosticEngine& diags, const ParseOptions& options)
      : spans_(spans), diags_(diags), options_(options) {}

  ast::Decl BuildDeclaration(P::DeclarationContext& ctx);

  ast::Taxonomy BuildTaxonomy(P::TaxonomyDeclContext& ctx);
  ast::Kind BuildKind(P::KindDeclContext& ctx);
  ast::Define BuildDefine(P::DefineDeclContext& ctx);
  ast::Agreement BuildAgreement(P::AgreementDeclContext& ctx);
  ast::Clause BuildClause(P::ClauseContext& ctx);
  ast::Rule BuildRule(P::RuleDeclContext& ctx);
  ast::Waiver BuildWaiver(P::WaiverDeclContext& ctx);
  ast::Test BuildTest(P::TestDeclContext& ctx);
  ast::ExprPtr BuildExpr(P::ExprContext& ctx);

 private:
  ast::TaxonomyMember BuildMember(P::MemberContext& ctx);
  ast::TypeRef BuildTypeRef(P::TypeRefContext& ctx);
  ast::Window BuildWindow(P::WindowContext& ctx);
  ast::Message BuildMessage(P::StringLitContext& ctx);
  std::vector<ast::Binding> BuildBindings(P::BindingsContext& ctx);
  ast::Scope BuildScope(P::ScopeContext* ctx);
  ast::Period BuildPeriod(P::PeriodContext& ctx);
  ast::Expectation BuildExpectation(P::ExpectationContext& ctx);
  ast::GivenFact BuildGivenFact(P::GivenFactContext& ctx);
  ast::ExprPtr BuildValue(P::ValueContext& ctx);

  ast::ExprPtr BuildAnd(P::AndExprContext& ctx);
  ast::ExprPtr BuildNot(P::NotExprContext& ctx);
  ast::ExprPtr BuildRel(P::RelExprContext& ctx);
  ast::ExprPtr BuildAdd(P::AddExprContext& ctx);
  ast::ExprPtr BuildMul(P::MulExprContext& ctx);
  ast::ExprPtr BuildUnary(P::UnaryExprContext& ctx);
  ast::ExprPtr BuildPostfix(P::PostfixExprContext& ctx);
  ast::ExprPtr BuildPrimary(P::PrimaryContext& ctx);
  ast::ExprPtr BuildNumber(P::NumberPrimaryContext& ctx);

  ast::Name NameOf(antlr4::Token* token);  // an identifier, or a string (decoded)
  ast::Name NameOf(antlr4::tree::TerminalNode* node) { return NameOf(node->getSymbol()); }
  ast::Name NameOf(P::IdTextContext& ctx);
  std::string StringOf(P::StringLitContext& ctx);  // decoded, escapes checked
  std::string StringOf(antlr4::Token* token);
  ast::ClauseRef ClauseRefOf(antlr4::tree::TerminalNode* node);
  ast::DateValue DateOf(antlr4::tree::TerminalNode* node);
  std::optional<int64_t> WholeNumberOf(antlr4::Token* token);
  /// T0109 when `seen` is already set; `first` is where the earlier one was.
  bool Duplicate(bool seen, std::string_view item, std::string_view container,
                 std::string_view name, const base::Span& at, const base::Span& first);

  ast::ExprPtr Make(ast::Expr::Node node, base::Span span);

  const SpanMaker& spans_;
  base::DiagnosticEngine& diags_;
  const ParseOptions& options_;
};

}  // namespace treaty::syntax
