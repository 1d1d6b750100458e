#pragma once
/// The kinds of rule a clause can hold, with their one spelling: the one enum that check, plan
/// and findings share (each re-exports it), so a kind passes between layers without a cast.

#include <cstdint>
#include <string_view>

namespace treaty::base {

enum class RuleKind : uint8_t { kForbid, kRequire, kExclusive, kPermit, kLimit, kExists };

/// "forbid", "require", "exclusive", "permit", "limit", "exists".
std::string_view RuleKindName(RuleKind k);

}  // namespace treaty::base
