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

namespace treaty::store {

class Database;

/// A waiver that waived at least one finding of a run.
struct WaiverRecord {
  std::string id;
  std::string clause;
  std::optional<std::string> until;  // YYYY-MM-DD; nullopt when it never expires
  size_t findings = 0;               // findings it waived in the run
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
  std::vector<std::string> policy_roots;  // as given on the command line or in treaty.yaml
  std::vector<std::string> fact_roots;
  findings::Summary summary;
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
  findings::Finding finding;  // as in the later run
  findings::Status before = findings::Status::kOpen;
};

/// Two runs compared by fingerprint. The lists hold at most the limit asked for (in report
/// order); the counts are always exact.
struct Comparison {
  int64_t run = 0;
  std::optional<int64_t> base;  // nullopt: no earlier completed run with the same roots
  size_t added_count = 0;
  size_t resolved_count = 0;
  size_t unchanged_count = 0;
  size_t changed_count = 0;  // of the unchanged, those whose status differs
  std::vector<findings::Finding> added;
  std::vector<findings::Finding> resolved;
  std::vector<StatusChange> changed;
};

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
  base::Result<Comparison> Finish(const RunRecord& run, size_t list_limit = SIZE_MAX);

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
  base::Result<Comparison> RecordRun(const RunRecord& run,
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
  base::Result<Comparison> Compare(int64_t before, int64_t after, size_t list_limit = SIZE_MAX);
  /// The comparison stored when `run` was recorded (base nullopt when it had no previous run).
  base::Result<Comparison> RecordedComparison(int64_t run, size_t list_limit = SIZE_MAX);

 private:
  friend class RunRecorder;
  explicit AuditStore(std::unique_ptr<Database> db);
  std::unique_ptr<Database> db_;
};

}  // namespace treaty::store
