// Unit tests of eval::Evaluate on portfolios built in code (tests/eval/eval_fixture.h): every
// rule form, windows and replacements, overrides and conflicts, absent values, hierarchy,
// joins, waivers, limits and obligations. Each case also runs the reference evaluation
// (use_index = false) and requires the same findings.

#include <catch2/catch.hpp>

#include "eval/eval_fixture.h"

namespace treaty::evaltest {
namespace {

using check::RuleKind;
using findings::Status;

std::vector<std::string> Ids(const std::vector<findings::Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) {
    std::string s = f.clause + ":";
    for (size_t i = 0; i < f.facts.size(); ++i) s += (i ? "," : "") + f.facts[i];
    out.push_back(s);
  }
  return out;
}

/// Evaluates with and without the index and requires identical findings.
Run Both(const check::Portfolio& p, const std::vector<facts::Fact>& facts, const char* as_of,
         bool show_defeated = false) {
  Run a = Evaluate(p, facts, as_of, true, show_defeated);
  Run b = Evaluate(p, facts, as_of, false, show_defeated);
  REQUIRE(a.findings.size() == b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) {
    CHECK(a.findings[i].clause == b.findings[i].clause);
    CHECK(a.findings[i].facts == b.findings[i].facts);
    CHECK(a.findings[i].status == b.findings[i].status);
    CHECK(a.findings[i].explanation == b.findings[i].explanation);
    CHECK(a.findings[i].conflicts_with == b.findings[i].conflicts_with);
  }
  return a;
}

/// MSFT_2025/2.1: exclusive deployment.cloud to Azure when api == stateless
/// unless model in open-weight or segment in us_natsec.
check::Portfolio Exclusivity() {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "MSFT_2025", D("2025-10-28"), D("2032-12-31"));
  uint32_t c = AddClause(p, a, "2.1", "Azure API exclusivity");
  value::List open{T("gpt-oss-120b"), T("gpt-oss-20b")};
  p.clauses[c].rules.push_back(
      Exclusive(kDeployment, "deployment", kCloudF, M(p, kCloud, "Azure"),
                Eq(Fld(0, kApiF), C(M(p, kApi, "stateless"))),
                Or(In(Fld(0, kModel), C(Value{open})),
                   In(Fld(0, kSegmentF), C(M(p, kSegment, "us_natsec"))))));
  return p;
}

