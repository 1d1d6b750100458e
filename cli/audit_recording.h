#pragma once
/// Where a `treaty audit` records its run: the audit store, opened (checked for damage, waiting
/// for another audit's write lock and saying so on stderr) when the first batch of findings
/// arrives, and a store::RunRecorder that stages each batch. The run itself is written in one
/// transaction by recorder().Finish.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "findings/finding.h"
#include "progress.h"
#include "store/audit_store.h"

namespace treaty::cli {

class AuditRecording {
 public:
  AuditRecording(std::string db, int lock_timeout)
      : db_(std::move(db)), lock_timeout_(lock_timeout) {}

  /// Stages one batch; after a failure, does nothing.
  void Add(const std::vector<findings::Finding>& batch, Progress& progress);
  /// True when the store is open and every batch was staged.
  bool ok() const { return !failure_ && recorder_; }
  /// Why the run cannot be recorded (when !ok()).
  std::string failure() const { return failure_.value_or("the run was not recorded"); }
  store::RunRecorder& recorder() { return *recorder_; }

 private:
  std::string db_;
  int lock_timeout_;
  std::optional<store::AuditStore> store_;
  std::optional<store::RunRecorder> recorder_;
  std::optional<std::string> failure_;
};

}  // namespace treaty::cli
