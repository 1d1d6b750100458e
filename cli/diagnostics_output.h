#pragma once
/// How a command prints the problems it meets: diagnostics as text, coloured per --color when
/// the stream is a terminal, and one-line errors `error: MESSAGE` on stderr.

#include <cstdio>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace treaty::cli {

/// Prints nothing when `diagnostics` is empty. `color` is the --color mode.
void PrintDiagnostics(const std::vector<base::Diagnostic>& diagnostics,
                      const base::SourceSet& sources, const std::string& color,
                      std::FILE* stream = stderr);

/// `message` comes without its final newline; it may span lines.
void PrintError(const std::string& message);

}  // namespace treaty::cli
