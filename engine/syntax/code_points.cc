#include "syntax/code_points.h"

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
    const auto b0 = static_cast<unsigned char>(text[i]);
    size_t len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
    }
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) {
        ok = false;
      } else {
        cp = (cp << 6) | (b & 0x3F);
      }
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
               (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))) {
      ok = false;
    }
    if (!ok) {
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
  for (char32_t c : chars) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

}  // namespace treaty::syntax
