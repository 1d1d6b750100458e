#pragma once
/// The audit store: a SQLite file holding the runs of `treaty audit`, their findings (with
/// fingerprints), the clauses and facts they cite, the waivers applied, and each run's
/// comparison with the previous completed run over the same policy and fact roots
/// (docs/audit-store.md). Consumes findings::Finding values; knows nothing of the parser.
/// One AuditStore is one connection: use it from one thread; several processes may share a
/// file (WAL; writers queue on a busy timeout and each run is one transaction).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "findings/finding.h"
#include "findings/run_record.h"

namespace treaty::store {

class Database;

using findings::RunChanges;
using findings::RunInfo;
using findings::RunRecord;
using findings::StatusChange;
using findings::WaiverRecord;

struct StoredRun {
  RunInfo info;
  std::vector<findings::Finding> findings;  // in report order, as rendered when recorded
};

struct OpenOptions {
  bool create = true;            // create a new store when the file is missing
  int busy_timeout_ms = 300000;  // how long to wait for another process's write lock
  /// Called once when the store's lock is held by another process for a moment and this one
  /// waits for it (to say so). May be empty.
  std::function<void()> on_wait;
  /// Run `PRAGMA quick_check` at open and refuse a damaged store (for a store about to be
  /// written: a corrupt file is not made worse). Costs a read of the whole file.
  bool check_integrity = false;
};

/// Called while a run is stored: findings written so far, and the total.
using StoreProgress = std::function<void(size_t stored, size_t total)>;

class AuditStore;
class Statement;

/// What the store keeps of a clause a run's findings cite.
struct ClauseRow {
  std::string agreement;
  std::string title;
  std::string text;
  findings::Location location;
};

/// One run being recorded, for a run whose findings come in batches (a streamed audit). Add
/// stages findings in any order in the connection's temporary tables (no lock on the store;
/// SQLite spills them to a temporary file, so memory stays bounded). Finish writes the run and
/// its findings, in report order, in one transaction, and compares it with the previous run
/// as RecordRun does. A recorder dropped without Finish leaves the store as it was. Use one
/// recorder at a time per AuditStore.
class RunRecorder {
 public:
  RunRecorder(RunRecorder&&) noexcept;
  RunRecorder& operator=(RunRecorder&&) = delete;
  ~RunRecorder();

  base::Status Add(const std::vector<findings::Finding>& findings,
                   const StoreProgress& progress = {});
  /// The findings staged so far.
  size_t staged() const { return staged_; }
  base::Result<RunChanges> Finish(const RunRecord& run, size_t list_limit = SIZE_MAX);

 private:
  friend class AuditStore;
  explicit RunRecorder(AuditStore& store);
  AuditStore* store_;
  std::unique_ptr<Statement> insert_finding_;
  std::unique_ptr<Statement> insert_fact_;
  std::map<std::string, ClauseRow> clauses_;
  size_t staged_ = 0;
};

class AuditStore {
 public:
  AuditStore(AuditStore&&) noexcept;
  AuditStore& operator=(AuditStore&&) noexcept;
  ~AuditStore();

  /// Opens (or creates) the store at `path` (":memory:" for tests) and migrates its schema.
  /// Before anything is written (even the switch to WAL), refuses with InvalidArgument a
  /// store whose schema version is negative or newer than this Treaty knows, an SQLite file
  /// that is not a Treaty store, and (check_integrity) a store that fails `quick_check`.
  static base::Result<AuditStore> Open(const std::string& path, const OpenOptions& options = {});

  /// Records a completed run and its findings in one transaction, compares it with the latest
  /// earlier completed run with the same policy and fact roots, and stores the comparison.
  /// `list_limit` bounds the findings listed in the returned comparison.
  base::Result<RunChanges> RecordRun(const RunRecord& run,
                                     const std::vector<findings::Finding>& findings,
                                     size_t list_limit = SIZE_MAX,
                                     const StoreProgress& progress = {});

  /// Starts recording a run whose findings come in batches (see RunRecorder).
  base::Result<RunRecorder> StartRun();

  /// Completed runs, newest first.
  base::Result<std::vector<RunInfo>> History();
  /// One completed run with its findings and waivers; NotFound when there is none.
  base::Result<StoredRun> LoadRun(int64_t id);
  /// What changed from run `before` to run `after` (any two completed runs).
  base::Result<RunChanges> Compare(int64_t before, int64_t after, size_t list_limit = SIZE_MAX);
  /// The comparison stored when `run` was recorded (base nullopt when it had no previous run).
  base::Result<RunChanges> RecordedComparison(int64_t run, size_t list_limit = SIZE_MAX);

 private:
  friend class RunRecorder;
  explicit AuditStore(std::unique_ptr<Database> db);
  std::unique_ptr<Database> db_;
};

}  // namespace treaty::store
