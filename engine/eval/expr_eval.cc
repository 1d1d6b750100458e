#include "eval/expr_eval.h"

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "plan/render.h"

namespace treaty::eval {

using plan::Node;
using plan::Op;
using plan::SetKind;

// INVARIANT: the cases follow the order of value::Value::v (Absent, bool, double, text,
// Date, Duration, Member, List, Map).
Val FromValue(const value::Value& v) {
  Val r;
  switch (v.v.index()) {
    case 1:
      r.t = VT::kBool;
      r.b = *std::get_if<bool>(&v.v);
      break;
    case 2:
      r.t = VT::kNum;
      r.num = *std::get_if<double>(&v.v);
      break;
    case 3:
      r.t = VT::kText;
      r.text = *std::get_if<std::string>(&v.v);
      break;
    case 4:
      r.t = VT::kDate;
      r.date = std::get_if<value::Date>(&v.v)->days;
      break;
    case 5:
      r.t = VT::kDur;
      r.dur = *std::get_if<value::Duration>(&v.v);
      break;
    case 6: {
      const auto* m = std::get_if<value::Member>(&v.v);
      r.t = VT::kMember;
      r.u0 = m->taxonomy;
      r.u1 = m->member;
      break;
    }
    case 7:
      r.t = VT::kList;
      r.ref = &v;
      break;
    case 8:
      r.t = VT::kMap;
      r.ref = &v;
      break;
    default:
      break;  // absent
  }
  return r;
}

bool Meets(const facts::Fact& f, const plan::Window& w) {
  if (w.empty()) return false;
  if (!f.start) return true;  // timeless
  if (w.until && !(*f.start < *w.until)) return false;
  if (f.end && !(w.from < *f.end)) return false;
  return true;
}

ExprEval::ExprEval(const plan::Plan& plan, value::Date today) : plan_(plan), today_(today) {
  constants_.reserve(plan.constants.size());
  for (const auto& c : plan.constants) constants_.push_back(FromValue(c));
}

std::string& ExprEval::Scratch() {
  if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
  std::string& s = scratch_[scratch_used_++];
  s.clear();
  return s;
}

bool ExprEval::Equal(const Val& a, const Val& b) const {
  if (a.t != b.t) return false;
  switch (a.t) {
    case VT::kAbsent:
      return false;
    case VT::kBool:
      return a.b == b.b;
    case VT::kNum:
      return a.num == b.num;
    case VT::kText:
      return a.text == b.text;
    case VT::kDate:
      return a.date == b.date;
    case VT::kDur:
      return a.dur.ApproxDays() == b.dur.ApproxDays();
    case VT::kMember:
      return a.u0 == b.u0 && a.u1 == b.u1;
    case VT::kList:
    case VT::kMap:
      return *a.ref == *b.ref;
    case VT::kListNode:
    case VT::kFact:
      return a.u0 == b.u0;
  }
  return false;
}

std::optional<int> ExprEval::Compare(const Val& a, const Val& b) const {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.t != b.t) return std::nullopt;
  switch (a.t) {
    case VT::kNum:
      return cmp(a.num, b.num);
    case VT::kDate:
      return cmp(a.date, b.date);
    case VT::kDur:
      return cmp(a.dur.ApproxDays(), b.dur.ApproxDays());
    case VT::kText:
      return cmp(a.text, b.text);
    default:
      return std::nullopt;
  }
}

size_t ExprEval::ListSize(const Val& l) const {
  if (l.t == VT::kList) return l.ref->as<value::List>().size();
  if (l.t == VT::kListNode) return plan_.nodes[l.u0].n;
  return 0;
}

Val ExprEval::ListAt(const Val& l, size_t i) {
  if (l.t == VT::kList) return FromValue(l.ref->as<value::List>()[i]);
  const Node& n = plan_.nodes[l.u0];
  return Eval(plan_.args[n.aux + i]);
}

