#pragma once
/// `--format csv`: RFC 4180 — a header row, then one row per finding in report order; fields
/// that hold a comma, a double quote, CR or LF are quoted with quotes doubled; CRLF line ends.
/// Several values in one field (facts, locations, conflicts) are joined with "; ", explanation
/// lines with LF. Diagnostics are not part of the table (the CLI prints them to stderr).
/// A field that starts with `=`, `+`, `-`, `@`, TAB or CR, which a spreadsheet would run as a
/// formula, is neutralised as OWASP recommends: quoted, with a `'` before its text.

#include <string>

#include "report/check_report.h"

namespace treaty::report {

std::string RenderCsv(const CheckReport& report);

/// One field, quoted when RFC 4180 requires it, neutralised when it would be a formula.
std::string CsvField(std::string_view s);

}  // namespace treaty::report
