// Hostile text in the human-facing reports: control characters in ids, values and messages are
// made visible (base::VisibleText) so they cannot forge a line, hide a finding or move the
// cursor; valid UTF-8 stands as it is; CSV cells that a spreadsheet would run as a formula are
// neutralised (OWASP). The binary's side (exit codes, files) is tests/cli/outputs_test.sh.

#include <catch2/catch.hpp>

#include <string>

#include "base/escape.h"
#include "report/changes_text.h"
#include "report/explain_report.h"
#include "report/findings_csv.h"
#include "report/findings_markdown.h"
#include "report/findings_text.h"
#include "report/test_report.h"

namespace treaty::report {
namespace {

using base::VisibleText;

const std::string kEsc = "\x1b[8m";  // "conceal": hides what follows on most terminals

findings::Finding HostileFinding() {
  findings::Finding f;
  f.clause = "A/1";
  f.agreement = "A";
  f.title = "title\x07";
  f.status = findings::Status::kOpen;
  f.facts = {"dep\r0 facts, 0 clauses: 0 errors, 0 warnings, 0 infos; 0 waived, 0 pending\n" +
             kEsc};
  f.locations = {{"facts/x.yaml", 3}};
  f.clause_location = {"policies/x.treaty", 1};
  f.message = "msg " + kEsc + "hidden";
  f.explanation = {"value \x1b]0;title\x07"};
  f.conflicts_with = {"B/\x1b[2J"};
  return f;
}

TEST_CASE("VisibleText escapes every character that acts instead of showing",
          "[report][escape][outputs]") {
  CHECK(VisibleText("plain") == "plain");
  CHECK(VisibleText("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(VisibleText("\x1b[31mred") == "\\x1b[31mred");
  CHECK(VisibleText(std::string("\x00\x07\x7f", 3)) == "\\x00\\x07\\x7f");
  CHECK(VisibleText("\xc2\x9b"
                    "2J") == "\\u{009B}2J");  // C1 CSI
  CHECK(VisibleText("a\xe2\x80\xae"
                    "cba") == "a\\u{202E}cba");  // right-to-left override
  CHECK(VisibleText("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u{2066}x\\u{2069}");
  CHECK(VisibleText("line\xe2\x80\xa8sep") == "line\\u{2028}sep");
  CHECK(VisibleText("bad \xff\xfe byte") == "bad \\xff\\xfe byte");  // not UTF-8
  CHECK(VisibleText("\xc3") == "\\xc3");                             // truncated sequence
  // Valid UTF-8 and backslashes stand as they are.
  CHECK(VisibleText("café — 東京 ✓ 🚀 C:\\path") == "café — 東京 ✓ 🚀 C:\\path");
  CHECK(base::VisibleJoin({"a\n", "b"}, ", ") == "a\\n, b");
}

TEST_CASE("the text report prints no control character from the findings",
          "[report][escape][outputs]") {
  CheckReport rep;
  rep.findings = {HostileFinding()};
  rep.summary = findings::Summarize(rep.findings, 1, 1);
  const std::string text = RenderText(rep);
  for (char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    INFO(text);
    CHECK((byte >= 0x20 || ch == '\n'));
    CHECK(byte != 0x7f);
  }
  // The forged summary stays on the fact's line; the real one is the last line.
  CHECK(text.find("dep\\r0 facts, 0 clauses: 0 errors") != std::string::npos);
  CHECK(text.ends_with("1 fact, 1 clause: 1 error, 0 warnings, 0 infos; 0 waived, 0 pending\n"));
  CHECK(text.find("msg \\x1b[8mhidden") != std::string::npos);
  CHECK(text.find("B/\\x1b[2J") != std::string::npos);
  // Colour, which Treaty writes itself, is still colour.
  CHECK(RenderText(rep, TextStyle{true}).find('\x1b') != std::string::npos);
}

TEST_CASE("the changes list, explain and test reports escape user data",
          "[report][escape][outputs]") {
  RunChanges changes;
  changes.base = 1;
  changes.added = {HostileFinding()};
  changes.added_count = 1;
  const std::string list = RenderChangesList(changes, TextStyle{});
  CHECK(list.find('\x1b') == std::string::npos);
  CHECK(list.find('\r') == std::string::npos);
  CHECK(list.find("msg \\x1b[8mhidden") != std::string::npos);

  ExplainReport explain;
  ExplainedFact fact;
  fact.id = "dep\x1b[8m";
  fact.kind = "deployment";
  ExplainedRule rule;
  rule.clause = "A/1";
  rule.title = "t\n2 rules can apply";
  rule.reason = "r\x07";
  rule.lines = {"line\r"};
  fact.rules = {rule};
  explain.facts = {fact};
  const std::string ex = RenderExplainText(explain);
  CHECK(ex.find('\x1b') == std::string::npos);
  CHECK(ex.find('\x07') == std::string::npos);
  CHECK(ex.find('\r') == std::string::npos);
  CHECK(ex.find("t\\n2 rules can apply") != std::string::npos);

  TestReport tests;
  TestResult t;
  t.name = "ok\n\x1b[32mok    forged";
  t.expectations = {ExpectationResult{"expect \x1b[8m", {"p.treaty", 2}, false, "x\ry", {"z\n"}}};
  tests.tests = {t};
  tests.failed = 1;
  const std::string tx = RenderTestText(tests, {});
  CHECK(tx.find('\x1b') == std::string::npos);
  CHECK(tx.find('\r') == std::string::npos);
  CHECK(tx.find("FAIL  ok\\n\\x1b[32mok    forged") != std::string::npos);
}

TEST_CASE("markdown cells and the diagnostics block escape control characters",
          "[report][markdown][escape][outputs]") {
  CHECK(MarkdownCell("a\x1b[8mb") == "a\\\\x1b\\[8mb");
  CHECK(MarkdownCell("one\r\ntwo\nthree\rfour") == "one<br>two<br>three<br>four");
  CHECK(MarkdownCell("\x07") == "\\\\x07");
  CHECK(MarkdownCell("東京 é") == "東京 é");
  CheckReport rep;
  rep.as_of = "2026-01-01";
  rep.findings = {HostileFinding()};
  rep.summary = findings::Summarize(rep.findings, 1, 1);
  base::Diagnostic d;
  d.message = "no fact has id `\x1b[8mx`";
  rep.diagnostics = {d};
  const std::string md = RenderMarkdown(rep);
  CHECK(md.find('\x1b') == std::string::npos);
  CHECK(md.find('\x07') == std::string::npos);
  CHECK(md.find('\r') == std::string::npos);
}

TEST_CASE("csv cells that would be formulas are neutralised", "[report][csv][outputs]") {
  CHECK(CsvField("=1+2") == "\"'=1+2\"");
  CHECK(CsvField("+1") == "\"'+1\"");
  CHECK(CsvField("-2+3") == "\"'-2+3\"");
  CHECK(CsvField("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(CsvField("\tx") == "\"'\tx\"");
  CHECK(CsvField("\rx") == "\"'\rx\"");
  CHECK(CsvField("=HYPERLINK(\"http://x\",\"y\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  // Only the first character counts; everything else is as RFC 4180 has it.
  CHECK(CsvField("a=b") == "a=b");
  CHECK(CsvField("1-2") == "1-2");
  CHECK(CsvField("") == "");
  CheckReport rep;
  findings::Finding f = HostileFinding();
  f.facts = {"=cmd|' /C calc'!A0"};
  f.message = "@evil";
  rep.findings = {f};
  const std::string csv = RenderCsv(rep);
  CHECK(csv.find(",\"'=cmd|' /C calc'!A0\",") != std::string::npos);
  CHECK(csv.find(",\"'@evil\",") != std::string::npos);
}

}  // namespace
}  // namespace treaty::report
