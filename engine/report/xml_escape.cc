#include "report/xml_escape.h"

#include <cstdint>

#include "base/utf8.h"

namespace treaty::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view s, bool attribute) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t len = base::DecodeUtf8At(s, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
          out += kReplacement;
        } else {
          out.append(s.substr(i, len));
        }
    }
    i += len;
  }
}

std::string XmlEscape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  AppendXmlEscaped(out, s, attribute);
  return out;
}

}  // namespace treaty::report
