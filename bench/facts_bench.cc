// Loading facts: generated JSONL (100k facts of the sample portfolio's `deployment` kind) and
// YAML, through facts::LoadFacts with an in-memory file system. Reports facts per second.

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <iterator>
#include <string>

#include "facts/sample_portfolio.h"

namespace {

using treaty::facts::testing::MemoryFileSystem;
using treaty::facts::testing::SamplePortfolio;

std::string Jsonl(int64_t n) {
  static const char* const kClouds[] = {"Azure", "AWS", "Google", "Oracle"};
  std::string text;
  text.reserve(static_cast<size_t>(n) * 220);
  for (int64_t i = 0; i < n; ++i) {
    fmt::format_to(std::back_inserter(text),
                   R"({{"kind": "deployment", "id": "dep-{}", "provider": "OpenAI", )"
                   R"("model": "gpt-5", "cloud": "{}", "api": "stateless", "regions": ["us", )"
                   R"("eu"], "start": "2026-03-01", "end": "2027-01-01", "price_per_mtok": 1.25}})"
                   "\n",
                   i, kClouds[i % 4]);
  }
  return text;
}

std::string Yaml(int64_t n) {
  std::string text;
  for (int64_t i = 0; i < n; ++i) {
    fmt::format_to(std::back_inserter(text),
                   "---\nkind: deployment\nid: dep-{}\nprovider: OpenAI\nmodel: gpt-5\n"
                   "cloud: AWS\napi: stateless\nregions: [us, eu]\nstart: 2026-03-01\n"
                   "end: 2027-01-01\nprice_per_mtok: 1.25\n",
                   i);
  }
  return text;
}

void Load(benchmark::State& state, const std::string& path, const std::string& text) {
  const auto portfolio = SamplePortfolio();
  MemoryFileSystem fs;
  fs.files[path] = text;
  size_t facts = 0;
  for (auto _ : state) {
    treaty::base::SourceSet sources;
    treaty::base::DiagnosticEngine diags;
    auto set = treaty::facts::LoadFacts({path}, portfolio, fs, sources, diags);
    facts = set.facts.size();
    benchmark::DoNotOptimize(set);
  }
  if (facts != static_cast<size_t>(state.range(0))) state.SkipWithError("facts were rejected");
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

void BM_LoadJsonl(benchmark::State& state) { Load(state, "facts.jsonl", Jsonl(state.range(0))); }
BENCHMARK(BM_LoadJsonl)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_LoadYaml(benchmark::State& state) { Load(state, "facts.yaml", Yaml(state.range(0))); }
BENCHMARK(BM_LoadYaml)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
