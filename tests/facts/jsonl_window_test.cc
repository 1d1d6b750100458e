// A large JSONL file is streamed a window of whole lines at a time (LoadOptions::window_bytes):
// the same facts, spans and diagnostics as reading it whole, while the SourceFile lets go of
// the text and keeps only the lines its diagnostics show. Also: findings::Sha256 in pieces.

#include <catch2/catch.hpp>

#include <string>

#include "facts/sample_portfolio.h"
#include "findings/fingerprint.h"
#include "report/diagnostic_text.h"

namespace treaty::facts {
namespace {

using testing::MemoryFileSystem;
using testing::SamplePortfolio;

std::string ManyContacts() {
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < 200; ++i) {
    if (i == 57) {
      text += "{\"kind\": \"contact\", \"id\": \"c3\", \"email\": \"x\"}\n";  // duplicate id
    } else if (i == 80) {
      text += "{\"kind\": \"contact\", \"id\": \"c80\", \"email\": 7}\n";  // not text
    } else if (i == 120) {
      text += "  {\"kind\": \"contact\", \"id\": \"broken\n";  // not JSON
    } else {
      text +=
          "  {\"kind\": \"contact\", \"id\": \"c" + std::to_string(i) + "\", \"email\": \"é\"}\n";
    }
  }
  text += "{\"kind\": \"contact\", \"id\": \"last\", \"email\": \"z\"}";  // no final newline
  return text;
}

struct Read {
  FactSet set;
  base::SourceSet sources;
  std::vector<base::Diagnostic> diagnostics;
  std::string rendered;
  std::string bytes;  // what on_read saw
};

Read LoadWith(size_t window) {
  MemoryFileSystem fs;
  fs.files = {{"big.jsonl", ManyContacts()}};
  Read out;
  base::DiagnosticEngine diags;
  LoadOptions options;
  options.window_bytes = window;
  options.on_read = [&out](const std::string&, std::string_view b) { out.bytes += b; };
  out.set = LoadFacts({"big.jsonl"}, SamplePortfolio(), fs, out.sources, diags, options);
  out.diagnostics = diags.Sorted();
  for (const auto& d : out.diagnostics) {
    out.rendered += report::RenderDiagnostic(d, out.sources) + "\n";
  }
  return out;
}

TEST_CASE("A JSONL file larger than a window streams with the facts and spans of a whole read",
          "[facts][stream]") {
  const Read whole = LoadWith(size_t{1} << 20);
  const Read streamed = LoadWith(100);
  REQUIRE_FALSE(whole.sources.Get(0).streamed());
  REQUIRE(streamed.sources.Get(0).streamed());
  REQUIRE(whole.set.facts.size() == 198);
  REQUIRE(streamed.set.facts.size() == whole.set.facts.size());
  for (size_t i = 0; i < whole.set.facts.size(); ++i) {
    const Fact& a = whole.set.facts[i];
    const Fact& b = streamed.set.facts[i];
    CHECK(a.id == b.id);
    CHECK(a.slots == b.slots);
    CHECK(a.span.begin == b.span.begin);
    CHECK(a.span.end == b.span.end);
    CHECK(a.span.line == b.span.line);
    CHECK(a.span.col == b.span.col);
  }
  REQUIRE(streamed.diagnostics.size() == whole.diagnostics.size());
  for (size_t i = 0; i < whole.diagnostics.size(); ++i) {
    CHECK(streamed.diagnostics[i].span.begin == whole.diagnostics[i].span.begin);
    CHECK(streamed.diagnostics[i].span.line == whole.diagnostics[i].span.line);
    CHECK(streamed.diagnostics[i].span.col == whole.diagnostics[i].span.col);
  }
  CHECK(streamed.bytes == ManyContacts());
  CHECK(whole.bytes == ManyContacts());
}

TEST_CASE("A streamed JSONL file keeps only the lines its diagnostics show", "[facts][stream]") {
  const Read streamed = LoadWith(100);
  const base::SourceFile& file = streamed.sources.Get(0);
  CHECK(file.text().empty());  // the last window is let go
  CHECK(file.HasLine(58));     // the duplicate id
  CHECK(file.HasLine(81));     // the email that is not text
  CHECK(file.HasLine(121));    // the line that is not JSON
  CHECK(file.Line(121) == "  {\"kind\": \"contact\", \"id\": \"broken");
  CHECK_FALSE(file.HasLine(4));  // the first `c3`: not kept, the note has no snippet
  CHECK_FALSE(file.HasLine(100));
  // The diagnostics still show their own lines, and the note its location.
  CHECK(streamed.rendered.find("121 |   {\"kind\": \"contact\", \"id\": \"broken") !=
        std::string::npos);
  CHECK(streamed.rendered.find("--> big.jsonl:4:3") != std::string::npos);
  CHECK(streamed.rendered.find("58 | {\"kind\": \"contact\", \"id\": \"c3\"") != std::string::npos);
}

TEST_CASE("Sha256 over pieces equals Sha256Hex over the whole", "[facts][stream]") {
  const std::string text = ManyContacts();
  for (size_t piece : {1, 7, 63, 64, 65, 1000}) {
    findings::Sha256 sha;
    for (size_t at = 0; at < text.size(); at += piece) sha.Update(text.substr(at, piece));
    CHECK(sha.HexDigest() == findings::Sha256Hex(text));
  }
  CHECK(findings::Sha256().HexDigest() == findings::Sha256Hex(""));
  CHECK(findings::Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace treaty::facts
