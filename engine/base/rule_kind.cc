#include "base/rule_kind.h"

namespace treaty::base {

std::string_view RuleKindName(RuleKind k) {
  switch (k) {
    case RuleKind::kForbid:
      return "forbid";
    case RuleKind::kRequire:
      return "require";
    case RuleKind::kExclusive:
      return "exclusive";
    case RuleKind::kPermit:
      return "permit";
    case RuleKind::kLimit:
      return "limit";
    case RuleKind::kExists:
      return "exists";
  }
  return "forbid";
}

}  // namespace treaty::base
