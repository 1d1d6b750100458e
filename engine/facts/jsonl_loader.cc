#include "facts/jsonl_loader.h"

#include <array>
#include <cstring>
#include <string>

#include "base/diagnostic.h"
#include "base/utf8.h"

namespace treaty::facts {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// How the string scanner treats each byte: 0 plain, 1 `"`, 2 `\`, 3 control, 4 non-ASCII.
constexpr std::array<uint8_t, 256> kStringClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 3;
  for (int c = 0x80; c < 0x100; ++c) t[c] = 4;
  t['"'] = 1;
  t['\\'] = 2;
  return t;
}();

/// Parses one line into a RawRecord. On failure `error` says why and `error_at` where.
class LineParser {
 public:
  LineParser(std::string_view text, RawRecord& rec, uint32_t max_nesting)
      : text_(text), rec_(rec), max_nesting_(max_nesting) {}

  /// Parses the value in [begin, end) (a whole line); false on a syntax error.
  bool Parse(uint32_t begin, uint32_t end) {
    p_ = begin;
    end_ = end;
    error_ = nullptr;
    SkipSpace();
    RawNode root;
    if (!Value(kNoNode, root, 0)) return false;
    SkipSpace();
    if (p_ != end_) return Fail("unexpected text after the value");
    return true;
  }

  const char* error() const { return error_; }
  uint32_t error_at() const { return error_at_; }

 private:
  bool Fail(const char* why) {
    if (!error_) {
      error_ = why;
      error_at_ = p_;
    }
    return false;
  }
  void SkipSpace() {
    while (p_ < end_ && IsSpace(text_[p_])) ++p_;
  }
  char Peek() const { return p_ < end_ ? text_[p_] : '\0'; }

  /// Parses a value into `node` (key fields already set) and adds it under `parent`.
  bool Value(uint32_t parent, RawNode& node, uint32_t depth) {
    node.begin = p_;
    switch (Peek()) {
      case '{':
        return Object(parent, node, depth + 1);
      case '[':
        return Array(parent, node, depth + 1);
      case '"': {
        if (!String(node.text)) return false;
        node.type = RawType::kString;
        break;
      }
      case 't':
        if (!Word("true")) return false;
        node.type = RawType::kBool;
        break;
      case 'f':
        if (!Word("false")) return false;
        node.type = RawType::kBool;
        break;
      case 'n':
        if (!Word("null")) return false;
        node.type = RawType::kNull;
        break;
      default:
        if (!Number()) return false;
        node.type = RawType::kNumber;
        break;
    }
    node.end = p_;
    if (node.type != RawType::kString) node.text = text_.substr(node.begin, node.end - node.begin);
    rec_.Add(parent, node);
    return true;
  }

  bool Word(std::string_view w) {
    if (text_.substr(p_, std::min<size_t>(w.size(), end_ - p_)) != w) {
      return Fail("expected a value");
    }
    p_ += static_cast<uint32_t>(w.size());
    return true;
  }

  bool Number() {
    const uint32_t start = p_;
    if (Peek() == '-') ++p_;
    if (Peek() == '0') {
      ++p_;
    } else if (Peek() >= '1' && Peek() <= '9') {
      while (Peek() >= '0' && Peek() <= '9') ++p_;
    } else {
      p_ = start;
      return Fail("expected a value");
    }
    if (Peek() == '.') {
      ++p_;
      if (!(Peek() >= '0' && Peek() <= '9')) return Fail("expected a digit after `.`");
      while (Peek() >= '0' && Peek() <= '9') ++p_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++p_;
      if (Peek() == '+' || Peek() == '-') ++p_;
      if (!(Peek() >= '0' && Peek() <= '9')) return Fail("expected a digit in the exponent");
      while (Peek() >= '0' && Peek() <= '9') ++p_;
    }
    return true;
  }

