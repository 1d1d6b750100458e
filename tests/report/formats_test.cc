// The SARIF, JUnit, Markdown and CSV reporters on a hand-made report: quoting and escaping of
// awkward text, counts, statuses, and the fingerprint they carry. The real binary's output is
// covered by tests/golden/formats and validated against the schemas by
// tests/formats/validate_outputs.sh.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "findings/fingerprint.h"
#include "report/findings_csv.h"
#include "report/findings_junit.h"
#include "report/findings_markdown.h"
#include "report/findings_sarif.h"
#include "report/render.h"
#include "report/xml_escape.h"

namespace treaty::report {
namespace {

findings::Finding MakeFinding(std::string clause, std::vector<std::string> facts,
                              findings::Status status = findings::Status::kOpen) {
  findings::Finding f;
  f.clause = std::move(clause);
  f.agreement = f.clause.substr(0, f.clause.find('/'));
  f.title = "A | \"title\", with <markup>";
  f.clause_text = "line one\nline two";
  f.status = status;
  f.facts = std::move(facts);
  for (size_t i = 0; i < f.facts.size(); ++i) {
    f.locations.push_back({"facts/a b.yaml", static_cast<uint32_t>(10 * (i + 1))});
  }
  f.clause_location = {"policies/x.treaty", 3};
  f.message = "cheaper, \"really\"\r\nnext | line";
  f.explanation = {"when a: (true)", "when b < c: 1 < 2 (true)"};
  if (status == findings::Status::kWaived) f.waived_by = "W-1";
  return f;
}

CheckReport MakeReport() {
  CheckReport r;
  r.tool_version = "9.9.9";
  r.as_of = "2026-06-01";
  r.findings = {MakeFinding("A/1", {"f1", "f2"}),
                MakeFinding("A/1", {"f3"}, findings::Status::kWaived),
                MakeFinding("B/2", {"f4"}, findings::Status::kPending)};
  r.summary = findings::Summarize(r.findings, 4, 3);
  r.clauses = {{"A/1", "A", "One", "text of one", findings::Severity::kError, {"p.treaty", 1}},
               {"A/3", "A", "Three", "", findings::Severity::kWarning, {"p.treaty", 9}},
               {"B/2", "B", "Two", "text", findings::Severity::kInfo, {"p.treaty", 5}}};
  return r;
}

TEST_CASE("sha-256 matches FIPS 180-4 test vectors across block boundaries",
          "[report][fingerprint]") {
  CHECK(findings::Sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(findings::Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(findings::Sha256Hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(findings::Sha256Hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(findings::Sha256Hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(findings::Sha256Hex(std::string(119, 'a')) ==
        "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  CHECK(findings::Sha256Hex(std::string(1000, 'a')) ==
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("a fingerprint depends on the clause and the set of facts only",
          "[report][fingerprint]") {
  auto a = MakeFinding("MSFT_2025/6.2", {"dep-a", "dep-b"});
  CHECK(findings::Fingerprint(a) == "cbee9e5d9b858645");
  auto b = MakeFinding("MSFT_2025/6.2", {"dep-b", "dep-a"}, findings::Status::kWaived);
  b.message = "other";
  b.locations.clear();
  CHECK(findings::Fingerprint(b) == findings::Fingerprint(a));
  CHECK(findings::Fingerprint(MakeFinding("MSFT_2025/6.3", {"dep-a", "dep-b"})) !=
        findings::Fingerprint(a));
}

TEST_CASE("csv quotes exactly the fields RFC 4180 asks for", "[report][csv]") {
  CHECK(CsvField("plain text") == "plain text");
  CHECK(CsvField("a,b") == "\"a,b\"");
  CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("a\nb") == "\"a\nb\"");
  CHECK(CsvField("a\rb") == "\"a\rb\"");
  CHECK(CsvField("") == "");
  const std::string csv = RenderCsv(MakeReport());
  CHECK(csv.starts_with("clause,agreement,title,rule,severity,status,facts,locations,"));
  CHECK(csv.find("\r\nA/1,A,\"A | \"\"title\"\", with <markup>\",forbid,error,open,f1; f2,") !=
        std::string::npos);
  CHECK(csv.find(",\"cheaper, \"\"really\"\"\r\nnext | line\",") != std::string::npos);
  CHECK(csv.ends_with("(true)\"\r\n"));
  // A header and three records: every record separator is CRLF.
  size_t records = 0;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (!quoted && csv[i] == '\n') {
      CHECK(csv[i - 1] == '\r');
      ++records;
    }
  }
  CHECK(records == 4);
}

TEST_CASE("markdown cells cannot break the table", "[report][markdown]") {
  CHECK(MarkdownCell("a | b") == "a \\| b");
  CHECK(MarkdownCell("x\r\ny\nz") == "x<br>y<br>z");
  CHECK(MarkdownCell("<b>*em*</b> & `c` [l](u)") ==
        "&lt;b&gt;\\*em\\*&lt;/b&gt; &amp; \\`c\\` \\[l\\](u)");
  const std::string md = RenderMarkdown(MakeReport());
  size_t rows = 0;
  for (size_t pos = 0; (pos = md.find("\n|", pos)) != std::string::npos; ++pos) ++rows;
  CHECK(rows == 5);  // header, rule, three findings
  CHECK(md.find("| **error** | A/1 |") != std::string::npos);
  CHECK(md.find("| waived | A/1 |") != std::string::npos);
  CHECK(md.find("(waived by W-1)") != std::string::npos);
  CHECK(md.find("f1 (facts/a b.yaml:10)<br>f2 (facts/a b.yaml:20)") != std::string::npos);
}

TEST_CASE("xml escaping keeps documents well-formed", "[report][junit]") {
  CHECK(XmlEscape("a<b & \"c\">") == "a&lt;b &amp; \"c\"&gt;");
  CHECK(XmlEscape("a\"\n\tb", true) == "a&quot;&#10;&#9;b");
  CHECK(XmlEscape(std::string("x\x01y\x1bz", 5)) == "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
  CHECK(XmlEscape("bad \xC3 utf8 \xFF") == "bad \xEF\xBF\xBD utf8 \xEF\xBF\xBD");
  CHECK(XmlEscape("ok \xC3\xA9 \xF0\x9F\x98\x80") == "ok \xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(XmlEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST_CASE("junit: a suite per agreement, failures, skips and passing clauses", "[report][junit]") {
  const std::string xml = RenderJunit(MakeReport());
  CHECK(xml.find("<testsuites name=\"treaty check (as of 2026-06-01)\" tests=\"4\" failures=\"1\" "
                 "errors=\"0\">") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"A\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"A\" name=\"1 on f1, f2\">") != std::string::npos);
  CHECK(xml.find("<skipped message=\"waived by W-1: ") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"A\" name=\"3\"/>") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"B\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\">") !=
        std::string::npos);
  CHECK(xml.find("message=\"cheaper, &quot;really&quot;&#13;&#10;next | line\"") !=
        std::string::npos);
}

TEST_CASE("junit of a test run: a suite per policy file, a case per test", "[report][junit]") {
  TestReport r;
  TestResult pass;
  pass.name = "passes";
  pass.location = {"policies/tests/a_test.treaty", 3};
  pass.as_of = "2026-06-01";
  pass.expectations.push_back(
      {"expect no violation", {"policies/tests/a_test.treaty", 5}, true, "no open finding", {}});
  TestResult fail = pass;
  fail.name = "fails <badly>";
  fail.expectations.push_back({"expect violation \"A/1\" on \"t1\"",
                               {"policies/tests/a_test.treaty", 9},
                               false,
                               "an open finding of `A/1` on `t1`",
                               {"no finding of `A/1`"}});
  r.tests = {pass, fail};
  r.passed = 1;
  r.failed = 1;
  const std::string xml = RenderTestJunit(r);
  CHECK(xml.find("<testsuites name=\"treaty test\" tests=\"2\" failures=\"1\" errors=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"policies/tests/a_test\" name=\"passes\"/>") !=
        std::string::npos);
  CHECK(xml.find("name=\"fails &lt;badly&gt;\">") != std::string::npos);
  CHECK(xml.find("<failure type=\"expectation\" message=\"expected an open finding of `A/1` on "
                 "`t1`\">") != std::string::npos);
}

TEST_CASE("sarif: rules for every clause, results, suppressions, fingerprints", "[report][sarif]") {
  const auto doc = nlohmann::json::parse(RenderSarif(MakeReport()));
  CHECK(doc["version"] == "2.1.0");
  const auto& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "treaty");
  CHECK(run["tool"]["driver"]["version"] == "9.9.9");
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"] == "A/1");
  CHECK(rules[1]["id"] == "A/3");
  CHECK(rules[1]["defaultConfiguration"]["level"] == "warning");
  CHECK(rules[2]["defaultConfiguration"]["level"] == "note");
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["ruleIndex"] == 0);
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "facts/a%20b.yaml");
  CHECK(results[0]["relatedLocations"].size() == 2);  // the second fact and the clause
  CHECK(results[0]["partialFingerprints"]["treaty/v1"] ==
        findings::Fingerprint(MakeReport().findings[0]));
  CHECK(!results[0].contains("suppressions"));
  CHECK(results[1]["suppressions"][0]["kind"] == "external");
  CHECK(results[1]["suppressions"][0]["justification"] == "W-1");
  CHECK(results[2]["ruleIndex"] == 2);
  CHECK(results[2]["kind"] == "open");
  CHECK(results[2]["level"] == "none");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("every format renders through the one dispatch", "[report]") {
  const CheckReport r = MakeReport();
  for (auto format : kCheckFormats) CHECK(!Render(format, r).empty());
  CHECK_THROWS_AS(Render("yaml", r), std::invalid_argument);
  CHECK(CarriesDiagnostics("sarif"));
  CHECK(!CarriesDiagnostics("csv"));
}

}  // namespace
}  // namespace treaty::report
