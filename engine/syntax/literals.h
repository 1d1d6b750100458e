#pragma once
/// Decoding of literal tokens, independent of ANTLR: strings (escapes), long text (dedent),
/// numbers (`1_000_000`) and dates. Decoded text keeps, for each code point, the byte offset in
/// the source where it was written, so that `{expr}` parts of a message get exact spans.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "syntax/code_points.h"

namespace treaty::syntax {

/// A bad escape in a string: its source bytes [begin, end) and its text, e.g. `\q`.
struct BadEscape {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string text;
};

/// Decodes a `"…"` token (quotes included in `token`, the closing one may be missing) whose
/// escapes are `\" \\ \n \t \u{HEX}`; bad escapes are kept as written and listed in `bad`.
CodePointText DecodeString(const CodePointText& token, std::vector<BadEscape>* bad);

/// Decodes a `"""…"""` token: no escapes; a first line that is blank is dropped, as is a last
/// line that holds only the indentation of the closing quotes; the indentation common to all
/// non-blank lines after the first is removed.
CodePointText DecodeLongText(const CodePointText& token);

/// `42`, `0.75`, `1_000_000`: nullopt when an `_` is not between two digits.
std::optional<double> ParseNumber(std::string_view text);
/// A whole number without `.`; nullopt when not whole or out of range.
std::optional<int64_t> ParseWholeNumber(std::string_view text);

/// `2026-03-01` as written (the token guarantees the shape).
ast::Date ParseDate(std::string_view text);

}  // namespace treaty::syntax
