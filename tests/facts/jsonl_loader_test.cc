// The JSONL adapter: one object a line, strict JSON types, bad lines skipped with T0510.

#include <catch2/catch.hpp>

#include "facts/sample_portfolio.h"
#include "value/date.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;

TEST_CASE("jsonl: one object a line; blank lines, CRLF and a byte order mark", "[facts][jsonl]") {
  auto out = LoadInMemory(
      {{"f.jsonl",
        "\xEF\xBB\xBF{\"kind\": \"deployment\", \"id\": \"d1\", \"provider\": \"OpenAI\", "
        "\"model\": \"gpt-5\", \"cloud\": \"Azure\", \"api\": \"stateless\", \"regions\": "
        "[\"us\", \"uk\"], \"start\": \"2026-03-01\", \"end\": \"2026-06-01\", "
        "\"price_per_mtok\": 1.25e1}\r\n"
        "\r\n"
        "   \n"
        "  {\"kind\": \"deal\", \"id\": \"x\", \"type\": \"t\", \"partners\": [], \"announce\": "
        "\"2026-01-01\", \"signed\": false, \"budgets\": {\"b\": 2, \"a\": -1}}\n"
        "{\"kind\": \"contact\", \"id\": \"c1\", \"email\": \"M\\u00fcller \\ud83d\\ude00 "
        "\\\"q\\\" \\\\ \\/\", \"tags\": null}"}},
      {"f.jsonl"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 3);
  const Fact& dep = out.set.facts[0];
  CHECK(dep.span.line == 1);
  CHECK(dep.span.col == 2);  // after the byte order mark
  CHECK(dep.slots[4] == value::Value{value::List{value::Value{value::Member{1, 2}},
                                                 value::Value{value::Member{1, 6}}}});
  CHECK(dep.slots[7] == value::Value{12.5});
  CHECK(dep.start == value::ParseDate("2026-03-01"));
  CHECK(dep.end == value::ParseDate("2026-06-01"));

  const Fact& deal = out.set.facts[1];
  CHECK(deal.span.line == 4);
  CHECK(deal.span.col == 3);
  CHECK(deal.slots[4] == value::Value{false});
  CHECK(deal.slots[5] ==
        value::Value{value::Map{{"a", value::Value{-1.0}}, {"b", value::Value{2.0}}}});

  const Fact& contact = out.set.facts[2];
  CHECK(contact.slots[0] == value::Value{std::string("Müller 😀 \"q\" \\ /")});
  CHECK(contact.slots[1].is_absent());
}

TEST_CASE("jsonl: a bad line is T0510 at its line and column; the rest loads", "[facts][jsonl]") {
  auto out = LoadInMemory({{"f.jsonl", R"({"kind": "contact", "id": "c1", "email": "a"}
{"kind": "contact", "id": "c2" "email": "b"}
{"kind": "contact", "id": "c3", "email": "c"}
)"}},
                          {"f.jsonl"});
  CHECK(out.Rendered() == R"(error[T0510]: invalid JSON: expected `,` or `}` after a value
 --> f.jsonl:2:32
  |
2 | {"kind": "contact", "id": "c2" "email": "b"}
  |                                ^ here
  = help: each line of a `.jsonl` file is one JSON object; the line is skipped

)");
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.facts[0].id == "c1");
  CHECK(out.set.facts[1].id == "c3");
  CHECK(out.set.facts[1].span.line == 3);
}

TEST_CASE("jsonl: every syntax error has a message and a column", "[facts][jsonl]") {
  struct Case {
    const char* line;
    const char* message;
    uint32_t col;
  };
  const Case cases[] = {
      {R"({"kind": "contact", "id": "c1"} x)", "invalid JSON: unexpected text after the value", 33},
      {R"({"kind": "contact", "id": "c1)", "invalid JSON: unterminated string", 27},
      {R"({"kind": "contact", "id": "c\q"})", "invalid JSON: invalid escape in a string", 29},
      {R"({"kind": "contact", "id": "\u12"})", "invalid JSON: expected four hex digits after `\\u`",
       32},
      {R"({"kind": "contact", "id": "\ud800"})", "invalid JSON: unpaired surrogate in `\\u` escape",
       28},
      {R"({"kind": contact})", "invalid JSON: expected a value", 10},
      {R"({"kind" "contact"})", "invalid JSON: expected `:` after a key", 9},
      {R"({kind: "contact"})", "invalid JSON: expected `\"` to start a key", 2},
      {R"({"tags": [1 2]})", "invalid JSON: expected `,` or `]` after a value", 13},
      {R"({"n": 01})", "invalid JSON: expected `,` or `}` after a value", 8},
      {R"({"n": 1.})", "invalid JSON: expected a digit after `.`", 9},
      {R"({"n": 1e})", "invalid JSON: expected a digit in the exponent", 9},
      {R"({"n": tru})", "invalid JSON: expected a value", 7},
      {"{\"n\": \"a\tb\"}", "invalid JSON: control character in a string", 9},
      {"{\"n\": \"\xC3\"}", "invalid JSON: invalid UTF-8 in a string", 8},
      {R"([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]])",
       "invalid JSON: values are nested too deeply", 65},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    auto out = LoadInMemory({{"f.jsonl", c.line}}, {"f.jsonl"});
    REQUIRE(out.diagnostics.size() == 1);
    CHECK(out.diagnostics[0].message == c.message);
    CHECK(out.diagnostics[0].span.line == 1);
    CHECK(out.diagnostics[0].span.col == c.col);
    CHECK(out.set.facts.empty());
  }
}

TEST_CASE("jsonl: JSON types are strict", "[facts][jsonl]") {
  auto out = LoadInMemory(
      {{"f.jsonl",
        R"({"kind": "deployment", "id": 7, "provider": 42, "model": "m", "cloud": "Azure", "api": "stateless", "regions": ["us"], "start": 20260301}
{"kind": "deal", "id": "x", "type": "t", "partners": [], "announce": "2026-01-01", "signed": "true", "budgets": {"a": "3"}}
[1, 2]
)"}},
      {"f.jsonl"});
  // Lines longer than 120 columns are clipped to a window around the caret.
  CHECK(out.Rendered() == R"(error[T0504]: field `id` expects text, found a number `7`
 --> f.jsonl:1:30
  |
1 | {"kind": "deployment", "id": 7, "provider": 42, "model": "m", "cloud": "Azure", "api": "stateless", "regions": ["us"], "…
  |                              ^ not text
  = help: write it as a string: `"7"`

error[T0504]: field `provider` expects text, found a number `42`
 --> f.jsonl:1:45
  |
1 | …nd": "deployment", "id": 7, "provider": 42, "model": "m", "cloud": "Azure", "api": "stateless", "regions": ["us"], "star…
  |                                          ^^ not text
  = help: write it as a string: `"42"`

error[T0504]: field `start` expects a date, found a number `20260301`
 --> f.jsonl:1:129
  |
1 | …ent", "id": 7, "provider": 42, "model": "m", "cloud": "Azure", "api": "stateless", "regions": ["us"], "start": 20260301}
  |                                                                                                                 ^^^^^^^^ not a date
  = help: write a date as `YYYY-MM-DD`, like `2026-03-01`

error[T0504]: field `signed` expects a bool, found text `true`
 --> f.jsonl:2:94
  |
2 | …ind": "deal", "id": "x", "type": "t", "partners": [], "announce": "2026-01-01", "signed": "true", "budgets": {"a": "3"}}
  |                                                                                            ^^^^^^ not a bool
  = help: write `true` without quotes

error[T0504]: field `budgets` expects a map of numbers, found text `3`
 --> f.jsonl:2:119
  |
2 | …ind": "deal", "id": "x", "type": "t", "partners": [], "announce": "2026-01-01", "signed": "true", "budgets": {"a": "3"}}
  |                                                                                                                     ^^^ not a number
  = help: write the number without quotes: `3`

error[T0511]: a fact must be a mapping, found a list
 --> f.jsonl:3:1
  |
3 | [1, 2]
  | ^^^^^^
  = help: write a fact as `kind: …`, `id: …` and its fields

)");
  CHECK(out.set.facts.empty());
}

}  // namespace
}  // namespace treaty::facts
