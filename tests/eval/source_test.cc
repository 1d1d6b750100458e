// Evaluation driven from policy source text through the real parser and checker
// (syntax::Parse + check::Check), with facts built in code against the checked kinds.

#include <catch2/catch.hpp>

#include "check/checker.h"
#include "eval/evaluator.h"
#include "plan/plan.h"
#include "syntax/parser.h"

namespace treaty::evaltest {
namespace {

constexpr const char* kPolicy = R"(taxonomy cloud { Azure AWS Google Oracle }
taxonomy api { stateless product }
kind deployment "A deployment" {
  model: text
  cloud: cloud
  api: api
  start: date
  price_per_mtok: number optional
  active from start
}
define open_weight_models = ["gpt-oss-120b", "gpt-oss-20b"]
agreement MSFT_2025 "Microsoft" {
  parties OpenAI, Microsoft
  effective 2025-10-28
  clause "2.1" "Azure API exclusivity" {
    exclusive deployment.cloud to Azure
      when deployment.api == stateless
      unless deployment.model in open_weight_models
    message "{deployment.model} is served on {deployment.cloud}: Azure holds exclusivity"
  }
  clause "3.1" "Price known" {
    require deployment.price_per_mtok <= 2 when deployment.cloud == Azure
  }
}
)";

TEST_CASE("source: exclusive and require from policy text", "[eval][source]") {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  base::FileId id = sources.Add("policies/msft.treaty", kPolicy);
  std::vector<ast::File> files;
  files.push_back(syntax::Parse(sources.Get(id), diags));
  check::Portfolio p = check::Check(files, sources, diags);
  for (const auto& d : diags.all()) INFO(d.message);
  REQUIRE(!diags.has_errors());
  auto member = [&](const char* tax, const char* name) {
    uint32_t t = p.FindTaxonomy(tax);
    return value::Value{value::Member{t, p.taxonomies[t].Find(name)}};
  };
  auto dep = [&](std::string fid, std::string model, const char* cloud, const char* api,
                 std::optional<double> price) {
    facts::Fact f;
    f.kind = p.FindKind("deployment");
    f.id = std::move(fid);
    f.slots = {value::Value{std::move(model)}, member("cloud", cloud), member("api", api),
               value::Value{*value::ParseDate("2026-01-01")},
               price ? value::Value{*price} : value::Value{}};
    f.start = *value::ParseDate("2026-01-01");
    return f;
  };
  facts::FactSet set;
  set.facts = {dep("d1", "gpt-5", "AWS", "stateless", 1.0),
               dep("d2", "gpt-oss-20b", "AWS", "stateless", 1.0),
               dep("d3", "gpt-5", "Azure", "stateless", std::nullopt)};
  plan::Plan plan = plan::Compile(p);
  eval::EvalOptions options;
  options.as_of = *value::ParseDate("2026-06-01");
  auto out = eval::Evaluate(plan, set, sources, options, diags);
  REQUIRE(out.size() == 2);
  CHECK(out[0].clause == "MSFT_2025/2.1");
  CHECK(out[0].facts == std::vector<std::string>{"d1"});
  CHECK(out[0].message == "gpt-5 is served on AWS: Azure holds exclusivity");
  CHECK(out[0].clause_location.file == "policies/msft.treaty");
  CHECK(out[0].explanation ==
        std::vector<std::string>{
            "when deployment.api == stateless: stateless == stateless (true)",
            "unless deployment.model in open_weight_models: deployment.model = gpt-5, expected "
            "[gpt-oss-120b, gpt-oss-20b] (false)",
            "requirement deployment.cloud in Azure: deployment.cloud = AWS, expected Azure "
            "(false)"});
  CHECK(out[1].clause == "MSFT_2025/3.1");
  CHECK(out[1].explanation.back() ==
        "requirement deployment.price_per_mtok <= 2: deployment.price_per_mtok is absent "
        "(unknown)");
}

}  // namespace
}  // namespace treaty::evaltest
