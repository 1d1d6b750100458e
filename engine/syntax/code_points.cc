#include "syntax/code_points.h"

#include "base/utf8.h"

namespace treaty::syntax {

CodePointText CodePointText::Slice(size_t begin, size_t end) const {
  CodePointText out;
  out.chars = chars.substr(begin, end - begin);
  out.offsets.assign(offsets.begin() + static_cast<std::ptrdiff_t>(begin),
                     offsets.begin() + static_cast<std::ptrdiff_t>(end) + 1);
  return out;
}

CodePointText DecodeUtf8(std::string_view text, uint32_t base, uint32_t* first_invalid) {
  CodePointText out;
  out.chars.reserve(text.size());
  out.offsets.reserve(text.size() + 1);
  *first_invalid = kNoOffset;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    size_t len = base::DecodeUtf8At(text, i, cp);
    if (len == 0) {
      if (*first_invalid == kNoOffset) *first_invalid = base + static_cast<uint32_t>(i);
      len = 1;
      cp = 0xFFFD;
    }
    out.chars.push_back(cp);
    out.offsets.push_back(base + static_cast<uint32_t>(i));
    i += len;
  }
  out.offsets.push_back(base + static_cast<uint32_t>(text.size()));
  return out;
}

std::string EncodeUtf8(std::u32string_view chars) {
  std::string out;
  out.reserve(chars.size());
  for (char32_t c : chars) base::AppendUtf8(out, c);
  return out;
}

}  // namespace treaty::syntax