Tri ExprEval::InSet(const Val& e, const Node& n) {
  if (e.t == VT::kAbsent) return Tri::kUnknown;
  switch (n.set) {
    case SetKind::kMember: {
      const auto& m = plan_.constants[n.aux].as<value::Member>();
      if (e.t != VT::kMember || e.u0 != m.taxonomy) return Tri::kFalse;
      return plan_.taxonomies[m.taxonomy].Contains(m.member, e.u1) ? Tri::kTrue : Tri::kFalse;
    }
    case SetKind::kMemberSet: {
      const plan::MemberSet& ms = plan_.member_sets[n.aux];
      if (e.t != VT::kMember || e.u0 != ms.taxonomy || e.u1 >= ms.inside.size()) {
        return Tri::kFalse;
      }
      return ms.inside[e.u1] ? Tri::kTrue : Tri::kFalse;
    }
    case SetKind::kTextSet: {
      const plan::TextSet& ts = plan_.text_sets[n.aux].texts;
      if (e.t != VT::kText) return Tri::kFalse;
      return ts.find(e.text) != ts.end() ? Tri::kTrue : Tri::kFalse;
    }
    case SetKind::kDynamic:
      break;
  }
  Val s = Eval(n.b);
  auto matches = [&](const Val& item) {
    if (item.t == VT::kMember && e.t == VT::kMember) {
      return item.u0 == e.u0 && item.u0 < plan_.taxonomies.size() &&
             plan_.taxonomies[item.u0].Contains(item.u1, e.u1);
    }
    return Equal(e, item);
  };
  if (s.t == VT::kAbsent) return Tri::kUnknown;
  if (s.t == VT::kMember) return matches(s) ? Tri::kTrue : Tri::kFalse;
  if (s.t == VT::kList || s.t == VT::kListNode) {
    size_t size = ListSize(s);
    for (size_t i = 0; i < size; ++i) {
      if (matches(ListAt(s, i))) return Tri::kTrue;
    }
    return Tri::kFalse;
  }
  return Tri::kFalse;
}

Val ExprEval::Arith(Op op, const Val& l, const Val& r) const {
  Val out;
  if (l.t == VT::kNum && r.t == VT::kNum) {
    out.t = VT::kNum;
    switch (op) {
      case Op::kAdd:
        out.num = l.num + r.num;
        break;
      case Op::kSub:
        out.num = l.num - r.num;
        break;
      case Op::kMul:
        out.num = l.num * r.num;
        break;
      default:
        if (r.num == 0) return Val{};  // division by zero: unknown
        out.num = l.num / r.num;
        break;
    }
    return out;
  }
  // A date moved out of the calendar (0001-01-01 .. 9999-12-31) is unknown, like a division
  // by zero: never a wrapped-around date (docs/decisions.md).
  if (l.t == VT::kDate && r.t == VT::kDur && (op == Op::kAdd || op == Op::kSub)) {
    value::Date d{l.date};
    auto moved = op == Op::kAdd ? value::Add(d, r.dur) : value::Subtract(d, r.dur);
    if (!moved) return Val{};
    out.t = VT::kDate;
    out.date = moved->days;
    return out;
  }
  if (l.t == VT::kDur && r.t == VT::kDate && op == Op::kAdd) {
    auto moved = value::Add(value::Date{r.date}, l.dur);
    if (!moved) return Val{};
    out.t = VT::kDate;
    out.date = moved->days;
    return out;
  }
  if (l.t == VT::kDate && r.t == VT::kDate && op == Op::kSub) {
    out.t = VT::kDur;
    out.dur = value::Duration{0, static_cast<int64_t>(l.date) - r.date};
    return out;
  }
  if (l.t == VT::kDur && r.t == VT::kDur && (op == Op::kAdd || op == Op::kSub)) {
    out.t = VT::kDur;
    int64_t sign = op == Op::kAdd ? 1 : -1;
    out.dur = value::Duration{l.dur.months + sign * r.dur.months, l.dur.days + sign * r.dur.days};
    // Operands within the calendar cannot overflow; a sum longer than it is unknown too.
    if (!value::FitsCalendar(l.dur) || !value::FitsCalendar(r.dur)) return Val{};
    return out;
  }
  return out;  // absent / unknown
}

