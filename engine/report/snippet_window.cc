#include "report/snippet_window.h"

#include <algorithm>

#include "base/escape.h"
#include "base/utf8.h"

namespace treaty::report {

namespace {

// The start of the code point before byte `at` (at > 0).
size_t Previous(std::string_view s, size_t at) {
  do {
    --at;
  } while (at > 0 && base::IsUtf8Continuation(s[at]));
  return at;
}

// The byte after the code point that starts at `at` (at < size).
size_t Next(std::string_view s, size_t at) {
  do {
    ++at;
  } while (at < s.size() && base::IsUtf8Continuation(s[at]));
  return at;
}

}  // namespace

SnippetWindow ClipLine(std::string_view line, size_t begin, size_t end) {
  begin = std::min(begin, line.size());
  while (begin > 0 && begin < line.size() && base::IsUtf8Continuation(line[begin])) --begin;
  end = std::clamp(end, begin, line.size());
  // Up to kSnippetBefore code points before the span, then forward to kSnippetWidth in all;
  // when the line ends first, further back to fill the width.
  size_t start = begin, shown = 0;
  while (start > 0 && shown < kSnippetBefore) {
    start = Previous(line, start);
    ++shown;
  }
  size_t stop = begin;
  while (stop < line.size() && shown < kSnippetWidth) {
    stop = Next(line, stop);
    ++shown;
  }
  while (start > 0 && shown < kSnippetWidth) {
    start = Previous(line, start);
    ++shown;
  }
  const bool cut_left = start > 0, cut_right = stop < line.size();
  SnippetWindow w;
  if (cut_left) {
    w.text = "…";
    w.pad = " ";
  }
  // Each code point as it may safely be seen (base::VisibleText: ESC as `\x1b`, …), tabs kept;
  // the pad and the carets count the columns each takes.
  size_t carets = 0;
  for (size_t i = start; i < stop;) {
    const size_t next = Next(line, i);
    const std::string_view cp = line.substr(i, next - i);
    const std::string seen = cp == "\t" ? std::string(cp) : base::VisibleText(cp);
    const size_t columns = seen == cp ? 1 : seen.size();
    w.text += seen;
    if (i < begin) {
      w.pad.append(columns, cp == "\t" ? '\t' : ' ');
    } else if (i < end) {
      carets += columns;
    }
    i = next;
  }
  if (cut_right) w.text += "…";
  w.carets = std::max<size_t>(1, carets);
  return w;
}

}  // namespace treaty::report
