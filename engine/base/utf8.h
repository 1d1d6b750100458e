#pragma once
/// The one UTF-8 decoder and encoder of Treaty. A sequence is valid when it is the shortest
/// form of a code point up to U+10FFFF that is not a surrogate (RFC 3629); every reader of
/// input text (the policy lexer, the JSONL and YAML fact loaders, the XML escaper) decides
/// validity here. The code-point arithmetic on UTF-8 text (counting, stepping, cutting on a
/// code-point boundary) lives here too.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace treaty::base {

/// The length of the valid UTF-8 sequence at `text[at]` (1 to 4) with its code point in `cp`,
/// or 0 when the bytes there are not valid UTF-8 (`cp` is then unspecified).
size_t DecodeUtf8At(std::string_view text, size_t at, char32_t& cp);

/// The offset of the first byte of `text` that does not begin a valid UTF-8 sequence, or
/// std::string_view::npos when all of it is valid.
size_t FindInvalidUtf8(std::string_view text);

/// Appends the UTF-8 encoding of `cp` (a code point up to U+10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

/// 3 when `text` starts with the UTF-8 byte order mark (EF BB BF), else 0.
inline size_t Utf8BomLength(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

/// Whether `c` is a UTF-8 continuation byte (10xxxxxx): one that does not start a code point.
inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The length of the valid UTF-8 sequence at `text[at]` (1 to 4), or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view text, size_t at);

/// The code points in `text`: its bytes that are not continuation bytes (so each invalid byte
/// counts as one).
size_t CountCodePoints(std::string_view text);

/// The length of the longest prefix of `text` within `max_bytes` that does not end inside a
/// code point: `text.size()` when it fits.
size_t Utf8PrefixWithin(std::string_view text, size_t max_bytes);

}  // namespace treaty::base
