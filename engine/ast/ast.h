#pragma once
/// The abstract syntax tree of a policy file: owned, move-only value nodes built by
/// syntax::Parse from the parse tree, each with the Span of the source it came from. Names are
/// unresolved here; check/ resolves them. Nesting is bounded by the parser (see
/// syntax/parser.h), so recursive walks over an AST are safe.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ast/operators.h"
#include "base/severity.h"
#include "base/span.h"

namespace treaty::ast {

using base::Span;

/// An identifier or a quoted id as written, with its span (quotes excluded from `text`).
struct Name {
  std::string text;
  Span span;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Date {
  int year = 0, month = 0, day = 0;  // as written; check/ validates the calendar date
};

enum class DurationUnit : uint8_t { kDay, kWeek, kMonth, kYear };

struct NumberLit {
  double value = 0;
  std::string text;  // as written, e.g. "1_000_000"
};
struct StringLit {
  std::string value;  // escapes decoded; long text dedented
};
struct BoolLit {
  bool value = false;
};
struct DateLit {
  Date date;
};
struct DurationLit {
  int64_t amount = 0;
  DurationUnit unit = DurationUnit::kDay;
};
struct TodayLit {};
/// A bare identifier: a fact variable, a definition constant, a taxonomy or a member.
struct NameRef {
  std::string name;
};
/// `base.field`: a fact field, or `taxonomy.member` (check/ tells them apart).
struct FieldAccess {
  ExprPtr base;
  Name field;
};
/// `base["key"]`: a map lookup.
struct Index {
  ExprPtr base;
  ExprPtr key;
};
/// `callee(args)`: a definition, or a built-in (count, overlaps, starts_with, ends_with,
/// contains, lower).
struct Call {
  Name callee;
  std::vector<ExprPtr> args;
};
struct ListLit {
  std::vector<ExprPtr> items;
};
/// `{ key: value, … }`: only in a test's `given` facts (a map-valued field).
struct MapLit {
  std::vector<std::pair<Name, ExprPtr>> entries;
};

struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

/// `element in set` / `element not in set`.
struct Membership {
  ExprPtr element;
  ExprPtr set;
  bool negated = false;
};

/// `any L in S`, `all L in S`, `none L in S` (L a list).
struct Quantified {
  Quantifier quantifier;
  ExprPtr list;
  ExprPtr set;
};

/// `e is absent` / `e is present`.
struct Presence {
  ExprPtr operand;
  bool present = false;
};

struct Expr {
  using Node = std::variant<NumberLit, StringLit, BoolLit, DateLit, DurationLit, TodayLit, NameRef,
                            FieldAccess, Index, Call, ListLit, MapLit, Unary, Binary, Membership,
                            Quantified, Presence>;
  Node node;
  Span span;
};

// ---------------------------------------------------------------- vocabulary

struct TaxonomyMember {
  Name name;
  std::vector<TaxonomyMember> children;
};

struct Taxonomy {
  Name name;
  std::vector<TaxonomyMember> members;
  Span span;
};

/// A field type: `text`, `number`, `bool`, `date`, a taxonomy name, `list of T`, `map of T`.
struct TypeRef {
  enum class Shape : uint8_t { kScalar, kList, kMap };
  Shape shape = Shape::kScalar;
  Name element;  // "text", "number", "bool", "date" or a taxonomy name
  Span span;
};

struct Field {
  Name name;
  TypeRef type;
  bool optional = false;
  Span span;
};

/// `active from F [until G]` or `active at F`.
struct Active {
  Name from;
  std::optional<Name> until;
  bool instant = false;  // `active at`
  Span span;
};

struct Kind {
  Name name;
  std::optional<std::string> description;
  std::vector<Field> fields;
  std::optional<Active> active;
  Span span;
};

struct Param {
  Name name;
  Name kind;
};

/// `define NAME = EXPR` (a constant) or `define NAME(v: KIND, …) = EXPR` (a predicate).
struct Define {
  Name name;
  std::optional<std::vector<Param>> params;  // nullopt for a constant
  ExprPtr body;
  Span span;
};

// ---------------------------------------------------------------- agreements

struct DateValue {
  Date date;
  Span span;
};

struct Window {
  DateValue from;
  std::optional<DateValue> until;
  Span span;
};

using base::Severity;

/// A "AGREEMENT/CLAUSE" reference as written (the string, unquoted, and its span).
struct ClauseRef {
  std::string text;
  Span span;
};

/// `KIND` or `KIND as NAME`.
struct Binding {
  Name kind;
  std::optional<Name> alias;
  Span span;
};

struct Scope {
  ExprPtr when;    // may be null
  ExprPtr unless;  // may be null
};

struct ForbidRule {
  std::vector<Binding> bindings;
};
struct PermitRule {
  std::vector<Binding> bindings;
};
struct RequireRule {
  ExprPtr requirement;
};
struct ExclusiveRule {
  ExprPtr target;  // x.field
  ExprPtr value;   // a member, a list, or a constant
};

enum class PeriodUnit : uint8_t { kDay, kWeek, kMonth, kQuarter, kYear, kRolling };
struct Period {
  PeriodUnit unit = PeriodUnit::kYear;
  std::optional<DurationLit> rolling;  // for kRolling: `per 90 days`
  Span span;
};

struct LimitRule {
  bool sum = false;               // `limit sum x.field` vs `limit count V`
  std::vector<Binding> bindings;  // for count
  ExprPtr summed;                 // for sum: x.field
  ExprPtr cap;                    // N
  std::optional<Period> per;
  ExprPtr group_by;  // may be null: `by x.field`
};

struct ExistsRule {
  std::vector<Binding> bindings;
  DateValue due;
};

struct Rule {
  using Body =
      std::variant<ForbidRule, PermitRule, RequireRule, ExclusiveRule, LimitRule, ExistsRule>;
  Body body;
  Scope scope;
  Span span;  // the whole rule
};

/// One piece of an interpolated message: literal text, or an `{expr}`.
struct MessagePart {
  std::variant<std::string, ExprPtr> part;
};

struct Message {
  std::string raw;  // the string as written, escapes decoded
  std::vector<MessagePart> parts;
  Span span;
};

struct Clause {
  Name id;  // "2.1" or an identifier
  std::string title;
  std::optional<std::string> text;
  std::optional<Severity> severity;
  Span severity_span;
  std::optional<Message> message;
  std::optional<Window> effective;
  std::optional<ClauseRef> replaces;
  std::vector<ClauseRef> overrides;
  std::vector<Rule> rules;
  Span span;
};

struct Agreement {
  Name id;
  std::string title;
  std::vector<Name> parties;
  std::optional<Window> effective;  // required; absent only after a syntax error
  std::optional<Name> amends;
  std::vector<Clause> clauses;
  Span span;
};

// ---------------------------------------------------------------- waivers and tests

struct Waiver {
  Name id;
  std::optional<ClauseRef> clause;
  std::vector<Name> facts;
  std::optional<DateValue> until;
  std::optional<std::string> approved_by;
  std::optional<std::string> reason;
  Span span;
};

/// `given KIND { field: value, … }`: values are expressions (literals, names, lists, maps).
struct GivenFact {
  Name kind;
  std::vector<std::pair<Name, ExprPtr>> fields;
  Span span;
};
struct GivenFile {
  std::string path;
  Span span;
};

struct Expectation {
  enum class Form : uint8_t {
    kViolation,    // expect violation CLAUSE [on ID, …]
    kNoViolation,  // expect no violation [CLAUSE]
    kWaived,       // expect waived CLAUSE on ID, …
    kPending,      // expect pending CLAUSE
    kFindings,     // expect findings N
  };
  Form form = Form::kViolation;
  std::optional<ClauseRef> clause;
  std::vector<Name> on;
  int64_t count = 0;  // for kFindings
  Span span;
};

struct Test {
  Name name;
  std::optional<DateValue> as_of;
  std::vector<std::variant<GivenFact, GivenFile>> given;
  std::vector<Expectation> expectations;
  Span span;
};

// ---------------------------------------------------------------- files

using Decl = std::variant<Taxonomy, Kind, Define, Agreement, Waiver, Test>;

struct File {
  base::FileId file = base::kNoFile;
  std::vector<Decl> decls;
  /// Names of declarations dropped because of a syntax error in them; check/ treats them as
  /// declared so that one typo does not cascade into "unknown name" errors.
  std::vector<std::string> broken_names;
};

}  // namespace treaty::ast
