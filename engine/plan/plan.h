#pragma once
/// The compiled plan: what plan::Compile makes of a checked portfolio (check/model.h) and the
/// only input of the evaluator (eval/), which never sees the checker's model or the AST (as
/// re2's engines run Prog, never Regexp). Expressions are flattened into one node array with
/// slot-indexed field access and constant sets pre-hashed; rules are indexed by the values of
/// their scope's top-level `==`/`in` conjuncts. Immutable once built; safe to share.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/rule_kind.h"
#include "base/severity.h"
#include "base/span.h"
#include "value/value.h"

namespace treaty::check {
struct Portfolio;
}

namespace treaty::plan {

inline constexpr uint32_t kNone = UINT32_MAX;
using NodeId = uint32_t;

// ---------------------------------------------------------------- vocabulary

struct Member {
  std::string name;
  uint32_t parent = kNone;  // kNone for the root
  uint32_t pre = 0;         // pre-order interval: m is inside a iff a.pre <= m.pre < a.post
  uint32_t post = 0;
};

struct Taxonomy {
  std::string name;
  std::vector<Member> members;  // members[0] is the root
  bool Contains(uint32_t ancestor, uint32_t m) const {
    return members[ancestor].pre <= members[m].pre && members[m].pre < members[ancestor].post;
  }
};

enum class FieldClass : uint8_t { kOther, kText, kMember };  // what the index can key on

struct Field {
  std::string name;
  FieldClass cls = FieldClass::kOther;  // of a scalar field; kOther for lists and maps
  uint32_t taxonomy = kNone;            // for kMember
};

struct Kind {
  std::string name;
  std::vector<Field> fields;
};

// ---------------------------------------------------------------- expressions

enum class Op : uint8_t {
  kConst,      // constants[aux]
  kToday,      // the as-of date
  kField,      // slot b of the fact bound to variable a
  kVar,        // the fact bound to variable a (argument of overlaps)
  kMapLookup,  // a[b]
  kList,       // list literal with dynamic items: args[aux .. aux+n)
  kNot,
  kNeg,
  kAnd,
  kOr,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kIn,   // a in (set), see SetKind; flag = negated
  kAny,  // any a in (set)
  kAll,
  kNoneOf,
  kPresent,   // a is present (flag = 1) / a is absent (flag = 0): two-valued
  kCount,     // count(a)
  kOverlaps,  // overlaps(a, b), a and b are kVar nodes
  kStartsWith,
  kEndsWith,
  kContains,
  kLower,
  kInlined,  // a definition use: the body is a; names[aux] is the definition's name
};

/// How the set of an `in` or a quantifier is represented.
enum class SetKind : uint8_t {
  kDynamic,    // node b evaluated at run time (a list-valued field, a list literal)
  kMember,     // constants[aux] is one Member: hierarchical interval test
  kMemberSet,  // member_sets[aux]: membership bitmap over one taxonomy (hierarchy folded in)
  kTextSet,    // text_sets[aux]: hashed texts
};

struct Node {
  Op op = Op::kConst;
  uint8_t flag = 0;
  SetKind set = SetKind::kDynamic;
  NodeId a = kNone;
  NodeId b = kNone;
  uint32_t aux = 0;  // constant / set / name index, or first argument in `args`
  uint32_t n = 0;    // argument count for kList and builtins
  base::Span span;   // where the expression was written
};

struct MemberSet {
  uint32_t taxonomy = 0;
  std::vector<uint8_t> inside;  // inside[m] = 1 when member m is inside some listed member
  value::Value source;          // the constant as written (for dumps and explanations)
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TextSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct TextSetEntry {
  TextSet texts;
  value::Value source;
};

// ---------------------------------------------------------------- rules and clauses

using base::RuleKind;
using base::Severity;
enum class Period : uint8_t { kUnbounded, kDay, kWeek, kMonth, kQuarter, kYear, kRolling };

using base::RuleKindName;

/// [from, until); `until` absent means open-ended. Empty when until <= from.
struct Window {
  value::Date from;
  std::optional<value::Date> until;
  bool empty() const { return until && *until <= from; }
};

struct Variable {
  std::string name;
  uint32_t kind = 0;
};

/// The key an indexed rule is filed under: the rule can only hold for a fact whose field
/// `slot` (of variable 0) is one of `members` (or inside one, hierarchically) or `texts` — or,
/// when `negated` (a `!=` conjunct), is present and none of them (members compared exactly).
struct IndexKey {
  uint32_t slot = kNone;  // kNone: not indexed
  bool hierarchical = false;
  bool negated = false;
  std::vector<uint32_t> members;
  std::vector<std::string> texts;
};

struct Rule {
  RuleKind kind = RuleKind::kForbid;
  uint32_t clause = 0;
  std::vector<Variable> vars;
  NodeId when = kNone;
  NodeId unless = kNone;
  NodeId requirement = kNone;
  /// For explanations: top-level conjuncts of `when` and of the requirement, disjuncts of
  /// `unless` (definition uses are kept whole).
  std::vector<NodeId> when_parts;
  std::vector<NodeId> unless_parts;
  std::vector<NodeId> requirement_parts;
  std::string requirement_text;  // exclusive: "deployment.cloud in Azure"
  IndexKey key;
  /// Joins: per variable, the top-level `when` conjuncts (through definition uses) that read
  /// only that variable; and a conjunct `v0.f == v1.g` usable for a hash join.
  std::vector<std::vector<NodeId>> var_filters;
  uint32_t join_slot0 = kNone;
  uint32_t join_slot1 = kNone;
  // limit
  bool limit_sum = false;
  NodeId summed = kNone;
  double cap = 0;
  Period period = Period::kUnbounded;
  int64_t rolling_days = 0;
  NodeId group_by = kNone;
  // exists
  value::Date due;
  base::Span span;
};

struct MessagePart {
  std::string text;
  NodeId expr = kNone;
};

struct Clause {
  std::string qualified;  // "MSFT_2025/2.1"
  std::string agreement;
  std::string title;
  std::string text;
  Severity severity = Severity::kError;
  std::vector<MessagePart> message;
  Window window;                        // the effective window (after `replaces` cuts)
  std::vector<uint32_t> overridden_by;  // clauses whose `overrides` name this one, ascending
  std::vector<uint32_t> rules;
  base::Span span;
};

struct Waiver {
  std::string id;
  uint32_t clause = kNone;
  std::vector<std::string> facts;  // sorted
  std::optional<value::Date> until;
  base::Span span;
};

// ---------------------------------------------------------------- index

/// The rules a fact of one kind can meet: `unkeyed` always, plus those filed under the values
/// of its fields (for a member: the member and each ancestor).
struct SlotIndex {
  uint32_t slot = 0;
  FieldClass cls = FieldClass::kOther;
  uint32_t taxonomy = kNone;
  std::vector<std::vector<uint32_t>> by_member;  // member id -> rules
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>> by_text;
  /// Rules with a negated key on this slot: all of them meet a fact whose value is present,
  /// except those its value excludes.
  std::vector<uint32_t> negated;
  std::vector<std::vector<uint32_t>> excluded_by_member;  // member id -> negated rules
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>>
      excluded_by_text;
};

struct KindIndex {
  std::vector<uint32_t> all;      // every rule whose variable 0 has this kind (no index)
  std::vector<uint32_t> unkeyed;  // those without a key
  std::vector<SlotIndex> slots;   // ascending slot
};

// ---------------------------------------------------------------- the plan

struct Plan {
  std::vector<Taxonomy> taxonomies;
  std::vector<Kind> kinds;
  std::vector<Node> nodes;
  std::vector<NodeId> args;
  std::vector<value::Value> constants;
  std::vector<MemberSet> member_sets;
  std::vector<TextSetEntry> text_sets;
  std::vector<std::string> names;  // definition names of kInlined nodes
  std::vector<Rule> rules;         // clause order, then rule order
  std::vector<Clause> clauses;     // the portfolio's clause order
  std::vector<Waiver> waivers;
  std::vector<KindIndex> index;  // per kind
};

/// Compiles a checked portfolio (which must have no errors) into a plan.
Plan Compile(const check::Portfolio& portfolio);

}  // namespace treaty::plan
