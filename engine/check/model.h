#pragma once
/// The checked model of a portfolio: what check::Check builds from the ASTs once every name is
/// resolved, every expression type-checked, every date validated and every reference between
/// clauses, agreements and waivers bound. Immutable once built; safe to share across threads.
/// Indices (TaxonomyId, KindId, ClauseIndex, …) point into the vectors of the Portfolio. The
/// compiler (plan/) consumes it; nothing here knows ANTLR or the AST (the operator enums are
/// shared with it, from ast/operators.h).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/operators.h"
#include "base/rule_kind.h"
#include "base/severity.h"
#include "base/span.h"
#include "value/value.h"

namespace treaty::check {

using base::Span;
using TaxonomyId = uint32_t;
using MemberId = uint32_t;
using KindId = uint32_t;
using AgreementIndex = uint32_t;
using ClauseIndex = uint32_t;
inline constexpr uint32_t kNoId = UINT32_MAX;

// ---------------------------------------------------------------- types

enum class BaseType : uint8_t {
  kError,  // the type of an expression that already produced a diagnostic
  kText,
  kNumber,
  kBool,
  kDate,
  kDuration,
  kMember,  // a member of taxonomy `ref`
  kFact,    // a fact of kind `ref` (a bound variable)
};

enum class Shape : uint8_t { kScalar, kList, kMap };

struct Type {
  BaseType base = BaseType::kError;
  Shape shape = Shape::kScalar;
  uint32_t ref = kNoId;  // TaxonomyId for kMember, KindId for kFact

  bool operator==(const Type&) const = default;
  bool is_error() const { return base == BaseType::kError; }
};

// ---------------------------------------------------------------- vocabulary

struct Member {
  std::string name;
  MemberId parent = kNoId;  // kNoId for the root
  uint32_t depth = 0;
  /// Pre-order interval: m is inside a iff a.pre <= m.pre && m.pre < a.post.
  uint32_t pre = 0;
  uint32_t post = 0;
  Span span;
};

struct Taxonomy {
  std::string name;
  std::vector<Member> members;  // members[0] is the root, named like the taxonomy
  Span span;

  bool Contains(MemberId ancestor, MemberId m) const {
    return members[ancestor].pre <= members[m].pre && members[m].pre < members[ancestor].post;
  }
  /// The member with that name, or kNoId.
  MemberId Find(std::string_view name) const;
};

struct Field {
  std::string name;
  Type type;
  bool optional = false;
  Span span;
};

struct Kind {
  std::string name;
  std::string description;
  std::vector<Field> fields;      // a fact's slot i holds fields[i]
  uint32_t active_from = kNoId;   // field slot of `active from`/`active at`, kNoId if timeless
  uint32_t active_until = kNoId;  // field slot of `until`, kNoId if open-ended or instant
  bool instant = false;
  Span span;

  /// The slot of a field, or kNoId.
  uint32_t FindField(std::string_view name) const;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// A constant: a literal, a member, a folded constant list.
struct Const {
  value::Value value;
};
struct Today {};
/// `var.field`: slot `slot` of the fact bound to rule variable `var`.
struct FieldRef {
  uint32_t var = 0;
  uint32_t slot = 0;
};
/// The fact bound to a rule variable itself (an argument of `overlaps`).
struct VarRef {
  uint32_t var = 0;
};
struct MapLookup {
  ExprPtr map;
  ExprPtr key;
};
struct ListExpr {
  std::vector<ExprPtr> items;
};
using ast::UnaryOp;
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};
using ast::BinaryOp;
struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};
/// `element in set`: set is a member (hierarchical), a list, or a list-valued field.
struct Membership {
  ExprPtr element;
  ExprPtr set;
  bool negated = false;
};
using ast::Quantifier;
struct Quantified {
  Quantifier quantifier;
  ExprPtr list;
  ExprPtr set;
};
struct Presence {
  ExprPtr operand;
  bool present = false;
};
enum class Builtin : uint8_t { kCount, kOverlaps, kStartsWith, kEndsWith, kContains, kLower };
struct BuiltinCall {
  Builtin fn;
  std::vector<ExprPtr> args;
};
/// A use of a definition, inlined: `body` is the definition's expression checked at this use
/// (predicate parameters replaced by the caller's variables). `name` is kept for explanations.
struct Inlined {
  std::string name;
  ExprPtr body;
};

struct Expr {
  using Node = std::variant<Const, Today, FieldRef, VarRef, MapLookup, ListExpr, Unary, Binary,
                            Membership, Quantified, Presence, BuiltinCall, Inlined>;
  Node node;
  Type type;
  Span span;  // where it was written (for an inlined body: in the definition)
};

// ---------------------------------------------------------------- agreements and rules

