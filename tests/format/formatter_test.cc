// Tests of `treaty fmt` (format::Format): the canonical layout of each construct (table tests,
// messy input -> expected text), and its guarantees over every policy file of the repository:
// idempotent, same AST (ast_dump), every comment kept in order, even with comments inserted
// between any two tokens; files with syntax errors are refused; the CLI rewrites in place.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ast/ast_dump.h"
#include "format/formatter.h"
#include "syntax/parser.h"
#include "syntax/tokens.h"

namespace treaty::format {
namespace {

namespace fs = std::filesystem;
using Outcome = FormatResult::Outcome;

FormatResult FormatText(const std::string& text, const std::string& path = "test.treaty") {
  base::SourceSet sources;
  const base::FileId id = sources.Add(path, text);
  base::DiagnosticEngine diags;
  return Format(sources.Get(id), diags);
}

// The formatted text, which must be a fixed point of the formatter.
std::string Formatted(const std::string& text) {
  FormatResult r = FormatText(text);
  INFO(text);
  INFO(r.text);
  REQUIRE(r.outcome == Outcome::kFormatted);
  FormatResult again = FormatText(r.text);
  REQUIRE(again.outcome == Outcome::kFormatted);
  REQUIRE(again.text == r.text);
  return r.text;
}

struct Parsed {
  bool ok = false;
  std::string dump;
  std::vector<std::string> comments;
};

Parsed ParseText(const std::string& text) {
  base::SourceSet sources;
  const base::FileId id = sources.Add("t.treaty", text);
  base::DiagnosticEngine diags;
  Parsed p;
  const ast::File file = syntax::Parse(sources.Get(id), diags);
  p.ok = !diags.has_errors();
  p.dump = ast::DumpFile(file);
  for (const auto& t : syntax::Tokenize(sources.Get(id), diags)) {
    if (t.is_comment()) p.comments.push_back(t.text);
  }
  return p;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every policy file of the repository: the shipped portfolio, the golden cases, the fuzz seeds
// and the fixtures.
std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> out;
  const fs::path root = TREATY_SOURCE_DIR;
  for (const char* dir : {"policies", "tests/golden", "tests/fuzz/seeds", "fixtures"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".treaty") {
        out.push_back(entry.path());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The three guarantees for one text that parses.
void CheckGuarantees(const std::string& text, const std::string& name) {
  INFO(name);
  const Parsed before = ParseText(text);
  REQUIRE(before.ok);
  FormatResult r = FormatText(text);
  INFO(r.text);
  REQUIRE(r.outcome == Outcome::kFormatted);
  const Parsed after = ParseText(r.text);
  REQUIRE(after.ok);
  CHECK(after.dump == before.dump);          // same model
  CHECK(after.comments == before.comments);  // every comment, in order
  FormatResult again = FormatText(r.text);
  REQUIRE(again.outcome == Outcome::kFormatted);
  CHECK(again.text == r.text);  // idempotent
}

TEST_CASE("fmt: every policy file of the repository keeps its meaning and comments", "[format]") {
  size_t checked = 0;
  for (const auto& path : CorpusFiles()) {
    const std::string text = ReadFile(path);
    if (!ParseText(text).ok) continue;  // golden cases of syntax errors
    CheckGuarantees(text, path.string());
    ++checked;
  }
  CHECK(checked >= 20);
}

TEST_CASE("fmt: the shipped portfolio is already formatted", "[format]") {
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(TREATY_SOURCE_DIR) / "policies")) {
    if (entry.path().extension() != ".treaty") continue;
    const std::string text = ReadFile(entry.path());
    INFO(entry.path().string());
    CHECK(FormatText(text).text == text);
  }
}

// Comments between every pair of tokens (a block comment, or a line comment and a line
// break): the formatter keeps them all, in order, and stays idempotent.
TEST_CASE("fmt: comments anywhere survive", "[format]") {
  for (const auto& path : CorpusFiles()) {
    const std::string text = ReadFile(path);
    if (!ParseText(text).ok) continue;
    base::SourceSet sources;
    base::DiagnosticEngine diags;
    const auto tokens = syntax::Tokenize(sources.Get(sources.Add("t", text)), diags);
    for (int style = 0; style < 3; ++style) {
      std::string out;
      uint32_t at = 0;
      int n = 0;
      for (size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        out += text.substr(at, t.span.begin - at);
        if ((i + static_cast<size_t>(style)) % 3 == 0 && !t.is_comment()) {
          ++n;
          if (style == 1) {
            out += "// c" + std::to_string(n) + "\n";
          } else {
            out += "/* c" + std::to_string(n) + " */ ";
          }
        }
        out += text.substr(t.span.begin, t.span.end - t.span.begin);
        at = t.span.end;
        if (style == 2 && i % 5 == 0) out += " // t" + std::to_string(i) + "\n";
      }
      out += text.substr(at);
      CheckGuarantees(out, path.string() + " with comments, style " + std::to_string(style));
    }
  }
}

TEST_CASE("fmt: a file with syntax errors is refused", "[format]") {
  CHECK(FormatText("taxonomy t { a b\n").outcome == Outcome::kSyntaxErrors);
  CHECK(FormatText("agreement A { effective 2025-01-01 clause \"1\" { forbid } }\n").outcome ==
        Outcome::kSyntaxErrors);
  CHECK(FormatText("kind k { a: text }\n/* never closed\n").outcome == Outcome::kSyntaxErrors);
}

TEST_CASE("fmt: empty files and comment-only files", "[format]") {
  CHECK(Formatted("") == "");
  CHECK(Formatted("\n\n") == "");
  CHECK(Formatted("// only a comment   \r\n\n\n/* and a block */") ==
        "// only a comment\n\n/* and a block */\n");
}

TEST_CASE("fmt: vocabulary layout", "[format]") {
  CHECK(Formatted("taxonomy  api{stateless\n product}") == "taxonomy api { stateless product }\n");
  CHECK(Formatted("taxonomy channel { Azure { azure_openai azure_foundry } AWS { bedrock } "
                  "smb }") ==
        "taxonomy channel {\n"
        "  Azure { azure_openai azure_foundry }\n"
        "  AWS   { bedrock }\n"
        "  smb\n"
        "}\n");
  CHECK(Formatted("taxonomy t { a { b { c } d } }") ==
        "taxonomy t {\n"
        "  a {\n"
        "    b { c }\n"
        "    d\n"
        "  }\n"
        "}\n");
  CHECK(Formatted("taxonomy e {}") == "taxonomy e {}\n");
  // A flat list longer than the line is filled.
  std::string members;
  for (int i = 0; i < 30; ++i) members += " member_" + std::to_string(i);
  const std::string long_taxonomy = Formatted("taxonomy many {" + members + " }");
  CHECK(long_taxonomy.rfind("taxonomy many {\n  member_0 member_1", 0) == 0);
  std::istringstream lines(long_taxonomy);
  for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 100);
  // Comments inside the braces: one member per line, comments in place.
  CHECK(Formatted("taxonomy api { stateless // by API\n product }") ==
        "taxonomy api {\n"
        "  stateless  // by API\n"
        "  product\n"
        "}\n");
  CHECK(Formatted("kind   d \"A deal\"{type:text   // what\n partners : list of cloud\n"
                  "notices: map of date optional active at announce}") ==
        "kind d \"A deal\" {\n"
        "  type:     text                  // what\n"
        "  partners: list of cloud\n"
        "  notices:  map of date optional\n"
        "  active at announce\n"
        "}\n");
}

TEST_CASE("fmt: definitions", "[format]") {
  CHECK(Formatted("define a = [1,2]\ndefine longer_name = \"x\"\n\ndefine c = 3") ==
        "define a           = [1, 2]\n"
        "define longer_name = \"x\"\n"
        "\n"
        "define c = 3\n");
  CHECK(Formatted("define f(d:deployment)=d.api==stateless") ==
        "define f(d: deployment) = d.api == stateless\n");
  // Too long for one line: the body goes below, its chain broken before each `and`.
  CHECK(Formatted("define frontier_api(d: deployment) = d.api == stateless and d.model in "
                  "frontier_models and d.model not in open_weight_models and d.region in emea") ==
        "define frontier_api(d: deployment) =\n"
        "  d.api == stateless\n"
        "    and d.model in frontier_models\n"
        "    and d.model not in open_weight_models\n"
        "    and d.region in emea\n");
}

TEST_CASE("fmt: expressions keep their tree with the fewest parentheses", "[format]") {
  struct Case {
    const char* source;
    const char* formatted;
  };
  const Case cases[] = {
      {"((a))", "a"},
      {"(a or b) and c", "(a or b) and c"},
      {"a or (b and c)", "a or b and c"},
      {"(a and b) and c", "a and b and c"},
      {"a and (b and c)", "a and (b and c)"},
      {"not (a == b)", "not a == b"},
      {"(not a) == b", "(not a) == b"},
      {"a - (b - c)", "a - (b - c)"},
      {"(a - b) - c", "a - b - c"},
      {"a * (b + c)", "a * (b + c)"},
      {"-(a.b)", "-a.b"},
      {"(-a).b", "(-a).b"},
      {"- -a", "--a"},
      {"(1).x", "(1).x"},
      {"x.m[\"k\"] <= y - 30 days", "x.m[\"k\"] <= y - 30 days"},
      {"any x.l in [a,b]", "any x.l in [a, b]"},
      {"(a in b) == c", "(a in b) == c"},
      {"x is   absent or y is present", "x is absent or y is present"},
      {"count( x.l )==1_000", "count(x.l) == 1_000"},
      {"d + 1 week", "d + 1 week"},
      {"\"tab\there \\u{41} \\\"q\\\"\"", "\"tab\\there A \\\"q\\\"\""},
      {"today - 2026-01-01 > 3 months", "today - 2026-01-01 > 3 months"},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    CHECK(Formatted(std::string("define x = ") + c.source) ==
          std::string("define x = ") + c.formatted + "\n");
  }
}

TEST_CASE("fmt: agreements, clauses and rules", "[format]") {
  const std::string messy =
      "agreement A \"Title\" { parties OpenAI,\"Micro soft\" effective 2025-01-01 until "
      "2026-01-01\n"
      "amends B clause \"1\" \"One\" { text \"\"\"first line\n"
      "      second line\"\"\" severity warning exclusive deployment.cloud to Azure when "
      "f(deployment) "
      "unless deployment.model in open_weight_models or deployment.segment in us_natsec or "
      "deployment.segment in civilian_gov\n"
      "message \"{deployment.model}\" }\n"
      "  clause c2 \"Cap\" { overrides \"B/1\", \"B/2\" limit count deal when deal.type == \"x\" "
      "to 2 per 90 days by deal.type }\n"
      "clause \"3\" { require exists commitment by 2026-06-30 } }";
  CHECK(Formatted(messy) ==
        "agreement A \"Title\" {\n"
        "  parties OpenAI, \"Micro soft\"\n"
        "  effective 2025-01-01 until 2026-01-01\n"
        "  amends B\n"
        "\n"
        "  clause \"1\" \"One\" {\n"
        "    text \"\"\"first line\n"
        "            second line\"\"\"\n"
        "    severity warning\n"
        "    exclusive deployment.cloud to Azure\n"
        "      when f(deployment)\n"
        "      unless deployment.model in open_weight_models\n"
        "          or deployment.segment in us_natsec\n"
        "          or deployment.segment in civilian_gov\n"
        "    message \"{deployment.model}\"\n"
        "  }\n"
        "\n"
        "  clause c2 \"Cap\" {\n"
        "    overrides \"B/1\", \"B/2\"\n"
        "    limit count deal\n"
        "      when deal.type == \"x\"\n"
        "      to 2 per 90 days by deal.type\n"
        "  }\n"
        "\n"
        "  clause \"3\" {\n"
        "    require exists commitment by 2026-06-30\n"
        "  }\n"
        "}\n");
}

TEST_CASE("fmt: comments stay where they were written", "[format]") {
  const std::string text =
      "// header\n"
      "\n"
      "\n"
      "// about A\n"
      "agreement A { // after the brace\n"
      "  effective 2025-01-01   // trailing\n"
      "\n"
      "\n"
      "  /* before the clause */\n"
      "  clause \"1\" {\n"
      "    forbid deal\n"
      "      // before when\n"
      "      when deal.a == 1 // first\n"
      "        and deal.b == 2\n"
      "    // dangling at the end\n"
      "  }\n"
      "}\n"
      "// the end\n";
  CHECK(Formatted(text) ==
        "// header\n"
        "\n"
        "// about A\n"
        "agreement A {  // after the brace\n"
        "  effective 2025-01-01  // trailing\n"
        "\n"
        "  /* before the clause */\n"
        "  clause \"1\" {\n"
        "    forbid deal\n"
        "      // before when\n"
        "      when deal.a == 1  // first\n"
        "       and deal.b == 2\n"
        "    // dangling at the end\n"
        "  }\n"
        "}\n"
        "// the end\n");
}

TEST_CASE("fmt: waivers and tests", "[format]") {
  CHECK(Formatted("waiver \"W-1\" { clause \"A/1\" facts \"f1\", f2 until 2026-12-31 "
                  "approved_by \"CELA\" reason \"pilot\" }") ==
        "waiver \"W-1\" {\n"
        "  clause \"A/1\"\n"
        "  facts \"f1\", f2\n"
        "  until 2026-12-31\n"
        "  approved_by \"CELA\"\n"
        "  reason \"pilot\"\n"
        "}\n");
  CHECK(Formatted("test \"t\" { as_of 2026-06-01 given deployment { id: \"t1\", provider: "
                  "\"OpenAI\", model: \"gpt-5\", cloud: AWS, channel: bedrock, api: stateless, "
                  "segment: fortune_500, regions: [us], start: 2026-07-01 }\n"
                  "given deal {id:\"d\", notices: {Microsoft: 2026-01-01}} given file \"f.yaml\" "
                  "expect violation \"A/1\" on \"t1\" expect no violation expect findings 2 }") ==
        "test \"t\" {\n"
        "  as_of 2026-06-01\n"
        "  given deployment { id: \"t1\", provider: \"OpenAI\", model: \"gpt-5\", cloud: AWS, "
        "channel: bedrock,\n"
        "                     api: stateless, segment: fortune_500, regions: [us], start: "
        "2026-07-01 }\n"
        "  given deal { id: \"d\", notices: { Microsoft: 2026-01-01 } }\n"
        "  given file \"f.yaml\"\n"
        "  expect violation \"A/1\" on \"t1\"\n"
        "  expect no violation\n"
        "  expect findings 2\n"
        "}\n");
}

TEST_CASE("fmt: long text that cannot be re-indented becomes a string", "[format]") {
  // A first line that is blank is dropped by the parser, so "\nx" is not long text.
  CHECK(Formatted("define x = \"\"\"\n\n  a\n  b\"\"\"") == "define x = \"\\na\\nb\"\n");
  CHECK(Formatted("define x = \"\"\"one line\"\"\"") == "define x = \"\"\"one line\"\"\"\n");
}

TEST_CASE("fmt: the command rewrites files in place, and --check only reports", "[format]") {
  const fs::path dir = fs::temp_directory_path() / "treaty_fmt_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "policies");
  const std::string messy = "taxonomy  api{stateless product}\n";
  const std::string broken = "taxonomy t { a\n";
  {
    std::ofstream(dir / "policies" / "a.treaty") << messy;
    std::ofstream(dir / "policies" / "b.treaty") << broken;
  }
  const std::string treaty = TREATY_BINARY;
  auto run = [&](const std::string& args) {
    const std::string command =
        "cd '" + dir.string() + "' && '" + treaty + "' fmt " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WEXITSTATUS(status);
  };
  CHECK(run("--check policies/a.treaty") == 1);
  CHECK(ReadFile(dir / "policies" / "a.treaty") == messy);
  CHECK(run("policies/a.treaty") == 0);
  CHECK(ReadFile(dir / "policies" / "a.treaty") == "taxonomy api { stateless product }\n");
  CHECK(run("--check policies/a.treaty") == 0);
  // No FILES: the policy roots; the broken file is reported and left alone.
  CHECK(run("") == 2);
  CHECK(ReadFile(dir / "policies" / "b.treaty") == broken);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace treaty::format
