#pragma once
/// The part of a source line a diagnostic shows: the whole line when it is at most kSnippetWidth
/// code points long, else a window of kSnippetWidth code points around the span's start (about
/// kSnippetBefore of them before it), with "…" at each cut end, so a diagnostic on a 1 MB line
/// still prints one short line. Cuts fall on code point boundaries (UTF-8 safe); the pad puts
/// the carets under the right character. Control characters are shown escaped (base::VisibleText)
/// and the pad and carets count the columns of the escapes. Pure; O(kSnippetWidth) whatever the
/// line's length.

#include <cstddef>
#include <string>
#include <string_view>

namespace treaty::report {

inline constexpr size_t kSnippetWidth = 120;
inline constexpr size_t kSnippetBefore = 40;

struct SnippetWindow {
  std::string text;   // the shown part of the line, "…" marking a cut end
  std::string pad;    // spaces (tabs kept) that put the first caret under the span's start
  size_t carets = 1;  // code points of the span inside the window, at least 1
};

/// `begin` and `end` are byte offsets of the span in `line` (clamped to it).
SnippetWindow ClipLine(std::string_view line, size_t begin, size_t end);

}  // namespace treaty::report
