#pragma once
/// `--format json`: the version-1 document of LANGUAGE.md §8, keys in the order the spec shows,
/// findings in report order, two-space indentation, a final newline. Byte-for-byte deterministic.

#include <string>
#include <string_view>
#include <vector>

#include "report/check_report.h"
#include "report/json_writer.h"

namespace treaty::report {

std::string RenderJson(const CheckReport& report);

/// One finding, one diagnostic, as objects of the version-1 document (for other JSON reports).
void WriteFinding(JsonWriter& w, const findings::Finding& f);
void WriteDiagnostic(JsonWriter& w, const base::Diagnostic& d, const base::SourceSet* sources);
/// `key: [diagnostic, …]`.
void WriteDiagnostics(JsonWriter& w, std::string_view key,
                      const std::vector<base::Diagnostic>& diagnostics,
                      const base::SourceSet* sources);
/// The `file` and `line` keys of a location, inside an object already open.
void WriteLocationKeys(JsonWriter& w, const findings::Location& l);
/// The summary's counts as keys, inside an object already open: facts, clauses, errors,
/// warnings, infos, waived, pending, then defeated when `with_defeated`.
void WriteSummaryKeys(JsonWriter& w, const findings::Summary& s, bool with_defeated);

}  // namespace treaty::report
