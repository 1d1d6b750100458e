// The YAML adapter: document forms, scalars read by the field's type, spans, syntax errors.

#include <catch2/catch.hpp>

#include "facts/sample_portfolio.h"
#include "value/date.h"

namespace treaty::facts {
namespace {

using testing::LoadInMemory;

value::Value Text(const char* s) { return value::Value{std::string(s)}; }
value::Value Mem(uint32_t taxonomy, uint32_t member) {
  return value::Value{value::Member{taxonomy, member}};
}
value::Value Day(const char* s) { return value::Value{*value::ParseDate(s)}; }

constexpr const char* kDeployment = R"(kind: deployment
id: dep-bedrock-gptoss
provider: OpenAI
model: gpt-oss-120b
cloud: AWS
api: stateless
regions: [us, eu]
start: 2025-08-05
price_per_mtok: 0.6
)";

TEST_CASE("yaml: one fact per document, every field in its slot", "[facts][yaml]") {
  std::string text = std::string(kDeployment) + R"(---
kind: deal
id: deal-aws-reinvent
type: co_marketing
partners: [AWS, Google]
announce: 2026-12-01
notices: { Microsoft: 2026-10-15, Amazon: "2026-09-01" }
signed: true
)";
  auto out = LoadInMemory({{"facts.yaml", text}}, {"facts.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.files == 1);

  const Fact& dep = out.set.facts[0];
  CHECK(dep.kind == 0);
  CHECK(dep.id == "dep-bedrock-gptoss");
  REQUIRE(dep.slots.size() == 8);
  CHECK(dep.slots[0] == Text("OpenAI"));
  CHECK(dep.slots[1] == Text("gpt-oss-120b"));
  CHECK(dep.slots[2] == Mem(0, 2));  // cloud.AWS
  CHECK(dep.slots[3] == Mem(2, 1));  // api.stateless
  CHECK(dep.slots[4] == value::Value{value::List{Mem(1, 2), Mem(1, 5)}});
  CHECK(dep.slots[5] == Day("2025-08-05"));
  CHECK(dep.slots[6].is_absent());
  CHECK(dep.slots[7] == value::Value{0.6});
  CHECK(dep.span.line == 1);
  CHECK(dep.span.col == 1);
  CHECK(dep.start == value::ParseDate("2025-08-05"));
  CHECK_FALSE(dep.end.has_value());  // `until end` absent: open-ended

  const Fact& deal = out.set.facts[1];
  CHECK(deal.kind == 1);
  CHECK(deal.span.line == 11);
  CHECK(deal.slots[1] == value::Value{value::List{Mem(0, 2), Mem(0, 3)}});
  // A map is sorted by key.
  CHECK(deal.slots[3] ==
        value::Value{value::Map{{"Amazon", Day("2026-09-01")}, {"Microsoft", Day("2026-10-15")}}});
  CHECK(deal.slots[4] == value::Value{true});
  CHECK(deal.slots[5].is_absent());
  // `active at announce`: an instant of one day.
  CHECK(deal.start == value::ParseDate("2026-12-01"));
  CHECK(deal.end == value::ParseDate("2026-12-02"));
}

TEST_CASE("yaml: a document that is a sequence of facts", "[facts][yaml]") {
  auto out = LoadInMemory({{"c.yaml", R"(- kind: contact
  id: c1
  email: a@example.com
- kind: contact
  id: c2
  email: b@example.com
  tags: [legal, "emea"]
)"}},
                          {"c.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.facts[1].id == "c2");
  CHECK(out.set.facts[1].span.line == 4);
  CHECK(out.set.facts[1].span.col == 3);
  CHECK(out.set.facts[1].slots[1] == value::Value{value::List{Text("legal"), Text("emea")}});
  // A timeless kind has no active span.
  CHECK_FALSE(out.set.facts[0].start.has_value());
  CHECK_FALSE(out.set.facts[0].end.has_value());
}

TEST_CASE("yaml: empty files and empty documents are valid", "[facts][yaml]") {
  auto out = LoadInMemory({{"a.yaml", ""},
                           {"b.yaml", "# nothing planned yet\n"},
                           {"c.yaml", "---\n---\n...\n"},
                           {"d.yml", "~\n"}},
                          {"a.yaml", "b.yaml", "c.yaml", "d.yml"});
  CHECK(out.Rendered() == "");
  CHECK(out.set.facts.empty());
  CHECK(out.set.files == 4);
}

TEST_CASE("yaml: plain scalars are read by the field's type", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml", R"(kind: deployment
id: 42
provider: true
model: 2026-01-01
cloud: cloud.Azure
api: api
regions: [emea, region, india]
start: "2026-03-01"
end: 2027-03-01
price_per_mtok: 1_000
)"}},
                          {"f.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 1);
  const Fact& f = out.set.facts[0];
  CHECK(f.id == "42");                // a plain number is text for `id`
  CHECK(f.slots[0] == Text("true"));  // and for a text field
  CHECK(f.slots[1] == Text("2026-01-01"));
  CHECK(f.slots[2] == Mem(0, 1));  // `taxonomy.member`
  CHECK(f.slots[3] == Mem(2, 0));  // the root of a taxonomy is a member
  CHECK(f.slots[4] == value::Value{value::List{Mem(1, 4), Mem(1, 0), Mem(1, 9)}});
  CHECK(f.slots[5] == Day("2026-03-01"));  // a quoted date is a date
  CHECK(f.slots[7] == value::Value{1000.0});
  CHECK(f.end == value::ParseDate("2027-03-01"));
}

TEST_CASE("yaml: null is absent for an optional field", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml", R"(kind: deal
id: d1
type: launch
partners: []
announce: 2026-01-01
notices: ~
signed: null
budgets:
)"}},
                          {"f.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 1);
  CHECK(out.set.facts[0].slots[1] == value::Value{value::List{}});
  CHECK(out.set.facts[0].slots[3].is_absent());
  CHECK(out.set.facts[0].slots[4].is_absent());
  CHECK(out.set.facts[0].slots[5].is_absent());
}

TEST_CASE("yaml: anchors and aliases", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml", R"(- kind: contact
  id: c1
  email: &mail team@example.com
  tags: &tags [a, b]
- kind: contact
  id: c2
  email: *mail
  tags: *tags
)"}},
                          {"f.yaml"});
  CHECK(out.Rendered() == "");
  REQUIRE(out.set.facts.size() == 2);
  CHECK(out.set.facts[1].slots[0] == Text("team@example.com"));
  CHECK(out.set.facts[1].slots[1] == value::Value{value::List{Text("a"), Text("b")}});
}

TEST_CASE("yaml: a syntax error keeps the documents before it", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml", R"(kind: contact
id: c1
email: a
---
kind: contact
id: c2
email: [b
---
kind: contact
id: c3
email: c
)"}},
                          {"f.yaml"});
  CHECK(out.Rendered() == R"(error[T0509]: invalid YAML: end of sequence flow not found
 --> f.yaml:8:1
  |
8 | ---
  | ^ here
  = help: the facts before this point are loaded; the rest of the file is not

)");
  REQUIRE(out.set.facts.size() == 1);
  CHECK(out.set.facts[0].id == "c1");
}

TEST_CASE("yaml: an alias to its own ancestor is an error, not a loop", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml", "&a [*a]\n"}}, {"f.yaml"});
  CHECK(out.diagnostics.size() == 1);
  CHECK(out.diagnostics[0].code_name() == "T0509");
  CHECK(out.set.facts.empty());
}

TEST_CASE("yaml: columns count code points, after a byte order mark too", "[facts][yaml]") {
  auto out = LoadInMemory({{"f.yaml",
                            "\xEF\xBB\xBFkind: deal\nid: d1\ntype: t\npartners: []\n"
                            "announce: 2026-01-01\n"
                            "notices: {Müller: 2026-10-15, Ünal: soon}\n"}},
                          {"f.yaml"});
  CHECK(out.Rendered() == R"(error[T0504]: field `notices` expects a map of dates, found text `soon`
 --> f.yaml:6:37
  |
6 | notices: {Müller: 2026-10-15, Ünal: soon}
  |                                     ^^^^ not a date
  = help: write a date as `YYYY-MM-DD`, like `2026-03-01`

)");
}

}  // namespace
}  // namespace treaty::facts
