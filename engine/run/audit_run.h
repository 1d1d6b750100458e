#pragma once
/// What `treaty audit` adds to a streamed check (run::RunStreamed): an AuditCollector sees the
/// findings as they stream past and keeps the waivers applied, the dates of the facts they
/// cite and (when a report lists them) the findings; then it describes the portfolio for the
/// HTML report (agreement windows, exclusivity grants, waivers with the findings each waived).
/// AuditRecord is the run as the audit store records it.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "check/model.h"
#include "facts/fact.h"
#include "findings/finding.h"
#include "findings/run_record.h"
#include "report/check_report.h"

namespace treaty::run {

class AuditCollector {
 public:
  explicit AuditCollector(bool keep_findings) : keep_findings_(keep_findings) {}

  /// One batch of findings with the facts they cite (a run::FindingSink's arguments).
  void Add(const std::vector<findings::Finding>& batch, const facts::FactSet& facts);
  /// The findings kept, in report order; empty unless keep_findings.
  std::vector<findings::Finding> TakeFindings();
  /// Fills `rep`'s agreements, exclusives, waivers and fact_dates (the facts cited, by id).
  void Describe(const check::Portfolio& portfolio, report::CheckReport& rep);

 private:
  bool keep_findings_;
  std::vector<findings::Finding> findings_;
  std::map<std::string, size_t> waived_;  // waiver id -> findings it waived
  std::map<std::string, report::FactDates> cited_;
};

/// The audit store's record of the run `rep` reports (described: its waivers filled), apart
/// from the roots and digests that identify its inputs (store::NormalizeRoots,
/// store::DigestRunInputs): the times given, as-of, label, summary, and the waivers that waived
/// at least one finding.
findings::RunRecord AuditRecord(const report::CheckReport& rep, std::string started_at,
                                std::string finished_at, int64_t duration_ms);

}  // namespace treaty::run