/// A half-open interval of dates [from, until); `until` absent means open-ended.
struct Window {
  value::Date from;
  std::optional<value::Date> until;
};

using base::RuleKind;

struct Variable {
  std::string name;  // the alias, or the kind name
  KindId kind = 0;
  Span span;
};

enum class PeriodUnit : uint8_t { kNone, kDay, kWeek, kMonth, kQuarter, kYear, kRolling };

struct Rule {
  RuleKind kind = RuleKind::kForbid;
  /// Bound variables: for forbid/permit/limit count/exists as declared; for require/exclusive/
  /// limit sum the one kind their expressions use.
  std::vector<Variable> vars;
  ExprPtr when;    // null when absent
  ExprPtr unless;  // null when absent
  /// require: R. exclusive: `target in value` (kBool), as if written with `require`.
  ExprPtr requirement;
  // exclusive:
  uint32_t exclusive_slot = kNoId;  // the field of `exclusive x.field`
  value::Value exclusive_to;        // the granted value(s): a Member or a List of Members/values
  // limit:
  bool limit_sum = false;
  ExprPtr summed;  // limit sum x.field
  double cap = 0;
  PeriodUnit period = PeriodUnit::kNone;
  int64_t rolling_days = 0;  // for kRolling
  ExprPtr group_by;          // null when absent
  // exists:
  value::Date due{};
  Span span;
};

using base::Severity;

struct MessagePart {
  std::string text;  // literal text, when expr is null
  ExprPtr expr;
};

struct Clause {
  std::string id;         // "2.1"
  std::string qualified;  // "MSFT_2025/2.1"
  AgreementIndex agreement = 0;
  std::string title;
  std::string text;
  Severity severity = Severity::kError;
  std::vector<MessagePart> message;  // empty when the clause has no message
  /// The agreement's window narrowed by the clause's own `effective` (not yet cut by replaces).
  Window window;
  /// The window after `replaces` cuts: where a later clause replaces this one, `until` is
  /// clipped to the replacing clause's window start.
  Window effective_window;
  ClauseIndex replaces = kNoId;
  std::vector<ClauseIndex> replaced_by;
  std::vector<ClauseIndex> overrides;
  std::vector<Rule> rules;
  Span span;
  Span id_span;
};

struct Agreement {
  std::string id;
  std::string title;
  std::vector<std::string> parties;
  Window window;
  AgreementIndex amends = kNoId;
  std::vector<ClauseIndex> clauses;
  Span span;
};

struct Waiver {
  std::string id;
  ClauseIndex clause = kNoId;
  std::vector<std::string> facts;  // sorted
  std::optional<value::Date> until;
  std::string approved_by;
  std::string reason;
  Span span;
};

// ---------------------------------------------------------------- tests

/// A value written in a test's `given` fact, checked against the field's type.
struct GivenField {
  std::string name;
  uint32_t slot = kNoId;
  value::Value value;
  Span span;
};
struct GivenFact {
  KindId kind = 0;
  std::string id;
  std::vector<GivenField> fields;
  Span span;
};
struct GivenFile {
  std::string path;  // relative to the portfolio root as written
  Span span;
};

struct Expectation {
  enum class Form : uint8_t { kViolation, kNoViolation, kWaived, kPending, kFindings };
  Form form = Form::kViolation;
  ClauseIndex clause = kNoId;  // kNoId for `expect no violation` without a clause, or findings
  std::vector<std::string> on;
  int64_t count = 0;
  Span span;
};

struct Test {
  std::string name;
  std::optional<value::Date> as_of;
  std::vector<std::variant<GivenFact, GivenFile>> given;
  std::vector<Expectation> expectations;
  Span span;
};

// ---------------------------------------------------------------- the portfolio

struct Definition {
  std::string name;
  bool is_predicate = false;
  bool used = false;
  Span span;
};

struct Portfolio {
  std::vector<Taxonomy> taxonomies;
  std::vector<Kind> kinds;
  std::vector<Definition> definitions;  // kept for lints; uses are inlined into rules
  std::vector<Agreement> agreements;
  std::vector<Clause> clauses;  // in declaration order (files in path order)
  std::vector<Waiver> waivers;
  std::vector<Test> tests;

  KindId FindKind(std::string_view name) const;              // kNoId if unknown
  TaxonomyId FindTaxonomy(std::string_view name) const;      // kNoId if unknown
  ClauseIndex FindClause(std::string_view qualified) const;  // "A/C"; kNoId if unknown
  AgreementIndex FindAgreement(std::string_view id) const;   // kNoId if unknown
};

/// A type as users read it: "text", "date", "list of region", "a `deployment` fact".
std::string TypeName(const Portfolio& p, const Type& t);

}  // namespace treaty::check
