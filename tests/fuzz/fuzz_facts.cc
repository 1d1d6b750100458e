// libFuzzer target: arbitrary bytes through the YAML and the JSONL fact loaders, against the
// small sample portfolio built in code. Must never crash, hang or leak, whatever the input.

#include <cstddef>
#include <cstdint>
#include <string>

#include "facts/sample_portfolio.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const treaty::check::Portfolio portfolio = treaty::facts::testing::SamplePortfolio();
  const std::string text(reinterpret_cast<const char*>(data), size);
  treaty::facts::testing::MemoryFileSystem fs;
  fs.files["f.yaml"] = text;
  fs.files["f.jsonl"] = text;
  treaty::base::SourceSet sources;
  treaty::base::DiagnosticEngine diags;
  treaty::facts::LoadFacts({"f.yaml", "f.jsonl"}, portfolio, fs, sources, diags);
  return 0;
}
