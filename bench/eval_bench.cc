// Benchmarks of plan::Compile and eval::Evaluate on a workload generated in code: N deployment
// facts x M clauses, most clauses keyed on cloud / channel / segment equality (so the rule
// index matters), some unkeyed, some permits that override, a most-favoured-pricing join.
// The reference (unindexed) evaluation is timed on the smaller sizes for comparison.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <random>

#include "eval/eval_fixture.h"
#include "evaluate_loop.h"

namespace treaty::evaltest {
namespace {

using check::BinaryOp;
using check::RuleKind;

const std::vector<std::string>& Models() {
  static const std::vector<std::string> kModels = [] {
    std::vector<std::string> m;
    for (int i = 0; i < 200; ++i) m.push_back(fmt::format("model-{}", i));
    return m;
  }();
  return kModels;
}

check::Portfolio Policies(int clauses, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  check::Portfolio p = Vocabulary();
  const auto& models = Models();
  for (int i = 0; i < clauses; ++i) {
    if (i % 10 == 0) AddAgreement(p, fmt::format("AG{}", i / 10), D("2025-01-01"));
    uint32_t a = static_cast<uint32_t>(i / 10);
    uint32_t ci = AddClause(p, a, fmt::format("{}.{}", i % 10, i), fmt::format("Clause {}", i));
    check::Clause& c = p.clauses[ci];
    auto channel = [&] {
      return M(p, kChannel, p.taxonomies[kChannel].members[1 + pick(10)].name);
    };
    auto segment = [&] { return M(p, kSegment, p.taxonomies[kSegment].members[1 + pick(8)].name); };
    int r = pick(100);
    if (r < 40) {
      c.rules.push_back(MakeRule(
          RuleKind::kForbid, {{"deployment", kDeployment}},
          And(And(Eq(Fld(0, kChannelF), C(channel())), Eq(Fld(0, kModel), C(T(models[pick(200)])))),
              Bin(BinaryOp::kLt, Fld(0, kPrice), C(N(pick(4)))))));
    } else if (r < 70) {
      c.rules.push_back(Exclusive(
          kDeployment, "deployment", kCloudF, M(p, kCloud, "Azure"),
          And(In(Fld(0, kSegmentF), C(segment())), Eq(Fld(0, kModel), C(T(models[pick(200)])))),
          Eq(Fld(0, kApiF), C(M(p, kApi, "product")))));
    } else if (r < 85) {
      c.rules.push_back(MakeRule(
          RuleKind::kRequire, {{"deployment", kDeployment}},
          And(Eq(Fld(0, kCloudF), C(M(p, kCloud, p.taxonomies[kCloud].members[1 + pick(4)].name))),
              Eq(Fld(0, kModel), C(T(models[pick(200)])))),
          nullptr, Bin(BinaryOp::kLe, Fld(0, kPrice), C(N(3)))));
    } else if (r < 97) {
      c.rules.push_back(MakeRule(RuleKind::kPermit, {{"deployment", kDeployment}},
                                 Eq(Fld(0, kChannelF), C(channel()))));
      if (ci > 0) c.overrides.push_back(static_cast<uint32_t>(pick(static_cast<int>(ci))));
    } else {
      // unkeyed: evaluated against every fact, rarely true
      c.rules.push_back(MakeRule(RuleKind::kForbid, {{"deployment", kDeployment}},
                                 And(Bin(BinaryOp::kGt, Fld(0, kPrice), C(N(4.4))),
                                     Bin(BinaryOp::kNe, Fld(0, kProvider), C(T("OpenAI"))))));
    }
  }
  // One most-favoured-pricing join (Azure Foundry vs Bedrock, Fortune 500).
  uint32_t a = AddAgreement(p, "MFN", D("2025-01-01"));
  uint32_t ci = AddClause(p, a, "6.2", "Most-favoured pricing");
  p.clauses[ci].rules.push_back(MakeRule(
      RuleKind::kForbid, {{"azure", kDeployment}, {"other", kDeployment}},
      And(And(And(And(Eq(Fld(0, kChannelF), C(M(p, kChannel, "azure_foundry"))),
                      Eq(Fld(0, kSegmentF), C(M(p, kSegment, "fortune_500")))),
                  And(Eq(Fld(1, kChannelF), C(M(p, kChannel, "bedrock"))),
                      Eq(Fld(1, kSegmentF), C(M(p, kSegment, "fortune_500"))))),
              And(Eq(Fld(0, kModel), Fld(1, kModel)), Overlaps(0, 1))),
          Bin(BinaryOp::kLt, Bin(BinaryOp::kMul, Fld(1, kPrice), C(N(3))), Fld(0, kPrice)))));
  return p;
}

facts::FactSet Facts(const check::Portfolio& p, int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint64_t>(k)); };
  facts::FactSet set;
  set.facts.reserve(static_cast<size_t>(n));
  const auto& models = Models();
  static const char* kChannels[][2] = {{"Azure", "azure_openai"}, {"Azure", "azure_foundry"},
                                       {"AWS", "bedrock"},        {"AWS", "sagemaker"},
                                       {"Google", "vertex"},      {"Oracle", "oci"}};
  static const char* kSegments[] = {"fortune_500", "large_enterprise", "us_natsec", "civilian_gov",
                                    "smb",         "startup"};
  for (int i = 0; i < n; ++i) {
    const auto& ch = kChannels[pick(6)];
    std::string start = fmt::format("2026-{:02}-{:02}", 1 + pick(12), 1 + pick(28));
    std::optional<double> price;
    if (pick(10) < 8) price = 0.5 * (2 + pick(8));
    facts::Fact f = Deployment(p, fmt::format("dep-{}", i), models[pick(200)], ch[0], ch[1],
                               pick(2) ? "stateless" : "product", kSegments[pick(6)], start.c_str(),
                               nullptr, price);
    f.span = base::Span{0, 0, 1, static_cast<uint32_t>(i + 1), 1};
    set.facts.push_back(std::move(f));
  }
  return set;
}

void BM_Evaluate(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  int m = static_cast<int>(state.range(1));
  bool index = state.range(2) != 0;
  unsigned threads = static_cast<unsigned>(state.range(3));
  check::Portfolio p = Policies(m, 42);
  facts::FactSet facts = Facts(p, n, 7);
  plan::Plan plan = plan::Compile(p);
  base::SourceSet sources;
  eval::EvalOptions options;
  options.as_of = D("2026-06-01");
  options.use_index = index;
  options.threads = threads;
  bench::TimeEvaluate(state, plan, facts, sources, options);
}
// facts, clauses, use_index, threads (0 = auto)
BENCHMARK(BM_Evaluate)
    ->Args({10000, 100, 1, 1})
    ->Args({10000, 100, 0, 1})
    ->Args({10000, 1000, 1, 1})
    ->Args({10000, 1000, 0, 1})
    ->Args({100000, 1000, 1, 1})
    ->Args({100000, 1000, 1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Compile(benchmark::State& state) {
  check::Portfolio p = Policies(static_cast<int>(state.range(0)), 42);
  for (auto _ : state) {
    plan::Plan plan = plan::Compile(p);
    benchmark::DoNotOptimize(plan.nodes.data());
  }
}
BENCHMARK(BM_Compile)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace treaty::evaltest
