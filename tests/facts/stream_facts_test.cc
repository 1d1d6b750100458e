// StreamFacts: the facts of LoadFacts, in the same order, handed over in batches (breaking in
// the middle of a file), and duplicate ids still reported across batches.

#include <catch2/catch.hpp>

#include "facts/sample_portfolio.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;
using testing::MemoryFileSystem;
using testing::SamplePortfolio;

struct StreamedLoad {
  std::vector<FactSet> batches;
  size_t files = 0;
  base::SourceSet sources;
  std::vector<base::Diagnostic> diagnostics;  // sorted
};

StreamedLoad StreamInMemory(const std::map<std::string, std::string>& files,
                            const std::vector<std::string>& paths, size_t batch) {
  MemoryFileSystem fs;
  fs.files = files;
  StreamedLoad out;
  base::DiagnosticEngine diags;
  const check::Portfolio portfolio = SamplePortfolio();
  out.files = StreamFacts(paths, portfolio, fs, out.sources, diags, batch,
                          [&out](FactSet&& set) { out.batches.push_back(std::move(set)); });
  out.diagnostics = diags.Sorted();
  return out;
}

/// Every field of two facts equal.
bool SameFact(const Fact& a, const Fact& b) {
  return a.kind == b.kind && a.id == b.id && a.slots == b.slots && a.span.file == b.span.file &&
         a.span.begin == b.span.begin && a.span.end == b.span.end && a.span.line == b.span.line &&
         a.span.col == b.span.col && a.start == b.start && a.end == b.end;
}

const std::map<std::string, std::string> kFiles = {{"a.jsonl",
                                                    R"({"kind": "contact", "id": "c1", "email": "a"}
{"kind": "deal", "id": "x1", "type": "t", "partners": ["Azure"], "announce": "2026-01-01"}
{"kind": "contact", "id": "c2", "email": 7}
{"kind": "contact", "id": "c3", "email": "c", "tags": ["p", "q"]}
{"kind": "deployment", "id": "d1", "provider": "OpenAI", "model": "gpt-5", "cloud": "Azure", "api": "stateless", "regions": ["us"], "start": "2026-03-01"}
{"kind": "contact", "id": "c4", "email": "d"}
)"},
                                                   {"b.yaml", R"(kind: contact
id: c5
email: e
---
- kind: deal
  id: x2
  type: t
  partners: [AWS, Google]
  announce: 2026-02-01
- kind: contact
  id: c6
  email: f
- kind: deployment
  id: d2
  provider: OpenAI
  model: o4
  cloud: AWS
  api: product
  regions: [eu, jp]
  start: 2026-04-01
  end: 2026-09-01
)"}};

TEST_CASE("stream: batches of 1 and 3 give the facts of LoadFacts in order", "[facts][stream]") {
  auto whole = LoadInMemory(kFiles, {"a.jsonl", "b.yaml"});
  REQUIRE(whole.set.facts.size() == 9);  // c2 is invalid
  REQUIRE(whole.set.files == 2);

  for (size_t batch : {1, 3}) {
    INFO("batch " << batch);
    auto streamed = StreamInMemory(kFiles, {"a.jsonl", "b.yaml"}, batch);
    CHECK(streamed.files == 2);
    REQUIRE(streamed.batches.size() == (9 + batch - 1) / batch);
    std::vector<Fact> got;
    for (const FactSet& set : streamed.batches) {
      CHECK(set.files == 0);
      CHECK(set.facts.size() <= batch);
      got.insert(got.end(), set.facts.begin(), set.facts.end());
    }
    REQUIRE(got.size() == whole.set.facts.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("fact " << i);
      CHECK(SameFact(got[i], whole.set.facts[i]));
    }
    // With batch 3, the second batch holds the end of a.jsonl and the start of b.yaml.
    if (batch == 3) CHECK(streamed.batches[1].facts.back().id == "c5");
    std::string rendered;
    for (const auto& d : streamed.diagnostics) {
      rendered += report::RenderDiagnostic(d, streamed.sources) + "\n";
    }
    CHECK(rendered == whole.Rendered());
  }
}

TEST_CASE("stream: no valid fact, no batch", "[facts][stream]") {
  auto streamed = StreamInMemory({{"e.yaml", "kind: contact\nid: c1\n"}}, {"e.yaml"}, 2);
  CHECK(streamed.files == 1);
  CHECK(streamed.batches.empty());
  REQUIRE(streamed.diagnostics.size() == 1);
  CHECK(streamed.diagnostics[0].code == base::DiagCode::T0503);
}

TEST_CASE("stream: a duplicate id in a later batch is T0507 at the first fact", "[facts][stream]") {
  const std::map<std::string, std::string> files = {
      {"a.yaml", "kind: contact\nid: c1\nemail: a\n---\nkind: contact\nid: c2\nemail: b\n"},
      {"b.jsonl", R"({"kind": "contact", "id": "c3", "email": "c"}
{"kind": "contact", "id": "c1", "email": "d"}
{"kind": "deal", "id": "c1", "type": "t", "partners": [], "announce": "2026-01-01"})"}};
  const char* expected = R"(error[T0507]: duplicate id `c1` for kind `contact`
 --> b.jsonl:2:27
  |
2 | {"kind": "contact", "id": "c1", "email": "d"}
  |                           ^^^^ used before
note: the first `contact` with id `c1` is here
 --> a.yaml:1:1
  |
1 | kind: contact
  | ^^^^

)";
  CHECK(LoadInMemory(files, {"a.yaml", "b.jsonl"}).Rendered() == expected);
  for (size_t batch : {1, 3}) {
    INFO("batch " << batch);
    auto streamed = StreamInMemory(files, {"a.yaml", "b.jsonl"}, batch);
    std::string rendered;
    for (const auto& d : streamed.diagnostics) {
      rendered += report::RenderDiagnostic(d, streamed.sources) + "\n";
    }
    CHECK(rendered == expected);
    std::vector<std::string> ids;
    for (const FactSet& set : streamed.batches) {
      for (const Fact& f : set.facts) ids.push_back(f.id);
    }
    CHECK(ids == std::vector<std::string>{"c1", "c2", "c3", "c1"});  // the last one a deal
  }
}

}  // namespace
}  // namespace treaty::facts
