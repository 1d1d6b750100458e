// Dates never leave the calendar 0001-01-01 .. 9999-12-31: value::Add answers nullopt instead
// of wrapping; the checker refuses a duration literal longer than the calendar (T0316), a date
// literal moved out of it (T0315) and a date literal outside it (T0307); facts refuse such
// dates (T0506); at evaluation a date moved out of the calendar is unknown.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "check/checker.h"
#include "eval/evaluator.h"
#include "facts/sample_portfolio.h"
#include "plan/plan.h"
#include "syntax/parser.h"
#include "value/date.h"

namespace treaty {
namespace {

using value::Date;
using value::Duration;

Date D(const char* iso) { return *value::ParseDate(iso); }

TEST_CASE("dates: the calendar's ends, and Add refuses to leave it", "[dates]") {
  CHECK(value::MakeDate(1, 1, 1)->days == value::kFirstDate.days);
  CHECK(value::MakeDate(9999, 12, 31)->days == value::kLastDate.days);
  CHECK(value::Add(D("9999-12-31"), Duration{0, 1}) == std::nullopt);
  CHECK(value::Add(D("9999-12-01"), Duration{1, 0}) == std::nullopt);
  CHECK(value::Subtract(D("0001-01-01"), Duration{0, 1}) == std::nullopt);
  CHECK(value::Subtract(D("0001-02-01"), Duration{2, 0}) == std::nullopt);
  // The reported overflow: start + 2147483647 days rendered as -5877585-08-20.
  CHECK(value::Add(D("2026-01-01"), Duration{0, 2147483647}) == std::nullopt);
  CHECK(value::Add(D("2026-01-01"), Duration{std::numeric_limits<int64_t>::max(), 0}) ==
        std::nullopt);
  CHECK(value::Subtract(D("2026-01-01"), Duration{std::numeric_limits<int64_t>::min(),
                                                  std::numeric_limits<int64_t>::min()}) ==
        std::nullopt);
  CHECK(value::Add(Date{std::numeric_limits<int32_t>::max()}, Duration{0, 0}) == std::nullopt);
  // Inside the calendar nothing changes.
  CHECK(value::Add(D("9999-11-30"), Duration{1, 1}) == D("9999-12-31"));
  CHECK(value::Subtract(D("0001-03-31"), Duration{1, 0}) == D("0001-02-28"));
  CHECK(value::Add(D("2026-01-31"), Duration{1, 0}) == D("2026-02-28"));
  CHECK(value::Add(D("0001-01-01"), Duration{0, 3652058}) == D("9999-12-31"));
  CHECK(value::ParseDate("0000-12-31") == std::nullopt);
}

// Checks policy text; returns "CODE@line:col " for each diagnostic.
std::string CheckCodes(const std::string& text, base::DiagnosticEngine& diags,
                       check::Portfolio* out = nullptr, base::SourceSet* sources = nullptr) {
  base::SourceSet own;
  base::SourceSet& set = sources ? *sources : own;
  base::FileId id = set.Add("p.treaty", text);
  std::vector<ast::File> files;
  files.push_back(syntax::Parse(set.Get(id), diags));
  check::Portfolio p = check::Check(files, set, diags);
  std::string codes;
  for (const auto& d : diags.Sorted()) {
    codes += fmt::format("{}@{}:{} ", d.code_name(), d.span.line, d.span.col);
  }
  if (out) *out = std::move(p);
  return codes;
}

constexpr const char* kHead =
    "kind deal \"A deal\" {\n  start: date\n  active from start\n}\n"
    "agreement A \"A\" {\n  effective 2020-01-01\n";

TEST_CASE("dates: the checker refuses dates and durations outside the calendar", "[dates]") {
  base::DiagnosticEngine diags;
  const std::string text =
      std::string(kHead) +
      "  clause \"1\" \"t\" { forbid deal when deal.start + 2147483647 days > 2026-01-01 }\n"
      "  clause \"2\" \"t\" { forbid deal when 9999-12-01 + 1 month > deal.start }\n"
      "  clause \"3\" \"t\" { forbid deal when 0001-01-01 - 1 day < deal.start }\n"
      "  clause \"4\" \"t\" { forbid deal when deal.start > 0000-01-01 }\n"
      "  clause \"5\" \"t\" { forbid deal when deal.start - 10000 years < 2026-01-01 }\n"
      "  clause \"6\" \"t\" { forbid deal when 9999-11-30 + 1 month > deal.start }\n"
      "}\n";
  CHECK(CheckCodes(text, diags) == "T0316@7:50 T0315@8:37 T0315@9:37 T0307@10:50 T0316@11:50 ");
  const auto sorted = diags.Sorted();
  CHECK(sorted[1].message ==
        "`9999-12-01 + 1 month` is after 9999-12-31, outside the calendar (0001-01-01 to "
        "9999-12-31)");
  CHECK(sorted[2].message.find("is before 0001-01-01") != std::string::npos);
}

TEST_CASE("dates: a date moved out of the calendar at evaluation is unknown", "[dates]") {
  base::DiagnosticEngine diags;
  base::SourceSet sources;
  check::Portfolio p;
  const std::string text =
      std::string(kHead) +
      // Was true (year -974 < 0001-06-01), a finding; now unknown: no finding.
      "  clause \"1\" \"t\" { forbid deal when deal.start - 3000 years < 0001-06-01 }\n"
      // Unknown is never a pass: a finding.
      "  clause \"2\" \"t\" { require deal.start + 9000 years > 2026-01-01 }\n"
      // Inside the calendar: an ordinary true condition, no finding.
      "  clause \"3\" \"t\" { require deal.start + 7000 years > 2026-01-01 }\n"
      "}\n";
  REQUIRE(CheckCodes(text, diags, &p, &sources).empty());
  facts::Fact f;
  f.kind = p.FindKind("deal");
  f.id = "d1";
  f.slots = {value::Value{D("2026-01-01")}};
  f.start = D("2026-01-01");
  facts::FactSet set;
  set.facts = {f};
  plan::Plan plan = plan::Compile(p);
  eval::EvalOptions options;
  options.as_of = D("2026-06-01");
  auto out = eval::Evaluate(plan, set, sources, options, diags);
  REQUIRE(out.size() == 1);
  CHECK(out[0].clause == "A/2");
}

TEST_CASE("dates: facts refuse dates outside the calendar (T0506)", "[dates]") {
  auto yaml = facts::testing::LoadInMemory(
      {{"f.yaml", "kind: deal\nid: d1\ntype: t\npartners: []\nannounce: 0000-12-31\n"}},
      {"f.yaml"});
  CHECK(yaml.set.facts.empty());
  CHECK(yaml.Rendered().find("error[T0506]: invalid date `0000-12-31`") != std::string::npos);
  CHECK(yaml.Rendered().find("the year must be between 0001 and 9999") != std::string::npos);
  auto jsonl = facts::testing::LoadInMemory(
      {{"f.jsonl",
        "{\"kind\":\"deal\",\"id\":\"d1\",\"type\":\"t\",\"partners\":[],"
        "\"announce\":\"10000-01-01\"}\n"}},
      {"f.jsonl"});
  CHECK(jsonl.set.facts.empty());
  CHECK(jsonl.Rendered().find("f.jsonl:1:") != std::string::npos);
}

}  // namespace
}  // namespace treaty
