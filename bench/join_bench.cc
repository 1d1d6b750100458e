// The most-favoured-pricing join (MSFT_2025/6.2 of the example portfolio, word for word) over N
// generated deployments: a quarter on Azure, the rest on AWS, Google and Oracle, 200 models,
// 1-3 regions each, spans of 3-12 months in 2025-2026, 2% of the non-Azure deployments priced
// below Azure's list. The policy text is compiled by the real front end and the facts loaded by
// the real JSONL loader (both outside the timed loop); the loop times eval::Evaluate, whose hash
// join on `azure.model == other.model` keeps the work far below N^2 pairs. The reference
// evaluation (nested loops over every pair) is timed on small N for comparison.

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "base/diagnostic_engine.h"
#include "base/file_system.h"
#include "base/source_file.h"
#include "driver/frontend.h"
#include "eval/evaluator.h"
#include "evaluate_loop.h"
#include "facts/loader.h"
#include "plan/plan.h"
#include "support/vocabulary.h"
#include "value/date.h"

namespace treaty::bench {
namespace {

// After the vocabulary of LANGUAGE.md §2 (support/vocabulary.h).
constexpr const char* kAgreement = R"TREATY(
agreement MSFT_2025 "Microsoft-OpenAI definitive agreement (restated)" {
  parties OpenAI, Microsoft
  effective 2025-10-28 until 2032-12-31

  clause "6.2" "Most-favoured pricing on Azure" {
    forbid deployment as azure, deployment as other
      when azure.cloud == Azure and other.cloud != Azure
       and azure.model == other.model and overlaps(azure, other)
       and any other.regions in azure.regions
       and other.price_per_mtok < azure.price_per_mtok
    message "{other.model} costs {other.price_per_mtok} on {other.cloud} but {azure.price_per_mtok} on Azure"
  }
}
)TREATY";

/// A portfolio and N facts, compiled and loaded once per size.
struct Workload {
  base::SourceSet sources;
  driver::Frontend frontend;
  plan::Plan plan;
  facts::FactSet facts;
  size_t errors = 0;
};

void Generate(int n, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "policies");
  std::ofstream(dir / "policies" / "mfn.treaty") << testing::kVocabulary << kAgreement;
  std::ofstream out(dir / "facts.jsonl");
  std::mt19937_64 rng(2026);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint64_t>(k)); };
  static const char* kChannels[][2] = {{"Azure", "azure_openai"}, {"Azure", "azure_foundry"},
                                       {"AWS", "bedrock"},        {"AWS", "sagemaker"},
                                       {"Google", "vertex"},      {"Oracle", "oci"},
                                       {"AWS", "bedrock"},        {"Google", "vertex"}};
  static const char* kRegions[] = {"us", "ca", "eu", "uk", "jp", "india", "au"};
  static const char* kSegments[] = {"fortune_500", "large_enterprise", "smb", "startup"};
  const int32_t first = value::ParseDate("2025-01-01")->days;
  for (int i = 0; i < n; ++i) {
    // A quarter on Azure (2 of 8 channel slots), the rest elsewhere.
    const auto& ch = kChannels[pick(8)];
    const bool azure = std::string(ch[0]) == "Azure";
    int model = pick(200);
    double list = 0.25 * (1 + model % 40);
    double price = azure || pick(100) >= 2 ? list : list * 0.8;
    std::string regions;
    int count = 1 + pick(3);
    for (int r = 0; r < count; ++r) {
      regions += fmt::format("{}\"{}\"", r ? ", " : "", kRegions[pick(7)]);
    }
    value::Date start{first + pick(700)};
    value::Date end{start.days + 90 + pick(270)};
    out << fmt::format(
        "{{\"kind\": \"deployment\", \"id\": \"dep-{}\", \"provider\": \"OpenAI\", "
        "\"model\": \"model-{}\", \"cloud\": \"{}\", \"channel\": \"{}\", \"api\": \"stateless\", "
        "\"segment\": \"{}\", \"regions\": [{}], \"start\": \"{}\", \"end\": \"{}\", "
        "\"price_per_mtok\": {}}}\n",
        i, model, ch[0], ch[1], kSegments[pick(4)], regions, value::FormatDate(start),
        value::FormatDate(end), price);
  }
}

std::unique_ptr<Workload> Load(int n) {
  auto dir =
      std::filesystem::temp_directory_path() / fmt::format("treaty-join-bench-{}-{}", getpid(), n);
  Generate(n, dir);
  auto w = std::make_unique<Workload>();
  base::RealFileSystem fs;
  base::DiagnosticEngine diags;
  w->frontend = driver::CompilePortfolio({(dir / "policies").string()}, fs, w->sources, diags);
  if (!diags.has_errors()) {
    w->facts = facts::LoadFacts({(dir / "facts.jsonl").string()}, w->frontend.portfolio, fs,
                                w->sources, diags);
    w->plan = plan::Compile(w->frontend.portfolio);
  }
  w->errors = diags.error_count();
  std::filesystem::remove_all(dir);
  return w;
}

void Run(benchmark::State& state, bool index) {
  const int n = static_cast<int>(state.range(0));
  std::unique_ptr<Workload> w = Load(n);
  if (w->errors > 0 || static_cast<int>(w->facts.facts.size()) != n) {
    state.SkipWithError("the workload did not compile or load");
    return;
  }
  eval::EvalOptions options;
  options.as_of = *value::ParseDate("2026-06-01");
  options.use_index = index;
  options.threads = 1;
  TimeEvaluate(state, w->plan, w->facts, w->sources, options);
}

void BM_MfnJoin(benchmark::State& state) { Run(state, true); }
BENCHMARK(BM_MfnJoin)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MfnJoinAllPairs(benchmark::State& state) { Run(state, false); }
BENCHMARK(BM_MfnJoinAllPairs)->Arg(2000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace treaty::bench
