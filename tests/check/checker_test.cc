#include <catch2/catch.hpp>

#include "check/check_test_util.h"
#include "check/lints.h"

namespace treaty::check {
namespace {

using testing::CheckFiles;
using testing::CheckText;
using testing::kVocabulary;
using testing::WithAgreement;
using Codes = std::vector<std::string>;

const char* kExample = R"TREATY(
agreement MSFT_2019 "Old" {
  parties OpenAI, Microsoft
  effective 2019-07-22 until 2030-01-01
  clause "3.2" "Old exclusivity" {
    exclusive deployment.cloud to Azure
  }
}
agreement MSFT_2025 "Microsoft–OpenAI definitive agreement (restated)" {
  parties OpenAI, Microsoft
  effective 2025-10-28 until 2032-12-31
  amends MSFT_2019

  clause "2.1" "Azure API exclusivity" {
    replaces "MSFT_2019/3.2"
    exclusive deployment.cloud to Azure
      when frontier_api(deployment)
      unless deployment.model in open_weight_models or deployment.segment in us_natsec
    message "{deployment.model} is served by stateless API on {deployment.cloud}: Azure holds exclusivity"
  }

  clause "4.3" "Notice before co-marketing with a competitor" {
    severity warning
    require deal.notices["Microsoft"] <= deal.announce - 30 days
      when deal.type == "co_marketing" and any deal.partners in competitors
  }

  clause "5.1" "At most two competitor campaigns a quarter" {
    limit count deal when deal.type == "co_marketing" and any deal.partners in competitors
      to 2 per quarter
  }

  clause "6.2" "Most-favoured pricing on Azure" {
    forbid deployment as azure, deployment as other
      when azure.cloud == Azure and other.cloud != Azure
       and azure.model == other.model and overlaps(azure, other)
       and other.price_per_mtok < azure.price_per_mtok
  }

  clause "1.4" "Open-weight models on Bedrock at launch" {
    require exists deployment
      when deployment.cloud == AWS and deployment.model in open_weight_models
      by 2025-09-01
  }
}
waiver "W-2026-014" {
  clause "MSFT_2025/2.1"
  facts "dep-b", "dep-a"
  until 2026-12-31
  approved_by "Microsoft CELA"
  reason "pilot"
}
test "Stateless gpt-5 on Bedrock breaches Azure exclusivity" {
  as_of 2026-06-01
  given deployment { id: "t1", provider: "OpenAI", model: "gpt-5", cloud: AWS, channel: bedrock,
                     api: stateless, segment: fortune_500, regions: [us], start: 2026-07-01 }
  given deal { id: "d1", type: "co_marketing", partners: [AWS], segments: [smb],
               announce: 2026-12-01, notices: { Microsoft: 2026-10-15 } }
  expect violation "MSFT_2025/2.1" on "t1"
  expect no violation "MSFT_2019/3.2"
}
)TREATY";

TEST_CASE("the LANGUAGE.md example checks without diagnostics", "[check]") {
  auto c = CheckText(std::string(kVocabulary) + kExample);
  INFO(c->Codes().size());
  CHECK(c->Codes() == Codes{});
  const Portfolio& p = c->portfolio;
  REQUIRE(p.taxonomies.size() == 5);
  REQUIRE(p.kinds.size() == 2);
  REQUIRE(p.agreements.size() == 2);
  REQUIRE(p.clauses.size() == 6);

  SECTION("taxonomy intervals") {
    const Taxonomy& region = p.taxonomies[p.FindTaxonomy("region")];
    CHECK(region.members[0].name == "region");
    MemberId emea = region.Find("emea"), eu = region.Find("eu"), us = region.Find("us");
    CHECK(region.Contains(emea, eu));
    CHECK_FALSE(region.Contains(emea, us));
    CHECK(region.Contains(0, us));
    CHECK(region.members[eu].parent == emea);
    CHECK(region.members[eu].depth == 2);
  }
  SECTION("kinds") {
    const Kind& dep = p.kinds[p.FindKind("deployment")];
    CHECK(dep.active_from == dep.FindField("start"));
    CHECK(dep.active_until == dep.FindField("end"));
    CHECK(dep.fields[dep.FindField("regions")].type ==
          Type{BaseType::kMember, Shape::kList, p.FindTaxonomy("region")});
    const Kind& deal = p.kinds[p.FindKind("deal")];
    CHECK(deal.instant);
    CHECK(deal.active_until == kNoId);
    CHECK(TypeName(p, deal.fields[deal.FindField("notices")].type) == "map of date");
  }
  SECTION("exclusive") {
    const Clause& c21 = p.clauses[p.FindClause("MSFT_2025/2.1")];
    REQUIRE(c21.rules.size() == 1);
    const Rule& r = c21.rules[0];
    CHECK(r.kind == RuleKind::kExclusive);
    REQUIRE(r.vars.size() == 1);
    CHECK(r.vars[0].name == "deployment");
    CHECK(r.exclusive_slot == p.kinds[0].FindField("cloud"));
    CHECK(r.exclusive_to == value::Value{value::Member{p.FindTaxonomy("cloud"), 1}});
    REQUIRE(r.requirement);
    CHECK(std::holds_alternative<Membership>(r.requirement->node));
    REQUIRE(r.when);
    CHECK(std::holds_alternative<Inlined>(r.when->node));
    CHECK(c21.message.size() == 4);
  }
  SECTION("constants take the type of their use") {
    const Rule& r = p.clauses[p.FindClause("MSFT_2025/4.3")].rules[0];
    REQUIRE(r.when);
    const auto& bin = std::get<Binary>(r.when->node);
    const auto& q = std::get<Quantified>(bin.rhs->node);
    CHECK(q.set->type == Type{BaseType::kMember, Shape::kList, p.FindTaxonomy("cloud")});
    const auto& inl = std::get<Inlined>(q.set->node);
    CHECK(inl.name == "competitors");
    CHECK(std::holds_alternative<Const>(inl.body->node));
  }
  SECTION("windows, replaces, amends") {
    const Clause& old = p.clauses[p.FindClause("MSFT_2019/3.2")];
    CHECK(old.window.until == value::MakeDate(2030, 1, 1));
    CHECK(old.effective_window.until == value::MakeDate(2025, 10, 28));
    REQUIRE(old.replaced_by.size() == 1);
    CHECK(p.clauses[old.replaced_by[0]].qualified == "MSFT_2025/2.1");
    CHECK(p.agreements[1].amends == 0);
  }
  SECTION("limit, join, exists") {
    const Rule& limit = p.clauses[p.FindClause("MSFT_2025/5.1")].rules[0];
    CHECK(limit.cap == 2);
    CHECK(limit.period == PeriodUnit::kQuarter);
    const Rule& join = p.clauses[p.FindClause("MSFT_2025/6.2")].rules[0];
    REQUIRE(join.vars.size() == 2);
    CHECK(join.vars[1].name == "other");
    const Rule& exists = p.clauses[p.FindClause("MSFT_2025/1.4")].rules[0];
    CHECK(exists.due == *value::MakeDate(2025, 9, 1));
  }
  SECTION("definitions are marked used") {
    for (const auto& d : p.definitions) CHECK(d.used);
  }
  SECTION("waivers and tests") {
    REQUIRE(p.waivers.size() == 1);
    CHECK(p.waivers[0].facts == std::vector<std::string>{"dep-a", "dep-b"});
    CHECK(p.waivers[0].clause == p.FindClause("MSFT_2025/2.1"));
    REQUIRE(p.tests.size() == 1);
    const auto& given = std::get<GivenFact>(p.tests[0].given[0]);
    CHECK(given.id == "t1");
    CHECK(given.fields.size() == 8);
    const auto& deal = std::get<GivenFact>(p.tests[0].given[1]);
    const auto& notices = deal.fields.back();
    CHECK(notices.name == "notices");
    CHECK(notices.value.is<value::Map>());
    CHECK(p.tests[0].expectations[1].form == Expectation::Form::kNoViolation);
  }
}

TEST_CASE("names declared twice across files", "[check][names]") {
  auto c = CheckFiles({"taxonomy api { a b }\n", "kind api { x: text }\n"});
  CHECK(c->Codes() == Codes{"T0201"});
  const auto* d = c->First("T0201");
  REQUIRE(d);
  CHECK(d->span.file == 1);
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].span.file == 0);
}

