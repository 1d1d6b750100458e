#pragma once
/// Name resolution and type checking of one expression in the scope of one rule: ast::Expr ->
/// check::Expr with a Type on every node. Bare names resolve to rule variables, predicate
/// parameters, definitions (inlined, checked at each use with the use's expected type),
/// taxonomies and taxonomy members (by the expected type). Every problem is reported; an
/// expression that failed has BaseType::kError and causes no further error. Internal to check/.

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "check/context.h"
#include "check/model.h"

namespace treaty::check {

/// The variables an expression may use. For forbid/permit/limit count/exists they are the
/// declared bindings; for require/exclusive/limit sum (`implicit`), a kind name used as a
/// variable binds it, and a second kind is an error (T0308).
struct RuleScope {
  std::vector<Variable> vars;
  /// Names bound to a kind that does not exist (already reported): uses are silent errors.
  std::vector<std::string> broken_vars;
  bool implicit = false;
  bool reported_two_kinds = false;
};

class ExprChecker {
 public:
  /// `lenient`: checking the body of a definition no rule uses; names whose taxonomy only a use
  /// could decide are not errors, and nothing is marked used. `mark_used` false: checking a
  /// definition's body once, before any rule (a use from a rule marks it and what it uses).
  ExprChecker(Context& ctx, RuleScope& scope, bool lenient = false, bool mark_used = true)
      : ctx_(ctx), scope_(scope), lenient_(lenient), mark_used_(mark_used && !lenient) {}

  /// Checks `e`; `expected` (may be null) steers the resolution of bare member names.
  ExprPtr Check(const ast::Expr& e, const Type* expected = nullptr);
  /// Checks `e` next to an operand that already failed: names whose meaning only that operand
  /// could have decided (ambiguous or wrong-taxonomy members) are silent errors.
  ExprPtr CheckQuietly(const ast::Expr& e, const Type* expected = nullptr);
  /// Checks a condition: reports T0303 unless it is a bool. `what` names it ("a `when` clause").
  ExprPtr CheckBool(const ast::Expr& e, std::string_view what);
  /// Checks the body of a definition at the definition, with parameter i as variable i (the
  /// scope must be empty): once for each definition, and for CheckUnusedDefinitions.
  ExprPtr CheckDefinitionBody(const DefInfo& def);

 private:
  struct Frame {
    const DefInfo* def = nullptr;
    std::vector<uint32_t> param_vars;  // parameter i -> caller variable
    base::Span use;                    // where the definition is used
    Type expected;                     // the expected type at the use (kError: none)
    bool at_definition = false;        // checked where it is defined, not at a use
  };

  ExprPtr Error(const base::Span& span) const;
  ExprPtr Make(Expr::Node node, Type type, const base::Span& span) const;

  ExprPtr CheckName(const std::string& name, const base::Span& span, const Type* expected);
  ExprPtr CheckField(const ast::FieldAccess& f, const base::Span& span);
  ExprPtr CheckIndex(const ast::Index& ix, const base::Span& span);
  ExprPtr CheckCall(const ast::Call& call, const base::Span& span);
  ExprPtr CheckBuiltin(Builtin fn, const ast::Call& call, const base::Span& span);
  ExprPtr CheckList(const ast::ListLit& list, const base::Span& span, const Type* expected);
  ExprPtr CheckUnary(const ast::Unary& u, const base::Span& span);
  ExprPtr CheckBinary(const ast::Binary& b, const base::Span& span);
  ExprPtr CheckComparison(const ast::Binary& b, const base::Span& span);
  ExprPtr CheckArithmetic(const ast::Binary& b, const base::Span& span);
  /// false, with T0315 reported, when a date literal moved by a duration literal leaves the
  /// calendar.
  bool DateArithmeticFits(const ast::Binary& b, const Expr& lhs, const Expr& rhs,
                          const base::Span& span);
  ExprPtr CheckMembership(const ast::Membership& m, const base::Span& span);
  ExprPtr CheckQuantified(const ast::Quantified& q, const base::Span& span);
  ExprPtr CheckPresence(const ast::Presence& p, const base::Span& span);
  /// Checks the operands of `in` / `any L in S`: the element (or list) and the set, each
  /// steering the other's name resolution. False (after reporting) when either is wrong.
  bool CheckInOperands(const ast::Expr& left, const ast::Expr& set, bool quantified,
                       ExprPtr& left_out, ExprPtr& set_out);

  /// A use of a constant (checked at the use when its body checked once does not fit).
  ExprPtr Inline(const DefInfo& def, const base::Span& use, const Type* expected);
  /// A use of a predicate: its body checked once, its parameters renamed to `param_vars`.
  ExprPtr UsePredicate(const DefInfo& def, const std::vector<uint32_t>& param_vars,
                       const base::Span& use);
  /// A copy of a checked body at a use, within the inlining limits (T0215/T0216), wrapped in
  /// an Inlined node named for `def` (a body that is itself one use is not wrapped twice).
  ExprPtr Instantiate(const DefInfo& def, const CheckedBody& checked,
                      const std::vector<uint32_t>* param_vars, const base::Span& use);
  /// Marks `def` and every definition it uses as used by a rule.
  void MarkUsed(const DefInfo& def);
  /// "`d`" for the definition being checked at its definition, else "this expression".
  std::string Subject() const;
  /// The first frame that is a use (not a definition checked where it is defined), or null.
  const Frame* OuterUse() const;
  ExprPtr ResolveMember(const std::string& name, const base::Span& span, const Type* expected);
  /// A variable (rule variable or predicate parameter) named `name`, or kNoId; kErrorVar after
  /// reporting that it cannot be bound (a second kind in a `require`).
  uint32_t FindVariable(const std::string& name, const base::Span& span);
  bool IsVariableName(const std::string& name) const;
  void ReportUnknownName(const std::string& name, const base::Span& span);
  void ReportWrongTaxonomy(const std::string& name, const base::Span& span, TaxonomyId expected,
                           const std::vector<value::Member>& candidates);
  /// True when `e` is a name or list whose type only the other operand can decide.
  bool IsContextual(const ast::Expr& e) const;
  bool InDefinition() const { return !frames_.empty(); }
  /// Names visible here, for did-you-mean.
  std::vector<std::string_view> VisibleNames() const;
  std::string TypeStr(const Type& t) const { return TypeName(ctx_.out, t); }

  Context& ctx_;
  RuleScope& scope_;
  bool lenient_;
  bool mark_used_;
  std::vector<Frame> frames_;
  uint64_t inlined_here_ = 0;  // nodes copied into the expressions this checker built
  int quiet_ = 0;              // > 0 inside CheckQuietly
};

/// A deep copy of a checked expression; with `vars`, variable i becomes (*vars)[i].
ExprPtr Clone(const Expr& e, const std::vector<uint32_t>* vars = nullptr);
/// The size (nodes) and depth of a checked expression.
CheckedBody Measure(ExprPtr body);
/// Which limit a definition went past: its size or its depth.
enum class Growth { kSize, kDepth };
/// Notes on `d` the path down the definitions `def` uses, the largest (or deepest) first at
/// each step, for up to six steps: where a size or a depth comes from.
void NoteWhereItGrows(const Context& ctx, const DefInfo& def, Growth by, base::Diagnostic& d);
inline constexpr const char* kTooDeepHelp =
    "each use of a definition puts its body in place of the use; state the condition with "
    "fewer nested definitions";
/// The constant value of a checked expression (a Const, or an Inlined constant), or nullopt.
std::optional<value::Value> ConstantValue(const Expr& e);

}  // namespace treaty::check
