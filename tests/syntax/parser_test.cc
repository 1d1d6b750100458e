// Table tests of the syntax layer: source -> ast::File, compared as ast_dump s-expressions;
// spans; syntax errors (codes, positions); nesting limits; recovery across declarations.
#include <catch2/catch.hpp>

#include <string>

#include "ast/ast_dump.h"
#include "syntax/parser.h"

namespace treaty::syntax {
namespace {

struct Parsed {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  ast::File file;
};

std::unique_ptr<Parsed> ParseText(const std::string& text, const ParseOptions& options = {}) {
  auto p = std::make_unique<Parsed>();
  base::FileId id = p->sources.Add("test.treaty", text);
  p->file = Parse(p->sources.Get(id), p->diags, options);
  return p;
}

std::string Codes(const base::DiagnosticEngine& diags) {
  std::string out;
  for (const auto& d : diags.Sorted()) {
    if (!out.empty()) out += " ";
    out += std::string(d.code_name());
  }
  return out;
}

// The dump of `define x = EXPR`'s body.
std::string ExprDump(const std::string& expr) {
  auto p = ParseText("define x = " + expr + "\n");
  INFO(expr);
  REQUIRE(Codes(p->diags) == "");
  REQUIRE(p->file.decls.size() == 1);
  return ast::DumpExpr(*std::get<ast::Define>(p->file.decls[0]).body);
}

// The dump of one clause `clause "1" { ITEMS }` in an agreement.
std::string ClauseDump(const std::string& items) {
  auto p =
      ParseText("agreement A {\n  effective 2025-01-01\n  clause \"1\" {\n" + items + "\n  }\n}\n");
  INFO(items);
  INFO(Codes(p->diags));
  REQUIRE(p->diags.all().empty());
  REQUIRE(p->file.decls.size() == 1);
  std::string dump = ast::DumpDecl(p->file.decls[0]);
  // Keep only the clause's body lines.
  const std::string head = "  (clause \"1\" \"\"\n";
  auto at = dump.find(head);
  REQUIRE(at != std::string::npos);
  std::string body = dump.substr(at + head.size());
  body = body.substr(0, body.rfind("  )\n)"));
  return body;
}

TEST_CASE("expressions: precedence and forms", "[syntax]") {
  struct Case {
    const char* source;
    const char* dump;
  };
  const Case cases[] = {
      {"a or b and c", "(or a (and b c))"},
      {"a and b or c", "(or (and a b) c)"},
      {"a and b and c", "(and (and a b) c)"},
      {"not a and b", "(and (not a) b)"},
      {"not a == b", "(not (== a b))"},
      {"not not a", "(not (not a))"},
      {"a == b + c * d", "(== a (+ b (* c d)))"},
      {"a - b - c", "(- (- a b) c)"},
      {"a / b * c", "(* (/ a b) c)"},
      {"-a.b * 2", "(* (neg (. a b)) (number 2 \"2\"))"},
      {"- - a", "(neg (neg a))"},
      {"(a or b) and c", "(and (or a b) c)"},
      {"a != b", "(!= a b)"},
      {"a < b", "(< a b)"},
      {"a <= b", "(<= a b)"},
      {"a > b", "(> a b)"},
      {"a >= b", "(>= a b)"},
      {"x in S", "(in x S)"},
      {"x not in S", "(not-in x S)"},
      {"x + 1 in S", "(in (+ x (number 1 \"1\")) S)"},
      {"any d.partners in competitors", "(any (. d partners) competitors)"},
      {"all d.regions in emea", "(all (. d regions) emea)"},
      {"none d.regions in [eu, uk]", "(none (. d regions) (list eu uk))"},
      {"count(d.partners) > 2", "(> (call count (. d partners)) (number 2 \"2\"))"},
      {"d.end is absent", "(absent (. d end))"},
      {"d.end is present or x", "(or (present (. d end)) x)"},
      {"d.notices[\"Microsoft\"]", "(index (. d notices) \"Microsoft\")"},
      {"a.b.c", "(. (. a b) c)"},
      {"overlaps(a, b)", "(call overlaps a b)"},
      {"f()", "(call f)"},
      {"lower(d.model) == \"x\"", "(== (call lower (. d model)) \"x\")"},
      {"[]", "(list)"},
      {"[1, \"a\", b]", "(list (number 1 \"1\") \"a\" b)"},
      {"today", "today"},
      {"true and false", "(and true false)"},
      {"42", "(number 42 \"42\")"},
      {"0.75", "(number 0.75 \"0.75\")"},
      {"1_000_000", "(number 1000000 \"1_000_000\")"},
      {"2026-03-01", "(date 2026-03-01)"},
      {"2026-02-30", "(date 2026-02-30)"},  // stored as written; check/ validates
      {"30 days", "(duration 30 day)"},
      {"1 day", "(duration 1 day)"},
      {"2 weeks", "(duration 2 week)"},
      {"1 week", "(duration 1 week)"},
      {"6 months", "(duration 6 month)"},
      {"1 month", "(duration 1 month)"},
      {"1 year", "(duration 1 year)"},
      {"3 years", "(duration 3 year)"},
      {"d.announce - 30 days <= today", "(<= (- (. d announce) (duration 30 day)) today)"},
      {R"("a\"b\\c\nd\te\u{1F600}")", R"("a\"b\\c\nd\te😀")"},
      {"\"caf\u00e9\"", "\"caf\u00e9\""},
      {"a // comment\n and /* block */ b", "(and a b)"},
  };
  for (const auto& c : cases) {
    CHECK(ExprDump(c.source) == c.dump);
  }
}

TEST_CASE("rules: every form", "[syntax]") {
  struct Case {
    const char* source;
    const char* dump;
  };
  const Case cases[] = {
      {"forbid deal", "(forbid (bindings deal))"},
      {"forbid deployment as a, deployment as o when a.x == o.x unless a.y",
       "(forbid (bindings (deployment as a) (deployment as o)) (when (== (. a x) (. o x))) "
       "(unless (. a y)))"},
      {"permit deployment when deployment.segment in us_natsec",
       "(permit (bindings deployment) (when (in (. deployment segment) us_natsec)))"},
      {"require d.a <= d.b when d.t == \"x\"",
       "(require (<= (. d a) (. d b)) (when (== (. d t) \"x\")))"},
      {"exclusive deployment.cloud to Azure when f(deployment) unless g",
       "(exclusive (. deployment cloud) (to Azure) (when (call f deployment)) (unless g))"},
      {"exclusive d.cloud to [Azure, AWS]", "(exclusive (. d cloud) (to (list Azure AWS)))"},
      {"limit count deal when deal.t == 1 to 2 per quarter",
       "(limit count (bindings deal) (when (== (. deal t) (number 1 \"1\"))) (cap (number 2 "
       "\"2\")) "
       "(per quarter))"},
      {"limit count deal to 5", "(limit count (bindings deal) (cap (number 5 \"5\")))"},
      {"limit count deal to 1 per day",
       "(limit count (bindings deal) (cap (number 1 \"1\")) (per day))"},
      {"limit count deal to 1 per week",
       "(limit count (bindings deal) (cap (number 1 \"1\")) (per week))"},
      {"limit count deal to 1 per month",
       "(limit count (bindings deal) (cap (number 1 \"1\")) (per month))"},
      {"limit count deal to 1 per year by deal.type",
       "(limit count (bindings deal) (cap (number 1 \"1\")) (per year) (by (. deal type)))"},
      {"limit count deal to 1 per 90 days",
       "(limit count (bindings deal) (cap (number 1 \"1\")) (per (duration 90 day)))"},
      {"limit sum deal.amount unless deal.x to 1_000 per month by deal.partner",
       "(limit sum (. deal amount) (unless (. deal x)) (cap (number 1000 \"1_000\")) (per month) "
       "(by (. deal partner)))"},
      {"require exists deployment when deployment.cloud == AWS by 2025-09-01",
       "(exists (bindings deployment) (when (== (. deployment cloud) AWS)) (by 2025-09-01))"},
      {"require exists deployment by 2025-09-01", "(exists (bindings deployment) (by 2025-09-01))"},
  };
  for (const auto& c : cases) {
    CHECK(ClauseDump(std::string("    ") + c.source) == std::string("    ") + c.dump + "\n");
  }
}

TEST_CASE("clause items in any order", "[syntax]") {
  const std::string body = ClauseDump(
      "    forbid deal\n"
      "    message \"{deal.id} with {{braces}} and \\\"{lower(deal.type)}\\\"\"\n"
      "    overrides \"A/B\", \"C/D\"\n"
      "    severity info\n"
      "    replaces \"OLD/1\"\n"
      "    effective 2026-01-01 until 2027-01-01\n"
      "    text \"\"\"\n      First line\n        indented\n      last\n    \"\"\"\n");
  CHECK(body ==
        "    (text \"First line\\n  indented\\nlast\")\n"
        "    (severity info)\n"
        "    (message \"{deal.id} with {{braces}} and \\\"{lower(deal.type)}\\\"\" {(. deal id)} "
        "\" with {braces} and \\\"\" {(call lower (. deal type))} \"\\\"\")\n"
        "    (effective 2026-01-01 until 2027-01-01)\n"
        "    (replaces \"OLD/1\")\n"
        "    (overrides \"A/B\" \"C/D\")\n"
        "    (forbid (bindings deal))\n");
  CHECK(ClauseDump("    severity warning\n    forbid x") ==
        "    (severity warning)\n    (forbid (bindings x))\n");
  CHECK(ClauseDump("    severity error\n    forbid x") ==
        "    (severity error)\n    (forbid (bindings x))\n");
}

TEST_CASE("declarations: the whole language", "[syntax]") {
  auto p = ParseText(R"(// vocabulary
taxonomy region {
  na   { us ca }
  emea { eu { de fr } uk }
  apac
}
kind deal "A co-marketing deal" {
  type:     text
  partners: list of cloud
  notices:  map of date optional
  price:    number optional
  ok:       bool
  announce: date
  active at announce
}
kind timeless { name: text }
kind span { start: date  end: date  active from start }
define competitors = [AWS, Google]
define pair(a: deployment, b: deal) = a.x == b.y
define none_params() = true
agreement MSFT_2025 "Microsoft" {
  parties OpenAI, "Microsoft Corp."
  effective 2025-10-28 until 2032-12-31
  amends MSFT_2019
  clause c1 "Identifier id" { forbid deal }
}
waiver "W-1" {
  clause "MSFT_2025/c1"
  facts "f1", "f2"
  until 2026-12-31
  approved_by "CELA"
  reason """Pilot"""
}
test "everything" {
  as_of 2026-06-01
  given deal { id: "t1", type: "co_marketing", partners: [AWS], notices: { Microsoft: 2026-01-01, "Big Co": 2026-02-01 }, price: 0.5, ok: true }
  given file "fixtures/deals.yaml"
  expect violation "MSFT_2025/c1" on "t1", "t2"
  expect violation "MSFT_2025/c1"
  expect no violation "A/1"
  expect no violation
  expect waived "MSFT_2025/c1" on "t1"
  expect pending "A/2"
  expect findings 2
}
)");
  INFO(Codes(p->diags));
  REQUIRE(p->diags.all().empty());
  CHECK(ast::DumpFile(p->file) == R"((taxonomy region
  (member na
    (member us)
    (member ca)
  )
  (member emea
    (member eu
      (member de)
      (member fr)
    )
    (member uk)
  )
  (member apac)
)
(kind deal "A co-marketing deal"
  (field type text)
  (field partners (list-of cloud))
  (field notices (map-of date) optional)
  (field price number optional)
  (field ok bool)
  (field announce date)
  (active at announce)
)
(kind timeless
  (field name text)
)
(kind span
  (field start date)
  (field end date)
  (active from start)
)
(define competitors (list AWS Google))
(define pair (params (a deployment) (b deal)) (== (. a x) (. b y)))
(define none_params (params) true)
(agreement MSFT_2025 "Microsoft"
  (parties OpenAI "Microsoft Corp.")
  (effective 2025-10-28 until 2032-12-31)
  (amends MSFT_2019)
  (clause c1 "Identifier id"
    (forbid (bindings deal))
  )
)
(waiver "W-1"
  (clause "MSFT_2025/c1")
  (facts "f1" "f2")
  (until 2026-12-31)
  (approved_by "CELA")
  (reason "Pilot")
)
(test "everything"
  (as_of 2026-06-01)
  (given deal (id "t1") (type "co_marketing") (partners (list AWS)) (notices (map (Microsoft (date 2026-01-01)) ("Big Co" (date 2026-02-01)))) (price (number 0.5 "0.5")) (ok true))
  (given-file "fixtures/deals.yaml")
  (expect-violation "MSFT_2025/c1" (on "t1" "t2"))
  (expect-violation "MSFT_2025/c1")
  (expect-no-violation "A/1")
  (expect-no-violation)
  (expect-waived "MSFT_2025/c1" (on "t1"))
  (expect-pending "A/2")
  (expect-findings 2)
)
)");
}

TEST_CASE("spans point at the source", "[syntax]") {
  auto p = ParseText(
      "taxonomy t { a }\n"
      "agreement A \"caf\u00e9 \u00e9\" {\n"
      "  effective 2025-01-01\n"
      "  clause \"2.1\" \"t\" {\n"
      "    forbid deployment when deployment.x == \"\u00e9\" and y\n"
      "    message \"\u00e9 {deployment.model}\"\n"
      "  }\n"
      "}\n");
  REQUIRE(p->diags.all().empty());
  const auto& a = std::get<ast::Agreement>(p->file.decls[1]);
  CHECK(a.span.line == 2);
  CHECK(a.span.col == 1);
  CHECK(a.id.span.col == 11);
  CHECK(a.effective->from.span.line == 3);
  CHECK(a.effective->from.span.col == 13);
  const ast::Clause& c = a.clauses[0];
  CHECK(c.span.line == 4);
  CHECK(c.id.span.col == 10);
  CHECK(c.id.text == "2.1");
  const ast::Rule& r = c.rules[0];
  CHECK(r.span.line == 5);
  CHECK(r.span.col == 5);
  // `when` after non-ASCII text in the same file: byte offsets from code points.
  const ast::Expr& when = *r.scope.when;
  CHECK(when.span.col == 28);
  const auto& rhs = *std::get<ast::Binary>(when.node).rhs;
  CHECK(rhs.span.col == 52);  // `y`, after a 2-byte character
  const std::string_view text = p->sources.Get(0).text();
  CHECK(text.substr(rhs.span.begin, rhs.span.size()) == "y");
  // An interpolation's span points into the message string.
  const auto& part = std::get<ast::ExprPtr>(c.message->parts[1].part);
  CHECK(part->span.line == 6);
  CHECK(part->span.col == 17);
  CHECK(text.substr(part->span.begin, part->span.size()) == "deployment.model");
}

TEST_CASE("syntax errors have codes and positions", "[syntax]") {
  struct Case {
    std::string source;
    const char* codes;
    uint32_t line, col;
  };
  const Case cases[] = {
      {"agreement A {\n effective 2025-01-01\n clause \"1\" { forbid x garbage }\n}", "T0101", 3,
       24},
      {"taxonomy t { a \"b }\n", "T0102", 1, 16},
      {"taxonomy t { a }\n/* open", "T0103", 2, 1},
      {"define x = a @ b", "T0104", 1, 14},
      {"define x = " + std::string(200, '(') + "a" + std::string(200, ')'), "T0105", 1, 140},
      {"taxonomy t { a count }", "T0106", 1, 16},
      {"kind k { text: text }", "T0106", 1, 10},
      {"define x = \"a\\qb\"", "T0107", 1, 14},
      {"define x = 1__0", "T0108", 1, 12},
      {"define x = 30days", "T0108", 1, 12},
      {"agreement A {\n effective 2025-01-01\n clause \"1\" { text \"a\" text \"b\" forbid x }\n}",
       "T0109", 3, 24},
      {"agreement A { parties X }", "T0110", 1, 11},
      {"agreement A {\n effective 2025-01-01\n clause \"1\" { message \"{a.}\" forbid x }\n}",
       "T0111", 3, 27},
      {"define x = 3 dayz", "T0113", 1, 14},
      {"define x = 1.5 days", "T0114", 1, 12},
      {"define x = 2026-3-1", "T0115", 1, 12},
      {"agreement A {\n effective 2025-01-01\n clause \"1\" {\n forbid x\n", "T0117", 4, 10},
      {"}", "T0101", 1, 1},
      {"kind k { actve from start }", "T0101", 1, 10},
      {"test \"t\" { asof 2026-01-01 }", "T0101", 1, 12},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    auto p = ParseText(c.source);
    CHECK(Codes(p->diags) == c.codes);
    if (!p->diags.all().empty()) {
      const base::Diagnostic d = p->diags.Sorted()[0];
      CHECK(d.span.line == c.line);
      CHECK(d.span.col == c.col);
      CHECK(!d.help.empty());
    }
  }
}

TEST_CASE("error messages are in words a policy author reads", "[syntax]") {
  auto first = [](const std::string& src) {
    auto p = ParseText(src);
    REQUIRE(!p->diags.all().empty());
    return p->diags.Sorted()[0];
  };
  auto d = first("agreement A {\n effective 2025-01-01\n clause \"1\" { forbid deal whne x }\n}");
  CHECK(d.message == "expected `when`, `unless`, `as`, `,`, a clause item or `}`, found `whne`");
  CHECK(d.help == "did you mean `when`?");
  d = first("taxonomy cloud { Azure count }");
  CHECK(d.message == "`count` is a reserved keyword and cannot be used as a name");
  CHECK(d.help == "rename it, for example `count_`");
  d = first("agreement A {\n effective 2025-01-01\n severity warning\n}");
  CHECK(d.help.find("belongs inside a clause") != std::string::npos);
  d = first("agreement A {\n effective 2025-01-01\n clause \"1\" { severity fatal forbid x }\n}");
  CHECK(d.message == "expected `error`, `warning` or `info`, found `fatal`");
  d = first("agrement A { }");
  CHECK(d.help == "did you mean `agreement`?");
}

TEST_CASE("an error in one declaration leaves the others", "[syntax]") {
  auto p = ParseText(
      "taxonomy good1 { a }\n"
      "agreement Bad {\n effective 2025-01-01\n clause \"1\" { forbid x garbage }\n}\n"
      "kind broken_kind { a text }\n"
      "define unclosed = (a and b\n"
      "waiver \"W\" { reason \"unterminated }\n"
      "taxonomy good2 { b }\n"
      "agreement NoEffective { }\n"
      "define good3 = 1\n");
  CHECK(Codes(p->diags) == "T0101 T0101 T0117 T0102 T0110");
  CHECK(ast::DumpFile(p->file) ==
        "(taxonomy good1\n  (member a)\n)\n"
        "(taxonomy good2\n  (member b)\n)\n"
        "(define good3 (number 1 \"1\"))\n"
        "(broken Bad broken_kind unclosed W NoEffective)\n");
}

TEST_CASE("deep nesting is refused, not a stack overflow", "[syntax]") {
  const size_t n = 100000;
  auto parens = ParseText("define x = " + std::string(n, '(') + "a" + std::string(n, ')') +
                          "\ntaxonomy t { a }\n");
  CHECK(Codes(parens->diags) == "T0105");
  CHECK(parens->file.decls.size() == 1);
  CHECK(parens->file.broken_names == std::vector<std::string>{"x"});

  std::string chain = "define x = a";
  for (size_t i = 0; i < n; ++i) chain += " and a";
  auto ands = ParseText(chain);
  CHECK(Codes(ands->diags) == "T0118");

  std::string nots = "define x = ";
  for (size_t i = 0; i < n; ++i) nots += "not ";
  auto n1 = ParseText(nots + "a");
  CHECK(Codes(n1->diags) == "T0105");

  auto minus = ParseText("define x = " + std::string(n, '-') + "1");
  CHECK(Codes(minus->diags) == "T0105");

  auto dots = ParseText("define x = a" + [&] {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += ".b";
    return s;
  }());
  CHECK(Codes(dots->diags) == "T0118");

  auto braces = ParseText("taxonomy t " + std::string(n, '{') + std::string(n, '}'));
  CHECK(Codes(braces->diags) == "T0105");

  // Within the limits, long flat lists and moderately long chains are fine.
  std::string list = "define x = [";
  for (size_t i = 0; i < 5000; ++i) list += (i ? ", a.b" : "a.b");
  auto l = ParseText(list + "]");
  CHECK(Codes(l->diags) == "");
  std::string ok = "define x = a";
  for (size_t i = 0; i < 500; ++i) ok += " and a";
  CHECK(Codes(ParseText(ok)->diags) == "");
}

TEST_CASE("keywords are reserved, contextual words are not", "[syntax]") {
  auto p = ParseText(
      "kind k { active: date  number: number  as_of: bool  date: date  active from active }\n"
      "test \"t\" { as_of 2026-01-01 }\n");
  INFO(Codes(p->diags));
  CHECK(p->diags.all().empty());
  CHECK(ast::DumpFile(p->file) ==
        "(kind k\n  (field active date)\n  (field number number)\n  (field as_of bool)\n"
        "  (field date date)\n  (active from active)\n)\n(test \"t\"\n  (as_of 2026-01-01)\n)\n");
}

TEST_CASE("odd input does not crash", "[syntax]") {
  const std::string inputs[] = {
      "",
      "\xff\xfe",
      "\"",
      "\"\"\"",
      "/*",
      "{",
      "}",
      "(",
      "agreement",
      "agreement A {",
      "test",
      "define x =",
      "define x = \"{",
      "define = 1",
      std::string("a\0b", 3),
      "agreement A { effective 2025-01-01 clause \"1\" { message \"{{}\" forbid x } }",
      "agreement A { effective 2025-01-01 clause \"1\" { message \"{x\" forbid x } }",
      "agreement A { effective 2025-01-01 clause \"1\" { message \"}\" forbid x } }",
      "agreement A { effective 2025-01-01 clause \"1\" { message \"{ }\" forbid x } }",
      "agreement A { effective 2025-01-01 clause \"1\" { message \"\"\"{a b}\"\"\" forbid x } }",
      "define x = \"\\u{110000}\\u{}\\u{D800}\\u{1234567}\\u\"",
      "\xef\xbb\xbf"
      "taxonomy t { a }",
  };
  for (const auto& in : inputs) {
    INFO(in);
    auto p = ParseText(in);
    (void)p;
  }
  auto bad = ParseText("taxonomy t { a }\n\xff");
  CHECK(Codes(bad->diags) == "T0116");
}

}  // namespace
}  // namespace treaty::syntax