TEST_CASE("vocabulary errors", "[check][vocabulary]") {
  CHECK(CheckText("taxonomy t { a { b } b }")->Codes() == Codes{"T0210"});
  CHECK(CheckText("taxonomy t { a }\nkind k { x: tt }")->Codes() == Codes{"T0205"});
  auto c = CheckText("taxonomy region { eu }\nkind k { x: regoin }");
  REQUIRE(c->First("T0205"));
  CHECK(c->First("T0205")->help == "did you mean `region`?");
  CHECK(CheckText("kind k { x: text  x: number }")->Codes() == Codes{"T0211"});
  CHECK(CheckText("kind k { x: text  active from x }")->Codes() == Codes{"T0413"});
  CHECK(CheckText("kind k { x: date  active from y }")->Codes() == Codes{"T0203"});
}

TEST_CASE("expression errors", "[check][types]") {
  auto codes = [](const std::string& clause_body) {
    return CheckText(WithAgreement("clause c \"c\" {\n" + clause_body + "\n}"))->Codes();
  };
  CHECK(codes("forbid deployment when deployment.clod == Azure") == Codes{"T0203"});
  CHECK(codes("forbid deployment when deployment.cloud == bedrock") == Codes{"T0206"});
  CHECK(codes("forbid deployment when deployment.start < 20260101") == Codes{"T0302"});
  CHECK(codes("forbid deployment when deployment.model < \"b\"") == Codes{"T0305"});
  CHECK(codes("forbid deployment when deployment.price_per_mtok") == Codes{"T0303"});
  CHECK(codes("forbid deal when deal.partners in competitors") == Codes{"T0303"});
  CHECK(codes("forbid deal when any deal.partners in competitors") == Codes{});
  CHECK(codes("forbid deployment when deployment.cloud == AWS") == Codes{});
  CHECK(codes("forbid deployment when AWS == deployment.cloud") == Codes{});
  CHECK(codes("forbid deployment when deployment.channel == channel.AWS") == Codes{});
  CHECK(codes("forbid deployment when deployment.channel in AWS") == Codes{});
  CHECK(codes("forbid deployment when count(competitors) > 1") == Codes{"T0207"});
  CHECK(codes("forbid deployment when deployment.channel in competitors") == Codes{});
  CHECK(codes("forbid deployment when deployment.regions == competitors") == Codes{"T0214"});
  CHECK(codes("forbid deployment when fronteir_api(deployment)") == Codes{"T0208"});
  CHECK(codes("forbid deal when frontier_api(deal)") == Codes{"T0312"});
  CHECK(codes("forbid deployment when frontier_api") == Codes{"T0304"});
  CHECK(codes("forbid deployment when nope") == Codes{"T0202"});
  CHECK(codes("forbid deployment as d when deployment.cloud == Azure") == Codes{"T0202"});
  CHECK(codes("forbid deploymnt when true") == Codes{"T0204"});
  CHECK(codes("forbid deployment, deployment when true") == Codes{"T0213"});
  CHECK(codes("forbid deployment when deployment.start + 30 < today") == Codes{"T0305"});
  CHECK(codes("forbid deployment when deployment.end - deployment.start > 30 days") == Codes{});
  CHECK(codes("forbid deal when deal.notices[\"Microsoft\"] is absent") == Codes{});
  CHECK(codes("forbid deal when deal.type is absent") == Codes{});
  CHECK(codes("forbid deal when \"x\" is absent") == Codes{"T0303"});
  CHECK(codes("forbid deal when starts_with(lower(deal.type), \"co\")") == Codes{});
  CHECK(codes("forbid deal when overlaps(deal, deal)") == Codes{});
  CHECK(codes("forbid deployment when deployment.start < 2026-02-30") == Codes{"T0307"});
  CHECK(codes("require deployment.cloud == Azure when deal.type == \"x\"") == Codes{"T0308"});
  CHECK(codes("require 1 < 2") == Codes{"T0309"});
  CHECK(codes("forbid deployment when cloud.Azur == deployment.cloud") == Codes{"T0206"});
}

