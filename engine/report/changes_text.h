#pragma once
/// The comparison of two audit runs as text (`treaty audit`, `audit show`, `audit diff`): a
/// counts line, then one line per new, resolved and status-changed finding. Pure: returns
/// strings, prints nothing.

#include <string>

#include "report/check_report.h"
#include "report/diagnostic_text.h"

namespace treaty::report {

/// "2 new, 1 resolved, 19 unchanged" (+ " (1 changed status)" when some did).
std::string ChangesCountLine(const RunChanges& c);

/// One line per listed finding, e.g.
/// "  new       error    MSFT_2025/2.1 dep-vertex-gpt5: gpt-5 is served by …", then
/// "  … and N more new" when the list was cut short.
std::string RenderChangesList(const RunChanges& c, const TextStyle& style = {});

}  // namespace treaty::report
