// plan::Compile: check::Portfolio -> plan::Plan. Expressions are flattened bottom-up into the
// node array (children before parents); constant sets are folded into bitmaps / hash sets;
// each rule gets its index key, its explanation parts and, for joins, per-variable filters.

#include "plan/plan.h"

#include <algorithm>
#include <type_traits>
#include <variant>

#include "check/model.h"
#include "plan/render.h"

namespace treaty::plan {

namespace {

class Compiler {
 public:
  Compiler(const check::Portfolio& p, Plan& plan) : p_(p), plan_(plan) {}

  void Run() {
    Vocabulary();
    for (uint32_t ci = 0; ci < p_.clauses.size(); ++ci) CompileClause(ci);
    for (uint32_t ci = 0; ci < p_.clauses.size(); ++ci) {
      for (check::ClauseIndex o : p_.clauses[ci].overrides) {
        if (o < plan_.clauses.size()) plan_.clauses[o].overridden_by.push_back(ci);
      }
    }
    for (auto& c : plan_.clauses) {
      std::sort(c.overridden_by.begin(), c.overridden_by.end());
      c.overridden_by.erase(std::unique(c.overridden_by.begin(), c.overridden_by.end()),
                            c.overridden_by.end());
    }
    for (const auto& w : p_.waivers) {
      Waiver pw{w.id, w.clause, w.facts, w.until, w.span};
      std::sort(pw.facts.begin(), pw.facts.end());
      plan_.waivers.push_back(std::move(pw));
    }
    BuildIndex();
  }

 private:
  void Vocabulary() {
    for (const auto& t : p_.taxonomies) {
      Taxonomy pt;
      pt.name = t.name;
      for (const auto& m : t.members) pt.members.push_back({m.name, m.parent, m.pre, m.post});
      plan_.taxonomies.push_back(std::move(pt));
    }
    for (const auto& k : p_.kinds) {
      Kind pk;
      pk.name = k.name;
      for (const auto& f : k.fields) {
        Field pf;
        pf.name = f.name;
        if (f.type.shape == check::Shape::kScalar && f.type.base == check::BaseType::kText) {
          pf.cls = FieldClass::kText;
        } else if (f.type.shape == check::Shape::kScalar &&
                   f.type.base == check::BaseType::kMember) {
          pf.cls = FieldClass::kMember;
          pf.taxonomy = f.type.ref;
        }
        pk.fields.push_back(std::move(pf));
      }
      plan_.kinds.push_back(std::move(pk));
    }
    plan_.index.resize(plan_.kinds.size());
  }

  NodeId Add(Node n) {
    plan_.nodes.push_back(n);
    return static_cast<NodeId>(plan_.nodes.size() - 1);
  }

  uint32_t AddConst(value::Value v) {
    plan_.constants.push_back(std::move(v));
    return static_cast<uint32_t>(plan_.constants.size() - 1);
  }

  /// The constant an expression folds to, if it is one (a literal, a member, a list of them).
  static std::optional<value::Value> Fold(const check::Expr& e) {
    if (const auto* c = std::get_if<check::Const>(&e.node)) return c->value;
    if (const auto* l = std::get_if<check::ListExpr>(&e.node)) {
      value::List items;
      for (const auto& item : l->items) {
        auto v = Fold(*item);
        if (!v) return std::nullopt;
        items.push_back(std::move(*v));
      }
      return value::Value{std::move(items)};
    }
    if (const auto* in = std::get_if<check::Inlined>(&e.node)) return Fold(*in->body);
    return std::nullopt;
  }