TEST_CASE("an unknown field suggests the closest one", "[check][names]") {
  auto c = CheckText(
      WithAgreement("clause c \"c\" {\n forbid deployment when deployment.clod == Azure\n}"));
  const auto* d = c->First("T0203");
  REQUIRE(d);
  CHECK(d->message == "kind `deployment` has no field `clod`");
  CHECK(d->help == "did you mean `cloud`?");
  CHECK(c->TextOf(d->span) == "clod");
}

TEST_CASE("a constant that fits no taxonomy points at the definition and the use",
          "[check][definitions]") {
  auto c = CheckText(WithAgreement(
      "clause c \"c\" {\n forbid deployment when deployment.regions == competitors\n}"));
  const auto* d = c->First("T0214");
  REQUIRE(d);
  CHECK(c->TextOf(d->span) == "AWS");
  REQUIRE(d->notes.size() == 1);
  CHECK(c->TextOf(d->notes[0].span) == "competitors");
}

TEST_CASE("definition cycles are printed", "[check][definitions]") {
  auto c = CheckText(std::string(kVocabulary) + "define a = b\ndefine b = [a]\n");
  const auto* d = c->First("T0209");
  REQUIRE(d);
  CHECK(d->message == "definition cycle: `a` -> `b` -> `a`");
  CHECK(c->Codes() == Codes{"T0209"});
}

