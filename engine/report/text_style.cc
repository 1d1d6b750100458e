#include "report/text_style.h"

namespace treaty::report {

Palette MakePalette(const TextStyle& style) {
  if (!style.color) return {};
  return Palette{.error = "\x1b[1;31m",
                 .warning = "\x1b[1;33m",
                 .info = "\x1b[1;36m",
                 .ok = "\x1b[1;32m",
                 .accent = "\x1b[1;34m",
                 .dim = "\x1b[2m",
                 .bold = "\x1b[1m",
                 .reset = "\x1b[0m"};
}

const char* SeverityColor(const Palette& p, base::Severity s) {
  switch (s) {
    case base::Severity::kError:
      return p.error;
    case base::Severity::kWarning:
      return p.warning;
    case base::Severity::kInfo:
      return p.info;
  }
  return p.error;
}

}  // namespace treaty::report
