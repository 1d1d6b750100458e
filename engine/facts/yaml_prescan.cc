#include "facts/yaml_prescan.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace treaty::facts {

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

/// Scans line by line: quoted scalars (which may span lines), comments, block scalars (`|`,
/// `>`: their more-indented lines are text) and flow collections are skipped or counted.
class Prescan {
 public:
  Prescan(const base::SourceFile& file, uint32_t max_nesting)
      : file_(file), text_(file.text()), max_(max_nesting) {}

  std::optional<base::Diagnostic> Run() {
    const size_t bom = base::Utf8BomLength(text_);
    if (const size_t bad = base::FindInvalidUtf8(text_); bad != std::string_view::npos) {
      const auto at = static_cast<uint32_t>(bad);
      return base::MakeDiagnostic(base::DiagCode::T0516, file_.MakeSpan(at, at + 1))
          .WithLabel("this byte does not belong to a UTF-8 character")
          .WithHelp("save the file with the UTF-8 encoding; no fact of this file is loaded");
    }
    for (size_t i = bom; i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        const auto at = static_cast<uint32_t>(i);
        return base::MakeDiagnostic(base::DiagCode::T0518, file_.MakeSpan(at, at + 1),
                                    fmt::format("U+{:04X}{}", c, c == 0 ? " (NUL)" : ""))
            .WithLabel("here")
            .WithHelp("remove it, or write it as an escape in a double-quoted string (`\\0`)");
      }
    }
    size_t begin = bom;
    while (begin < text_.size() && !error_) {
      size_t end = text_.find('\n', begin);
      if (end == std::string_view::npos) end = text_.size();
      Line(begin, end);
      begin = end + 1;
    }
    return std::move(error_);
  }

 private:
  void TooDeep(size_t at) {
    if (error_) return;
    const auto a = static_cast<uint32_t>(at);
    error_ = base::MakeDiagnostic(base::DiagCode::T0517, file_.MakeSpan(a, a + 1), max_)
                 .WithLabel("this level is too deep")
                 .WithHelp("a fact needs three levels; no fact of this file is loaded");
  }

  void Check(size_t at) {
    if (flow_ + block_.size() > max_) TooDeep(at);
  }

  void Line(size_t begin, size_t end) {
    size_t p = begin;
    if (quote_ == 0 && flow_ == 0) {
      while (p < end && IsBlank(text_[p])) ++p;
      const size_t indent = p - begin;
      if (p == end || text_[p] == '#' || text_[p] == '\r') return;  // blank or comment
      if (block_scalar_ != kNone) {
        if (indent > block_scalar_) return;  // a line of a `|` or `>` scalar
        block_scalar_ = kNone;
      }
      if (text_.substr(p, 3) == "---" || text_.substr(p, 3) == "...") {
        block_.clear();
        return;
      }
      while (!block_.empty() && block_.back() >= indent) block_.pop_back();
      if (text_[p] != '[' && text_[p] != '{') {  // a flow collection counts as flow only
        block_.push_back(indent);
        Check(p);
      }
      // `- - x`: every further indicator on the line is one level more.
      while (p < end && text_[p] == '-' && (p + 1 == end || IsBlank(text_[p + 1]))) {
        ++p;
        while (p < end && IsBlank(text_[p])) ++p;
        if (p < end && text_[p] == '-' && (p + 1 == end || IsBlank(text_[p + 1]))) {
          block_.push_back(p - begin);
          Check(p);
        }
      }
      line_indent_ = indent;
    }
    Content(p, end);
  }

  /// The rest of a line: quotes, comments, flow brackets and a block scalar indicator.
  void Content(size_t p, size_t end) {
    char previous = ' ';  // the last character that was not blank, outside quotes
    for (; p < end && !error_; ++p) {
      char c = text_[p];
      if (quote_ != 0) {
        if (quote_ == '"' && c == '\\') {
          ++p;
        } else if (c == quote_) {
          if (quote_ == '\'' && p + 1 < end && text_[p + 1] == '\'') {
            ++p;
          } else {
            quote_ = 0;
            previous = c;
          }
        }
        continue;
      }
      if (IsBlank(c) || c == '\r') continue;
      const bool at_value = previous == ' ' || previous == '-' || previous == ':' ||
                            previous == ',' || previous == '[' || previous == '{' ||
                            previous == '?';
      if (c == '#' && (p == 0 || IsBlank(text_[p - 1]))) return;  // a comment
      if ((c == '"' || c == '\'') && at_value) {
        quote_ = c;
      } else if ((c == '[' || c == '{') && (at_value || flow_ > 0)) {
        ++flow_;
        Check(p);
      } else if ((c == ']' || c == '}') && flow_ > 0) {
        --flow_;
      } else if ((c == '|' || c == '>') && flow_ == 0 && at_value) {
        block_scalar_ = line_indent_;
        return;
      } else if (at_value && flow_ == 0) {
        // A plain scalar: a key up to `: `, or a value to the end of the line (or to ` #`).
        size_t q = p;
        for (; q < end; ++q) {
          if (text_[q] == '#' && IsBlank(text_[q - 1])) return;
          if (text_[q] == ':' && (q + 1 == end || IsBlank(text_[q + 1]) || text_[q + 1] == '\r')) {
            break;
          }
        }
        if (q >= end) return;
        p = q;
        c = ':';
      }
      previous = c;
    }
  }

  static constexpr size_t kNone = SIZE_MAX;
  const base::SourceFile& file_;
  std::string_view text_;
  uint32_t max_;
  std::vector<size_t> block_;    // indentation of the open block collections
  size_t flow_ = 0;              // open flow collections
  char quote_ = 0;               // the quote of a quoted scalar still open
  size_t block_scalar_ = kNone;  // indentation of the line that opened a `|` or `>` scalar
  size_t line_indent_ = 0;
  std::optional<base::Diagnostic> error_;
};

}  // namespace

std::optional<base::Diagnostic> PrescanYaml(const base::SourceFile& file, uint32_t max_nesting) {
  return Prescan(file, max_nesting).Run();
}

}  // namespace treaty::facts