  /// Classifies the set of an `in` or a quantifier into node `n` (fields set, aux, b).
  void CompileSet(const check::Expr& set, Node& n) {
    auto folded = Fold(set);
    if (folded) {
      const value::Value& v = *folded;
      if (v.is<value::Member>()) {
        const auto& m = v.as<value::Member>();
        if (m.taxonomy < plan_.taxonomies.size() &&
            m.member < plan_.taxonomies[m.taxonomy].members.size()) {
          n.set = SetKind::kMember;
          n.aux = AddConst(v);
          return;
        }
      }
      if (v.is<value::List>() && !v.as<value::List>().empty()) {
        const auto& list = v.as<value::List>();
        bool members = true, texts = true;
        uint32_t tax = kNone;
        for (const auto& item : list) {
          if (item.is<value::Member>()) {
            const auto& m = item.as<value::Member>();
            if (tax == kNone) tax = m.taxonomy;
            if (m.taxonomy != tax || tax >= plan_.taxonomies.size() ||
                m.member >= plan_.taxonomies[tax].members.size()) {
              members = false;
            }
          } else {
            members = false;
          }
          if (!item.is<std::string>()) texts = false;
        }
        if (members) {
          const Taxonomy& t = plan_.taxonomies[tax];
          MemberSet ms;
          ms.taxonomy = tax;
          ms.inside.assign(t.members.size(), 0);
          for (const auto& item : list) {
            uint32_t a = item.as<value::Member>().member;
            for (uint32_t m = 0; m < t.members.size(); ++m) {
              if (t.Contains(a, m)) ms.inside[m] = 1;
            }
          }
          ms.source = v;
          plan_.member_sets.push_back(std::move(ms));
          n.set = SetKind::kMemberSet;
          n.aux = static_cast<uint32_t>(plan_.member_sets.size() - 1);
          return;
        }
        if (texts) {
          TextSetEntry ts;
          for (const auto& item : list) ts.texts.insert(item.as<std::string>());
          ts.source = v;
          plan_.text_sets.push_back(std::move(ts));
          n.set = SetKind::kTextSet;
          n.aux = static_cast<uint32_t>(plan_.text_sets.size() - 1);
          return;
        }
      }
    }
    n.set = SetKind::kDynamic;
    n.b = CompileExpr(set);
  }

