#pragma once
/// Test support for plan/ and eval/: a checked portfolio built in code (the vocabulary of
/// LANGUAGE.md §2, trimmed), expression and clause builders, fact builders, and a helper that
/// compiles and evaluates. Header-only; used by the unit tests, the differential test and the
/// benchmark.

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/model.h"
#include "eval/evaluator.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "plan/plan.h"
#include "support/model_builders.h"
#include "value/date.h"

namespace treaty::evaltest {

using check::BaseType;
using check::ExprPtr;
using check::Shape;
using testing::MakeField;
using testing::MakeTaxonomy;
using value::Value;

// Vocabulary ids.
inline constexpr uint32_t kCloud = 0, kChannel = 1, kSegment = 2, kApi = 3;
inline constexpr uint32_t kDeployment = 0, kDeal = 1;
// deployment slots
inline constexpr uint32_t kProvider = 0, kModel = 1, kCloudF = 2, kChannelF = 3, kApiF = 4,
                          kSegmentF = 5, kStart = 6, kEnd = 7, kPrice = 8;
// deal slots
inline constexpr uint32_t kType = 0, kPartners = 1, kAnnounce = 2, kNotices = 3, kAmount = 4;

inline value::Date D(const char* iso) { return *value::ParseDate(iso); }

/// The vocabulary of LANGUAGE.md §2 (trimmed), no agreements yet.
inline check::Portfolio Vocabulary() {
  check::Portfolio p;
  p.taxonomies.push_back(
      MakeTaxonomy("cloud", {{"Azure", ""}, {"AWS", ""}, {"Google", ""}, {"Oracle", ""}}));
  p.taxonomies.push_back(MakeTaxonomy("channel", {{"Azure", ""},
                                                  {"azure_openai", "Azure"},
                                                  {"azure_foundry", "Azure"},
                                                  {"AWS", ""},
                                                  {"bedrock", "AWS"},
                                                  {"sagemaker", "AWS"},
                                                  {"Google", ""},
                                                  {"vertex", "Google"},
                                                  {"Oracle", ""},
                                                  {"oci", "Oracle"}}));
  p.taxonomies.push_back(MakeTaxonomy("segment", {{"enterprise", ""},
                                                  {"fortune_500", "enterprise"},
                                                  {"large_enterprise", "enterprise"},
                                                  {"public_sector", ""},
                                                  {"us_natsec", "public_sector"},
                                                  {"civilian_gov", "public_sector"},
                                                  {"smb", ""},
                                                  {"startup", ""}}));
  p.taxonomies.push_back(MakeTaxonomy("api", {{"stateless", ""}, {"product", ""}}));
  check::Kind dep;
  dep.name = "deployment";
  dep.fields = {MakeField("provider", BaseType::kText),
                MakeField("model", BaseType::kText),
                MakeField("cloud", BaseType::kMember, Shape::kScalar, kCloud),
                MakeField("channel", BaseType::kMember, Shape::kScalar, kChannel),
                MakeField("api", BaseType::kMember, Shape::kScalar, kApi),
                MakeField("segment", BaseType::kMember, Shape::kScalar, kSegment),
                MakeField("start", BaseType::kDate),
                MakeField("end", BaseType::kDate, Shape::kScalar, check::kNoId, true),
                MakeField("price_per_mtok", BaseType::kNumber, Shape::kScalar, check::kNoId, true)};
  dep.active_from = kStart;
  dep.active_until = kEnd;
  p.kinds.push_back(dep);
  check::Kind deal;
  deal.name = "deal";
  deal.fields = {MakeField("type", BaseType::kText),
                 MakeField("partners", BaseType::kMember, Shape::kList, kCloud),
                 MakeField("announce", BaseType::kDate),
                 MakeField("notices", BaseType::kDate, Shape::kMap, check::kNoId, true),
                 MakeField("amount", BaseType::kNumber, Shape::kScalar, check::kNoId, true)};
  deal.active_from = kAnnounce;
  deal.instant = true;
  p.kinds.push_back(deal);
  return p;
}

// ---------------------------------------------------------------- expressions

inline ExprPtr Make(check::Expr::Node node, check::Type type = {}) {
  auto e = std::make_unique<check::Expr>();
  e->node = std::move(node);
  e->type = type;
  return e;
}
inline Value M(const check::Portfolio& p, uint32_t tax, const std::string& name) {
  return Value{value::Member{tax, p.taxonomies[tax].Find(name)}};
}
inline Value T(std::string s) { return Value{std::move(s)}; }
inline Value N(double d) { return Value{d}; }
inline Value Dv(const char* iso) { return Value{D(iso)}; }
inline ExprPtr C(Value v) { return Make(check::Const{std::move(v)}); }
inline ExprPtr Fld(uint32_t var, uint32_t slot) { return Make(check::FieldRef{var, slot}); }
inline ExprPtr Var(uint32_t var) { return Make(check::VarRef{var}); }
inline ExprPtr Bin(check::BinaryOp op, ExprPtr a, ExprPtr b) {
  return Make(check::Binary{op, std::move(a), std::move(b)}, {BaseType::kBool});
}
inline ExprPtr Eq(ExprPtr a, ExprPtr b) {
  return Bin(check::BinaryOp::kEq, std::move(a), std::move(b));
}
inline ExprPtr And(ExprPtr a, ExprPtr b) {
  return Bin(check::BinaryOp::kAnd, std::move(a), std::move(b));
}
inline ExprPtr Or(ExprPtr a, ExprPtr b) {
  return Bin(check::BinaryOp::kOr, std::move(a), std::move(b));
}
inline ExprPtr Not(ExprPtr a) { return Make(check::Unary{check::UnaryOp::kNot, std::move(a)}); }
inline ExprPtr In(ExprPtr elem, ExprPtr set, bool negated = false) {
  return Make(check::Membership{std::move(elem), std::move(set), negated}, {BaseType::kBool});
}
inline ExprPtr Any(ExprPtr list, ExprPtr set) {
  return Make(check::Quantified{check::Quantifier::kAny, std::move(list), std::move(set)});
}
inline ExprPtr Present(ExprPtr e, bool present) {
  return Make(check::Presence{std::move(e), present});
}
inline ExprPtr Lookup(ExprPtr map, ExprPtr key) {
  return Make(check::MapLookup{std::move(map), std::move(key)});
}
inline ExprPtr Overlaps(uint32_t a, uint32_t b) {
  check::BuiltinCall call{check::Builtin::kOverlaps, {}};
  call.args.push_back(Var(a));
  call.args.push_back(Var(b));
  return Make(std::move(call));
}
inline ExprPtr Inline(std::string name, ExprPtr body) {
  return Make(check::Inlined{std::move(name), std::move(body)});
}

// ---------------------------------------------------------------- agreements

inline uint32_t AddAgreement(check::Portfolio& p, std::string id, value::Date from,
                             std::optional<value::Date> until = std::nullopt) {
  check::Agreement a;
  a.id = std::move(id);
  a.title = a.id + " agreement";
  a.window = check::Window{from, until};
  p.agreements.push_back(std::move(a));
  return static_cast<uint32_t>(p.agreements.size() - 1);
}

/// Adds a clause with the agreement's window; returns its index.
inline uint32_t AddClause(check::Portfolio& p, uint32_t agreement, std::string id,
                          std::string title) {
  check::Clause c;
  c.id = id;
  c.qualified = p.agreements[agreement].id + "/" + id;
  c.agreement = agreement;
  c.title = std::move(title);
  c.text = "text of " + c.qualified;
  c.window = p.agreements[agreement].window;
  c.effective_window = c.window;
  p.clauses.push_back(std::move(c));
  uint32_t ci = static_cast<uint32_t>(p.clauses.size() - 1);
  p.agreements[agreement].clauses.push_back(ci);
  return ci;
}

inline check::Rule MakeRule(check::RuleKind kind,
                            std::vector<std::pair<std::string, uint32_t>> vars,
                            ExprPtr when = nullptr, ExprPtr unless = nullptr,
                            ExprPtr requirement = nullptr) {
  check::Rule r;
  r.kind = kind;
  for (auto& [name, kind_id] : vars) r.vars.push_back(check::Variable{name, kind_id, {}});
  r.when = std::move(when);
  r.unless = std::move(unless);
  r.requirement = std::move(requirement);
  return r;
}

/// `exclusive v.slot to value`, as the checker builds it (requirement = `v.slot in value`).
inline check::Rule Exclusive(uint32_t kind, const std::string& var, uint32_t slot, Value to,
                             ExprPtr when = nullptr, ExprPtr unless = nullptr) {
  check::Rule r = MakeRule(check::RuleKind::kExclusive, {{var, kind}}, std::move(when),
                           std::move(unless), In(Fld(0, slot), C(to)));
  r.exclusive_slot = slot;
  r.exclusive_to = std::move(to);
  return r;
}

// ---------------------------------------------------------------- facts

inline facts::Fact Deployment(const check::Portfolio& p, std::string id, std::string model,
                              const char* cloud, const char* channel, const char* api,
                              const char* segment, const char* start, const char* end = nullptr,
                              std::optional<double> price = {}) {
  facts::Fact f;
  f.kind = kDeployment;
  f.id = std::move(id);
  f.slots.resize(9);
  f.slots[kProvider] = T("OpenAI");
  f.slots[kModel] = T(std::move(model));
  f.slots[kCloudF] = M(p, kCloud, cloud);
  f.slots[kChannelF] = M(p, kChannel, channel);
  f.slots[kApiF] = M(p, kApi, api);
  f.slots[kSegmentF] = M(p, kSegment, segment);
  f.slots[kStart] = Dv(start);
  if (end) f.slots[kEnd] = Dv(end);
  if (price) f.slots[kPrice] = N(*price);
  f.start = D(start);
  if (end) f.end = D(end);
  return f;
}

inline facts::Fact Deal(const check::Portfolio& p, std::string id, std::string type,
                        std::vector<const char*> partners, const char* announce,
                        std::optional<double> amount = {},
                        std::vector<std::pair<std::string, const char*>> notices = {}) {
  facts::Fact f;
  f.kind = kDeal;
  f.id = std::move(id);
  f.slots.resize(5);
  f.slots[kType] = T(std::move(type));
  value::List list;
  for (const char* c : partners) list.push_back(M(p, kCloud, c));
  f.slots[kPartners] = Value{std::move(list)};
  f.slots[kAnnounce] = Dv(announce);
  if (!notices.empty()) {
    value::Map map;
    for (auto& [k, d] : notices) map.emplace_back(k, Dv(d));
    std::sort(map.begin(), map.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    f.slots[kNotices] = Value{std::move(map)};
  }
  if (amount) f.slots[kAmount] = N(*amount);
  f.start = D(announce);
  f.end = value::Date{f.start->days + 1};
  return f;
}

// ---------------------------------------------------------------- running

struct Run {
  std::vector<findings::Finding> findings;
  base::DiagnosticEngine diags;
};

inline Run Evaluate(const check::Portfolio& p, const std::vector<facts::Fact>& facts,
                    const char* as_of, bool use_index = true, bool show_defeated = false,
                    const base::SourceSet* sources = nullptr) {
  plan::Plan plan = plan::Compile(p);
  facts::FactSet set;
  set.facts = facts;
  base::SourceSet empty;
  eval::EvalOptions options;
  options.as_of = D(as_of);
  options.use_index = use_index;
  options.show_defeated = show_defeated;
  Run run;
  run.findings = eval::Evaluate(plan, set, sources ? *sources : empty, options, run.diags);
  return run;
}

}  // namespace treaty::evaltest
