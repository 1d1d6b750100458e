// `replaces`: a chain cuts each replaced clause's window where its replacement starts; a clause
// replacing itself is T0414; a cycle of any length, across files too, is one T0415 that starts
// at the clause declared first, and its clauses keep their windows. Chains of 100,000 clauses
// check in linear time, without recursing through them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "check/check_test_util.h"

namespace treaty::check {
namespace {

using testing::CheckFiles;
using testing::CheckText;
using testing::kVocabulary;
using testing::WithAgreement;
using Codes = std::vector<std::string>;

// A clause of agreement A with a rule, and `extra` lines (`replaces`, `effective`) before it.
std::string ClauseText(const std::string& id, const std::string& extra) {
  return "  clause \"" + id + "\" \"c\" {\n" + extra +
         "    forbid deployment when deployment.cloud == AWS\n  }\n";
}

std::string Replaces(const std::string& target) { return "    replaces \"" + target + "\"\n"; }

const Clause& ClauseOf(const Portfolio& p, std::string_view qualified) {
  const ClauseIndex i = p.FindClause(qualified);
  REQUIRE(i != kNoId);
  return p.clauses[i];
}

// The clause's window is what `effective` made it: no `replaces` cut it.
void CheckUncut(const Clause& c) {
  CHECK(c.effective_window.from == c.window.from);
  CHECK(c.effective_window.until == c.window.until);
  CHECK(c.replaced_by.empty());
}

// Agreement A with clauses c0 … c{n-1}, each replacing the one before; with `closed`, c0
// replaces the last, closing the chain into one cycle.
std::string Chain(int n, bool closed) {
  std::string body;
  body.reserve(static_cast<size_t>(n) * 100);
  for (int k = 0; k < n; ++k) {
    std::string extra;
    if (k > 0) extra = Replaces("A/c" + std::to_string(k - 1));
    if (k == 0 && closed) extra = Replaces("A/c" + std::to_string(n - 1));
    body += ClauseText("c" + std::to_string(k), extra);
  }
  return WithAgreement(body);
}

TEST_CASE("two clauses replacing each other are one T0415, their windows uncut",
          "[check][replaces]") {
  auto c =
      CheckText(WithAgreement(ClauseText("1", Replaces("A/2")) + ClauseText("2", Replaces("A/1"))));
  REQUIRE(c->Codes() == Codes{"T0415"});
  const auto* d = c->First("T0415");
  CHECK(d->message == "`replaces` cycle: `A/1` -> `A/2` -> `A/1`");
  CHECK(c->TextOf(d->span) == "\"1\"");
  CHECK(d->label == "`A/1` replaces itself through another clause");
  CHECK_FALSE(d->help.empty());
  REQUIRE(d->notes.size() == 2);
  CHECK(d->notes[0].message == "`A/1` replaces `A/2` here");
  CHECK(c->TextOf(d->notes[0].span) == "\"A/2\"");
  CHECK(d->notes[1].message == "`A/2` replaces `A/1` here");
  CHECK(c->TextOf(d->notes[1].span) == "\"A/1\"");
  const Portfolio& p = c->portfolio;
  for (const char* q : {"A/1", "A/2"}) {
    CheckUncut(ClauseOf(p, q));
    CHECK(ClauseOf(p, q).replaces == kNoId);  // nothing downstream can go round the cycle
  }
}

TEST_CASE("a 3-cycle across two files starts at the clause declared first, whatever the walk",
          "[check][replaces]") {
  const std::string x = std::string(kVocabulary) + "agreement X \"X\" {\n  effective 2025-01-01\n" +
                        ClauseText("1", Replaces("Y/1")) + ClauseText("2", Replaces("X/1")) + "}\n";
  const std::string y =
      "agreement Y \"Y\" {\n  effective 2026-01-01\n" + ClauseText("1", Replaces("X/2")) + "}\n";
  auto c = CheckFiles({x, y});
  REQUIRE(c->Codes() == Codes{"T0415"});
  const auto* d = c->First("T0415");
  CHECK(d->message == "`replaces` cycle: `X/1` -> `Y/1` -> `X/2` -> `X/1`");
  CHECK(d->label == "`X/1` replaces itself through other clauses");
  CHECK(d->span.file == 0);
  REQUIRE(d->notes.size() == 3);
  CHECK(d->notes[0].message == "`X/1` replaces `Y/1` here");
  CHECK(d->notes[1].message == "`Y/1` replaces `X/2` here");
  CHECK(d->notes[1].span.file == 1);
  CHECK(d->notes[2].message == "`X/2` replaces `X/1` here");
  for (const char* q : {"X/1", "X/2", "Y/1"}) CheckUncut(ClauseOf(c->portfolio, q));
  // A clause outside the cycle that leads into it is walked first: still one report, from
  // the first-declared clause on the cycle; the clause it replaces keeps its window.
  const std::string z =
      "agreement Z \"Z\" {\n  effective 2027-01-01\n" + ClauseText("1", Replaces("X/2")) + "}\n";
  auto tail =
      CheckFiles({std::string(kVocabulary) + z, x.substr(std::string(kVocabulary).size()), y});
  REQUIRE(tail->Codes() == Codes{"T0415"});
  CHECK(tail->First("T0415")->message == "`replaces` cycle: `X/1` -> `Y/1` -> `X/2` -> `X/1`");
  CHECK(ClauseOf(tail->portfolio, "Z/1").replaces == tail->portfolio.FindClause("X/2"));
  CheckUncut(ClauseOf(tail->portfolio, "X/2"));
}

TEST_CASE("a long cycle shows its first 12 steps and counts the rest", "[check][replaces]") {
  auto twelve = CheckText(Chain(12, true));
  REQUIRE(twelve->Codes() == Codes{"T0415"});
  const auto* d = twelve->First("T0415");
  CHECK(d->message.find("more") == std::string::npos);
  REQUIRE(d->notes.size() == 12);
  CHECK(d->notes[11].message == "`A/c1` replaces `A/c0` here");
  auto thirteen = CheckText(Chain(13, true));
  REQUIRE(thirteen->Codes() == Codes{"T0415"});
  d = thirteen->First("T0415");
  CHECK(d->message ==
        "`replaces` cycle: `A/c0` -> `A/c12` -> `A/c11` -> `A/c10` -> `A/c9` -> `A/c8` -> "
        "`A/c7` -> `A/c6` -> `A/c5` -> `A/c4` -> `A/c3` -> `A/c2` -> … (1 more) -> `A/c0`");
  REQUIRE(d->notes.size() == 13);
  CHECK(d->notes[11].message == "`A/c2` replaces `A/c1` here");
  CHECK(d->notes[12].message == "and 1 more `replaces` on the cycle, not shown");
}

TEST_CASE("a clause replacing itself is T0414 only, not also a cycle", "[check][replaces]") {
  auto c =
      CheckText(WithAgreement(ClauseText("1", Replaces("A/1")) + ClauseText("2", Replaces("A/1"))));
  CHECK(c->Codes() == Codes{"T0414"});
  CHECK(ClauseOf(c->portfolio, "A/1").replaces == kNoId);
}

TEST_CASE("a chain without a cycle cuts each replaced window where its replacement starts",
          "[check][replaces]") {
  auto c = CheckText(WithAgreement(
      ClauseText("1", "") + ClauseText("2", "    effective 2025-06-01\n" + Replaces("A/1")) +
      ClauseText("3", "    effective 2026-01-01\n" + Replaces("A/2"))));
  REQUIRE(c->Codes() == Codes{});
  const Portfolio& p = c->portfolio;
  CHECK(ClauseOf(p, "A/1").effective_window.until == value::MakeDate(2025, 6, 1));
  CHECK(ClauseOf(p, "A/2").effective_window.until == value::MakeDate(2026, 1, 1));
  CHECK(ClauseOf(p, "A/2").effective_window.from == *value::MakeDate(2025, 6, 1));
  CheckUncut(ClauseOf(p, "A/3"));
  CHECK(ClauseOf(p, "A/3").replaces == p.FindClause("A/2"));
  CHECK(ClauseOf(p, "A/1").replaced_by == std::vector<ClauseIndex>{p.FindClause("A/2")});
}

TEST_CASE("a chain of 100,000 replacing clauses checks; closed into a cycle it is one T0415",
          "[check][replaces][scale]") {
  constexpr int kN = 100'000;
  SECTION("open") {
    auto c = CheckText(Chain(kN, false));
    CHECK(c->Codes() == Codes{});
    const Portfolio& p = c->portfolio;
    REQUIRE(p.clauses.size() == kN);
    CHECK(p.clauses[0].replaced_by == std::vector<ClauseIndex>{1});
    CHECK(p.clauses[kN - 1].replaces == kN - 2);
    CHECK(p.clauses[kN - 1].replaced_by.empty());
  }
  SECTION("closed") {
    auto c = CheckText(Chain(kN, true));
    REQUIRE(c->Codes() == Codes{"T0415"});
    const auto* d = c->First("T0415");
    std::string path = "`replaces` cycle: `A/c0` -> ";
    for (int k = kN - 1; k > kN - 12; --k) path += "`A/c" + std::to_string(k) + "` -> ";
    CHECK(d->message == path + "… (99988 more) -> `A/c0`");
    REQUIRE(d->notes.size() == 13);  // bounded: the report does not grow with the cycle
    CHECK(d->notes[0].message == "`A/c0` replaces `A/c99999` here");
    CHECK(d->notes[11].message == "`A/c99989` replaces `A/c99988` here");
    CHECK(d->notes[12].message == "and 99988 more `replaces` on the cycle, not shown");
    CHECK_FALSE(d->notes[12].span.valid());
    size_t linked = 0;
    for (const Clause& cl : c->portfolio.clauses) {
      if (cl.replaces != kNoId || !cl.replaced_by.empty()) ++linked;
    }
    CHECK(linked == 0);
  }
}

}  // namespace
}  // namespace treaty::check
