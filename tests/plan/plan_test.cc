// plan::Compile and plan::DumpPlan: index keys (equality, hierarchical membership, text lists,
// the most selective conjunct), join strategy, overridden_by, constant sets folded.

#include <catch2/catch.hpp>

#include "eval/eval_fixture.h"
#include "plan/plan_dump.h"

namespace treaty::evaltest {
namespace {

using check::RuleKind;

TEST_CASE("plan: index keys, joins and overrides in the dump", "[plan]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"), D("2027-01-01"));
  uint32_t c1 = AddClause(p, a, "1", "Keyed");
  p.clauses[c1].rules.push_back(
      MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
               And(In(Fld(0, kChannelF), C(M(p, kChannel, "AWS"))),
                   In(Fld(0, kSegmentF),
                      C(Value{value::List{M(p, kSegment, "smb"), M(p, kSegment, "us_natsec")}})))));
  uint32_t c2 = AddClause(p, a, "2", "Unkeyed");
  p.clauses[c2].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                         In(Fld(0, kChannelF), C(M(p, kChannel, "AWS")), true)));
  uint32_t c3 = AddClause(p, a, "3", "Join");
  p.clauses[c3].rules.push_back(MakeRule(
      RuleKind::kForbid, {{"x", kDeployment}, {"y", kDeployment}},
      And(Eq(Fld(0, kModel), Fld(1, kModel)), Eq(Fld(1, kCloudF), C(M(p, kCloud, "AWS"))))));
  uint32_t c4 = AddClause(p, a, "4", "Permit");
  p.clauses[c4].overrides = {c1};
  p.clauses[c4].rules.push_back(
      MakeRule(RuleKind::kPermit, {{"deployment", kDeployment}}, Eq(Fld(0, kModel), C(T("o4")))));
  plan::Plan plan = plan::Compile(p);
  std::string dump = plan::DumpPlan(plan);
  INFO(dump);
  CHECK(dump.find("clause A/1 \"Keyed\" error window [2025-01-01, 2027-01-01) overridden_by "
                  "A/4\n") != std::string::npos);
  // AWS (2 of 6 channel leaves) ties with smb + us_natsec (2 of 6 segment leaves): first wins
  CHECK(dump.find("    key deployment.channel in [AWS]\n") != std::string::npos);
  CHECK(dump.find("    when deployment.channel not in AWS\n    key none\n") != std::string::npos);
  CHECK(dump.find("    hash join x.model == y.model\n    filter y: y.cloud == AWS\n") !=
        std::string::npos);
  CHECK(dump.find("    key deployment.model == [\"o4\"]\n") != std::string::npos);
  CHECK(dump.find("index deployment: unkeyed [1, 2]\n") != std::string::npos);
  CHECK(dump.find("\"o4\"->[3]") != std::string::npos);
  CHECK(plan::DumpPlan(plan::Compile(p)) == dump);  // deterministic
}

}  // namespace
}  // namespace treaty::evaltest
