#pragma once
/// `--format json`: the version-1 document of LANGUAGE.md §8, keys in the order the spec shows,
/// findings in report order, two-space indentation, a final newline. Byte-for-byte deterministic.

#include <string>

#include "report/check_report.h"
#include "report/json_writer.h"

namespace treaty::report {

std::string RenderJson(const CheckReport& report);

/// One finding, one diagnostic, as objects of the version-1 document (for other JSON reports).
void WriteFinding(JsonWriter& w, const findings::Finding& f);
void WriteDiagnostic(JsonWriter& w, const base::Diagnostic& d, const base::SourceSet* sources);

}  // namespace treaty::report