  NodeId CompileExpr(const check::Expr& e) {
    Node n;
    n.span = e.span;
    if (auto folded = std::holds_alternative<check::ListExpr>(e.node) ? Fold(e) : std::nullopt) {
      n.op = Op::kConst;
      n.aux = AddConst(std::move(*folded));
      return Add(n);
    }
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, check::Const>) {
            n.op = Op::kConst;
            n.aux = AddConst(x.value);
          } else if constexpr (std::is_same_v<T, check::Today>) {
            n.op = Op::kToday;
          } else if constexpr (std::is_same_v<T, check::FieldRef>) {
            n.op = Op::kField;
            n.a = x.var;
            n.b = x.slot;
          } else if constexpr (std::is_same_v<T, check::VarRef>) {
            n.op = Op::kVar;
            n.a = x.var;
          } else if constexpr (std::is_same_v<T, check::MapLookup>) {
            n.op = Op::kMapLookup;
            n.a = CompileExpr(*x.map);
            n.b = CompileExpr(*x.key);
          } else if constexpr (std::is_same_v<T, check::ListExpr>) {
            n.op = Op::kList;
            std::vector<NodeId> items;
            for (const auto& item : x.items) items.push_back(CompileExpr(*item));
            n.aux = static_cast<uint32_t>(plan_.args.size());
            n.n = static_cast<uint32_t>(items.size());
            plan_.args.insert(plan_.args.end(), items.begin(), items.end());
          } else if constexpr (std::is_same_v<T, check::Unary>) {
            n.op = x.op == check::UnaryOp::kNot ? Op::kNot : Op::kNeg;
            n.a = CompileExpr(*x.operand);
          } else if constexpr (std::is_same_v<T, check::Binary>) {
            static constexpr Op kOps[] = {Op::kAnd, Op::kOr,  Op::kEq,  Op::kNe,
                                          Op::kLt,  Op::kLe,  Op::kGt,  Op::kGe,
                                          Op::kAdd, Op::kSub, Op::kMul, Op::kDiv};
            n.op = kOps[static_cast<int>(x.op)];
            n.a = CompileExpr(*x.lhs);
            n.b = CompileExpr(*x.rhs);
          } else if constexpr (std::is_same_v<T, check::Membership>) {
            n.op = Op::kIn;
            n.flag = x.negated ? 1 : 0;
            n.a = CompileExpr(*x.element);
            CompileSet(*x.set, n);
          } else if constexpr (std::is_same_v<T, check::Quantified>) {
            n.op = x.quantifier == check::Quantifier::kAny   ? Op::kAny
                   : x.quantifier == check::Quantifier::kAll ? Op::kAll
                                                             : Op::kNoneOf;
            n.a = CompileExpr(*x.list);
            CompileSet(*x.set, n);
          } else if constexpr (std::is_same_v<T, check::Presence>) {
            n.op = Op::kPresent;
            n.flag = x.present ? 1 : 0;
            n.a = CompileExpr(*x.operand);
          } else if constexpr (std::is_same_v<T, check::BuiltinCall>) {
            static constexpr Op kOps[] = {Op::kCount,    Op::kOverlaps, Op::kStartsWith,
                                          Op::kEndsWith, Op::kContains, Op::kLower};
            n.op = kOps[static_cast<int>(x.fn)];
            std::vector<NodeId> items;
            for (const auto& arg : x.args) items.push_back(CompileExpr(*arg));
            if (!items.empty()) n.a = items[0];
            if (items.size() > 1) n.b = items[1];
            n.aux = static_cast<uint32_t>(plan_.args.size());
            n.n = static_cast<uint32_t>(items.size());
            plan_.args.insert(plan_.args.end(), items.begin(), items.end());
          } else if constexpr (std::is_same_v<T, check::Inlined>) {
            n.op = Op::kInlined;
            n.a = CompileExpr(*x.body);
            plan_.names.push_back(x.name);
            n.aux = static_cast<uint32_t>(plan_.names.size() - 1);
          }
        },
        e.node);
    return Add(n);
  }

  NodeId Maybe(const check::ExprPtr& e) { return e ? CompileExpr(*e) : kNone; }

  /// Top-level operands of `op` chains (through definition uses when `through_inlined`).
  void Flatten(NodeId id, Op op, bool through_inlined, std::vector<NodeId>& out) const {
    if (id == kNone) return;
    const Node& n = plan_.nodes[id];
    if (n.op == op) {
      Flatten(n.a, op, through_inlined, out);
      Flatten(n.b, op, through_inlined, out);
    } else if (through_inlined && n.op == Op::kInlined) {
      Flatten(n.a, op, through_inlined, out);
    } else {
      out.push_back(id);
    }
  }

  /// The variables an expression reads (bit i = variable i; bit 31 = any variable >= 31).
  uint32_t VarsOf(NodeId id) const {
    if (id == kNone) return 0;
    const Node& n = plan_.nodes[id];
    uint32_t bits = 0;
    if (n.op == Op::kField || n.op == Op::kVar) return n.a < 31 ? (1u << n.a) : (1u << 31);
    if (n.op == Op::kConst || n.op == Op::kToday) return 0;
    if (n.op == Op::kList || (n.op >= Op::kCount && n.op <= Op::kLower)) {
      for (uint32_t i = 0; i < n.n; ++i) bits |= VarsOf(plan_.args[n.aux + i]);
      return bits;
    }
    bits |= VarsOf(n.a);
    if (n.op != Op::kInlined) bits |= VarsOf(n.b);
    return bits;
  }

  const Field* FieldOfVar0(const Rule& r, const Node& n) const {
    if (n.op != Op::kField || n.a != 0 || r.vars.empty()) return nullptr;
    const Kind& k = plan_.kinds[r.vars[0].kind];
    if (n.b >= k.fields.size()) return nullptr;
    return &k.fields[n.b];
  }

  /// The index key a conjunct implies, if any: the conjunct can only be true for a fact whose
  /// field holds one of the key's values (or, hierarchically, lies inside one).
  std::optional<IndexKey> KeyOf(const Rule& r, NodeId id) const {
    const Node& n = plan_.nodes[id];
    if (n.op == Op::kEq || n.op == Op::kNe) {
      for (int side = 0; side < 2; ++side) {
        const Node& f = plan_.nodes[side == 0 ? n.a : n.b];
        const Node& c = plan_.nodes[side == 0 ? n.b : n.a];
        const Field* field = FieldOfVar0(r, f);
        if (!field || c.op != Op::kConst) continue;
        const value::Value& v = plan_.constants[c.aux];
        IndexKey key;
        key.slot = f.b;
        key.negated = n.op == Op::kNe;
        if (field->cls == FieldClass::kText && v.is<std::string>()) {
          key.texts.push_back(v.as<std::string>());
          return key;
        }
        if (field->cls == FieldClass::kMember && v.is<value::Member>() &&
            v.as<value::Member>().taxonomy == field->taxonomy) {
          key.members.push_back(v.as<value::Member>().member);
          return key;
        }
      }
      return std::nullopt;
    }
    if (n.op == Op::kIn && n.flag == 0) {
      const Field* field = FieldOfVar0(r, plan_.nodes[n.a]);
      if (!field) return std::nullopt;
      IndexKey key;
      key.slot = plan_.nodes[n.a].b;
      key.hierarchical = true;
      if (field->cls == FieldClass::kMember && n.set == SetKind::kMember) {
        const auto& m = plan_.constants[n.aux].as<value::Member>();
        if (m.taxonomy != field->taxonomy) return std::nullopt;
        key.members.push_back(m.member);
        return key;
      }
      if (field->cls == FieldClass::kMember && n.set == SetKind::kMemberSet) {
        const MemberSet& ms = plan_.member_sets[n.aux];
        if (ms.taxonomy != field->taxonomy) return std::nullopt;
        for (const auto& item : ms.source.as<value::List>()) {
          key.members.push_back(item.as<value::Member>().member);
        }
        std::sort(key.members.begin(), key.members.end());
        key.members.erase(std::unique(key.members.begin(), key.members.end()), key.members.end());
        return key;
      }
      if (field->cls == FieldClass::kText && n.set == SetKind::kTextSet) {
        for (const auto& t : plan_.text_sets[n.aux].texts) key.texts.push_back(t);
        std::sort(key.texts.begin(), key.texts.end());
        return key;
      }
    }
    return std::nullopt;
  }

  /// The estimated share of facts a key lets through, to pick the most selective conjunct:
  /// for members, the share of the taxonomy's leaves inside the key; texts are assumed to be
  /// many-valued (1% each).
  double Share(const Rule& r, const IndexKey& key) const {
    if (key.negated) {
      // Only better than no key: a `!=` lets most facts through.
      IndexKey positive = key;
      positive.negated = false;
      return 1.0 - Share(r, positive) / 2;
    }
    if (!key.texts.empty()) return std::min(1.0, 0.01 * static_cast<double>(key.texts.size()));
    const Field& f = plan_.kinds[r.vars[0].kind].fields[key.slot];
    const Taxonomy& t = plan_.taxonomies[f.taxonomy];
    std::vector<uint8_t> is_parent(t.members.size(), 0);
    for (const Member& m : t.members) {
      if (m.parent != kNone) is_parent[m.parent] = 1;
    }
    double leaves = 0, inside = 0;
    for (uint32_t m = 0; m < t.members.size(); ++m) {
      if (is_parent[m]) continue;
      leaves += 1;
      for (uint32_t k : key.members) {
        if (key.hierarchical ? t.Contains(k, m) : k == m) {
          inside += 1;
          break;
        }
      }
    }
    return leaves == 0 ? 1.0 : std::max(inside, 0.5) / leaves;
  }

  void CompileRule(uint32_t clause, const check::Rule& cr) {
    Rule r;
    r.clause = clause;
    r.kind = cr.kind;
    for (const auto& v : cr.vars) r.vars.push_back({v.name, v.kind});
    r.when = Maybe(cr.when);
    r.unless = Maybe(cr.unless);
    r.requirement = Maybe(cr.requirement);
    r.summed = Maybe(cr.summed);
    r.group_by = Maybe(cr.group_by);
    r.limit_sum = cr.limit_sum;
    r.cap = cr.cap;
    r.period = static_cast<Period>(cr.period);
    r.rolling_days = cr.rolling_days;
    r.due = cr.due;
    r.span = cr.span;
    Flatten(r.when, Op::kAnd, false, r.when_parts);
    Flatten(r.unless, Op::kOr, false, r.unless_parts);
    Flatten(r.requirement, Op::kAnd, false, r.requirement_parts);
    if (r.kind == RuleKind::kExclusive && !r.vars.empty()) {
      const Kind& k = plan_.kinds[r.vars[0].kind];
      std::string field =
          cr.exclusive_slot < k.fields.size() ? k.fields[cr.exclusive_slot].name : "?";
      r.requirement_text =
          r.vars[0].name + "." + field + " in " + RenderValue(plan_, cr.exclusive_to);
    }

    // Index key: the most selective keyable top-level conjunct of `when` on variable 0.
    std::vector<NodeId> conjuncts;
    Flatten(r.when, Op::kAnd, true, conjuncts);
    if (!r.vars.empty()) {
      double best = 2;
      for (NodeId c : conjuncts) {
        auto key = KeyOf(r, c);
        if (!key) continue;
        double share = Share(r, *key);
        if (share < best) {
          best = share;
          r.key = std::move(*key);
        }
      }
    }
    // Joins: per-variable filters and a hash-join equality.
    if (r.vars.size() >= 2) {
      r.var_filters.resize(r.vars.size());
      for (NodeId c : conjuncts) {
        uint32_t bits = VarsOf(c);
        for (uint32_t v = 0; v < r.vars.size() && v < 31; ++v) {
          if (bits == (1u << v)) r.var_filters[v].push_back(c);
        }
        const Node& n = plan_.nodes[c];
        if (r.vars.size() == 2 && n.op == Op::kEq && r.join_slot0 == kNone) {
          const Node& x = plan_.nodes[n.a];
          const Node& y = plan_.nodes[n.b];
          if (x.op == Op::kField && y.op == Op::kField && x.a != y.a) {
            r.join_slot0 = x.a == 0 ? x.b : y.b;
            r.join_slot1 = x.a == 0 ? y.b : x.b;
          }
        }
      }
    }
    plan_.rules.push_back(std::move(r));
  }

  void CompileClause(uint32_t ci) {
    const check::Clause& c = p_.clauses[ci];
    Clause pc;
    pc.qualified = c.qualified;
    pc.agreement = c.agreement < p_.agreements.size() ? p_.agreements[c.agreement].id : "";
    pc.title = c.title;
    pc.text = c.text;
    pc.severity = c.severity;
    pc.window = Window{c.effective_window.from, c.effective_window.until};
    pc.span = c.span;
    for (const auto& part : c.message) pc.message.push_back({part.text, Maybe(part.expr)});
    for (const auto& rule : c.rules) {
      pc.rules.push_back(static_cast<uint32_t>(plan_.rules.size()));
      CompileRule(ci, rule);
    }
    plan_.clauses.push_back(std::move(pc));
  }

  void BuildIndex() {
    for (uint32_t ri = 0; ri < plan_.rules.size(); ++ri) {
      const Rule& r = plan_.rules[ri];
      if (r.vars.empty() || r.vars[0].kind >= plan_.index.size()) continue;
      KindIndex& ki = plan_.index[r.vars[0].kind];
      ki.all.push_back(ri);
      if (r.key.slot == kNone) {
        ki.unkeyed.push_back(ri);
        continue;
      }
      auto it = std::find_if(ki.slots.begin(), ki.slots.end(),
                             [&](const SlotIndex& s) { return s.slot == r.key.slot; });
      if (it == ki.slots.end()) {
        const Field& f = plan_.kinds[r.vars[0].kind].fields[r.key.slot];
        SlotIndex si;
        si.slot = r.key.slot;
        si.cls = f.cls;
        si.taxonomy = f.taxonomy;
        if (f.cls == FieldClass::kMember) {
          si.by_member.resize(plan_.taxonomies[f.taxonomy].members.size());
          si.excluded_by_member.resize(si.by_member.size());
        }
        ki.slots.push_back(std::move(si));
        it = ki.slots.end() - 1;
      }
      if (r.key.negated) {
        it->negated.push_back(ri);
        for (uint32_t m : r.key.members) it->excluded_by_member[m].push_back(ri);
        for (const auto& t : r.key.texts) it->excluded_by_text[t].push_back(ri);
        continue;
      }
      for (uint32_t m : r.key.members) it->by_member[m].push_back(ri);
      for (const auto& t : r.key.texts) it->by_text[t].push_back(ri);
    }
    for (auto& ki : plan_.index) {
      std::sort(ki.slots.begin(), ki.slots.end(),
                [](const SlotIndex& a, const SlotIndex& b) { return a.slot < b.slot; });
    }
  }

  const check::Portfolio& p_;
  Plan& plan_;
};

}  // namespace

Plan Compile(const check::Portfolio& portfolio) {
  Plan plan;
  Compiler(portfolio, plan).Run();
  return plan;
}

}  // namespace treaty::plan
