#pragma once
/// `--format text`: findings grouped by agreement and clause, each with the clause's title,
/// location and an excerpt of its wording, then every finding's facts with their `file:line`,
/// the message, the explanation line by line, the waiver or defeat, and, for a channel
/// conflict, a plain sentence that two agreements disagree. Ends with the summary line.

#include <string>

#include "report/check_report.h"
#include "report/diagnostic_text.h"

namespace treaty::report {

std::string RenderText(const CheckReport& report, const TextStyle& style = {});

/// The closing line, e.g. "12 facts, 9 clauses: 2 errors, 1 warning, 0 infos; 1 waived,
/// 0 pending".
std::string SummaryLine(const findings::Summary& s);

}  // namespace treaty::report
