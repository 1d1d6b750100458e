#pragma once
/// The result of a check as reporters see it: the as-of date, the summary, the findings (sorted
/// with findings::FindingLess), the run's diagnostics with the sources they point into, and the
/// portfolio's clauses (for formats that list rules or passing clauses). Every format renders
/// this one value. `treaty audit` adds agreement windows, exclusivity grants, waivers and the
/// comparison with the previous run for its HTML report.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "findings/finding.h"
#include "findings/run_record.h"

namespace treaty::report {

/// One clause of the portfolio as the SARIF and JUnit reporters describe it.
struct ClauseInfo {
  std::string id;         // "MSFT_2025/2.1"
  std::string agreement;  // "MSFT_2025"
  std::string title;
  std::string text;
  findings::Severity severity = findings::Severity::kError;
  findings::Location location;  // where the clause is written
};

/// A window of dates, [from, until) as YYYY-MM-DD; `until` empty when open-ended.
struct DateWindow {
  std::string from;
  std::string until;
};

/// An agreement as the audit report's timeline draws it.
struct AgreementInfo {
  std::string id;
  std::string title;
  DateWindow window;
};

/// A clause with an `exclusive` rule: what it grants and when (its effective window).
struct ExclusiveGrant {
  std::string clause;     // "MSFT_2025/2.1"
  std::string agreement;  // "MSFT_2025"
  std::string title;
  std::string grant;  // "deployment.cloud to Azure"
  DateWindow window;
};

/// The active span of a fact a finding cites; `end` empty when open-ended, both empty when
/// the fact's kind is timeless.
struct FactDates {
  std::string id;
  std::string start;
  std::string end;
};

/// What changed since the previous completed run with the same roots.
using findings::RunChanges;

struct CheckReport {
  std::string tool_version;  // Treaty's version, for formats that name the tool (SARIF)
  std::string as_of;         // YYYY-MM-DD
  findings::Summary summary;
  std::vector<findings::Finding> findings;
  std::vector<base::Diagnostic> diagnostics;  // sorted
  const base::SourceSet* sources = nullptr;   // for diagnostics' paths and snippets
  /// Every clause of the portfolio, sorted by id; empty when the portfolio did not compile
  /// (reporters then describe only the clauses that have findings).
  std::vector<ClauseInfo> clauses;

  // Filled by `treaty audit` for its HTML report; empty for `treaty check`.
  std::string label;
  std::vector<AgreementInfo> agreements;        // in portfolio order
  std::vector<ExclusiveGrant> exclusives;       // in portfolio order
  std::vector<findings::WaiverRecord> waivers;  // the portfolio's (a stored run: those applied)
  std::vector<FactDates> fact_dates;            // the facts the findings cite, sorted by id
  const RunChanges* changes = nullptr;
};

/// A run read back from the audit store as a report: its as-of date, label, summary, findings
/// and the waivers it applied (without approver and reason, which are not stored). No
/// diagnostics; the caller sets `sources`, `changes` and `tool_version`.
CheckReport StoredRunReport(const findings::RunInfo& info, std::vector<findings::Finding> findings);

/// `report.clauses` plus any clause that has a finding but is missing there (described from
/// the finding), sorted by id.
std::vector<ClauseInfo> ReportedClauses(const CheckReport& report);

}  // namespace treaty::report
