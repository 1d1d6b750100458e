#pragma once
/// Renders diagnostics as text in the style of rustc/clang/Elm: a header with severity and
/// code, the `file:line:col`, the source line with carets under the span and the label, notes
/// at their own locations, and the help line. Pure: returns a string, prints nothing.

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "report/text_style.h"

namespace treaty::report {

std::string RenderDiagnostic(const base::Diagnostic& d, const base::SourceSet& sources,
                             const TextStyle& style = {});

/// At most this many diagnostics are rendered per file.
inline constexpr size_t kMaxDiagnosticsPerFile = 100;

/// Every diagnostic, each followed by a blank line, at most kMaxDiagnosticsPerFile per file
/// then "and N more diagnostics in FILE"; then a summary line such as "2 errors, 1 warning"
/// that counts every diagnostic (nothing when the list is empty).
std::string RenderDiagnostics(const std::vector<base::Diagnostic>& diags,
                              const base::SourceSet& sources, const TextStyle& style = {});

}  // namespace treaty::report
