// Diagnostics do not amplify their input: a long source line is echoed clipped around the caret
// (UTF-8 safe, caret still under its character), at most kMaxDiagnosticsPerFile are rendered
// per file with a count of the rest, SourceFile::Locate does not rescan a long line for every
// span, and a JSONL line with 12,000 unknown fields ends in exit 2 with bounded output.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "report/diagnostic_text.h"
#include "report/snippet_window.h"

namespace treaty::report {
namespace {

namespace fs = std::filesystem;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The code point of `text` under the first caret: `pad` counts one column per code point.
std::string_view Under(const SnippetWindow& w) {
  size_t col = w.pad.size(), i = 0;
  for (; i < w.text.size(); ++i) {
    if ((static_cast<unsigned char>(w.text[i]) & 0xC0) == 0x80) continue;
    if (col == 0) break;
    --col;
  }
  size_t j = i + 1;
  while (j < w.text.size() && (static_cast<unsigned char>(w.text[j]) & 0xC0) == 0x80) ++j;
  return std::string_view(w.text).substr(i, j - i);
}

TEST_CASE("ClipLine: a short line is shown whole", "[diagnostic-limits]") {
  const SnippetWindow w = ClipLine("kind: deplyment", 6, 15);
  CHECK(w.text == "kind: deplyment");
  CHECK(w.pad == "      ");
  CHECK(w.carets == 9);
  CHECK(ClipLine("\tx: é1", 6, 7).pad == "\t    ");
  const std::string exactly(kSnippetWidth, 'a');
  CHECK(ClipLine(exactly, 119, 120).text == exactly);
}

TEST_CASE("ClipLine: a long line is clipped around the caret", "[diagnostic-limits]") {
  std::string line(100000, 'a');
  line.replace(50000, 5, "FIELD");
  const SnippetWindow w = ClipLine(line, 50000, 50005);
  CHECK(w.text.substr(0, 3) == "…");
  CHECK(w.text.substr(w.text.size() - 3) == "…");
  CHECK(CodePoints(w.text) == kSnippetWidth + 2);
  CHECK(Under(w) == "F");
  CHECK(w.carets == 5);
  // Near the start: no cut on the left; near the end: no cut on the right.
  const SnippetWindow head = ClipLine(line, 3, 4);
  CHECK(head.text.substr(0, 3) != "…");
  CHECK(head.pad == "   ");
  const SnippetWindow tail = ClipLine(line, line.size() - 1, line.size());
  CHECK(tail.text.substr(tail.text.size() - 1) == "a");
  CHECK(CodePoints(tail.text) == kSnippetWidth + 1);
  CHECK(Under(tail) == "a");
  // A span longer than the window: carets up to the window's end only.
  CHECK(ClipLine(line, 10, line.size()).carets <= kSnippetWidth);
}

TEST_CASE("ClipLine: cuts fall between code points", "[diagnostic-limits]") {
  std::string line;
  for (int i = 0; i < 5000; ++i) line += "é€";  // 2- and 3-byte code points
  const size_t at = 2500 * 5 + 2;               // the € of pair 2500
  const SnippetWindow w = ClipLine(line, at, at + 3);
  CHECK(Under(w) == "€");
  CHECK(CodePoints(w.text) == kSnippetWidth + 2);
  // Every byte sequence is whole: the text decodes to é and € only between the ellipses.
  std::string_view inner = std::string_view(w.text).substr(3, w.text.size() - 6);
  for (size_t i = 0; i < inner.size();) {
    const bool e = inner.substr(i, 2) == "é", euro = inner.substr(i, 3) == "€";
    REQUIRE((e || euro));
    i += e ? 2 : 3;
  }
}

base::Diagnostic At(const base::SourceFile& f, uint32_t begin, uint32_t end) {
  return base::MakeDiagnostic(base::DiagCode::T0502, f.MakeSpan(begin, end), "k", "x")
      .WithLabel("unknown field");
}

TEST_CASE("ClipLine: control characters are shown escaped, the carets under the escape",
          "[diagnostic-limits]") {
  // "id: a<ESC>[8mb" with the span on `b`: ESC takes the four columns of `\x1b`.
  const SnippetWindow w = ClipLine("id: a\x1b[8mb", 9, 10);
  CHECK(w.text == "id: a\\x1b[8mb");
  CHECK(w.pad == std::string(12, ' '));
  CHECK(w.carets == 1);
  const SnippetWindow nul = ClipLine(std::string_view("gpt\0-5", 6), 3, 4);
  CHECK(nul.text == "gpt\\x00-5");
  CHECK(nul.pad == "   ");
  CHECK(nul.carets == 4);
}

TEST_CASE("a diagnostic shows no control character from the input", "[diagnostic-limits]") {
  base::SourceSet sources;
  const base::FileId f = sources.Add("f\x07.yaml", "id: \x1b[2Jx\n");
  base::Diagnostic d = At(sources.Get(f), 4, 9);
  d.message = "unknown id `\x1b[2Jx`";
  d.label = "\rhere";
  d.help = "fix\x1b[8m";
  const std::string out = RenderDiagnostic(d, sources);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out.find("unknown id `\\x1b[2Jx`") != std::string::npos);
  CHECK(out.find("f\\x07.yaml:1:5") != std::string::npos);
}

TEST_CASE("a diagnostic on a 1 MB line prints a short snippet", "[diagnostic-limits]") {
  base::SourceSet sources;
  std::string text(1 << 20, 'x');
  text += "\n";
  const base::SourceFile& f = sources.Get(sources.Add("big.jsonl", text));
  const std::string out = RenderDiagnostic(At(f, 600000, 600004), sources);
  CHECK(out.size() < 600);
  CHECK(out.find("big.jsonl:1:600001") != std::string::npos);
}

TEST_CASE("at most 100 diagnostics per file, then a count; the summary counts all",
          "[diagnostic-limits]") {
  base::SourceSet sources;
  std::string a, b = "one\ntwo\n";
  for (int i = 0; i < 250; ++i) a += "line\n";
  const base::SourceFile& fa = sources.Get(sources.Add("a.yaml", a));
  const base::SourceFile& fb = sources.Get(sources.Add("b.yaml", b));
  std::vector<base::Diagnostic> diags;
  for (uint32_t i = 0; i < 250; ++i) diags.push_back(At(fa, i * 5, i * 5 + 4));
  for (uint32_t i = 0; i < 2; ++i) diags.push_back(At(fb, i * 4, i * 4 + 3));
  const std::string out = RenderDiagnostics(diags, sources);
  CHECK(out.find("and 150 more diagnostics in a.yaml\n") != std::string::npos);
  CHECK(out.find("more diagnostics in b.yaml") == std::string::npos);
  CHECK(out.find("b.yaml:2:1") != std::string::npos);
  CHECK(out.find("a.yaml:100:1") != std::string::npos);
  CHECK(out.find("a.yaml:101:1") == std::string::npos);
  CHECK(out.substr(out.size() - 11) == "252 errors\n");
  diags.resize(101);
  CHECK(RenderDiagnostics(diags, sources).find("and 1 more diagnostic in a.yaml\n") !=
        std::string::npos);
}

TEST_CASE("Locate: 1,000,000 spans on one 400 KB line, no rescans, true columns",
          "[diagnostic-limits]") {
  std::string text = "first\n";
  for (int i = 0; i < 200000; ++i) text += i % 7 == 0 ? "é" : "ab";
  text += "\nlast";
  base::SourceSet sources;
  const base::SourceFile& f = sources.Get(sources.Add("x", text));
  auto naive = [&](uint32_t offset) {
    uint32_t start = static_cast<uint32_t>(text.rfind('\n', offset - 1) + 1);
    return 1 +
           static_cast<uint32_t>(CodePoints(std::string_view(text).substr(start, offset - start)));
  };
  // Rescanning the line from its start would count ~10^11 bytes here and hit the test timeout.
  uint64_t sum = 0;
  for (uint32_t i = 0; i < 1000000; ++i) sum += f.Locate(6 + (i * 7919u) % 400000u).col;
  CHECK(sum > 0);
  for (uint32_t offset : {6u, 7u, 300u, 600u, 1000u, 4096u, 123457u, 380000u}) {
    while ((static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
    INFO(offset);
    CHECK(f.Locate(offset).line == 2);
    CHECK(f.Locate(offset).col == naive(offset));
  }
  CHECK(f.Locate(static_cast<uint32_t>(text.size())).line == 3);
  CHECK(f.Locate(static_cast<uint32_t>(text.size())).col == 5);
}

TEST_CASE("treaty check: one JSONL line with 12,000 unknown fields", "[diagnostic-limits]") {
  const fs::path dir = fs::temp_directory_path() / "treaty_diag_limits_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "policies");
  std::ofstream(dir / "policies" / "p.treaty") << "kind deal \"d\" {\n  cloud: text\n}\n";
  {
    std::ofstream facts(dir / "facts.jsonl");
    facts << "{\"kind\":\"deal\",\"id\":\"d1\",\"cloud\":\"x\"";
    for (int i = 0; i < 12000; ++i) facts << ",\"unknown_field_" << i << "\":" << i;
    facts << "}\n";
  }
  const std::string command = "cd '" + dir.string() + "' && '" + TREATY_BINARY +
                              "' check --as-of 2026-06-01 --policies policies facts.jsonl "
                              ">out.txt 2>err.txt";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 2);
  const auto err_size = fs::file_size(dir / "err.txt");
  CHECK(err_size < 100 * 1024);
  std::ifstream err(dir / "err.txt");
  const std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  CHECK(text.find("bad_alloc") == std::string::npos);
  CHECK(text.find("and 11900 more diagnostics in facts.jsonl") != std::string::npos);
  CHECK(text.find("12000 errors") != std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace treaty::report
