#pragma once
/// A value as users read it: members by name, dates ISO, numbers without trailing zeros, lists
/// `[a, b]`, maps `{k: v}`, text as is or in double quotes (no escaping) where a reader must
/// tell text from a member. The caller names members: the taxonomies live in the checker's
/// and the plan's models. Pure; thread-safe.

#include <functional>
#include <string>

#include "value/value.h"

namespace treaty::value {

/// The name of a taxonomy member.
using MemberNamer = std::function<std::string(const Member&)>;

enum class TextStyle { kBare, kQuoted };

std::string Render(const Value& v, const MemberNamer& name_of, TextStyle text = TextStyle::kBare);
std::string RenderNumber(double d);

}  // namespace treaty::value
