#pragma once
/// Random cases for the evaluator's property tests: seeded portfolios (checked models over the
/// vocabulary of eval_fixture.h: when/unless/require/exclusive/forbid (single and joins)/permit/
/// limit/exists, overrides, replacements, windows, waivers) and facts with absent optional
/// fields, and Dump, every field of a finding in one string for comparisons. The same seed
/// always gives the same case. Header-only.

#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "eval/eval_fixture.h"

namespace treaty::evaltest {

/// Every field of a finding, for comparing runs.
inline std::string Dump(const findings::Finding& f) {
  std::string s = fmt::format("{}|{}|{}|{}|{}|{}|{}|", f.clause, f.agreement, f.title,
                              f.clause_text, static_cast<int>(f.rule), static_cast<int>(f.severity),
                              static_cast<int>(f.status));
  for (const auto& id : f.facts) s += id + ",";
  s += "|";
  for (const auto& l : f.locations) s += fmt::format("{}:{},", l.file, l.line);
  s += fmt::format("|{}:{}|{}|", f.clause_location.file, f.clause_location.line, f.message);
  for (const auto& c : f.conflicts_with) s += c + ",";
  s += "|";
  for (const auto& e : f.explanation) s += e + "\n";
  s += "|" + f.waived_by + "|" + f.defeated_by;
  return s;
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }

  value::Date RandomDate() { return value::Date{D("2025-01-01").days + Int(0, 900)}; }

  const std::vector<std::string> models = {"gpt-5", "o4", "gpt-oss-120b", "gpt-4", "sora"};
  const std::vector<std::string> types = {"co_marketing", "press", "resale"};

  Value RandomMember(const check::Portfolio& p, uint32_t tax) {
    const auto& t = p.taxonomies[tax];
    return Value{
        value::Member{tax, static_cast<uint32_t>(Int(0, static_cast<int>(t.members.size()) - 1))}};
  }
  Value RandomLeaf(const check::Portfolio& p, uint32_t tax) {
    // A leaf-ish member for facts (never the root).
    const auto& t = p.taxonomies[tax];
    return Value{
        value::Member{tax, static_cast<uint32_t>(Int(1, static_cast<int>(t.members.size()) - 1))}};
  }

  /// An atomic condition on variable `var` of kind `kind`.
  ExprPtr Atom(const check::Portfolio& p, uint32_t kind, uint32_t var) {
    if (kind == kDeal) {
      switch (Int(0, 5)) {
        case 0:  // == or != on a text field (the index keys both)
          return Bin(Chance(25) ? check::BinaryOp::kNe : check::BinaryOp::kEq, Fld(var, kType),
                     C(T(Pick(types))));
        case 1: {
          value::List l{RandomMember(p, kCloud), RandomMember(p, kCloud)};
          return Any(Fld(var, kPartners), C(Value{l}));
        }
        case 2:
          return Bin(Chance(50) ? check::BinaryOp::kLt : check::BinaryOp::kGe, Fld(var, kAmount),
                     C(N(Int(0, 100))));
        case 3:
          return Present(Lookup(Fld(var, kNotices), C(T("Microsoft"))), Chance(50));
        case 4:
          return Bin(check::BinaryOp::kLe, Lookup(Fld(var, kNotices), C(T("Microsoft"))),
                     Bin(check::BinaryOp::kSub, Fld(var, kAnnounce),
                         C(Value{value::Duration{0, Int(0, 60)}})));
        default:
          return In(Fld(var, kType), C(Value{value::List{T(Pick(types)), T(Pick(types))}}),
                    Chance(30));
      }
    }
    switch (Int(0, 11)) {
      case 0:  // == or != on a member field (the index keys both)
        return Bin(Chance(25) ? check::BinaryOp::kNe : check::BinaryOp::kEq, Fld(var, kCloudF),
                   C(RandomMember(p, kCloud)));
      case 1:
        return In(Fld(var, kChannelF), C(RandomMember(p, kChannel)), Chance(20));
      case 2:
        return In(Fld(var, kSegmentF),
                  C(Value{value::List{RandomMember(p, kSegment), RandomMember(p, kSegment)}}),
                  Chance(20));
      case 3:
        return Eq(Fld(var, kApiF), C(RandomMember(p, kApi)));
      case 4:
        return Bin(Chance(25) ? check::BinaryOp::kNe : check::BinaryOp::kEq, Fld(var, kModel),
                   C(T(Pick(models))));
      case 5:
        return In(Fld(var, kModel), C(Value{value::List{T(Pick(models)), T(Pick(models))}}),
                  Chance(20));
      case 6:
        return Bin(Chance(50) ? check::BinaryOp::kLt : check::BinaryOp::kGe, Fld(var, kPrice),
                   C(N(Int(0, 4))));
      case 7:
        return Present(Fld(var, kEnd), Chance(50));
      case 8:
        return Bin(check::BinaryOp::kNe, Fld(var, kChannelF), C(RandomMember(p, kChannel)));
      case 9:
        return Bin(check::BinaryOp::kLt, Fld(var, kStart), Make(check::Today{}));
      case 10:
        return Inline("frontier", And(Eq(Fld(var, kApiF), C(RandomMember(p, kApi))),
                                      Eq(Fld(var, kModel), C(T(Pick(models))))));
      default:
        return Eq(Fld(var, kCloudF), C(RandomMember(p, kCloud)));
    }
  }

