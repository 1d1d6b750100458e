// base::QuoteString: the escapes it writes, and that the parser reads its output back as the
// same text.
#include <catch2/catch.hpp>

#include <string>

#include "base/escape.h"
#include "syntax/tokens.h"

namespace treaty::base {
namespace {

TEST_CASE("QuoteString escapes quotes, backslashes and control characters") {
  CHECK(QuoteString("") == R"("")");
  CHECK(QuoteString("plain é") == "\"plain é\"");
  CHECK(QuoteString("a\"b\\c") == R"("a\"b\\c")");
  CHECK(QuoteString("line\nnext\tcol") == R"("line\nnext\tcol")");
  CHECK(QuoteString(std::string("\x01\r\x7F", 3)) == R"("\u{1}\u{D}\u{7F}")");
}

TEST_CASE("QuoteString reads back as the same text") {
  for (const std::string s : {"", "x", "a \"quoted\" \\ path", "tab\tnew\nline", "\x1b[0m\x7f"}) {
    INFO(s);
    CHECK(syntax::DecodeStringToken(QuoteString(s)) == s);
  }
}

}  // namespace
}  // namespace treaty::base
