// The shared validation: every T05xx error path with its complete rendered diagnostic, bad
// facts skipped while the others load, ids across files, directories.

#include <catch2/catch.hpp>

#include "facts/sample_portfolio.h"
#include "value/date.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;

/// Loads one YAML file `f.yaml` and returns the rendered diagnostics.
std::string Errors(const std::string& yaml, size_t expect_facts = 0) {
  auto out = LoadInMemory({{"f.yaml", yaml}}, {"f.yaml"});
  CHECK(out.set.facts.size() == expect_facts);
  return out.Rendered();
}

TEST_CASE("facts: missing kind and id (T0508)", "[facts][validate]") {
  CHECK(Errors("foo: 1\n") == R"(error[T0508]: a fact must have a `kind`
 --> f.yaml:1:1
  |
1 | foo: 1
  | ^^^ this fact has no `kind`
  = help: add `kind: …` naming one of `deployment`, `deal`, `contact`

error[T0508]: a fact must have an `id`
 --> f.yaml:1:1
  |
1 | foo: 1
  | ^^^ this fact has no `id`
  = help: add `id: …`, unique among the facts of its kind

)");
}

TEST_CASE("facts: unknown kind (T0501) with a did-you-mean", "[facts][validate]") {
  CHECK(Errors("kind: deploymnt\nid: d1\n") == R"(error[T0501]: unknown kind `deploymnt`
 --> f.yaml:1:7
  |
1 | kind: deploymnt
  |       ^^^^^^^^^ no such kind
  = help: did you mean `deployment`?

)");
  CHECK(Errors("kind: invoice\nid: d1\n") == R"(error[T0501]: unknown kind `invoice`
 --> f.yaml:1:7
  |
1 | kind: invoice
  |       ^^^^^^^ no such kind
  = help: the kinds are `deployment`, `deal`, `contact`

)");
}

TEST_CASE("facts: unknown field (T0502) with a did-you-mean", "[facts][validate]") {
  CHECK(Errors("kind: contact\nid: c1\nemial: a\nphone: 1\n") ==
        R"(error[T0502]: kind `contact` has no field `emial`
 --> f.yaml:3:1
  |
3 | emial: a
  | ^^^^^ unknown field
  = help: did you mean `email`?

error[T0502]: kind `contact` has no field `phone`
 --> f.yaml:4:1
  |
4 | phone: 1
  | ^^^^^ unknown field

)");
}

TEST_CASE("facts: missing required fields (T0503) at the fact's start", "[facts][validate]") {
  CHECK(
      Errors("kind: deployment\nid: d4\nprovider: OpenAI\n") ==
      R"(error[T0503]: missing required fields `model`, `cloud`, `api`, `regions` and `start` of kind `deployment`
 --> f.yaml:1:1
  |
1 | kind: deployment
  | ^^^^ this `deployment` fact
  = help: add `model` (text), `cloud` (a name in taxonomy `cloud`), `api` (a name in taxonomy `api`), `regions` (a list of `region` names) and `start` (a date)

)");
  CHECK(Errors("kind: contact\nid: c1\n") ==
        R"(error[T0503]: missing required field `email` of kind `contact`
 --> f.yaml:1:1
  |
1 | kind: contact
  | ^^^^ this `contact` fact
  = help: add `email` (text)

)");
}

