#pragma once
/// The text of one input file (policy or facts) with its line table, and the set of all files
/// of a run. A SourceSet owns its files; references to them stay valid for the set's lifetime.
/// A file is whole, or streamed (a large JSONL fact file): then it holds one window of whole
/// lines at a time, plus the lines kept for diagnostics, so memory does not grow with the file.
/// Spans always hold byte offsets in the whole file. Not thread-safe for writing; reading a
/// finished set from several threads is safe.

#include <map>
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
  /// A streamed file: holds no text until SetWindow.
  SourceFile(FileId id, std::string path);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  /// The whole text, or a streamed file's current window (it starts at byte `base()` of the
  /// file, on line `first_line()`). Offsets given to Locate and MakeSpan are into this text.
  std::string_view text() const { return text_; }
  uint32_t base() const { return base_; }
  uint32_t first_line() const { return first_line_; }
  bool streamed() const { return streamed_; }

  /// Line and column of an offset into text() (offsets past the end map to the end).
  /// O(log lines) plus at most ~2 * kColumnBlock bytes counted, however long the line.
  LineCol Locate(uint32_t offset) const;
  /// A span over [begin, end) of text(), as offsets in the file, with its line and column.
  Span MakeSpan(uint32_t begin, uint32_t end) const;
  /// The text of a 1-based line, without its line terminator; "" when not held (HasLine).
  std::string_view Line(uint32_t line) const;
  /// Whether Line(line) has the line's text: every line of a whole file; the window's lines
  /// and the kept lines of a streamed file.
  bool HasLine(uint32_t line) const;
  /// The number of the last line of text().
  uint32_t line_count() const {
    return first_line_ + static_cast<uint32_t>(line_starts_.size()) - 1;
  }
  /// The offset in the file of the first byte of a line HasLine has.
  uint32_t LineStart(uint32_t line) const;

  /// Streamed files: replaces the window by `text` (whole lines), which starts at byte `base`
  /// of the file, on line `first_line`.
  void SetWindow(uint32_t base, uint32_t first_line, std::string text);
  /// Streamed files: keeps a line of the window (a diagnostic shows it) when the window moves.
  /// Whole files keep every line: a no-op.
  void KeepLine(uint32_t line);

 private:
  struct KeptLine {
    uint32_t start = 0;  // offset in the file
    std::string text;
  };
  void IndexLines();
  FileId id_;
  std::string path_;
  std::string text_;
  uint32_t base_ = 0;
  uint32_t first_line_ = 1;
  bool streamed_ = false;
  std::vector<uint32_t> line_starts_;  // offset in text_ of the first byte of each line
  /// Code points before every kColumnBlock-th byte of text_, built on the first Locate far
  /// into a long line (a run of diagnostics on one 1 MB JSONL line then costs no rescans).
  static constexpr uint32_t kColumnBlock = 256;
  uint32_t CodePointsBefore(uint32_t offset) const;
  mutable std::mutex columns_mutex_;
  mutable std::vector<uint32_t> block_code_points_;
  std::map<uint32_t, KeptLine> kept_;  // streamed: line -> its text
};

class SourceSet {
 public:
  /// Adds a file and returns its id; ids are dense, in order of addition.
  FileId Add(std::string path, std::string text);
  /// Adds a streamed file (no text yet; see SourceFile::SetWindow).
  SourceFile& AddStreamed(std::string path);
  const SourceFile& Get(FileId id) const { return *files_[id]; }
  SourceFile& GetMutable(FileId id) { return *files_[id]; }
  size_t size() const { return files_.size(); }
  /// The path of a span's file, or "<unknown>".
  std::string_view PathOf(const Span& span) const;
  /// The source text under a span: "" when the span is unknown or empty, or its bytes are not
  /// held (outside a streamed file's current window).
  std::string_view Text(const Span& span) const;

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace treaty::base
