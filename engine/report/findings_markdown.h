#pragma once
/// `--format markdown`: GitHub-flavoured Markdown fit for a pull-request comment: a heading, the
/// summary line, a table of findings (status, clause, title, facts with file:line, message) and
/// the diagnostics as plain text in a fenced block. Cell text is escaped (pipes, Markdown
/// punctuation, HTML; line breaks as <br>), so no value can break the table. Deterministic.

#include <string>

#include "report/check_report.h"

namespace treaty::report {

std::string RenderMarkdown(const CheckReport& report);

/// `s` with line ends as <br>, other control characters made visible (base::VisibleText) and
/// Markdown and HTML punctuation backslash-escaped: safe in a table cell.
std::string MarkdownCell(std::string_view s);

}  // namespace treaty::report
