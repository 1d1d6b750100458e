#include "syntax/literals.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace treaty::syntax {

namespace {

bool IsHex(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsBlank(char32_t c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

CodePointText DecodeString(const CodePointText& token, std::vector<BadEscape>* bad) {
  CodePointText out;
  const std::u32string& s = token.chars;
  size_t end = s.size();
  if (end >= 2 && s[end - 1] == '"') --end;  // an unterminated string has no closing quote
  size_t i = s.empty() ? 0 : 1;
  auto push = [&](char32_t c, size_t at) {
    out.chars.push_back(c);
    out.offsets.push_back(token.offsets[at]);
  };
  while (i < end) {
    if (s[i] != '\\' || i + 1 >= end) {
      push(s[i], i);
      ++i;
      continue;
    }
    const char32_t e = s[i + 1];
    size_t next = i + 2;
    bool ok = true;
    char32_t value = 0;
    switch (e) {
      case '"':
        value = '"';
        break;
      case '\\':
        value = '\\';
        break;
      case 'n':
        value = '\n';
        break;
      case 't':
        value = '\t';
        break;
      case 'u': {
        ok = false;
        if (next < end && s[next] == '{') {
          size_t j = next + 1;
          uint32_t v = 0;
          while (j < end && IsHex(s[j]) && j - next <= 6) {
            v = v * 16 + static_cast<uint32_t>(s[j] <= '9'   ? s[j] - '0'
                                               : s[j] <= 'F' ? s[j] - 'A' + 10
                                                             : s[j] - 'a' + 10);
            ++j;
          }
          if (j > next + 1 && j < end && s[j] == '}' && v <= 0x10FFFF &&
              !(v >= 0xD800 && v <= 0xDFFF)) {
            ok = true;
            value = v;
            next = j + 1;
          } else if (j < end && s[j] == '}') {
            next = j + 1;
          }
        }
        break;
      }
      default:
        ok = false;
    }
    if (ok) {
      push(value, i);
    } else {
      if (bad) {
        bad->push_back(BadEscape{token.offsets[i], token.offsets[next],
                                 EncodeUtf8(std::u32string_view(s).substr(i, next - i))});
      }
      for (size_t k = i; k < next; ++k) push(s[k], k);
    }
    i = next;
  }
  out.offsets.push_back(token.offsets[end]);
  return out;
}

CodePointText DecodeLongText(const CodePointText& token) {
  const size_t n = token.chars.size();
  const size_t begin = std::min<size_t>(3, n);
  const size_t end = n >= 6 && token.chars.substr(n - 3) == U"\"\"\"" ? n - 3 : n;
  // Split [begin, end) into lines, as [first, last) code point ranges.
  std::vector<std::pair<size_t, size_t>> lines;
  size_t start = begin;
  for (size_t i = begin; i < end; ++i) {
    if (token.chars[i] == '\n') {
      lines.push_back({start, i});
      start = i + 1;
    }
  }
  lines.push_back({start, std::max(start, end)});
  auto blank = [&](std::pair<size_t, size_t> l) {
    for (size_t i = l.first; i < l.second; ++i) {
      if (!IsBlank(token.chars[i])) return false;
    }
    return true;
  };
  bool first_is_content = true;
  if (lines.size() > 1 && blank(lines.front())) {
    lines.erase(lines.begin());
    first_is_content = false;
  }
  if (lines.size() > 1 && blank(lines.back())) lines.pop_back();
  // The common indentation of the non-blank lines after the first (of the first too when the
  // text starts on the line after the opening quotes).
  size_t common = SIZE_MAX;
  for (size_t k = first_is_content ? 1 : 0; k < lines.size(); ++k) {
    if (blank(lines[k])) continue;
    size_t indent = 0;
    while (lines[k].first + indent < lines[k].second &&
           (token.chars[lines[k].first + indent] == ' ' ||
            token.chars[lines[k].first + indent] == '\t')) {
      ++indent;
    }
    common = std::min(common, indent);
  }
  if (common == SIZE_MAX) common = 0;
  CodePointText out;
  for (size_t k = 0; k < lines.size(); ++k) {
    auto [first, last] = lines[k];
    if (k > 0) {
      out.chars.push_back('\n');
      out.offsets.push_back(token.offsets[first - 1]);
      first = std::min(last, first + common);
    } else if (!first_is_content) {
      first = std::min(last, first + common);
    }
    while (last > first && token.chars[last - 1] == '\r') --last;
    for (size_t i = first; i < last; ++i) {
      out.chars.push_back(token.chars[i]);
      out.offsets.push_back(token.offsets[i]);
    }
  }
  out.offsets.push_back(token.offsets[end]);
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  std::string digits;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      if (i == 0 || i + 1 >= text.size() || !is_digit(text[i - 1]) || !is_digit(text[i + 1])) {
        return std::nullopt;
      }
      continue;
    }
    digits += text[i];
  }
  if (digits.empty() || !is_digit(digits.front()) || !is_digit(digits.back())) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size() || errno == ERANGE) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseWholeNumber(std::string_view text) {
  if (text.find('.') != std::string_view::npos) return std::nullopt;
  auto v = ParseNumber(text);
  if (!v || *v > 9.0e15) return std::nullopt;
  return static_cast<int64_t>(*v);
}

ast::Date ParseDate(std::string_view text) {
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len && i < text.size(); ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  return ast::Date{num(0, 4), num(5, 2), num(8, 2)};
}

}  // namespace treaty::syntax