Val ExprEval::Eval(plan::NodeId id) {
  const Node& n = plan_.nodes[id];
  switch (n.op) {
    case Op::kConst:
      return constants_[n.aux];
    case Op::kToday: {
      Val v;
      v.t = VT::kDate;
      v.date = today_.days;
      return v;
    }
    case Op::kField: {
      const facts::Fact* f = Bound(n.a);
      if (!f || n.b >= f->slots.size()) return Val{};
      return FromValue(f->slots[n.b]);
    }
    case Op::kVar: {
      Val v;
      v.t = VT::kFact;
      v.u0 = n.a;
      return v;
    }
    case Op::kMapLookup: {
      Val m = Eval(n.a);
      Val k = Eval(n.b);
      if (m.t != VT::kMap || k.t != VT::kText) return Val{};
      const value::Value* found = value::Find(m.ref->as<value::Map>(), k.text);
      return found ? FromValue(*found) : Val{};
    }
    case Op::kList: {
      Val v;
      v.t = VT::kListNode;
      v.u0 = id;
      return v;
    }
    case Op::kNot:
    case Op::kAnd:
    case Op::kOr:
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
    case Op::kIn:
      return Val::FromTri(Truth(id));
    case Op::kNeg: {
      Val v = Eval(n.a);
      if (v.t == VT::kNum) {
        v.num = -v.num;
        return v;
      }
      if (v.t == VT::kDur) {
        v.dur = value::Duration{-v.dur.months, -v.dur.days};
        return v;
      }
      return Val{};
    }
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
      return Arith(n.op, Eval(n.a), Eval(n.b));
    case Op::kAny:
    case Op::kAll:
    case Op::kNoneOf: {
      Val l = Eval(n.a);
      if (l.t != VT::kList && l.t != VT::kListNode) return Val{};
      bool any_true = false, any_unknown = false, all_true = true;
      size_t size = ListSize(l);
      for (size_t i = 0; i < size; ++i) {
        Tri t = InSet(ListAt(l, i), n);
        if (t == Tri::kTrue) any_true = true;
        if (t == Tri::kUnknown) any_unknown = true;
        if (t != Tri::kTrue) all_true = false;
        if (t == Tri::kFalse && n.op == Op::kAll) return Val::Bool(false);
        if (any_true && n.op != Op::kAll) break;
      }
      if (n.op == Op::kAll) return all_true ? Val::Bool(true) : Val{};
      if (any_true) return Val::Bool(n.op == Op::kAny);
      if (any_unknown) return Val{};
      return Val::Bool(n.op == Op::kNoneOf);
    }
    case Op::kPresent: {
      Val v = Eval(n.a);
      return Val::Bool((v.t != VT::kAbsent) == (n.flag != 0));
    }
    case Op::kCount: {
      if (n.n < 1) return Val{};
      Val v = Eval(plan_.args[n.aux]);
      Val out;
      out.t = VT::kNum;
      if (v.t == VT::kList || v.t == VT::kListNode) {
        out.num = static_cast<double>(ListSize(v));
      } else if (v.t == VT::kMap) {
        out.num = static_cast<double>(v.ref->as<value::Map>().size());
      } else {
        return Val{};
      }
      return out;
    }
    case Op::kOverlaps: {
      if (n.n < 2) return Val{};
      Val a = Eval(plan_.args[n.aux]);
      Val b = Eval(plan_.args[n.aux + 1]);
      const facts::Fact* fa = a.t == VT::kFact ? Bound(a.u0) : nullptr;
      const facts::Fact* fb = b.t == VT::kFact ? Bound(b.u0) : nullptr;
      if (!fa || !fb) return Val{};
      // Timeless facts span all time.
      if (!fa->start || !fb->start) return Val::Bool(true);
      bool a_before_b_ends = !fb->end || *fa->start < *fb->end;
      bool b_before_a_ends = !fa->end || *fb->start < *fa->end;
      return Val::Bool(a_before_b_ends && b_before_a_ends);
    }
    case Op::kStartsWith:
    case Op::kEndsWith:
    case Op::kContains: {
      if (n.n < 2) return Val{};
      Val t = Eval(plan_.args[n.aux]);
      Val p = Eval(plan_.args[n.aux + 1]);
      if (t.t != VT::kText || p.t != VT::kText) return Val{};
      if (n.op == Op::kStartsWith) return Val::Bool(t.text.starts_with(p.text));
      if (n.op == Op::kEndsWith) return Val::Bool(t.text.ends_with(p.text));
      return Val::Bool(t.text.find(p.text) != std::string_view::npos);
    }
    case Op::kLower: {
      if (n.n < 1) return Val{};
      Val t = Eval(plan_.args[n.aux]);
      if (t.t != VT::kText) return Val{};
      std::string& s = Scratch();
      s.assign(t.text);
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      t.text = s;
      return t;
    }
    case Op::kInlined:
      return Eval(n.a);
  }
  return Val{};
}

