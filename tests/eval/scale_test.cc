// The evaluator at 100,000 items (docs/reliability.md): an explanation repeats the rule's source
// and constants in every finding, so each piece of it is bounded (a 100,000-item list used to
// be copied whole into each of 100,000 findings: 12 GB, past 2 minutes); a finding finds its
// waiver through an index (it scanned every waiver: O(findings x waivers)).

#include <catch2/catch.hpp>

#include <string>

#include "eval/eval_fixture.h"

namespace treaty::evaltest {
namespace {

using check::RuleKind;
using findings::Status;

constexpr int kItems = 100'000;

std::vector<facts::Fact> ManyDeployments(const check::Portfolio& p) {
  std::vector<facts::Fact> out;
  out.reserve(kItems);
  for (int i = 0; i < kItems; ++i) {
    out.push_back(Deployment(p, "f" + std::to_string(i), "m" + std::to_string(i), "AWS", "bedrock",
                             "stateless", "smb", "2026-01-01"));
  }
  return out;
}

TEST_CASE("scale: a 100,000-item list in every explanation is cut, not copied", "[eval][scale]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "1", "List");
  value::List items;
  for (int i = 0; i < kItems; ++i) items.push_back(T("m" + std::to_string(i)));
  p.clauses[c].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                        In(Fld(0, kModel), C(Value{std::move(items)}))));
  const std::string long_text(1'000'000, 'x');
  uint32_t c2 = AddClause(p, a, "2", "Long text");
  p.clauses[c2].rules.push_back(
      MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
               Bin(check::BinaryOp::kNe, Fld(0, kModel), C(T(long_text)))));
  Run run = Evaluate(p, ManyDeployments(p), "2026-06-01");
  REQUIRE(run.findings.size() == 2 * kItems);
  size_t bytes = 0;
  for (const auto& f : run.findings) {
    REQUIRE(f.explanation.size() == 1);
    bytes += f.explanation[0].size();
    CHECK(f.explanation[0].size() < 800);
  }
  const auto& list = run.findings[0];  // A/1 on f0
  CHECK(list.explanation[0].rfind(R"(when deployment.model in ["m0", "m1", "m2", )", 0) == 0);
  CHECK(list.explanation[0].find("…: deployment.model = m0, expected [m0, m1, ") !=
        std::string::npos);
  CHECK(list.explanation[0].find("…") != std::string::npos);
  CHECK(list.explanation[0].substr(list.explanation[0].size() - 10) == "… (true)");
  const auto& text = run.findings[kItems];  // A/2 on f0
  CHECK(text.explanation[0].find(": m0 != xxxxx") != std::string::npos);
  CHECK(bytes < 2 * size_t{kItems} * 800);
}

TEST_CASE("scale: at most 16 fields in one explanation line", "[eval][scale]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "1", "Many notices");
  ExprPtr any = Present(Lookup(Fld(0, kNotices), C(T("k0"))), false);
  for (int i = 1; i < 40; ++i) {
    any = And(std::move(any),
              Present(Lookup(Fld(0, kNotices), C(T("k" + std::to_string(i)))), false));
  }
  p.clauses[c].rules.push_back(
      MakeRule(RuleKind::kForbid, {{"deal", kDeal}}, Inline("no_notices", std::move(any))));
  Run run = Evaluate(p, {Deal(p, "d1", "t", {"AWS"}, "2026-01-01")}, "2026-06-01");
  REQUIRE(run.findings.size() == 1);
  REQUIRE(run.findings[0].explanation.size() == 1);
  const std::string& line = run.findings[0].explanation[0];
  size_t shown = 0;
  for (size_t at = line.find(" is absent"); at != std::string::npos;
       at = line.find(" is absent", at + 1)) {
    ++shown;
  }
  CHECK(shown == 16);
  CHECK(line.find("deal.notices[\"k15\"] is absent, …") != std::string::npos);
  CHECK(line.find("k16") == std::string::npos);
}

TEST_CASE("scale: 100,000 waivers of one clause, each found by its finding", "[eval][scale]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "1", "Every deployment");
  p.clauses[c].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}}));
  for (int i = 0; i < kItems; ++i) {
    check::Waiver w;
    w.id = "W" + std::to_string(i);
    w.clause = c;
    w.facts = {"f" + std::to_string(i)};
    p.waivers.push_back(std::move(w));
  }
  // f0 has two more: an expired one first (skipped), then a valid one (taken over W0, which
  // comes later in plan order).
  check::Waiver expired;
  expired.id = "W-expired";
  expired.clause = c;
  expired.facts = {"f0"};
  expired.until = D("2026-01-01");
  p.waivers.insert(p.waivers.begin(), expired);
  check::Waiver first = expired;
  first.id = "W-first";
  first.until.reset();
  p.waivers.insert(p.waivers.begin() + 1, first);
  std::vector<facts::Fact> facts = ManyDeployments(p);
  facts.push_back(
      Deployment(p, "unwaived", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01"));
  Run run = Evaluate(p, facts, "2026-06-01");
  REQUIRE(run.findings.size() == kItems + 1);
  size_t waived = 0;
  for (const auto& f : run.findings) {
    if (f.facts[0] == "unwaived") {
      CHECK(f.status == Status::kOpen);
      continue;
    }
    ++waived;
    CHECK(f.status == Status::kWaived);
    CHECK(f.waived_by == (f.facts[0] == "f0" ? "W-first" : "W" + f.facts[0].substr(1)));
  }
  CHECK(waived == kItems);
}

}  // namespace
}  // namespace treaty::evaltest
