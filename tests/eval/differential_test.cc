// THE differential test: random portfolios and facts from a seeded PRNG, evaluated with the
// rule index (and hash joins, and two threads) and with the plain reference evaluation (every
// fact against every rule, nested-loop joins); the findings must be identical in every field.
// Portfolios are built as checked models over the fixed vocabulary of eval_fixture.h: random
// when/unless/require/exclusive/forbid (single and joins)/permit/limit/exists, overrides,
// replacements, windows, waivers; facts with absent optional fields. A failure prints its seed.

#include <catch2/catch.hpp>

#include "eval/random_cases.h"

namespace treaty::evaltest {
namespace {

TEST_CASE("differential: indexed evaluation equals the reference evaluation", "[eval][diff]") {
  constexpr uint64_t kBase = 20260601;
  constexpr int kCases = 1500;
  int with_findings = 0;
  int negated_keys = 0;  // rules filed under a `!=` key
  for (int i = 0; i < kCases; ++i) {
    uint64_t seed = kBase + static_cast<uint64_t>(i);
    Generator g(seed);
    check::Portfolio p = g.Portfolio();
    std::vector<facts::Fact> facts = g.Facts(p);
    g.Waivers(p, facts);
    value::Date as_of = g.RandomDate();
    bool show_defeated = g.Chance(50);

    plan::Plan plan = plan::Compile(p);
    for (const auto& r : plan.rules) negated_keys += r.key.negated ? 1 : 0;
    facts::FactSet set;
    set.facts = facts;
    base::SourceSet sources;
    std::vector<std::string> runs[3];
    size_t diag_counts[3];
    for (int mode = 0; mode < 3; ++mode) {
      eval::EvalOptions options;
      options.as_of = as_of;
      options.show_defeated = show_defeated;
      options.use_index = mode != 0;
      options.threads = mode == 2 ? 2 : 1;
      base::DiagnosticEngine diags;
      for (const auto& f : eval::Evaluate(plan, set, sources, options, diags)) {
        runs[mode].push_back(Dump(f));
      }
      diag_counts[mode] = diags.all().size();
    }
    if (!runs[0].empty()) ++with_findings;
    INFO("seed " << seed << " (case " << i << ")");
    REQUIRE(runs[1] == runs[0]);
    REQUIRE(runs[2] == runs[0]);
    REQUIRE(diag_counts[1] == diag_counts[0]);
  }
  // The generator must produce interesting cases, not empty ones.
  CHECK(with_findings > kCases / 3);
  CHECK(negated_keys > kCases / 10);
}

}  // namespace
}  // namespace treaty::evaltest