Tri ExprEval::Truth(plan::NodeId id) {
  const Node& n = plan_.nodes[id];
  switch (n.op) {
    case Op::kNot: {
      const Tri t = Truth(n.a);
      if (t == Tri::kUnknown) return t;
      return t == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
    }
    case Op::kAnd: {
      const Tri l = Truth(n.a);
      if (l == Tri::kFalse) return l;
      const Tri r = Truth(n.b);
      if (r == Tri::kFalse) return r;
      return l == Tri::kTrue && r == Tri::kTrue ? Tri::kTrue : Tri::kUnknown;
    }
    case Op::kOr: {
      const Tri l = Truth(n.a);
      if (l == Tri::kTrue) return l;
      const Tri r = Truth(n.b);
      if (r == Tri::kTrue) return r;
      return l == Tri::kFalse && r == Tri::kFalse ? Tri::kFalse : Tri::kUnknown;
    }
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      return CompareTruth(n);
    case Op::kIn: {
      Val buf;
      const Tri t = InSet(Operand(n.a, buf), n);
      if (t == Tri::kUnknown) return t;
      return (t == Tri::kTrue) != (n.flag != 0) ? Tri::kTrue : Tri::kFalse;
    }
    case Op::kInlined:
      return Truth(n.a);
    default:
      return TriOf(Eval(id));
  }
}

const Val& ExprEval::Operand(plan::NodeId id, Val& buf) {
  const Node& n = plan_.nodes[id];
  if (n.op == Op::kConst) return constants_[n.aux];
  buf = Eval(id);
  return buf;
}

namespace {

Tri TruthOf(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

/// The truth of comparison `op` given whether the operands are equal (for == and !=) or how
/// they order (`c` < 0, 0, > 0, for the others).
Tri ComparisonTruth(Op op, bool equal, int c) {
  switch (op) {
    case Op::kEq:
      return TruthOf(equal);
    case Op::kNe:
      return TruthOf(!equal);
    case Op::kLt:
      return TruthOf(c < 0);
    case Op::kLe:
      return TruthOf(c <= 0);
    case Op::kGt:
      return TruthOf(c > 0);
    default:
      return TruthOf(c >= 0);
  }
}

/// `field OP constant` on a slot, as Equal and Compare would judge FromValue(slot) against
/// `c`; nullopt when that needs the general path (lists, maps, durations, members).
std::optional<int> SlotCompare(const value::Value& slot, const Val& c, bool* equal) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c.t) {
    case VT::kNum:
      if (const double* d = std::get_if<double>(&slot.v)) {
        *equal = *d == c.num;
        return cmp(*d, c.num);
      }
      break;
    case VT::kText:
      if (const std::string* t = std::get_if<std::string>(&slot.v)) {
        const int r = std::string_view(*t).compare(c.text);
        *equal = r == 0;
        return r < 0 ? -1 : (r > 0 ? 1 : 0);
      }
      break;
    case VT::kDate:
      if (const value::Date* d = std::get_if<value::Date>(&slot.v)) {
        *equal = d->days == c.date;
        return cmp(d->days, c.date);
      }
      break;
    default:
      break;
  }
  return std::nullopt;
}

}  // namespace

