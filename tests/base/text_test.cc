// base/text: whitespace collapsed to one line, and lists joined as prose.
#include "base/text.h"

#include <catch2/catch.hpp>

namespace treaty::base {
namespace {

TEST_CASE("CollapseWhitespace puts text on one line", "[text]") {
  CHECK(CollapseWhitespace("") == "");
  CHECK(CollapseWhitespace(" \t\r\n ") == "");
  CHECK(CollapseWhitespace("one") == "one");
  CHECK(CollapseWhitespace("  forbid deal\r\n    when\tx  ") == "forbid deal when x");
  CHECK(CollapseWhitespace("caf\xC3\xA9\n\xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");
}

TEST_CASE("JoinList and TickedList write lists as prose", "[text]") {
  CHECK(JoinList({}, "and") == "");
  CHECK(JoinList({"a"}, "and") == "a");
  CHECK(JoinList({"a", "b"}, "or") == "a or b");
  CHECK(JoinList({"a", "b", "c"}, "and") == "a, b and c");
  CHECK(TickedList({}, "or") == "");
  CHECK(TickedList({"a"}, "or") == "`a`");
  CHECK(TickedList({"a", "b"}, "and") == "`a` and `b`");
  CHECK(TickedList({"a", "b", "c"}, "or") == "`a`, `b` or `c`");
}

}  // namespace
}  // namespace treaty::base