  ExprPtr Condition(const check::Portfolio& p, uint32_t kind, uint32_t var, int max_atoms) {
    int n = Int(0, max_atoms);
    if (n == 0) return nullptr;
    ExprPtr e = Term(p, kind, var);
    for (int i = 1; i < n; ++i) e = And(std::move(e), Term(p, kind, var));
    return e;
  }

  ExprPtr Term(const check::Portfolio& p, uint32_t kind, uint32_t var) {
    int r = Int(0, 9);
    if (r == 0) return Not(Atom(p, kind, var));
    if (r == 1) return Or(Atom(p, kind, var), Atom(p, kind, var));
    return Atom(p, kind, var);
  }

  check::Portfolio Portfolio() {
    check::Portfolio p = Vocabulary();
    int agreements = Int(1, 3);
    for (int a = 0; a < agreements; ++a) {
      value::Date from = RandomDate();
      std::optional<value::Date> until;
      if (Chance(50)) until = value::Date{from.days + Int(1, 500)};
      AddAgreement(p, fmt::format("AG{}", a), from, until);
    }
    int clauses = Int(1, 8);
    for (int i = 0; i < clauses; ++i) {
      uint32_t a = static_cast<uint32_t>(Int(0, agreements - 1));
      uint32_t ci = AddClause(p, a, fmt::format("{}", i), fmt::format("Clause {}", i));
      check::Clause& c = p.clauses[ci];
      if (Chance(30)) {
        value::Date from = value::Date{c.window.from.days + Int(0, 200)};
        if (!c.window.until || from < *c.window.until) c.window.from = from;
      }
      c.effective_window = c.window;
      c.severity = static_cast<check::Severity>(Int(0, 2));
      int rules = Int(1, 2);
      for (int k = 0; k < rules; ++k) c.rules.push_back(RandomRule(p));
      if (Chance(20)) {
        c.message.push_back({"m ", nullptr});
        c.message.push_back({"", Fld(0, 0)});
      }
      if (ci > 0 && Chance(30)) {
        // overrides an earlier clause, with a permit
        c.overrides.push_back(static_cast<uint32_t>(Int(0, static_cast<int>(ci) - 1)));
        uint32_t kind = Chance(70) ? kDeployment : kDeal;
        c.rules.push_back(
            MakeRule(check::RuleKind::kPermit, {{kind == kDeal ? "deal" : "deployment", kind}},
                     Condition(p, kind, 0, 2), Chance(20) ? Atom(p, kind, 0) : nullptr));
      }
      if (ci > 0 && Chance(15)) {
        uint32_t old = static_cast<uint32_t>(Int(0, static_cast<int>(ci) - 1));
        if (p.clauses[old].replaced_by.empty()) {
          c.replaces = old;
          p.clauses[old].replaced_by.push_back(ci);
          auto& w = p.clauses[old].effective_window;
          if (!w.until || c.window.from < *w.until) w.until = c.window.from;
        }
      }
    }
    for (auto& f : facts_) (void)f;
    return p;
  }

