#include "diagnostics_output.h"

#include <fmt/format.h>

#include "report/diagnostic_text.h"
#include "terminal.h"

namespace treaty::cli {

void PrintDiagnostics(const std::vector<base::Diagnostic>& diagnostics,
                      const base::SourceSet& sources, const std::string& color, std::FILE* stream) {
  if (diagnostics.empty()) return;
  const report::TextStyle style{UseColor(color, stream)};
  std::fputs(report::RenderDiagnostics(diagnostics, sources, style).c_str(), stream);
}

void PrintError(const std::string& message) {
  std::fputs(fmt::format("error: {}\n", message).c_str(), stderr);
}

}  // namespace treaty::cli
