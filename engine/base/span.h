#pragma once
/// A half-open byte range [begin, end) in one source file, with the 1-based line and column of
/// its first byte precomputed so that a span alone can be printed as `file:line:col`.
/// Value type; equality of AST nodes ignores spans.

#include <cstdint>

namespace treaty::base {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

struct Span {
  FileId file = kNoFile;
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // byte offset one past the last byte
  uint32_t line = 0;   // 1-based line of `begin`; 0 when the span is unknown
  uint32_t col = 0;    // 1-based column of `begin`, counted in code points

  bool valid() const { return file != kNoFile && line != 0; }
  uint32_t size() const { return end - begin; }
};

/// The smallest span that covers both `a` and `b` (which must be in the same file).
Span Join(const Span& a, const Span& b);

}  // namespace treaty::base
