#include "base/text.h"

namespace treaty::base {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string JoinWith(const std::vector<std::string>& items, std::string_view conjunction,
                     std::string_view quote) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (i + 1 == items.size()) {
        out += ' ';
        out += conjunction;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += quote;
    out += items[i];
    out += quote;
  }
  return out;
}

}  // namespace

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view conjunction) {
  return JoinWith(items, conjunction, "");
}

std::string TickedList(const std::vector<std::string>& items, std::string_view conjunction) {
  return JoinWith(items, conjunction, "`");
}

}  // namespace treaty::base
