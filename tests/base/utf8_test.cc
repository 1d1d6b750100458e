// base/utf8: the one UTF-8 decoder (RFC 3629: shortest form, no surrogates, up to U+10FFFF).
#include "base/utf8.h"

#include <catch2/catch.hpp>

namespace treaty::base {
namespace {

TEST_CASE("valid sequences decode to their code point", "[utf8]") {
  char32_t cp = 0;
  CHECK(DecodeUtf8At("a", 0, cp) == 1);
  CHECK(cp == U'a');
  CHECK(DecodeUtf8At("\xC3\xA9", 0, cp) == 2);
  CHECK(cp == U'\u00E9');
  CHECK(DecodeUtf8At("\xE2\x82\xAC", 0, cp) == 3);
  CHECK(cp == U'\u20AC');
  CHECK(DecodeUtf8At("\xF0\x9F\x98\x80", 0, cp) == 4);
  CHECK(cp == U'\U0001F600');
}

TEST_CASE("invalid sequences are refused", "[utf8]") {
  char32_t cp = 0;
  for (std::string_view bad :
       {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xF5\x80\x80\x80", "\xFF", "\xC3", "\xE2\x82", "\xC3("}) {
    CAPTURE(bad);
    CHECK(DecodeUtf8At(bad, 0, cp) == 0);
  }
}

TEST_CASE("FindInvalidUtf8 gives the first bad byte", "[utf8]") {
  CHECK(FindInvalidUtf8("plain \xC3\xA9 text") == std::string_view::npos);
  CHECK(FindInvalidUtf8("ab\xC3\xA9\xFF\xFE") == 4);
  CHECK(FindInvalidUtf8("") == std::string_view::npos);
}

TEST_CASE("AppendUtf8 is DecodeUtf8At's inverse", "[utf8]") {
  for (char32_t c : {U'a', U'\u00E9', U'\u20AC', U'\uFFFD', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    AppendUtf8(s, c);
    char32_t back = 0;
    CHECK(DecodeUtf8At(s, 0, back) == s.size());
    CHECK(back == c);
  }
  CHECK(Utf8BomLength("\xEF\xBB\xBFkind") == 3);
  CHECK(Utf8BomLength("kind") == 0);
}

TEST_CASE("code-point arithmetic: continuation bytes, lengths, counts and prefixes", "[utf8]") {
  CHECK_FALSE(IsUtf8Continuation('a'));
  CHECK_FALSE(IsUtf8Continuation('\xC3'));
  CHECK(IsUtf8Continuation('\xA9'));
  CHECK(Utf8SequenceLength("a\xE2\x82\xAC", 1) == 3);
  CHECK(Utf8SequenceLength("\xE2\x82", 0) == 0);
  CHECK(CountCodePoints("") == 0);
  CHECK(CountCodePoints("caf\xC3\xA9 \xE2\x82\xAC\xF0\x9F\x98\x80") == 7);
  const std::string_view euros = "\xE2\x82\xAC\xE2\x82\xAC";  // two 3-byte code points
  CHECK(Utf8PrefixWithin(euros, 6) == 6);
  CHECK(Utf8PrefixWithin(euros, 100) == 6);
  CHECK(Utf8PrefixWithin(euros, 5) == 3);
  CHECK(Utf8PrefixWithin(euros, 3) == 3);
  CHECK(Utf8PrefixWithin(euros, 2) == 0);
  CHECK(Utf8PrefixWithin("abc", 2) == 2);
}

}  // namespace
}  // namespace treaty::base
