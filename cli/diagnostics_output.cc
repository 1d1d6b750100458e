#include "diagnostics_output.h"

#include <fmt/format.h>

#include <string>

#include "report/diagnostic_text.h"
#include "terminal.h"

namespace treaty::cli {

void PrintDiagnostics(const std::vector<base::Diagnostic>& diagnostics,
                      const base::SourceSet& sources, const std::string& color, std::FILE* stream) {
  if (diagnostics.empty()) return;
  const report::TextStyle style{UseColor(color, stream)};
  std::string text = report::RenderDiagnostics(diagnostics, sources, style);
  // A NUL in a quoted source line would end the output under fputs and hide the rest: it is
  // shown as U+2400 (one column wide, so the carets stay in place).
  for (size_t at = text.find('\0'); at != std::string::npos; at = text.find('\0', at)) {
    text.replace(at, 1, "\u2400");
  }
  std::fwrite(text.data(), 1, text.size(), stream);
}

void PrintError(const std::string& message) {
  std::fputs(fmt::format("error: {}\n", message).c_str(), stderr);
}

}  // namespace treaty::cli