TEST_CASE("clause references and windows", "[check][agreements]") {
  auto codes = [](const std::string& body) { return CheckText(WithAgreement(body))->Codes(); };
  CHECK(codes("clause \"1\" \"x\" { forbid deal }\nclause \"1\" \"y\" { forbid deal }") ==
        Codes{"T0401"});
  CHECK(codes("clause \"1\" \"x\" { forbid deal }\nclause \"2\" \"y\" { replaces \"A/3\" "
              "forbid deal }") == Codes{"T0402"});
  CHECK(codes("clause \"1\" \"x\" { replaces \"A1\" forbid deal }") == Codes{"T0404"});
  CHECK(codes("clause \"1\" \"x\" { replaces \"A/1\" forbid deal }") == Codes{"T0414"});
  CHECK(codes("clause \"1\" \"x\" { overrides \"A/1\" permit deal }") == Codes{"T0406"});
  CHECK(codes("clause \"1\" \"x\" { forbid deal }\nclause \"2\" \"y\" { overrides \"A/1\" "
              "forbid deal }") == Codes{"T0407"});
  CHECK(codes("clause \"1\" \"x\" { text \"only words\" }") == Codes{"T0411"});
  CHECK(codes("clause \"1\" \"x\" { effective 2026-01-01 until 2025-01-01 forbid deal }") ==
        Codes{"T0405"});
  CHECK(codes("amends B\nclause \"1\" \"x\" { forbid deal }") == Codes{"T0403"});
  CHECK(codes("amends A\nclause \"1\" \"x\" { forbid deal }") == Codes{"T0412"});
  CHECK(codes("clause \"1\" \"x\" { limit count deal to 1.5 }") == Codes{"T0314"});
  CHECK(codes("clause \"1\" \"x\" { limit count deal to 2 per 3 months }") == Codes{"T0313"});
  CHECK(codes("clause \"1\" \"x\" { limit count deal to 2 per 2 weeks by deal.type }") == Codes{});
  CHECK(codes("clause \"1\" \"x\" { limit sum deployment.price_per_mtok to 100 per year }") ==
        Codes{});
  CHECK(codes("clause \"1\" \"x\" { limit sum deployment.model to 100 }") == Codes{"T0311"});
  CHECK(codes("clause \"1\" \"x\" { limit sum deployment.price_per_mtok to 4.5 }") == Codes{});
  CHECK(codes("clause \"1\" \"x\" { limit count deal to -1 }") == Codes{"T0314"});
  CHECK(codes("clause \"1\" \"x\" { exclusive deployment.regions to eu }") == Codes{"T0311"});
  CHECK(codes("clause \"1\" \"x\" { exclusive deployment.cloud to bedrock }") == Codes{"T0206"});
  CHECK(codes("clause \"1\" \"x\" { exclusive deployment.channel to [bedrock, vertex] }") ==
        Codes{});
  CHECK(codes("clause \"1\" \"x\" { forbid deal message \"{deal.typ}\" }") == Codes{"T0203"});
}

