// Definitions are checked once, callees first, and copied into their uses within limits:
// chains of any length check in linear time without recursing through them, and what would
// grow without bound is an error (T0215 size, T0216 depth) that shows where it grows.
#include <catch2/catch.hpp>

#include <string>

#include "check/check_test_util.h"
#include "check/expr_checker.h"

namespace treaty::check {
namespace {

using testing::CheckText;
using testing::kVocabulary;
using Codes = std::vector<std::string>;

// `define d1(x: deployment) = x.cloud == Azure`, then d2 … dN each from the one before by
// `step` ("d{prev}(x)" replaced), and a clause forbidding dN(deployment).
std::string Chain(int n, const std::string& step) {
  std::string text = std::string(kVocabulary) + "define d1(x: deployment) = x.cloud == Azure\n";
  for (int k = 2; k <= n; ++k) {
    std::string body = step;
    const std::string prev = "d" + std::to_string(k - 1);
    for (size_t at; (at = body.find("PREV")) != std::string::npos;) body.replace(at, 4, prev);
    text += "define d" + std::to_string(k) + "(x: deployment) = " + body + "\n";
  }
  return text + "agreement A \"A\" {\n  effective 2025-01-01\n  clause \"1\" \"c\" {\n" +
         "    forbid deployment when d" + std::to_string(n) + "(deployment)\n  }\n}\n";
}

const Clause& OnlyClause(const Portfolio& p) {
  REQUIRE(p.clauses.size() == 1);
  return p.clauses[0];
}

TEST_CASE("a chain of 100,000 definitions checks, every one used, into a shallow rule",
          "[check][definitions][scale]") {
  auto c = CheckText(Chain(100'000, "PREV(x)"));
  CHECK(c->Codes() == Codes{});
  size_t used = 0;
  for (const auto& d : c->portfolio.definitions) used += d.used ? 1 : 0;
  CHECK(used == 100'000);
  const Clause& clause = OnlyClause(c->portfolio);
  REQUIRE(clause.rules.size() == 1);
  REQUIRE(clause.rules[0].when);
  // Forwarding definitions collapse: the rule holds d1's comparison under one `Inlined`.
  CheckedBody m = Measure(Clone(*clause.rules[0].when));
  CHECK(m.depth <= 4);
  CHECK(m.size <= 6);
}

TEST_CASE("a definition that doubles at each level stops at the size limit, naming the chain",
          "[check][definitions][scale]") {
  auto c = CheckText(Chain(60, "PREV(x) or PREV(x)"));
  REQUIRE(c->Codes() == Codes{"T0215"});
  const auto* d = c->First("T0215");
  CHECK(d->message == "`d16` expands to more than 100000 expression nodes");
  CHECK(c->TextOf(d->span) == "d15(x)");
  REQUIRE(d->notes.size() == 6);
  CHECK(d->notes[0].message == "`d15` uses `d14` (49149 nodes) here");
  CHECK(d->notes[5].message == "`d10` uses `d9` (1533 nodes) here");
}

TEST_CASE("a chain that deepens at each level stops at the depth limit",
          "[check][definitions][scale]") {
  auto c = CheckText(Chain(1'200, "not PREV(x)"));
  REQUIRE(c->Codes() == Codes{"T0216"});
  const auto* d = c->First("T0216");
  CHECK(d->message.find("nests definitions more than 2000 levels deep") != std::string::npos);
  REQUIRE(!d->notes.empty());
  CHECK(d->notes[0].message.find(" levels) here") != std::string::npos);
}

TEST_CASE("the definitions of a portfolio copy at most a budget of nodes in all",
          "[check][definitions][scale]") {
  auto c = CheckText(Chain(2'000, "PREV(x) and x.model != \"m\""));
  REQUIRE(c->Codes() == Codes{"T0215"});
  const auto* d = c->First("T0215");
  CHECK(d->message == "the portfolio's definitions expand to more than 2000000 expression nodes");
  CHECK(!d->notes.empty());
}

TEST_CASE("constants resolved at their use nest at most 256 deep", "[check][definitions]") {
  // `Azure` is a cloud and a channel: only the use decides, so each constant is checked there.
  std::string text = std::string(kVocabulary) + "define c0 = Azure\n";
  for (int k = 1; k <= 300; ++k) {
    text += "define c" + std::to_string(k) + " = c" + std::to_string(k - 1) + "\n";
  }
  auto ok = CheckText(text + "agreement A \"A\" {\n effective 2025-01-01\n clause \"1\" \"c\" {\n" +
                      " forbid deployment when deployment.cloud == c200\n }\n}\n");
  CHECK(ok->Codes() == Codes{});
  auto deep =
      CheckText(text + "agreement A \"A\" {\n effective 2025-01-01\n clause \"1\" \"c\" {\n" +
                " forbid deployment when deployment.cloud == c300\n }\n}\n");
  REQUIRE(deep->Codes() == Codes{"T0216"});
  CHECK(deep->First("T0216")->message == "`c44` nests definitions more than 256 levels deep");
}

TEST_CASE("a constant used with two expected taxonomies is checked once for each",
          "[check][definitions]") {
  auto c =
      CheckText(std::string(kVocabulary) +
                "define home = Azure\n"
                "agreement A \"A\" {\n effective 2025-01-01\n"
                " clause \"1\" \"c\" { forbid deployment when deployment.cloud == home }\n"
                " clause \"2\" \"d\" { forbid deployment when deployment.channel == home }\n}\n");
  CHECK(c->Codes() == Codes{});
}

TEST_CASE("an unused predicate is still checked, once", "[check][definitions]") {
  auto c = CheckText(std::string(kVocabulary) +
                     "define bad(x: deployment) = x.clod == Azure\n"
                     "define worse(x: deployment) = bad(x) and bad(x)\n");
  CHECK(c->Codes() == Codes{"T0203"});
}

}  // namespace
}  // namespace treaty::check
