// value/render: a value as users read it, members named by the caller, text bare or quoted.
#include "value/render.h"

#include <catch2/catch.hpp>

#include <string>

namespace treaty::value {
namespace {

std::string Named(const Member& m) {
  return "m" + std::to_string(m.taxonomy) + "_" + std::to_string(m.member);
}

TEST_CASE("a value renders as users read it, text bare or quoted", "[value]") {
  const Value list{List{Value{Member{1, 2}}, Value{std::string("x")}, Value{2.5}}};
  CHECK(Render(list, Named) == "[m1_2, x, 2.5]");
  CHECK(Render(list, Named, TextStyle::kQuoted) == "[m1_2, \"x\", 2.5]");
  CHECK(Render(Value{Map{MapEntry{"k", Value{true}}}}, Named) == "{k: true}");
  CHECK(Render(Value{}, Named) == "absent");
  CHECK(Render(Value{-0.0}, Named) == "0");
  CHECK(RenderNumber(3) == "3");
}

}  // namespace
}  // namespace treaty::value
