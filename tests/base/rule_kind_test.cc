// base/rule_kind: every kind has its own name.
#include "base/rule_kind.h"

#include <catch2/catch.hpp>

namespace treaty::base {
namespace {

TEST_CASE("RuleKindName spells every kind", "[rule_kind]") {
  CHECK(RuleKindName(RuleKind::kForbid) == "forbid");
  CHECK(RuleKindName(RuleKind::kRequire) == "require");
  CHECK(RuleKindName(RuleKind::kExclusive) == "exclusive");
  CHECK(RuleKindName(RuleKind::kPermit) == "permit");
  CHECK(RuleKindName(RuleKind::kLimit) == "limit");
  CHECK(RuleKindName(RuleKind::kExists) == "exists");
}

}  // namespace
}  // namespace treaty::base
