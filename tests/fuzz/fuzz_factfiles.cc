// libFuzzer target: hostile but well-formed-looking fact files (factfile_gen.h: YAML with
// anchors, aliases, merge keys, tags, deep nesting; JSONL with bad escapes; odd Unicode, numbers
// and dates on the edges) loaded against the sample vocabulary (tests/facts/sample_portfolio.h).
// Besides "no crash, hang or leak", one oracle: StreamFacts (batches of 1..4) yields the same
// facts, in the same order, with the same diagnostics, as LoadFacts.
// Reproduce: `build-fuzz/tests/fuzz/fuzz_factfiles CRASH_FILE` (TREATY_FUZZ_DUMP=1 prints files).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "factfile_gen.h"
#include "facts/sample_portfolio.h"
#include "value/value.h"

namespace {

using namespace treaty;

std::string DescribeValue(const value::Value& v) {
  struct Visitor {
    std::string operator()(const value::Absent&) const { return "absent"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(double d) const {
      if (std::isnan(d)) return "nan";
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", d);
      return buf;
    }
    std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
    std::string operator()(const value::Date& d) const { return "date" + std::to_string(d.days); }
    std::string operator()(const value::Duration& d) const {
      return "dur" + std::to_string(d.days) + "/" + std::to_string(d.months);
    }
    std::string operator()(const value::Member& m) const {
      return "m" + std::to_string(m.taxonomy) + "." + std::to_string(m.member);
    }
    std::string operator()(const value::List& l) const {
      std::string out = "[";
      for (const auto& x : l) out += DescribeValue(x) + ",";
      return out + "]";
    }
    std::string operator()(const value::Map& m) const {
      std::string out = "{";
      for (const auto& e : m) out += e.first + ":" + DescribeValue(e.second) + ",";
      return out + "}";
    }
  };
  return std::visit(Visitor{}, v.v);
}

std::string DescribeFacts(const std::vector<facts::Fact>& found) {
  std::string out;
  for (const auto& f : found) {
    out += std::to_string(f.kind) + "/" + f.id + "@" + std::to_string(f.span.file) + ":" +
           std::to_string(f.span.line) + " ";
    for (const auto& s : f.slots) out += DescribeValue(s) + " ";
    out += f.start ? std::to_string(f.start->days) : "-";
    out += f.end ? ".." + std::to_string(f.end->days) : "..";
    out += "\n";
  }
  return out;
}

std::string DescribeDiagnostics(const std::vector<base::Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) {
    out += std::string(base::InfoOf(d.code).code) + " " + std::to_string(d.span.file) + ":" +
           std::to_string(d.span.begin) + " " + d.message + "\n";
  }
  return out;
}

[[noreturn]] void Fail(const std::string& what, const std::string& a, const std::string& b,
                       const std::map<std::string, std::string>& files) {
  std::fprintf(stderr, "fuzz_factfiles: %s\n--- load\n%s--- stream\n%s", what.c_str(), a.c_str(),
               b.c_str());
  for (const auto& [path, text] : files)
    std::fprintf(stderr, "=== %s\n%s\n", path.c_str(), text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const check::Portfolio portfolio = facts::testing::SamplePortfolio();
  fuzzing::Choices choices(data, size);
  fuzzing::FactFileGen gen(choices);
  std::map<std::string, std::string> files;
  std::vector<std::string> paths;
  const uint32_t mode = choices.Below(3);  // 0 YAML, 1 JSONL, 2 both
  if (mode != 1) files["f/a.yaml"] = gen.Yaml();
  if (mode != 0) files["f/b.jsonl"] = gen.Jsonl();
  if (std::getenv("TREATY_FUZZ_DUMP")) {
    for (const auto& [path, text] : files) std::printf("=== %s\n%s\n", path.c_str(), text.c_str());
  }
  facts::testing::MemoryFileSystem fs;
  fs.files = files;
  facts::LoadOptions options;
  options.max_nesting = choices.Chance(1, 4) ? 1 + choices.Below(80) : 64;

  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const facts::FactSet loaded = facts::LoadFacts({"f"}, portfolio, fs, sources, diags, options);

  base::SourceSet stream_sources;
  base::DiagnosticEngine stream_diags;
  std::vector<facts::Fact> streamed;
  const size_t batch = 1 + choices.Below(4);
  facts::StreamFacts(
      {"f"}, portfolio, fs, stream_sources, stream_diags, batch,
      [&](facts::FactSet&& set) {
        if (set.facts.empty() || set.facts.size() > batch) {
          std::fprintf(stderr, "fuzz_factfiles: a batch of %zu facts (batch size %zu)\n",
                       set.facts.size(), batch);
          std::abort();
        }
        for (auto& f : set.facts) streamed.push_back(std::move(f));
      },
      options);

  const std::string a = DescribeFacts(loaded.facts), b = DescribeFacts(streamed);
  if (a != b) Fail("StreamFacts and LoadFacts load different facts", a, b, files);
  const std::string da = DescribeDiagnostics(diags.Sorted());
  const std::string db = DescribeDiagnostics(stream_diags.Sorted());
  if (da != db) Fail("StreamFacts and LoadFacts report different diagnostics", da, db, files);
  return 0;
}
