#pragma once
/// A cheap pass over a YAML fact file before yaml-cpp reads it, so that hostile text never
/// reaches the parser: bytes that are not UTF-8 (T0516: they would be copied into JSON and
/// SARIF output), control characters YAML does not allow, NUL included (T0518), and nesting
/// deeper than the limit (T0517): flow collections (`[`, `{`) are counted, and block
/// collections by their indentation and by `- ` indicators on one line. The nesting count never
/// exceeds the true depth by more than a line's continuation, so a valid fact is never refused;
/// the builder still checks the exact depth.

#include <cstdint>
#include <optional>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace treaty::facts {

/// The first problem of `file`, located, or nothing when yaml-cpp may read it.
std::optional<base::Diagnostic> PrescanYaml(const base::SourceFile& file, uint32_t max_nesting);

}  // namespace treaty::facts
