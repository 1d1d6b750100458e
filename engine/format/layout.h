#pragma once
/// The output side of the formatter: the source tokens with their comments classified
/// (SourceTokens), and the output lines the printer builds (Layout), to which every comment is
/// re-attached by position when the text is assembled. Internal to format/; not thread-safe.
///
/// Comment placement: a comment with code before it on its source line is *trailing* and is
/// attached to that code token; any other comment is *leading* and is attached to the next code
/// token (or to the end of the file). The printer registers the tokens it prints on the output
/// line where they land (Layout::Mark); a leading comment goes on its own line above the line of
/// its token, a trailing one at the end of the line of its token. An unregistered token counts
/// as the last registered one before it (the printer registers the first token of every line).
/// When several comments land on one line, all but a last trailing one go above it, in source
/// order, so comments never change order and never swallow code.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/tokens.h"

namespace treaty::format {

inline constexpr size_t kNoToken = SIZE_MAX;

/// Width of text in columns (code points of its last line).
int TextWidth(std::string_view text);

class SourceTokens {
 public:
  explicit SourceTokens(std::vector<syntax::Token> tokens);

  size_t size() const { return tokens_.size(); }
  const syntax::Token& operator[](size_t i) const { return tokens_[i]; }

  /// The token whose span contains byte `offset` (kNoToken when it falls between tokens).
  size_t At(uint32_t offset) const;
  /// The first code token starting at or after `offset`.
  size_t NextCode(uint32_t offset) const;
  /// The last code token ending at or before `offset`.
  size_t PrevCode(uint32_t offset) const;
  /// The first code token at or after `offset` that is not `(`.
  size_t SkipParens(uint32_t offset) const;
  /// The bracket closing the bracket token `open` (kNoToken when unmatched).
  size_t Match(size_t open) const { return open < match_.size() ? match_[open] : kNoToken; }
  /// Blank lines (0 or 1) the author put before token `i`.
  int SourceBlank(size_t i) const;

  struct Comment {
    size_t token = 0;
    bool trailing = false;
    size_t anchor = kNoToken;  // a code token; kNoToken: the end of the file
  };
  const std::vector<Comment>& comments() const { return comments_; }

  /// Whether a comment starts strictly between byte offsets `begin` and `end`.
  bool CommentBetween(uint32_t begin, uint32_t end) const;
  /// Whether a trailing comment is attached to a code token starting in [begin, end).
  bool TrailingCommentOn(uint32_t begin, uint32_t end) const;
  /// Whether a chain of operands (byte ranges, in order) must be broken one operand per line so
  /// that its comments stay between the operands they sit between: a trailing comment attached
  /// to a token before the end of the last-but-one operand, or a leading one attached to a
  /// token after the end of the first.
  bool ChainHasInnerComments(const std::vector<std::pair<uint32_t, uint32_t>>& operands) const;

 private:
  std::vector<syntax::Token> tokens_;
  std::vector<size_t> code_;   // indexes of the code tokens
  std::vector<size_t> match_;  // per token: its matching bracket, or kNoToken
  std::vector<Comment> comments_;
};

/// How many blank lines go before an output line (and its leading comments).
enum class Blank : uint8_t {
  kNone,  // none: the line continues the construct above
  kKeep,  // as many as the author wrote, at most one
  kOne,   // exactly one
};

class Layout {
 public:
  /// `dry`: a scratch layout for measuring text; marks are ignored. `column`: where it starts.
  Layout(const SourceTokens& tokens, bool dry = false, int column = 0);

  /// Starts a new line. `start` is the byte offset of the line's first source token (or
  /// UINT32_MAX), registered on the line and used for the author's blank lines.
  void NewLine(int indent, Blank blank, uint32_t start = UINT32_MAX);
  void Add(std::string_view text);
  /// Registers the source token at byte `offset` on the current line.
  void Mark(uint32_t offset);
  void MarkToken(size_t token);
  /// The current line opens a block (ends with `{`) / is the `}` closing one.
  void SetOpens();
  void SetCloses();
  /// Trailing comments of the lines of one group are aligned in one column.
  void SetAlignGroup(int group);

  int Column() const;
  int indent() const { return lines_.empty() ? 0 : lines_.back().indent; }
  /// The text of a dry layout.
  const std::string& DryText() const { return dry_text_; }

  /// Places the comments and returns the whole text (one final newline; none when empty).
  std::string Finish() const;

 private:
  struct Line {
    int indent = 0;
    std::string text;
    Blank blank = Blank::kKeep;
    size_t start = kNoToken;  // first source token, for the author's blank lines
    bool opens = false;
    bool closes = false;
    int align_group = -1;
  };

  const SourceTokens& tokens_;
  bool dry_;
  int dry_column_;
  std::string dry_text_;
  std::vector<Line> lines_;
  std::vector<size_t> line_of_token_;  // per token: output line, or kNoToken
};

}  // namespace treaty::format
