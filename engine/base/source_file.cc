#include "base/source_file.h"

#include <algorithm>

#include "base/utf8.h"

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
  IndexLines();
}

SourceFile::SourceFile(FileId id, std::string path)
    : id_(id), path_(std::move(path)), streamed_(true) {
  IndexLines();
}

void SourceFile::IndexLines() {
  line_starts_.clear();
  line_starts_.push_back(base_ == 0 ? static_cast<uint32_t>(Utf8BomLength(text_)) : 0);
  const std::string_view all = text_;
  for (size_t nl = all.find('\n'); nl != std::string_view::npos; nl = all.find('\n', nl + 1)) {
    line_starts_.push_back(static_cast<uint32_t>(nl + 1));  // find() is memchr
  }
}

void SourceFile::SetWindow(uint32_t base, uint32_t first_line, std::string text) {
  block_code_points_.clear();  // built again for the new window when needed
  text_ = std::move(text);
  base_ = base;
  first_line_ = first_line;
  IndexLines();
}

void SourceFile::KeepLine(uint32_t line) {
  if (!streamed_ || line < first_line_ || line > line_count() || kept_.count(line)) return;
  kept_.emplace(line, KeptLine{LineStart(line), std::string(Line(line))});
}

uint32_t SourceFile::CodePointsBefore(uint32_t offset) const {
  std::lock_guard<std::mutex> lock(columns_mutex_);
  if (block_code_points_.empty()) {
    const uint32_t size = static_cast<uint32_t>(text_.size());
    block_code_points_.reserve(size / kColumnBlock + 1);
    uint32_t total = 0;
    for (uint32_t b = 0; b <= size; b += kColumnBlock) {
      block_code_points_.push_back(total);
      total += static_cast<uint32_t>(
          CountCodePoints(std::string_view(text_).substr(b, std::min(size, b + kColumnBlock) - b)));
    }
  }
  const uint32_t block = offset / kColumnBlock;
  const uint32_t from = block * kColumnBlock;
  return block_code_points_[block] + static_cast<uint32_t>(CountCodePoints(
                                         std::string_view(text_).substr(from, offset - from)));
}

LineCol SourceFile::Locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  offset = std::max(offset, line_starts_[0]);  // a byte order mark is not on any column
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t index = static_cast<uint32_t>(it - line_starts_.begin());
  const uint32_t start = line_starts_[index - 1];
  uint32_t col = 1;
  if (offset - start <= 2 * kColumnBlock) {
    col += static_cast<uint32_t>(
        CountCodePoints(std::string_view(text_).substr(start, offset - start)));
  } else {
    col += CodePointsBefore(offset) - CodePointsBefore(start);
  }
  return {first_line_ + index - 1, col};
}

Span SourceFile::MakeSpan(uint32_t begin, uint32_t end) const {
  LineCol lc = Locate(begin);
  return Span{id_, base_ + begin, base_ + std::max(begin, end), lc.line, lc.col};
}

bool SourceFile::HasLine(uint32_t line) const {
  return (line >= first_line_ && line <= line_count()) || kept_.count(line) > 0;
}

uint32_t SourceFile::LineStart(uint32_t line) const {
  if (line >= first_line_ && line <= line_count()) return base_ + line_starts_[line - first_line_];
  auto it = kept_.find(line);
  return it != kept_.end() ? it->second.start : 0;
}

std::string_view SourceFile::Line(uint32_t line) const {
  if (line < first_line_ || line > line_count()) {
    auto it = kept_.find(line);
    return it != kept_.end() ? std::string_view(it->second.text) : std::string_view();
  }
  const uint32_t index = line - first_line_;
  uint32_t begin = line_starts_[index];
  uint32_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1]
                                                 : static_cast<uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

FileId SourceSet::Add(std::string path, std::string text) {
  FileId id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return id;
}

SourceFile& SourceSet::AddStreamed(std::string path) {
  FileId id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path)));
  return *files_.back();
}

std::string_view SourceSet::PathOf(const Span& span) const {
  if (span.file == kNoFile || span.file >= files_.size()) return "<unknown>";
  return files_[span.file]->path();
}

std::string_view SourceSet::Text(const Span& span) const {
  if (!span.valid() || span.file >= files_.size() || span.begin > span.end) return {};
  const SourceFile& file = *files_[span.file];
  const std::string_view text = file.text();
  if (span.begin < file.base() || span.end - file.base() > text.size()) return {};
  return text.substr(span.begin - file.base(), span.size());
}

}  // namespace treaty::base