  /// A string at p_ (on `"`); `out` views the file when it has no escape.
  bool String(std::string_view& out) {
    const uint32_t open = p_++;
    const uint32_t start = p_;
    // Fast path: a run without escapes.
    while (p_ < end_) {
      const unsigned char c = static_cast<unsigned char>(text_[p_]);
      const uint8_t cls = kStringClass[c];
      if (cls == 0) {
        ++p_;
        continue;
      }
      if (cls == 1) {
        out = text_.substr(start, p_ - start);
        ++p_;
        return true;
      }
      if (cls == 2) break;
      if (cls == 3) return Fail("control character in a string");
      const size_t n = base::Utf8SequenceLength(text_.substr(0, end_), p_);
      if (n == 0) return Fail("invalid UTF-8 in a string");
      p_ += static_cast<uint32_t>(n);
    }
    if (p_ >= end_) {
      p_ = open;
      return Fail("unterminated string");
    }
    // Slow path: unescape into an owned string.
    std::string s(text_.substr(start, p_ - start));
    while (p_ < end_) {
      const unsigned char c = static_cast<unsigned char>(text_[p_]);
      if (c == '"') {
        ++p_;
        out = rec_.Own(std::move(s));
        return true;
      }
      if (c < 0x20) return Fail("control character in a string");
      if (c >= 0x80) {
        size_t n = base::Utf8SequenceLength(text_.substr(0, end_), p_);
        if (n == 0) return Fail("invalid UTF-8 in a string");
        s.append(text_.substr(p_, n));
        p_ += static_cast<uint32_t>(n);
        continue;
      }
      if (c != '\\') {
        s += static_cast<char>(c);
        ++p_;
        continue;
      }
      const uint32_t escape = p_;
      if (++p_ >= end_) break;
      const char e = text_[p_++];
      switch (e) {
        case '"':
          s += '"';
          break;
        case '\\':
          s += '\\';
          break;
        case '/':
          s += '/';
          break;
        case 'b':
          s += '\b';
          break;
        case 'f':
          s += '\f';
          break;
        case 'n':
          s += '\n';
          break;
        case 'r':
          s += '\r';
          break;
        case 't':
          s += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (Peek() != '\\' || p_ + 1 >= end_ || text_[p_ + 1] != 'u') {
              p_ = escape;
              return Fail("unpaired surrogate in `\\u` escape");
            }
            p_ += 2;
            if (!Hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
              p_ = escape;
              return Fail("unpaired surrogate in `\\u` escape");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            p_ = escape;
            return Fail("unpaired surrogate in `\\u` escape");
          }
          base::AppendUtf8(s, cp);
          break;
        }
        default:
          p_ = escape;
          return Fail("invalid escape in a string");
      }
    }
    p_ = open;
    return Fail("unterminated string");
  }

  bool Hex4(uint32_t& cp) {
    for (int i = 0; i < 4; ++i) {
      const char c = Peek();
      uint32_t v;
      if (c >= '0' && c <= '9') {
        v = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return Fail("expected four hex digits after `\\u`");
      }
      cp = cp * 16 + v;
      ++p_;
    }
    return true;
  }

  bool Object(uint32_t parent, RawNode& node, uint32_t depth) {
    if (depth > max_nesting_) return Fail("values are nested too deeply");
    node.type = RawType::kMap;
    ++p_;           // {
    node.end = p_;  // the span of a fact is its `{`
    const uint32_t self = rec_.Add(parent, node);
    SkipSpace();
    if (Peek() == '}') {
      ++p_;
      return true;
    }
    while (true) {
      SkipSpace();
      if (Peek() != '"') return Fail("expected `\"` to start a key");
      RawNode child;
      child.key_begin = p_;
      if (!String(child.key)) return false;
      child.key_end = p_;
      child.key_type = RawType::kString;
      SkipSpace();
      if (Peek() != ':') return Fail("expected `:` after a key");
      ++p_;
      SkipSpace();
      if (!Value(self, child, depth)) return false;
      SkipSpace();
      if (Peek() == ',') {
        ++p_;
        continue;
      }
      if (Peek() == '}') {
        ++p_;
        return true;
      }
      return Fail("expected `,` or `}` after a value");
    }
  }

  bool Array(uint32_t parent, RawNode& node, uint32_t depth) {
    if (depth > max_nesting_) return Fail("values are nested too deeply");
    node.type = RawType::kList;
    const uint32_t self = rec_.Add(parent, node);
    ++p_;  // [
    SkipSpace();
    if (Peek() == ']') {
      ++p_;
      rec_.nodes[self].end = p_;
      return true;
    }
    while (true) {
      SkipSpace();
      RawNode child;
      if (!Value(self, child, depth)) return false;
      SkipSpace();
      if (Peek() == ',') {
        ++p_;
        continue;
      }
      if (Peek() == ']') {
        ++p_;
        rec_.nodes[self].end = p_;
        return true;
      }
      return Fail("expected `,` or `]` after a value");
    }
  }

  std::string_view text_;
  RawRecord& rec_;
  uint32_t max_nesting_;
  uint32_t p_ = 0;
  uint32_t end_ = 0;
  const char* error_ = nullptr;
  uint32_t error_at_ = 0;
};

}  // namespace

size_t LoadJsonl(base::SourceFile& file, Validator& validator, base::DiagnosticEngine& diags,
                 uint32_t max_nesting) {
  const std::string_view text = file.text();
  RawRecord rec;
  LineParser parser(text, rec, max_nesting);
  validator.Reserve(file.line_count() - file.first_line() + 1);
  size_t added = 0;
  uint32_t line = file.first_line() - 1;
  uint32_t begin = 0;
  if (file.base() == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") begin = 3;  // a byte order mark
  uint32_t line_start = 0;
  const uint32_t size = static_cast<uint32_t>(text.size());
  while (begin < size) {
    ++line;
    const void* nl = std::memchr(text.data() + begin, '\n', size - begin);
    const uint32_t end =
        nl ? static_cast<uint32_t>(static_cast<const char*>(nl) - text.data()) : size;
    uint32_t first = begin;
    while (first < end && IsSpace(text[first])) ++first;
    if (first < end) {
      const size_t reported = diags.all().size();
      rec.Clear();
      if (parser.Parse(first, end)) {
        // Column of the value: code points before it on its line (usually none).
        const uint32_t col =
            1 + static_cast<uint32_t>(base::CountCodePoints(
                    std::string_view(text).substr(line_start, first - line_start)));
        if (validator.Add(file, rec, 0, line, col)) ++added;
      } else {
        const uint32_t at = parser.error_at();
        diags.Add(
            base::MakeDiagnostic(base::DiagCode::T0510, file.MakeSpan(at, std::min(at + 1, end)),
                                 parser.error())
                .WithLabel("here")
                .WithHelp("each line of a `.jsonl` file is one JSON object; the line is skipped"));
      }
      // A streamed file keeps the lines its diagnostics show.
      if (file.streamed() && diags.all().size() != reported) file.KeepLine(line);
    }
    if (!nl) break;
    begin = end + 1;
    line_start = begin;
  }
  return added;
}

}  // namespace treaty::facts
