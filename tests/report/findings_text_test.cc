// The text report's excerpt of a clause's wording: on one line, cut near 110 bytes at a word
// boundary, or inside a long word on a code-point boundary, never inside a character.
#include "report/findings_text.h"

#include <catch2/catch.hpp>

#include <string>

namespace treaty::report {
namespace {

std::string TextWith(std::string clause_text) {
  findings::Finding f;
  f.clause = "A/1";
  f.agreement = "A";
  f.title = "One";
  f.clause_text = std::move(clause_text);
  f.clause_location = {"policies/a.treaty", 1};
  f.message = "breach";
  CheckReport report;
  report.findings = {f};
  report.summary = findings::Summarize(report.findings, 0, 1);
  return RenderText(report);
}

TEST_CASE("the clause excerpt is on one line", "[report][text]") {
  CHECK(TextWith("  line one\r\n\tline two ").find("  \"line one line two\"\n") !=
        std::string::npos);
}

TEST_CASE("a long word is cut between characters", "[report][text]") {
  std::string word = "x";  // then 2-byte characters: byte 110 is inside one
  for (int i = 0; i < 60; ++i) word += "\xC3\xA9";
  std::string shown = "x";
  for (int i = 0; i < 54; ++i) shown += "\xC3\xA9";
  CHECK(TextWith(word).find("\"" + shown + " …\"") != std::string::npos);
}

}  // namespace
}  // namespace treaty::report