  check::Rule RandomRule(const check::Portfolio& p) {
    uint32_t kind = Chance(75) ? kDeployment : kDeal;
    std::string name = kind == kDeal ? "deal" : "deployment";
    switch (Int(0, 7)) {
      case 0:
      case 1:
        return MakeRule(check::RuleKind::kForbid, {{name, kind}}, Condition(p, kind, 0, 3),
                        Chance(40) ? Condition(p, kind, 0, 2) : nullptr);
      case 2: {
        check::Rule r =
            MakeRule(check::RuleKind::kRequire, {{name, kind}}, Condition(p, kind, 0, 3),
                     Chance(30) ? Condition(p, kind, 0, 1) : nullptr);
        r.requirement = Term(p, kind, 0);
        return r;
      }
      case 3: {
        if (kind == kDeal)
          return MakeRule(check::RuleKind::kPermit, {{name, kind}}, Condition(p, kind, 0, 2));
        uint32_t slot = Chance(50) ? kCloudF : kChannelF;
        uint32_t tax = slot == kCloudF ? kCloud : kChannel;
        Value to = Chance(70) ? RandomMember(p, tax)
                              : Value{value::List{RandomMember(p, tax), RandomMember(p, tax)}};
        return Exclusive(kind, name, slot, to, Condition(p, kind, 0, 2),
                         Chance(30) ? Condition(p, kind, 0, 1) : nullptr);
      }
      case 4:
        return MakeRule(check::RuleKind::kPermit, {{name, kind}}, Condition(p, kind, 0, 2));
      case 5: {
        check::Rule r = MakeRule(check::RuleKind::kLimit, {{name, kind}}, Condition(p, kind, 0, 2));
        r.cap = Int(0, 3);
        r.period = static_cast<check::PeriodUnit>(Int(0, 6));
        r.rolling_days = Int(1, 120);
        if (kind == kDeal && Chance(50)) {
          r.limit_sum = true;
          r.summed = Fld(0, kAmount);
          r.cap = Int(0, 150);
        }
        if (Chance(40)) r.group_by = Fld(0, kind == kDeal ? kType : kCloudF);
        return r;
      }
      case 6: {
        check::Rule r =
            MakeRule(check::RuleKind::kExists, {{name, kind}}, Condition(p, kind, 0, 2));
        r.due = RandomDate();
        return r;
      }
      default: {
        // a join of two variables, often with an equality usable for a hash join
        uint32_t k1 = Chance(70) ? kind : (kind == kDeal ? kDeployment : kDeal);
        ExprPtr when = Condition(p, kind, 0, 2);
        ExprPtr other = Condition(p, k1, 1, 1);
        ExprPtr link;
        if (kind == kDeployment && k1 == kDeployment) {
          link = Chance(50) ? Eq(Fld(0, kModel), Fld(1, kModel))
                            : Eq(Fld(1, kCloudF), Fld(0, kCloudF));
          if (Chance(50)) link = And(std::move(link), Overlaps(0, 1));
          if (Chance(50))
            link = And(std::move(link), Bin(check::BinaryOp::kLt, Fld(1, kPrice), Fld(0, kPrice)));
        } else if (kind == kDeal && k1 == kDeal) {
          link = Eq(Fld(0, kType), Fld(1, kType));
        } else {
          link = Overlaps(0, 1);
        }
        ExprPtr all = std::move(link);
        if (when) all = And(std::move(when), std::move(all));
        if (other) all = And(std::move(all), std::move(other));
        return MakeRule(check::RuleKind::kForbid, {{"a", kind}, {k1 == kDeal ? "b_deal" : "b", k1}},
                        std::move(all), Chance(20) ? Atom(p, kind, 0) : nullptr);
      }
    }
  }

  std::vector<facts::Fact> Facts(const check::Portfolio& p) {
    std::vector<facts::Fact> out;
    int n = Int(0, 30);
    for (int i = 0; i < n; ++i) {
      facts::Fact f;
      value::Date start = RandomDate();
      if (Chance(70)) {
        f.kind = kDeployment;
        f.id = fmt::format("dep-{}", i);
        f.slots.resize(9);
        f.slots[kProvider] = T("OpenAI");
        f.slots[kModel] = T(Pick(models));
        f.slots[kCloudF] = RandomLeaf(p, kCloud);
        f.slots[kChannelF] = RandomLeaf(p, kChannel);
        f.slots[kApiF] = RandomLeaf(p, kApi);
        f.slots[kSegmentF] = RandomLeaf(p, kSegment);
        f.slots[kStart] = Value{start};
        f.start = start;
        if (Chance(50)) {
          value::Date end{start.days + Int(1, 300)};
          f.slots[kEnd] = Value{end};
          f.end = end;
        }
        if (Chance(60)) f.slots[kPrice] = N(Int(0, 8) * 0.5);
      } else {
        f.kind = kDeal;
        f.id = fmt::format("deal-{}", i);
        f.slots.resize(5);
        f.slots[kType] = T(Pick(types));
        value::List partners;
        for (int k = Int(0, 2); k > 0; --k) partners.push_back(RandomLeaf(p, kCloud));
        f.slots[kPartners] = Value{partners};
        f.slots[kAnnounce] = Value{start};
        if (Chance(50)) {
          value::Map m;
          m.emplace_back("Microsoft", Value{value::Date{start.days - Int(0, 60)}});
          f.slots[kNotices] = Value{m};
        }
        if (Chance(70)) f.slots[kAmount] = N(Int(0, 80));
        f.start = start;
        f.end = value::Date{start.days + 1};
      }
      f.span = base::Span{0, 0, 1, static_cast<uint32_t>(i + 1), 1};
      out.push_back(std::move(f));
    }
    return out;
  }

  void Waivers(check::Portfolio& p, const std::vector<facts::Fact>& facts) {
    if (facts.empty()) return;
    for (int w = Int(0, 3); w > 0; --w) {
      check::Waiver wv;
      wv.id = fmt::format("W-{}", w);
      wv.clause = static_cast<uint32_t>(Int(0, static_cast<int>(p.clauses.size()) - 1));
      wv.facts = {Pick(facts).id};
      if (Chance(30)) wv.facts.push_back(Pick(facts).id);
      std::sort(wv.facts.begin(), wv.facts.end());
      if (Chance(70)) wv.until = RandomDate();
      p.waivers.push_back(std::move(wv));
    }
  }

 private:
  std::mt19937_64 rng_;
  std::vector<int> facts_;
};

}  // namespace treaty::evaltest