TEST_CASE("exclusive: a stateless API off Azure is a finding with its explanation", "[eval]") {
  check::Portfolio p = Exclusivity();
  std::vector<facts::Fact> facts = {
      Deployment(p, "dep-aws", "gpt-5", "AWS", "bedrock", "stateless", "fortune_500", "2026-01-01"),
      Deployment(p, "dep-azure", "gpt-5", "Azure", "azure_openai", "stateless", "smb",
                 "2026-01-01"),
      Deployment(p, "dep-oss", "gpt-oss-120b", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "dep-natsec", "gpt-5", "Google", "vertex", "stateless", "us_natsec",
                 "2026-01-01"),
      Deployment(p, "dep-product", "gpt-5", "AWS", "bedrock", "product", "smb", "2026-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) == std::vector<std::string>{"MSFT_2025/2.1:dep-aws"});
  const findings::Finding& f = run.findings[0];
  CHECK(f.rule == findings::RuleKind::kExclusive);
  CHECK(f.agreement == "MSFT_2025");
  CHECK(f.title == "Azure API exclusivity");
  CHECK(f.status == Status::kOpen);
  CHECK(f.severity == findings::Severity::kError);
  CHECK(f.message == "`dep-aws` breaches MSFT_2025/2.1 (Azure API exclusivity)");
  REQUIRE(f.explanation.size() == 4);
  CHECK(f.explanation[0] == "when deployment.api == stateless: stateless == stateless (true)");
  CHECK(f.explanation[1] ==
        "unless deployment.model in [\"gpt-oss-120b\", \"gpt-oss-20b\"]: deployment.model = "
        "gpt-5, expected [gpt-oss-120b, gpt-oss-20b] (false)");
  CHECK(f.explanation[3] ==
        "requirement deployment.cloud in Azure: deployment.cloud = AWS, expected Azure (false)");
}

TEST_CASE("require: an absent value makes the requirement unknown, and that is a finding",
          "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "AWS_2025", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "3.1", "Price cap on Bedrock");
  p.clauses[c].rules.push_back(MakeRule(RuleKind::kRequire, {{"deployment", kDeployment}},
                                        In(Fld(0, kChannelF), C(M(p, kChannel, "AWS"))), nullptr,
                                        Bin(check::BinaryOp::kLe, Fld(0, kPrice), C(N(2.5)))));
  std::vector<facts::Fact> facts = {
      Deployment(p, "cheap", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01", nullptr,
                 1.5),
      Deployment(p, "dear", "gpt-5", "AWS", "sagemaker", "stateless", "smb", "2026-01-01", nullptr,
                 3.0),
      Deployment(p, "unpriced", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "azure", "gpt-5", "Azure", "azure_openai", "stateless", "smb", "2026-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) ==
          std::vector<std::string>{"AWS_2025/3.1:dear", "AWS_2025/3.1:unpriced"});
  CHECK(run.findings[0].rule == findings::RuleKind::kRequire);
  CHECK(run.findings[0].explanation.back() ==
        "requirement deployment.price_per_mtok <= 2.5: 3 <= 2.5 (false)");
  CHECK(run.findings[1].explanation.back() ==
        "requirement deployment.price_per_mtok <= 2.5: deployment.price_per_mtok is absent "
        "(unknown)");
  // Hierarchical membership: bedrock and sagemaker are inside channel AWS.
  CHECK(run.findings[0].explanation[0] ==
        "when deployment.channel in AWS: deployment.channel = sagemaker, expected AWS (true)");
}

TEST_CASE("forbid, with when and unless in three-valued logic", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "1", "No cheap stateless");
  // forbid deployment when price < 1 unless segment in public_sector
  p.clauses[c].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                        Bin(check::BinaryOp::kLt, Fld(0, kPrice), C(N(1))),
                                        In(Fld(0, kSegmentF), C(M(p, kSegment, "public_sector")))));
  std::vector<facts::Fact> facts = {
      Deployment(p, "d1", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01", nullptr, 0.5),
      Deployment(p, "d2", "m", "AWS", "bedrock", "stateless", "civilian_gov", "2026-01-01", nullptr,
                 0.5),
      Deployment(p, "d3", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),  // absent
      Deployment(p, "d4", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01", nullptr, 2),
  };
  Run run = Both(p, facts, "2026-06-01");
  CHECK(Ids(run.findings) == std::vector<std::string>{"A/1:d1"});
  CHECK(run.findings[0].rule == findings::RuleKind::kForbid);
}

TEST_CASE("time windows: before, inside, across and after", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2026-01-01"), D("2027-01-01"));
  uint32_t c = AddClause(p, a, "1", "No AWS");
  p.clauses[c].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                        Eq(Fld(0, kCloudF), C(M(p, kCloud, "AWS")))));
  std::vector<facts::Fact> facts = {
      Deployment(p, "before", "m", "AWS", "bedrock", "stateless", "smb", "2025-01-01",
                 "2026-01-01"),  // [2025-01-01, 2026-01-01) ends as the window starts
      Deployment(p, "inside", "m", "AWS", "bedrock", "stateless", "smb", "2026-03-01",
                 "2026-04-01"),
      Deployment(p, "across", "m", "AWS", "bedrock", "stateless", "smb", "2025-06-01"),
      Deployment(p, "after", "m", "AWS", "bedrock", "stateless", "smb", "2027-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  CHECK(Ids(run.findings) == std::vector<std::string>{"A/1:across", "A/1:inside"});
}

TEST_CASE("replaces: the old clause answers for facts active before the cut", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t old_a = AddAgreement(p, "MSFT_2019", D("2019-07-01"));
  uint32_t new_a = AddAgreement(p, "MSFT_2025", D("2025-10-28"));
  uint32_t old_c = AddClause(p, old_a, "3.2", "Old exclusivity");
  uint32_t new_c = AddClause(p, new_a, "2.1", "New exclusivity");
  p.clauses[old_c].rules.push_back(
      Exclusive(kDeployment, "deployment", kCloudF, M(p, kCloud, "Azure")));
  p.clauses[new_c].rules.push_back(Exclusive(kDeployment, "deployment", kCloudF,
                                             M(p, kCloud, "Azure"),
                                             Eq(Fld(0, kApiF), C(M(p, kApi, "stateless")))));
  p.clauses[new_c].replaces = old_c;
  p.clauses[old_c].replaced_by = {new_c};
  p.clauses[old_c].effective_window.until = D("2025-10-28");
  std::vector<facts::Fact> facts = {
      Deployment(p, "old", "m", "AWS", "bedrock", "product", "smb", "2024-01-01", "2025-01-01"),
      Deployment(p, "new-product", "m", "AWS", "bedrock", "product", "smb", "2026-01-01"),
      Deployment(p, "new-stateless", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  CHECK(Ids(run.findings) ==
        std::vector<std::string>{"MSFT_2019/3.2:old", "MSFT_2025/2.1:new-stateless"});
}

/// A forbids AWS deployments; B/1 permits bedrock for fortune_500; C/1 (not overriding)
/// permits sagemaker; D/1 obliges a bedrock deployment.
check::Portfolio Precedence(bool b_overrides) {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t b = AddAgreement(p, "B", D("2025-01-01"), D("2026-06-01"));
  uint32_t cc = AddAgreement(p, "C", D("2025-01-01"));
  uint32_t d = AddAgreement(p, "D", D("2025-01-01"));
  uint32_t ca = AddClause(p, a, "1", "No AWS");
  p.clauses[ca].rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                         In(Fld(0, kChannelF), C(M(p, kChannel, "AWS")))));
  uint32_t cb = AddClause(p, b, "1", "Bedrock for the Fortune 500");
  p.clauses[cb].rules.push_back(
      MakeRule(RuleKind::kPermit, {{"deployment", kDeployment}},
               And(Eq(Fld(0, kChannelF), C(M(p, kChannel, "bedrock"))),
                   In(Fld(0, kSegmentF), C(M(p, kSegment, "fortune_500"))))));
  if (b_overrides) p.clauses[cb].overrides = {ca};
  uint32_t cc1 = AddClause(p, cc, "1", "SageMaker allowed");
  p.clauses[cc1].rules.push_back(MakeRule(RuleKind::kPermit, {{"deployment", kDeployment}},
                                          Eq(Fld(0, kChannelF), C(M(p, kChannel, "sagemaker")))));
  uint32_t cd = AddClause(p, d, "1", "Bedrock at launch");
  check::Rule ex = MakeRule(RuleKind::kExists, {{"deployment", kDeployment}},
                            Eq(Fld(0, kChannelF), C(M(p, kChannel, "bedrock"))));
  ex.due = D("2026-03-01");
  p.clauses[cd].rules.push_back(std::move(ex));
  return p;
}

TEST_CASE("overrides defeat findings; conflicts name non-overriding permits", "[eval]") {
  check::Portfolio p = Precedence(true);
  std::vector<facts::Fact> facts = {
      Deployment(p, "f500", "m", "AWS", "bedrock", "stateless", "fortune_500", "2026-01-01"),
      Deployment(p, "smb", "m", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "sage", "m", "AWS", "sagemaker", "stateless", "smb", "2026-01-01"),
      // after B's window: the permit no longer defeats
      Deployment(p, "late", "m", "AWS", "bedrock", "stateless", "fortune_500", "2026-07-01"),
  };
  Run run = Both(p, facts, "2026-02-01");
  REQUIRE(Ids(run.findings) == std::vector<std::string>{"A/1:late", "A/1:sage", "A/1:smb"});
  CHECK(run.findings[0].conflicts_with == std::vector<std::string>{"D/1"});
  CHECK(run.findings[1].conflicts_with == std::vector<std::string>{"C/1"});
  CHECK(run.findings[2].conflicts_with == std::vector<std::string>{"D/1"});

  Run shown = Both(p, facts, "2026-02-01", true);
  REQUIRE(Ids(shown.findings) ==
          std::vector<std::string>{"A/1:f500", "A/1:late", "A/1:sage", "A/1:smb"});
  CHECK(shown.findings[0].status == Status::kDefeated);
  CHECK(shown.findings[0].defeated_by == "B/1");
  // B overrides A, so B's permit is not a conflict; D's obligation is.
  CHECK(shown.findings[0].conflicts_with == std::vector<std::string>{"D/1"});

  // Without `overrides`, the permit only conflicts.
  Run plain = Both(Precedence(false), facts, "2026-02-01");
  REQUIRE(plain.findings.size() == 4);
  CHECK(plain.findings[0].facts == std::vector<std::string>{"f500"});
  CHECK(plain.findings[0].conflicts_with == std::vector<std::string>{"B/1", "D/1"});
}

TEST_CASE("require exists: satisfied, open and pending", "[eval]") {
  check::Portfolio p = Precedence(false);
  std::vector<facts::Fact> none = {
      Deployment(p, "v", "m", "Google", "vertex", "stateless", "smb", "2026-01-01")};
  Run open = Both(p, none, "2026-04-01");
  REQUIRE(Ids(open.findings) == std::vector<std::string>{"D/1:"});
  CHECK(open.findings[0].rule == findings::RuleKind::kExists);
  CHECK(open.findings[0].status == Status::kOpen);
  CHECK(open.findings[0].facts.empty());
  Run pending = Both(p, none, "2026-02-01");
  REQUIRE(Ids(pending.findings) == std::vector<std::string>{"D/1:"});
  CHECK(pending.findings[0].status == Status::kPending);
  std::vector<facts::Fact> late = {
      Deployment(p, "br", "m", "Azure", "bedrock", "stateless", "smb", "2026-05-01")};
  // started after the due date (A/1 also forbids its bedrock channel)
  CHECK(Ids(Both(p, late, "2026-04-01").findings) == std::vector<std::string>{"A/1:br", "D/1:"});
  std::vector<facts::Fact> ok = {
      Deployment(p, "br", "m", "Azure", "bedrock", "stateless", "smb", "2026-02-01")};
  CHECK(Ids(Both(p, ok, "2026-04-01").findings) == std::vector<std::string>{"A/1:br"});
}

TEST_CASE("joins: most-favoured pricing with a hash join, never the same fact twice", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "MSFT_2025", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "6.2", "Most-favoured pricing on Azure");
  ExprPtr when = And(And(And(Eq(Fld(0, kCloudF), C(M(p, kCloud, "Azure"))),
                             Bin(check::BinaryOp::kNe, Fld(1, kCloudF), C(M(p, kCloud, "Azure")))),
                         And(Eq(Fld(0, kModel), Fld(1, kModel)), Overlaps(0, 1))),
                     Bin(check::BinaryOp::kLt, Fld(1, kPrice), Fld(0, kPrice)));
  p.clauses[c].rules.push_back(MakeRule(
      RuleKind::kForbid, {{"azure", kDeployment}, {"other", kDeployment}}, std::move(when)));
  std::vector<facts::Fact> facts = {
      Deployment(p, "az", "gpt-5", "Azure", "azure_openai", "stateless", "smb", "2026-01-01",
                 nullptr, 2.0),
      Deployment(p, "aws", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01", nullptr,
                 1.5),
      Deployment(p, "gcp", "gpt-5", "Google", "vertex", "stateless", "smb", "2026-01-01", nullptr,
                 2.5),
      Deployment(p, "old", "gpt-5", "Oracle", "oci", "stateless", "smb", "2024-01-01", "2025-06-01",
                 0.5),
      Deployment(p, "other-model", "o4", "AWS", "bedrock", "stateless", "smb", "2026-01-01",
                 nullptr, 0.1),
      Deployment(p, "unpriced", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) == std::vector<std::string>{"MSFT_2025/6.2:az,aws"});
  CHECK(run.findings[0].message ==
        "`az` and `aws` breach MSFT_2025/6.2 (Most-favoured pricing "
        "on Azure)");
  CHECK(run.findings[0].locations.size() == 2);

  // A join of a kind with itself never binds one fact twice, even when `when` would hold.
  check::Portfolio q = Vocabulary();
  uint32_t qa = AddAgreement(q, "Q", D("2025-01-01"));
  uint32_t qc = AddClause(q, qa, "1", "Same model twice");
  q.clauses[qc].rules.push_back(MakeRule(RuleKind::kForbid,
                                         {{"x", kDeployment}, {"y", kDeployment}},
                                         Eq(Fld(0, kModel), Fld(1, kModel))));
  Run self = Both(q, facts, "2026-06-01");
  // gpt-5 appears 5 times: 5 * 4 ordered pairs.
  CHECK(self.findings.size() == 20);
  for (const auto& f : self.findings) CHECK(f.facts[0] != f.facts[1]);
}

TEST_CASE("waivers: active waivers waive, expired ones warn once", "[eval]") {
  check::Portfolio p = Exclusivity();
  check::Waiver w;
  w.id = "W-1";
  w.clause = 0;
  w.facts = {"dep-aws"};
  w.until = D("2026-12-31");
  w.span = base::Span{0, 0, 1, 1, 1};
  p.waivers.push_back(w);
  std::vector<facts::Fact> facts = {
      Deployment(p, "dep-aws", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "dep-gcp", "gpt-5", "Google", "vertex", "stateless", "smb", "2026-01-01")};
  Run run = Both(p, facts, "2026-12-31");  // until is inclusive
  REQUIRE(run.findings.size() == 2);
  CHECK(run.findings[0].status == Status::kWaived);
  CHECK(run.findings[0].waived_by == "W-1");
  CHECK(run.findings[1].status == Status::kOpen);
  CHECK(run.diags.all().empty());

  Run expired = Both(p, facts, "2027-01-01");
  CHECK(expired.findings[0].status == Status::kOpen);
  REQUIRE(expired.diags.all().size() == 1);
  CHECK(expired.diags.all()[0].code_name() == "T0604");
  CHECK(expired.diags.all()[0].message == "waiver `W-1` expired on 2026-12-31");
}

TEST_CASE("limit count per quarter, by group", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "MSFT_2025", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "5.1", "Two campaigns a quarter");
  check::Rule r =
      MakeRule(RuleKind::kLimit, {{"deal", kDeal}}, Eq(Fld(0, kType), C(T("co_marketing"))));
  r.cap = 2;
  r.period = check::PeriodUnit::kQuarter;
  p.clauses[c].rules.push_back(std::move(r));
  std::vector<facts::Fact> facts = {
      Deal(p, "d1", "co_marketing", {"AWS"}, "2026-01-05"),
      Deal(p, "d2", "co_marketing", {"AWS"}, "2026-02-05"),
      Deal(p, "d3", "co_marketing", {"Google"}, "2026-03-05"),
      Deal(p, "d0", "co_marketing", {"Google"}, "2026-03-05"),  // same day: d0 before d3
      Deal(p, "d4", "co_marketing", {"AWS"}, "2026-04-05"),
      Deal(p, "x", "press", {"AWS"}, "2026-03-06"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) == std::vector<std::string>{"MSFT_2025/5.1:d0", "MSFT_2025/5.1:d3"});
  CHECK(run.findings[0].rule == findings::RuleKind::kLimit);
  CHECK(run.findings[0].explanation.back() ==
        "limit count in quarter 2026-Q1: running count 3 > cap 2");
  CHECK(run.findings[1].explanation.back() ==
        "limit count in quarter 2026-Q1: running count 4 > cap 2");
  CHECK(run.findings[0].message ==
        "`d0` exceeds the limit of MSFT_2025/5.1 (Two campaigns a "
        "quarter)");

  // by the first partner, rolling 60 days, sum of amounts
  check::Portfolio q = Vocabulary();
  uint32_t qa = AddAgreement(q, "Q", D("2025-01-01"));
  uint32_t qc = AddClause(q, qa, "1", "Spend cap");
  check::Rule s = MakeRule(RuleKind::kLimit, {{"deal", kDeal}});
  s.limit_sum = true;
  s.summed = Fld(0, kAmount);
  s.cap = 100;
  s.period = check::PeriodUnit::kRolling;
  s.rolling_days = 60;
  s.group_by = Fld(0, kType);
  q.clauses[qc].rules.push_back(std::move(s));
  std::vector<facts::Fact> spend = {
      Deal(q, "s1", "ads", {"AWS"}, "2026-01-01", 60),
      Deal(q, "s2", "ads", {"AWS"}, "2026-02-01", 50),  // 110 in 60 days
      Deal(q, "s3", "ads", {"AWS"}, "2026-03-15", 40),  // s1 dropped out: 90
      Deal(q, "s4", "ads", {"AWS"}, "2026-03-20"),      // absent amount adds nothing
      Deal(q, "t1", "events", {"AWS"}, "2026-01-01", 150),
  };
  Run sum = Both(q, spend, "2026-06-01");
  REQUIRE(Ids(sum.findings) == std::vector<std::string>{"Q/1:s2", "Q/1:t1"});
  CHECK(sum.findings[0].explanation.back() ==
        "limit sum deal.amount in the 60 days ending 2026-02-01, group ads: running sum 110 > "
        "cap 100");
}

