#pragma once
/// Text as a policy-language string literal: in double quotes, with `"`, `\`, newline and tab
/// escaped as `\"`, `\\`, `\n`, `\t` and the other control characters (and DEL) as `\u{X}`
/// (hex, upper case), so that the parser reads it back as the same text. Other bytes, UTF-8
/// included, stand as they are.
///
/// Text as a person may safely see it on a terminal or in a Markdown page (VisibleText): user
/// data (ids, values, messages) in human-facing output, where a control character could move
/// the cursor, hide text (`ESC[8m`) or forge a line. Pure functions.

#include <string>
#include <string_view>
#include <vector>

namespace treaty::base {

std::string QuoteString(std::string_view s);

/// `s` with every character that could act instead of show written as a visible escape:
/// LF, CR and TAB as `\n`, `\r`, `\t`; the other C0 controls and DEL as `\xNN` (`\x1b` for
/// ESC); the C1 controls (U+0080..U+009F), the bidirectional controls (U+061C, U+200E, U+200F,
/// U+202A..U+202E, U+2066..U+2069) and the line and paragraph separators (U+2028, U+2029) as
/// `\u{XXXX}`; a byte that is not valid UTF-8 as `\xNN`. Everything else, valid UTF-8 text
/// (accents, CJK, emoji) and backslashes included, stands as it is.
std::string VisibleText(std::string_view s);

/// The VisibleText of each item, joined with `separator` (which stands as it is).
std::string VisibleJoin(const std::vector<std::string>& items, std::string_view separator);

}  // namespace treaty::base
