#pragma once
/// JSON for `treaty audit --format json` and `treaty audit diff --format json`: the run, its
/// summary and its comparison with the previous run, each changed finding with its
/// fingerprint; and the runs `treaty audit history --format json` lists. The findings themselves
/// are `treaty audit show RUN --format json`.

#include <cstdint>
#include <string>
#include <vector>

#include "findings/run_record.h"
#include "report/check_report.h"

namespace treaty::report {

/// {"version": 1, "run", "as_of", "label", "summary", "changes"}; needs report.changes.
std::string RenderAuditJson(const CheckReport& report, int64_t run);

/// {"version": 1, "runs": [...]} for `treaty audit history --format json`, newest first.
std::string RenderHistoryJson(const std::vector<findings::RunInfo>& runs);

/// {"version": 1, "from", "to", "new", "resolved", "unchanged", "changed_status",
/// "new_findings", "resolved_findings", "changed_findings"}.
std::string RenderChangesJson(const RunChanges& changes);

}  // namespace treaty::report