TEST_CASE("messages interpolate values; map lookups and quantifiers", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "MSFT_2025", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "4.3", "Notice before co-marketing with a competitor");
  value::List competitors{M(p, kCloud, "AWS"), M(p, kCloud, "Google"), M(p, kCloud, "Oracle")};
  p.clauses[c].rules.push_back(MakeRule(
      RuleKind::kRequire, {{"deal", kDeal}},
      And(Eq(Fld(0, kType), C(T("co_marketing"))), Any(Fld(0, kPartners), C(Value{competitors}))),
      nullptr,
      Bin(check::BinaryOp::kLe, Lookup(Fld(0, kNotices), C(T("Microsoft"))),
          Bin(check::BinaryOp::kSub, Fld(0, kAnnounce), C(Value{value::Duration{0, 30}})))));
  p.clauses[c].message.push_back({"deal ", nullptr});
  p.clauses[c].message.push_back({"", Fld(0, kType)});
  p.clauses[c].message.push_back({" with ", nullptr});
  p.clauses[c].message.push_back({"", Fld(0, kPartners)});
  p.clauses[c].message.push_back({" on ", nullptr});
  p.clauses[c].message.push_back({"", Fld(0, kAnnounce)});
  p.clauses[c].severity = check::Severity::kWarning;
  std::vector<facts::Fact> facts = {
      Deal(p, "early", "co_marketing", {"AWS"}, "2026-12-01", {}, {{"Microsoft", "2026-10-15"}}),
      Deal(p, "late", "co_marketing", {"Azure", "Google"}, "2026-12-01", {},
           {{"Microsoft", "2026-11-15"}}),
      Deal(p, "none", "co_marketing", {"Oracle"}, "2026-12-01"),
      Deal(p, "azure", "co_marketing", {"Azure"}, "2026-12-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) ==
          std::vector<std::string>{"MSFT_2025/4.3:late", "MSFT_2025/4.3:none"});
  CHECK(run.findings[0].severity == findings::Severity::kWarning);
  CHECK(run.findings[0].message == "deal co_marketing with [Azure, Google] on 2026-12-01");
  CHECK(run.findings[0].explanation.back() ==
        "requirement deal.notices[\"Microsoft\"] <= deal.announce - 30 days: 2026-11-15 <= "
        "2026-11-01 (false)");
  CHECK(run.findings[1].explanation.back() ==
        "requirement deal.notices[\"Microsoft\"] <= deal.announce - 30 days: "
        "deal.notices[\"Microsoft\"] is absent (unknown)");
}

