// Hostile YAML fact files are refused by the pre-scan (facts/yaml_prescan.h) before yaml-cpp
// reads them, with a located diagnostic: bytes that are not UTF-8 (T0516), control characters
// (T0518), nesting past the limit (T0517, regression tests at 100,000 levels); alias bombs stay
// bounded; numbers out of range are T0519 (YAML and JSONL).
#include <catch2/catch.hpp>

#include <string>

#include "facts/sample_portfolio.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

/// The only diagnostic's code and line:col.
std::string Only(const testing::Loaded& out) {
  if (out.diagnostics.size() != 1) return "diagnostics: " + out.Rendered();
  const auto& d = out.diagnostics[0];
  return std::string(d.code_name()) + " " + std::to_string(d.span.line) + ":" +
         std::to_string(d.span.col);
}

constexpr const char* kContact = "kind: contact\nid: c1\nemail: a@b.c\n";

TEST_CASE("yaml: bytes that are not UTF-8 are refused at the byte", "[facts][yaml][inputs]") {
  auto out = LoadInMemory({{"f.yaml", std::string(kContact) + "tags: [caf\xE9]\n"}}, {"f.yaml"});
  CHECK(Only(out) == "T0516 4:11");
  CHECK(out.set.facts.empty());  // nothing of the file reaches JSON or SARIF output
  CHECK(out.Rendered().find("this byte does not belong to a UTF-8 character") != std::string::npos);
}

TEST_CASE("yaml: a NUL byte is named at its place", "[facts][yaml][inputs]") {
  auto out = LoadInMemory({{"f.yaml", std::string("kind: contact\nid: c\0d\n", 22)}}, {"f.yaml"});
  CHECK(Only(out) == "T0518 2:6");
  CHECK(out.diagnostics[0].message == "control character U+0000 (NUL) is not allowed in YAML");
  auto bell = LoadInMemory({{"f.yaml", std::string(kContact) + "tags: [\a]\n"}}, {"f.yaml"});
  CHECK(Only(bell) == "T0518 4:8");
}

TEST_CASE("yaml: nesting past the limit is refused before parsing, 100,000 levels deep",
          "[facts][yaml][inputs]") {
  const size_t n = 100000;
  CHECK(Only(LoadInMemory({{"f.yaml", Repeat("[", n)}}, {"f.yaml"})) == "T0517 1:65");
  CHECK(Only(LoadInMemory({{"f.yaml", Repeat("{a: ", n) + "1" + Repeat("}", n)}}, {"f.yaml"})) ==
        "T0517 1:257");
  CHECK(Only(LoadInMemory({{"f.yaml", Repeat("- ", n) + "x\n"}}, {"f.yaml"})) == "T0517 1:129");
  CHECK(Only(LoadInMemory({{"f.yaml", std::string(kContact) + "tags: " + Repeat("[", n)}},
                          {"f.yaml"})) == "T0517 4:70");
  // Block indentation, one level a line (2,000 levels: the file grows with the square).
  std::string stairs;
  for (size_t i = 0; i < 2000; ++i) stairs += std::string(i, ' ') + "-\n";
  CHECK(Only(LoadInMemory({{"f.yaml", stairs}}, {"f.yaml"})) == "T0517 65:65");
  std::string keys;
  for (size_t i = 0; i < 2000; ++i) keys += std::string(i, ' ') + "a:\n";
  CHECK(Only(LoadInMemory({{"f.yaml", keys}}, {"f.yaml"})) == "T0517 65:65");
}

TEST_CASE("yaml: what looks deep but is text is not counted", "[facts][yaml][inputs]") {
  const std::string deep = Repeat("[", 200);
  const std::string text = std::string(kContact) + "tags:\n  - \"" + deep + "\"\n  - '" + deep +
                           "'\n  - a" + deep + "\n  - |\n    " + deep + "\n      " + deep +
                           "\n  - x # " + deep + "\n";
  auto out = LoadInMemory({{"f.yaml", text}}, {"f.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 1);
}

TEST_CASE("yaml: nesting up to the limit is accepted", "[facts][yaml][inputs]") {
  // 64 levels: the fact's mapping, then 63 lists (a type error, not a nesting error).
  auto out = LoadInMemory(
      {{"f.yaml", std::string(kContact) + "tags: " + Repeat("[", 63) + Repeat("]", 63) + "\n"}},
      {"f.yaml"});
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].code_name() == std::string_view("T0504"));
}

TEST_CASE("yaml: an alias bomb stays bounded", "[facts][yaml][inputs]") {
  // Billion laughs: each level lists the one before ten times (10^9 items if expanded).
  std::string text = "kind: contact\nid: c1\nemail: a@b.c\nx0: &a0 [lol]\n";
  for (int i = 1; i <= 9; ++i) {
    text += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "tags: *a9\n";
  auto out = LoadInMemory({{"f.yaml", text}}, {"f.yaml"});  // expanded: 10^9 items, never ends
  CHECK_FALSE(out.diagnostics.empty());  // unknown fields x0..x9, `tags` items are not text
  CHECK(out.diagnostics.size() < 100);
}

TEST_CASE("a number too large for a double is out of range, not a wrong type", "[facts][inputs]") {
  auto yaml = LoadInMemory({{"f.yaml",
                             "kind: deal\nid: d1\ntype: t\npartners: []\n"
                             "announce: 2026-01-01\nbudgets: {q1: 1e400}\n"}},
                           {"f.yaml"});
  CHECK(Only(yaml) == "T0519 6:15");
  CHECK(yaml.diagnostics[0].message == "number `1e400` is out of range");
  auto jsonl = LoadInMemory(
      {{"f.jsonl",
        R"({"kind":"deal","id":"d1","type":"t","partners":[],"announce":"2026-01-01","budgets":{"q1":-1e400}})"
        "\n"}},
      {"f.jsonl"});
  CHECK(Only(jsonl) == "T0519 1:91");
  // Too small is zero, not an error.
  auto tiny = LoadInMemory({{"f.yaml",
                             "kind: deal\nid: d1\ntype: t\npartners: []\n"
                             "announce: 2026-01-01\nbudgets: {q1: 1e-400}\n"}},
                           {"f.yaml"});
  CHECK(tiny.Rendered() == "");
}

}  // namespace
}  // namespace treaty::facts
