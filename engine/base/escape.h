#pragma once
/// Text as a policy-language string literal: in double quotes, with `"`, `\`, newline and tab
/// escaped as `\"`, `\\`, `\n`, `\t` and the other control characters (and DEL) as `\u{X}`
/// (hex, upper case), so that the parser reads it back as the same text. Other bytes, UTF-8
/// included, stand as they are. Pure function.

#include <string>
#include <string_view>

namespace treaty::base {

std::string QuoteString(std::string_view s);

}  // namespace treaty::base