TEST_CASE("definition uses are indexed through and explained whole", "[eval]") {
  check::Portfolio p = Vocabulary();
  uint32_t a = AddAgreement(p, "A", D("2025-01-01"));
  uint32_t c = AddClause(p, a, "1", "Frontier on Azure only");
  value::List frontier{T("gpt-5"), T("o4")};
  p.clauses[c].rules.push_back(
      Exclusive(kDeployment, "deployment", kChannelF, M(p, kChannel, "Azure"),
                Inline("frontier_api", And(Eq(Fld(0, kApiF), C(M(p, kApi, "stateless"))),
                                           In(Fld(0, kModel), C(Value{frontier}))))));
  std::vector<facts::Fact> facts = {
      Deployment(p, "x", "gpt-5", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "y", "gpt-4", "AWS", "bedrock", "stateless", "smb", "2026-01-01"),
      Deployment(p, "z", "o4", "Azure", "azure_foundry", "stateless", "smb", "2026-01-01"),
  };
  Run run = Both(p, facts, "2026-06-01");
  REQUIRE(Ids(run.findings) == std::vector<std::string>{"A/1:x"});
  CHECK(run.findings[0].explanation[0] ==
        "when frontier_api(deployment): deployment.api = stateless, deployment.model = gpt-5 "
        "(true)");
  plan::Plan plan = plan::Compile(p);
  REQUIRE(plan.rules.size() == 1);
  CHECK(plan.rules[0].key.slot == kModel);  // texts are taken as more selective
}

}  // namespace
}  // namespace treaty::evaltest
