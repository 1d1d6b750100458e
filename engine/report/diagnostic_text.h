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

/// Every diagnostic, each followed by a blank line, then a summary line such as
/// "2 errors, 1 warning" (nothing when the list is empty).
std::string RenderDiagnostics(const std::vector<base::Diagnostic>& diags,
                              const base::SourceSet& sources, const TextStyle& style = {});

}  // namespace treaty::report
