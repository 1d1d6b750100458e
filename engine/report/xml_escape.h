#pragma once
/// Text for XML 1.0 documents: markup characters escaped, and anything XML cannot carry
/// (control characters other than tab and line ends, invalid UTF-8, U+FFFE/U+FFFF) replaced by
/// U+FFFD, so every output is well-formed. In attributes, tab and line ends are escaped too so
/// they survive attribute normalisation.

#include <string>
#include <string_view>

namespace treaty::report {

void AppendXmlEscaped(std::string& out, std::string_view s, bool attribute);
std::string XmlEscape(std::string_view s, bool attribute = false);

}  // namespace treaty::report
