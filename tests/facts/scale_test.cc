// Fact files at 100,000 items (docs/reliability.md): a flow list of 100,000 items on one YAML
// line (each scalar's end was found by scanning to the end of the line: quadratic) and a JSONL
// map with 50,000 keys each given twice (each repeat was located by scanning the map: quadratic).
// Both now load in linear time with the same values and diagnostics as before.

#include <catch2/catch.hpp>

#include <string>

#include "facts/sample_portfolio.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;

constexpr int kItems = 100'000;

TEST_CASE("scale: a YAML flow list of 100,000 items on one line", "[facts][yaml][scale]") {
  for (const char* quote : {"", "\"", "'"}) {
    std::string line = "regions: [";
    for (int i = 0; i < kItems; ++i) {
      line += i ? ", " : "";
      line += std::string(quote) + (i % 2 ? "eu" : "us") + quote;
    }
    line += std::string(", ") + quote + "mars" + quote + "]\n";  // the last item is wrong
    const std::string text =
        "kind: deployment\nid: d1\nprovider: p\nmodel: m\ncloud: Azure\n"
        "api: stateless\nstart: 2026-01-01\n" +
        line;
    auto out = LoadInMemory({{"f.yaml", text}}, {"f.yaml"});
    INFO("quote " << quote);
    REQUIRE(out.diagnostics.size() == 1);
    const base::Diagnostic& d = out.diagnostics[0];
    CHECK(d.code_name() == "T0505");
    // `mars` is located exactly: its column and its length (with the quotes when quoted).
    const size_t at = line.rfind(std::string(quote) + "mars");
    CHECK(d.span.line == 8);
    CHECK(d.span.col == at + 1);
    CHECK(d.span.end - d.span.begin == 4 + 2 * std::string(quote).size());
  }
  std::string ok =
      "kind: deployment\nid: d1\nprovider: p\nmodel: m\ncloud: Azure\n"
      "api: stateless\nstart: 2026-01-01\nregions: [";
  for (int i = 0; i < kItems; ++i) ok += i ? ", us" : "us";
  ok += "]\n";
  auto out = LoadInMemory({{"f.yaml", ok}}, {"f.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 1);
  CHECK(out.set.facts[0].slots[4].as<value::List>().size() == kItems);
}

TEST_CASE("scale: a JSONL map with 50,000 keys each given twice (T0513 at each repeat)",
          "[facts][jsonl][scale]") {
  std::string line = R"({"kind": "deal", "id": "x", "type": "t", "partners": [], )"
                     R"("announce": "2026-01-01", "budgets": {)";
  std::vector<size_t> second(kItems / 2);  // byte offset of each key's second occurrence
  for (int i = 0; i < kItems; ++i) {
    line += i ? ", " : "";
    if (i >= kItems / 2) second[i - kItems / 2] = line.size();
    line += "\"k" + std::to_string(i % (kItems / 2)) + "\": " + std::to_string(i);
  }
  line += "}}\n";
  auto out = LoadInMemory({{"f.jsonl", line}}, {"f.jsonl"});
  REQUIRE(out.diagnostics.size() == kItems / 2);
  CHECK(out.set.facts.empty());  // a fact with an error is skipped
  // Sorted by position: the n-th diagnostic is at the n-th key's second occurrence.
  for (size_t n : {size_t{0}, size_t{1}, size_t{kItems / 4}, size_t{kItems / 2 - 1}}) {
    INFO("key k" << n);
    CHECK(out.diagnostics[n].code_name() == "T0513");
    CHECK(out.diagnostics[n].span.begin == second[n]);
  }
}

TEST_CASE("scale: a key given three times is reported once, at its second occurrence",
          "[facts][jsonl][scale]") {
  const std::string line =
      R"({"kind": "deal", "id": "x", "type": "t", "partners": [], )"
      R"("announce": "2026-01-01", "budgets": {"a": 1, "b": 2, "a": 3, "a": 4}})";
  auto out = LoadInMemory({{"f.jsonl", line + "\n"}}, {"f.jsonl"});
  REQUIRE(out.diagnostics.size() == 1);  // the two repeats give the same diagnostic
  const size_t at = line.find("\"a\": 3");
  for (const auto& d : out.diagnostics) {
    CHECK(d.code_name() == "T0513");
    CHECK(d.span.begin == at);
  }
}

}  // namespace
}  // namespace treaty::facts
