#include "report/snippet_window.h"

#include <algorithm>

namespace treaty::report {

namespace {

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The start of the code point before byte `at` (at > 0).
size_t Previous(std::string_view s, size_t at) {
  do {
    --at;
  } while (at > 0 && Continuation(s[at]));
  return at;
}

// The byte after the code point that starts at `at` (at < size).
size_t Next(std::string_view s, size_t at) {
  do {
    ++at;
  } while (at < s.size() && Continuation(s[at]));
  return at;
}

}  // namespace

SnippetWindow ClipLine(std::string_view line, size_t begin, size_t end) {
  begin = std::min(begin, line.size());
  while (begin > 0 && begin < line.size() && Continuation(line[begin])) --begin;
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
  w.text.append(line.substr(start, stop - start));
  if (cut_right) w.text += "…";
  for (size_t i = start; i < begin; ++i) {
    if (!Continuation(line[i])) w.pad += line[i] == '\t' ? '\t' : ' ';
  }
  size_t carets = 0;
  for (size_t i = begin; i < std::min(end, stop); ++i) {
    if (!Continuation(line[i])) ++carets;
  }
  w.carets = std::max<size_t>(1, carets);
  return w;
}

}  // namespace treaty::report
