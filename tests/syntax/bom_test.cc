// A policy file that starts with a UTF-8 byte order mark parses as without it; the mark is on
// no column, so spans and columns on line 1 are those of the text after it.
#include <catch2/catch.hpp>

#include <string>

#include "report/diagnostic_text.h"
#include "syntax/parser.h"
#include "syntax/tokens.h"

namespace treaty::syntax {
namespace {

TEST_CASE("a byte order mark before a policy is skipped", "[syntax][inputs]") {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const base::FileId id = sources.Add("p.treaty", "\xEF\xBB\xBFtaxonomy cloud { Azure }\n");
  const ast::File file = Parse(sources.Get(id), diags);
  CHECK(diags.all().empty());
  REQUIRE(file.decls.size() == 1);
  const std::vector<Token> tokens = Tokenize(sources.Get(id), diags);
  REQUIRE_FALSE(tokens.empty());
  CHECK(tokens[0].text == "taxonomy");
  CHECK(tokens[0].span.begin == 3);
  CHECK(tokens[0].span.col == 1);
}

TEST_CASE("a diagnostic on line 1 after a byte order mark has the right column and caret",
          "[syntax][inputs]") {
  base::SourceSet sources;
  base::DiagnosticEngine diags;
  const base::FileId id = sources.Add("p.treaty", "\xEF\xBB\xBF  bogus x\n");
  Parse(sources.Get(id), diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(report::RenderDiagnostic(diags.all()[0], sources) ==
        R"(error[T0101]: expected a declaration, found `bogus`
 --> p.treaty:1:3
  |
1 |   bogus x
  |   ^^^^^
  = help: a declaration starts with `taxonomy`, `kind`, `define`, `agreement`, `waiver` or `test`
)");
}

}  // namespace
}  // namespace treaty::syntax
