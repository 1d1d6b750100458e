#include "base/source_file.h"

#include <algorithm>

namespace treaty::base {

Span Join(const Span& a, const Span& b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  Span s = a.begin <= b.begin ? a : b;
  s.end = std::max(a.end, b.end);
  return s;
}

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  const std::string_view all = text_;
  for (size_t nl = all.find('\n'); nl != std::string_view::npos; nl = all.find('\n', nl + 1)) {
    line_starts_.push_back(static_cast<uint32_t>(nl + 1));  // find() is memchr
  }
}

namespace {
// Code points in text[begin, end): the bytes that are not UTF-8 continuation bytes.
uint32_t CountCodePoints(std::string_view text, uint32_t begin, uint32_t end) {
  uint32_t n = 0;
  for (uint32_t i = begin; i < end; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}
}  // namespace

uint32_t SourceFile::CodePointsBefore(uint32_t offset) const {
  std::lock_guard<std::mutex> lock(columns_mutex_);
  if (block_code_points_.empty()) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    block_code_points_.reserve(size / kColumnBlock + 1);
    uint32_t total = 0;
    for (uint32_t b = 0; b <= size; b += kColumnBlock) {
      block_code_points_.push_back(total);
      total += CountCodePoints(text_, b, std::min(size, b + kColumnBlock));
    }
  }
  const uint32_t block = offset / kColumnBlock;
  return block_code_points_[block] + CountCodePoints(text_, block * kColumnBlock, offset);
}

LineCol SourceFile::Locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  const uint32_t start = line_starts_[line - 1];
  uint32_t col = 1;
  if (offset - start <= 2 * kColumnBlock) {
    col += CountCodePoints(text_, start, offset);
  } else {
    col += CodePointsBefore(offset) - CodePointsBefore(start);
  }
  return {line, col};
}

Span SourceFile::MakeSpan(uint32_t begin, uint32_t end) const {
  LineCol lc = Locate(begin);
  return Span{id_, begin, std::max(begin, end), lc.line, lc.col};
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end =
      line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

FileId SourceSet::Add(std::string path, std::string text) {
  FileId id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return id;
}

std::string_view SourceSet::PathOf(const Span& span) const {
  if (span.file == kNoFile || span.file >= files_.size()) return "<unknown>";
  return files_[span.file]->path();
}

}  // namespace treaty::base
