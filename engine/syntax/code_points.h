#pragma once
/// Text as the lexer sees it: Unicode code points, each with the byte offset in its SourceFile
/// where it begins, so that ANTLR's code-point indexes map back to byte spans. Used for a whole
/// file and for the `{expr}` parts of a message (whose characters come from decoded escapes).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace treaty::syntax {

struct CodePointText {
  std::u32string chars;
  std::vector<uint32_t> offsets;  // offsets.size() == chars.size() + 1; the last is the end

  /// The code points [begin, end) with their offsets.
  CodePointText Slice(size_t begin, size_t end) const;
};

inline constexpr uint32_t kNoOffset = UINT32_MAX;

/// Decodes UTF-8 (base::DecodeUtf8At) starting at byte offset `base`. Each invalid byte becomes
/// U+FFFD; the offset of the first one is stored in `*first_invalid` (kNoOffset when valid).
CodePointText DecodeUtf8(std::string_view text, uint32_t base, uint32_t* first_invalid);

std::string EncodeUtf8(std::u32string_view chars);

}  // namespace treaty::syntax