Tri ExprEval::CompareTruth(const Node& n) {
  const Node& a = plan_.nodes[n.a];
  const Node& b = plan_.nodes[n.b];
  if (a.op == Op::kField && b.op == Op::kConst) {
    // The commonest condition of a scope: no value is built.
    const facts::Fact* f = Bound(a.a);
    if (!f || a.b >= f->slots.size() || f->slots[a.b].is_absent()) return Tri::kUnknown;
    bool equal = false;
    if (auto c = SlotCompare(f->slots[a.b], constants_[b.aux], &equal)) {
      return ComparisonTruth(n.op, equal, *c);
    }
  }
  Val lbuf, rbuf;
  const Val& l = Operand(n.a, lbuf);
  const Val& r = Operand(n.b, rbuf);
  if (l.t == VT::kAbsent || r.t == VT::kAbsent) return Tri::kUnknown;
  if (n.op == Op::kEq || n.op == Op::kNe) return ComparisonTruth(n.op, Equal(l, r), 0);
  const auto c = Compare(l, r);
  if (!c) return Tri::kUnknown;
  return ComparisonTruth(n.op, false, *c);
}

std::string RenderVal(ExprEval& ev, const Val& v) {
  const plan::Plan& plan = ev.plan();
  switch (v.t) {
    case VT::kAbsent:
      return "absent";
    case VT::kBool:
      return v.b ? "true" : "false";
    case VT::kNum:
      return plan::RenderNumber(v.num);
    case VT::kText:
      return std::string(v.text);
    case VT::kDate:
      return value::FormatDate(value::Date{v.date});
    case VT::kDur:
      return value::FormatDuration(v.dur);
    case VT::kMember:
      return plan::RenderValue(plan, value::Value{value::Member{v.u0, v.u1}});
    case VT::kList:
    case VT::kMap:
      return plan::RenderValue(plan, *v.ref);
    case VT::kListNode: {
      std::string out = "[";
      for (size_t i = 0; i < ev.ListSize(v); ++i) {
        if (i) out += ", ";
        out += RenderVal(ev, ev.ListAt(v, i));
      }
      return out + "]";
    }
    case VT::kFact: {
      const facts::Fact* f = ev.Bound(v.u0);
      return f ? f->id : "?";
    }
  }
  return "?";
}

std::string RenderValClipped(ExprEval& ev, const Val& v, size_t max_bytes) {
  switch (v.t) {
    case VT::kText:
      return plan::ClipText(v.text, max_bytes);
    case VT::kList:
    case VT::kMap:
      return plan::RenderValueClipped(ev.plan(), *v.ref, max_bytes);
    case VT::kListNode: {
      std::string out = "[";
      for (size_t i = 0; i < ev.ListSize(v); ++i) {
        if (i > 0 && !plan::AppendClipped(out, ", ", max_bytes)) return out;
        if (!plan::AppendClipped(out, RenderValClipped(ev, ev.ListAt(v, i), max_bytes),
                                 max_bytes)) {
          return out;
        }
      }
      plan::AppendClipped(out, "]", max_bytes);
      return out;
    }
    default:
      return plan::ClipText(RenderVal(ev, v), max_bytes);
  }
}

}  // namespace treaty::eval
