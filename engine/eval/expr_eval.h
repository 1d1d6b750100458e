#pragma once
/// The expression machine of the evaluator: evaluates plan nodes against a binding of facts to
/// rule variables, in three-valued (Kleene) logic where an absent operand makes comparisons,
/// arithmetic and membership unknown. Values are small non-owning views (into fact slots and
/// plan constants), so evaluation allocates nothing except for `lower()`, whose results live
/// in a reused scratch pool. One ExprEval per thread.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/fact.h"
#include "plan/plan.h"
#include "value/date.h"

namespace treaty::eval {

enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

enum class VT : uint8_t {
  kAbsent,  // an absent value, or unknown as a truth value
  kBool,
  kNum,
  kText,
  kDate,
  kDur,
  kMember,
  kList,      // `ref` holds a value::List
  kMap,       // `ref` holds a value::Map
  kListNode,  // a list literal with dynamic items: node `u0`
  kFact,      // the fact bound to variable `u0`
};

struct Val {
  VT t = VT::kAbsent;
  bool b = false;
  uint32_t u0 = 0;  // member taxonomy / list node / variable
  uint32_t u1 = 0;  // member id
  int32_t date = 0;
  double num = 0;
  value::Duration dur;
  std::string_view text;
  const value::Value* ref = nullptr;

  static Val Bool(bool v) {
    Val r;
    r.t = VT::kBool;
    r.b = v;
    return r;
  }
  static Val FromTri(Tri t) { return t == Tri::kUnknown ? Val{} : Bool(t == Tri::kTrue); }
};

Val FromValue(const value::Value& v);
inline Tri TriOf(const Val& v) {
  if (v.t != VT::kBool) return Tri::kUnknown;
  return v.b ? Tri::kTrue : Tri::kFalse;
}

/// Meets: does a fact's active span [start, end) intersect the window? Timeless facts always
/// do; an empty window (fully replaced) meets nothing.
bool Meets(const facts::Fact& f, const plan::Window& w);

class ExprEval {
 public:
  ExprEval(const plan::Plan& plan, value::Date today);

  /// Binds the rule variables; `facts[i]` is the fact of variable i.
  void Bind(const facts::Fact* const* facts, uint32_t count) {
    binding_ = facts;
    bound_ = count;
  }
  Val Eval(plan::NodeId id);
  /// TriOf(Eval(id)), computed without building values for the logic and comparisons of a
  /// scope (the evaluator's inner loop).
  Tri Truth(plan::NodeId id);
  /// Resets the `lower()` scratch pool (call between top-level evaluations).
  void ResetScratch() { scratch_used_ = 0; }

  /// Is `e` in the set of node `n` (kIn or a quantifier)?
  Tri InSet(const Val& e, const plan::Node& n);
  bool Equal(const Val& a, const Val& b) const;
  std::optional<int> Compare(const Val& a, const Val& b) const;
  /// The i-th element of a list value (kList or kListNode), and its length.
  size_t ListSize(const Val& l) const;
  Val ListAt(const Val& l, size_t i);

  const plan::Plan& plan() const { return plan_; }
  value::Date today() const { return today_; }
  const facts::Fact* Bound(uint32_t var) const { return var < bound_ ? binding_[var] : nullptr; }

 private:
  Val Arith(plan::Op op, const Val& l, const Val& r) const;
  Tri CompareTruth(const plan::Node& n);
  /// The value of node `id`: a constant by reference, anything else evaluated into `buf`.
  const Val& Operand(plan::NodeId id, Val& buf);
  std::string& Scratch();

  const plan::Plan& plan_;
  value::Date today_;
  const facts::Fact* const* binding_ = nullptr;
  uint32_t bound_ = 0;
  std::vector<Val> constants_;  // plan.constants, converted once
  std::deque<std::string> scratch_;
  size_t scratch_used_ = 0;
};

/// A value as users read it (members by name, dates ISO, numbers without trailing zeros).
std::string RenderVal(ExprEval& ev, const Val& v);
/// RenderVal within `max_bytes` (then `…`), in O(max_bytes) whatever the value's size, as
/// plan::RenderValueClipped: for explanations, which repeat a value in every finding.
std::string RenderValClipped(ExprEval& ev, const Val& v, size_t max_bytes);

}  // namespace treaty::eval