TEST_CASE("facts: wrong type (T0504)", "[facts][validate]") {
  CHECK(Errors(R"(kind: deal
id: d1
type: launch
partners: AWS
announce: tomorrow
signed: "true"
budgets: {a: "3", b: [4]}
)") == R"(error[T0504]: field `partners` expects a list of `cloud` names, found text `AWS`
 --> f.yaml:4:11
  |
4 | partners: AWS
  |           ^^^ not a list
  = help: write a list: `[AWS]`

error[T0504]: field `announce` expects a date, found text `tomorrow`
 --> f.yaml:5:11
  |
5 | announce: tomorrow
  |           ^^^^^^^^ not a date
  = help: write a date as `YYYY-MM-DD`, like `2026-03-01`

error[T0504]: field `signed` expects a bool, found text `true`
 --> f.yaml:6:9
  |
6 | signed: "true"
  |         ^^^^^^ not a bool
  = help: write `true` without quotes

error[T0504]: field `budgets` expects a map of numbers, found text `3`
 --> f.yaml:7:14
  |
7 | budgets: {a: "3", b: [4]}
  |              ^^^ not a number
  = help: write the number without quotes: `3`

error[T0504]: field `budgets` expects a map of numbers, found a list
 --> f.yaml:7:22
  |
7 | budgets: {a: "3", b: [4]}
  |                      ^ not a number

)");
  // A required field given as null.
  CHECK(Errors("kind: contact\nid: c1\nemail:\n") ==
        R"(error[T0504]: field `email` expects text, found nothing
 --> f.yaml:3:1
  |
3 | email:
  | ^^^^^ not text
  = help: `email` is required

)");
}

TEST_CASE("facts: a name not in the field's taxonomy (T0505)", "[facts][validate]") {
  CHECK(Errors(R"(kind: deployment
id: d1
provider: OpenAI
model: gpt-5
cloud: aws
api: stateless
regions: [us, mars]
start: 2026-01-01
)") == R"(error[T0505]: `aws` is not in taxonomy `cloud`
 --> f.yaml:5:8
  |
5 | cloud: aws
  |        ^^^ not a `cloud`
  = help: did you mean `AWS`?

error[T0505]: `mars` is not in taxonomy `region`
 --> f.yaml:7:15
  |
7 | regions: [us, mars]
  |               ^^^^ not a `region`
  = help: taxonomy `region` has `region`, `na`, `us`, `ca`, `emea`, `eu`, `uk`, `apac`, `jp`, `india`, `au`

)");
  // A member of another taxonomy says so.
  CHECK(Errors(R"(kind: deal
id: d1
type: t
partners: [AWS, apac]
announce: 2026-01-01
)") == R"(error[T0505]: `apac` is not in taxonomy `cloud`
 --> f.yaml:4:17
  |
4 | partners: [AWS, apac]
  |                 ^^^^ not a `cloud`
  = help: `apac` is in taxonomy `region`; this field takes a `cloud`

)");
}

TEST_CASE("facts: a date that does not exist (T0506)", "[facts][validate]") {
  CHECK(Errors("kind: deal\nid: d1\ntype: t\npartners: []\nannounce: 2026-02-30\n") ==
        R"(error[T0506]: invalid date `2026-02-30`
 --> f.yaml:5:11
  |
5 | announce: 2026-02-30
  |           ^^^^^^^^^^ no such date
  = help: February 2026 has 28 days

)");
  CHECK(Errors("kind: deal\nid: d1\ntype: t\npartners: []\nannounce: \"2026-13-01\"\n") ==
        R"(error[T0506]: invalid date `2026-13-01`
 --> f.yaml:5:11
  |
5 | announce: "2026-13-01"
  |           ^^^^^^^^^^^^ no such date
  = help: there is no month 13

)");
}

TEST_CASE("facts: a duplicate id within a kind, across files (T0507)", "[facts][validate]") {
  auto out = LoadInMemory({{"a.yaml", "kind: contact\nid: c1\nemail: a\n"},
                           {"b.jsonl", R"({"kind": "contact", "id": "c1", "email": "b"}
{"kind": "deal", "id": "c1", "type": "t", "partners": [], "announce": "2026-01-01"})"}},
                          {"a.yaml", "b.jsonl"});
  CHECK(out.Rendered() == R"(error[T0507]: duplicate id `c1` for kind `contact`
 --> b.jsonl:1:27
  |
1 | {"kind": "contact", "id": "c1", "email": "b"}
  |                           ^^^^ used before
note: the first `contact` with id `c1` is here
 --> a.yaml:1:1
  |
1 | kind: contact
  | ^^^^

)");
  // The same id in another kind is fine.
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.facts[0].slots[0] == value::Value{std::string("a")});
  CHECK(out.set.facts[1].kind == 1);
}

TEST_CASE("facts: a fact that is not a mapping (T0511)", "[facts][validate]") {
  CHECK(Errors("- 42\n- [1]\n- kind: contact\n  id: c1\n  email: a\n", 1) ==
        R"(error[T0511]: a fact must be a mapping, found a number `42`
 --> f.yaml:1:3
  |
1 | - 42
  |   ^^
  = help: write a fact as `kind: …`, `id: …` and its fields

error[T0511]: a fact must be a mapping, found a list
 --> f.yaml:2:3
  |
2 | - [1]
  |   ^
  = help: write a fact as `kind: …`, `id: …` and its fields

)");
}

TEST_CASE("facts: an unreadable path (T0512)", "[facts][validate]") {
  auto out = LoadInMemory({{"a.yaml", ""}}, {"missing"});
  CHECK(out.Rendered() == "error[T0512]: cannot read `missing`: no such file or directory\n\n");
  CHECK(out.set.files == 0);
}

TEST_CASE("facts: a field or a map key given twice (T0513)", "[facts][validate]") {
  CHECK(Errors(R"(kind: deal
id: d1
type: t
type: u
partners: []
announce: 2026-01-01
notices: {Microsoft: 2026-10-15, Microsoft: 2026-10-16}
)") == R"(error[T0513]: `type` appears twice in this fact
 --> f.yaml:4:1
  |
4 | type: u
  | ^^^^ given again here
note: first given here
 --> f.yaml:3:1
  |
3 | type: t
  | ^^^^

error[T0513]: `Microsoft` appears twice in field `notices`
 --> f.yaml:7:34
  |
7 | notices: {Microsoft: 2026-10-15, Microsoft: 2026-10-16}
  |                                  ^^^^^^^^^ given again here

)");
}

TEST_CASE("facts: a fact that ends before it starts (T0514)", "[facts][validate]") {
  CHECK(
      Errors(R"(kind: deployment
id: d1
provider: OpenAI
model: gpt-5
cloud: Azure
api: stateless
regions: [us]
start: 2026-03-01
end: 2026-01-01
)") ==
      R"(error[T0514]: the fact ends before it starts: `end` is 2026-01-01 but `start` is 2026-03-01
 --> f.yaml:9:6
  |
9 | end: 2026-01-01
  |      ^^^^^^^^^^ before the start
note: `start` is here
 --> f.yaml:8:8
  |
8 | start: 2026-03-01
  |        ^^^^^^^^^^

)");
}

TEST_CASE("facts: a key that is not text (T0515)", "[facts][validate]") {
  CHECK(Errors("kind: contact\nid: c1\nemail: a\n[1]: 2\n") ==
        R"(error[T0515]: a key must be text, found a list
 --> f.yaml:4:1
  |
4 | [1]: 2
  | ^

)");
}

TEST_CASE("facts: a bad fact is skipped and every other fact loads", "[facts][validate]") {
  auto out = LoadInMemory({{"f.yaml", R"(kind: contact
id: c1
email: a
---
kind: contact
id: c2
emails: b
---
kind: contact
id: c3
email: c
)"}},
                          {"f.yaml"});
  REQUIRE(out.diagnostics.size() == 1);  // `emails`: did you mean `email`? (not also "missing")
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.facts[0].id == "c1");
  CHECK(out.set.facts[1].id == "c3");
}

TEST_CASE("facts: directories are walked in byte order of path", "[facts][loader]") {
  auto out = LoadInMemory({{"facts/b.yaml", "kind: contact\nid: b\nemail: x\n"},
                           {"facts/a/z.jsonl", R"({"kind": "contact", "id": "az", "email": "x"})"},
                           {"facts/a/notes.txt", "not a fact file"},
                           {"facts/c.yml", "kind: contact\nid: c\nemail: x\n"},
                           {"other.yaml", "kind: contact\nid: o\nemail: x\n"}},
                          {"facts", "facts/b.yaml", "other.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 4);
  CHECK(out.set.facts[0].id == "az");
  CHECK(out.set.facts[1].id == "b");
  CHECK(out.set.facts[2].id == "c");
  CHECK(out.set.facts[3].id == "o");
  CHECK(out.set.files == 4);  // facts/b.yaml is read once
  CHECK(out.sources.size() == 4);
}

TEST_CASE("facts: a file named explicitly is read whatever its extension", "[facts][loader]") {
  auto out = LoadInMemory({{"plan.json", R"([{"kind": "contact", "id": "c1", "email": "x"}])"}},
                          {"plan.json"});
  CHECK(out.Rendered() == "");
  CHECK(out.set.facts.size() == 1);
}

TEST_CASE("facts: a portfolio without kinds rejects every fact cleanly", "[facts][loader]") {
  check::Portfolio empty;
  auto out = LoadInMemory({{"f.yaml", "kind: contact\nid: c1\n"}}, {"f.yaml"}, empty);
  REQUIRE(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].message == "unknown kind `contact`");
  CHECK(out.diagnostics[0].help.empty());
}

}  // namespace
}  // namespace treaty::facts
