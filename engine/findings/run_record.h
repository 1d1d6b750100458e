#pragma once
/// A recorded run of `treaty audit` as plain values: what the run was (RunRecord), how history
/// lists it (RunInfo), the waivers it applied, and what changed against another run
/// (RunChanges). The audit store reads and writes them; report renders them; neither needs
/// the other.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "findings/finding.h"

namespace treaty::findings {

/// A waiver of the portfolio and how many findings of a run it waived. The HTML report lists
/// every waiver; a RunRecord holds those that waived at least one finding, and the store keeps
/// no approver or reason (read back empty).
struct WaiverRecord {
  std::string id;
  std::string clause;
  std::optional<std::string> until;  // YYYY-MM-DD; nullopt when it never expires
  size_t findings = 0;               // findings it waived in the run
  std::string approved_by;
  std::string reason;
};

/// What a run is, apart from its findings.
struct RunRecord {
  std::string started_at;   // UTC, "2026-11-29T09:30:00Z"
  std::string finished_at;  // when the findings were ready to store
  int64_t duration_ms = 0;
  std::string as_of;  // YYYY-MM-DD
  std::string label;
  std::string policy_digest;  // store::DigestFiles over the policy files
  std::string fact_digest;
  std::vector<std::string> policy_roots;  // normalised (store::NormalizeRoots)
  std::vector<std::string> fact_roots;
  Summary summary;
  std::vector<WaiverRecord> waivers;
};

/// A stored run as history lists it.
struct RunInfo {
  int64_t id = 0;
  RunRecord record;  // waivers left empty by History
  size_t findings = 0;
  std::optional<int64_t> previous_run;  // the run it was compared with when recorded
  size_t added = 0;                     // new, resolved and unchanged against previous_run
  size_t resolved = 0;
  size_t unchanged = 0;
};

/// A finding whose fingerprint is in both runs but whose status changed (waived -> open, …).
struct StatusChange {
  Finding finding;  // as in the later run
  Status before = Status::kOpen;
};

/// Two runs compared by fingerprint: what changed from `base` to `run` (`base` nullopt: the
/// first run over these roots). The lists hold at most the limit asked for (in report order);
/// the counts are always exact.
struct RunChanges {
  int64_t run = 0;
  std::optional<int64_t> base;
  size_t added_count = 0;
  size_t resolved_count = 0;
  size_t unchanged_count = 0;
  size_t changed_count = 0;  // of the unchanged, those whose status differs
  std::vector<Finding> added;
  std::vector<Finding> resolved;
  std::vector<StatusChange> changed;
};

}  // namespace treaty::findings
