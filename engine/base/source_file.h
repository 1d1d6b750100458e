#pragma once
/// The text of one input file (policy or facts) with its line table, and the set of all files
/// of a run. A SourceSet owns its files; references to them stay valid for the set's lifetime.
/// Not thread-safe for writing; reading a finished set from several threads is safe.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace treaty::base {

struct LineCol {
  uint32_t line = 0;  // 1-based
  uint32_t col = 0;   // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }

  /// Line and column of a byte offset (offsets past the end map to the end).
  /// O(log lines) plus at most ~2 * kColumnBlock bytes counted, however long the line.
  LineCol Locate(uint32_t offset) const;
  /// A span over [begin, end) with its line and column filled in.
  Span MakeSpan(uint32_t begin, uint32_t end) const;
  /// The text of a 1-based line, without its line terminator.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t LineStart(uint32_t line) const { return line_starts_[line - 1]; }

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset of the first byte of each line
  /// Code points before every kColumnBlock-th byte of text_, built on the first Locate far
  /// into a long line (a run of diagnostics on one 1 MB JSONL line then costs no rescans).
  static constexpr uint32_t kColumnBlock = 256;
  uint32_t CodePointsBefore(uint32_t offset) const;
  mutable std::mutex columns_mutex_;
  mutable std::vector<uint32_t> block_code_points_;
};

class SourceSet {
 public:
  /// Adds a file and returns its id; ids are dense, in order of addition.
  FileId Add(std::string path, std::string text);
  const SourceFile& Get(FileId id) const { return *files_[id]; }
  size_t size() const { return files_.size(); }
  /// The path of a span's file, or "<unknown>".
  std::string_view PathOf(const Span& span) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace treaty::base