TEST_CASE("a clause window is the agreement's narrowed by the clause's", "[check][agreements]") {
  auto c = CheckText(
      WithAgreement("clause \"1\" \"x\" { effective 2024-01-01 until 2027-01-01 forbid deal }"));
  REQUIRE(c->Codes() == Codes{});
  const Clause& cl = c->portfolio.clauses[0];
  CHECK(cl.window.from == *value::MakeDate(2025, 1, 1));
  CHECK(cl.window.until == value::MakeDate(2027, 1, 1));
}

TEST_CASE("bad clause references suggest the closest clause", "[check][agreements]") {
  auto c = CheckText(WithAgreement(
      "clause \"2.1\" \"x\" { forbid deal }\nclause \"3\" \"y\" { overrides \"A/2.2\" permit deal "
      "}"));
  const auto* d = c->First("T0402");
  REQUIRE(d);
  CHECK(d->help == "did you mean `A/2.1`?");
}

TEST_CASE("waivers and tests", "[check][tests]") {
  auto codes = [](const std::string& extra) {
    return CheckText(WithAgreement("clause \"1\" \"x\" { forbid deal }") + extra)->Codes();
  };
  CHECK(codes("waiver W { clause \"A/1\" }\nwaiver W { clause \"A/1\" }") == Codes{"T0409"});
  CHECK(codes("waiver W { clause \"A/2\" }") == Codes{"T0402"});
  CHECK(codes("test \"t\" { expect findings 0 }\ntest \"t\" { expect findings 0 }") ==
        Codes{"T0410"});
  CHECK(codes("test \"t\" { given deal { type: \"x\", partners: [AWS], segments: [], announce: "
              "2026-01-01 } }") == Codes{"T0508"});
  CHECK(codes("test \"t\" { given deal { id: \"d\", type: \"x\", partners: [bedrock], "
              "segments: [], announce: 2026-01-01 } }") == Codes{"T0206"});
  CHECK(codes("test \"t\" { given deal { id: \"d\", type: \"x\", partners: [], segments: [] } }") ==
        Codes{"T0503"});
  CHECK(codes("test \"t\" { expect violation \"A/9\" }") == Codes{"T0402"});
}

TEST_CASE("broken declarations do not cascade", "[check]") {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  base::FileId id = sources.Add(
      "x.treaty", WithAgreement("clause \"1\" \"x\" { forbid ghost when ghost.x == 1 }\n"
                                "clause \"2\" \"y\" { forbid deal when ghost_def(deal) }"));
  std::vector<ast::File> files;
  files.push_back(syntax::Parse(sources.Get(id), diags));
  files[0].broken_names = {"ghost", "ghost_def"};
  Check(files, sources, diags);
  CHECK(diags.all().empty());
}

TEST_CASE("lints report unused definitions", "[check][lints]") {
  auto c = CheckText(std::string(kVocabulary) +
                     "agreement A \"A\" { effective 2025-01-01\n clause \"1\" \"x\" {"
                     " forbid deployment when frontier_api(deployment) } }");
  REQUIRE(c->Codes() == Codes{});
  base::DiagnosticEngine lints;
  RunLints(c->portfolio, lints);
  std::vector<std::string> unused;
  for (const auto& d : lints.all()) {
    CHECK(d.code_name() == "T0701");
    unused.push_back(d.message);
  }
  CHECK(unused == std::vector<std::string>{"definition `competitors` is never used"});
}

}  // namespace
}  // namespace treaty::check
