#pragma once
/// A thin RAII layer over the SQLite C API: a Database owns a connection, a Statement owns a
/// prepared statement, a Transaction rolls back unless committed. Every call is checked and
/// failures come back as base::Status. Move-only; one connection per thread.

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace treaty::store {

class Database;

/// A prepared statement. Parameters are 1-based (as in SQLite), columns 0-based.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  base::Status Bind(int index, int64_t value);
  base::Status Bind(int index, std::string_view value);
  base::Status BindNull(int index);
  /// Binds `value`, or NULL when it is nullopt.
  base::Status Bind(int index, const std::optional<std::string>& value);

  /// Advances: true when a row is ready, false when the statement is done.
  base::Result<bool> Step();
  /// Steps a statement that returns no rows (INSERT, UPDATE, DDL) and resets it.
  base::Status Run();
  /// Resets the statement and clears its bindings so it can be run again.
  void Reset();

  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  base::Status Check(int rc, std::string_view what) const;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// One connection. Open applies the store's pragmas: foreign keys on, a busy handler that
/// waits up to a timeout for another connection's lock, and (unless `wal` is false; see
/// EnableWal) WAL journaling with synchronous=NORMAL for file databases (":memory:" keeps its
/// own journal).
class Database {
 public:
  struct Options {
    bool create = true;            // create the file when missing
    int busy_timeout_ms = 300000;  // how long a writer waits for another writer's lock
    bool wal = true;               // switch to WAL at Open (else call EnableWal)
    /// Called once per connection when it first has to wait for a lock for a moment (so a
    /// caller can say why it is waiting). May be empty.
    std::function<void()> on_wait;
  };

  Database() = default;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  static base::Result<Database> Open(const std::string& path, const Options& options);
  static base::Result<Database> Open(const std::string& path) { return Open(path, Options{}); }

  /// Compiles one SQL statement.
  base::Result<Statement> Prepare(std::string_view sql);
  /// Runs a script of SQL statements without parameters (DDL, pragmas), each prepared in turn.
  base::Status ExecScript(std::string_view sql);
  /// The first column of the first row of a parameterless query, as text ("" when no row).
  base::Result<std::string> QueryText(std::string_view sql);
  int64_t LastInsertRowId() const;
  const std::string& path() const { return path_; }
  /// WAL journaling and synchronous=NORMAL (file databases), retried within the busy timeout.
  base::Status EnableWal();

  struct BusyWait;  // the busy handler's state

 private:
  Database(sqlite3* db, std::string path);
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<BusyWait> busy_;  // stable address: SQLite holds a pointer to it
};

/// BEGIN IMMEDIATE on construction (the write lock is taken up front, so two writers queue on
/// the busy timeout instead of deadlocking on an upgrade), or a plain BEGIN for a transaction
/// that writes only this connection's temporary tables; ROLLBACK on destruction unless Commit
/// succeeded.
class Transaction {
 public:
  enum class Lock { kImmediate, kDeferred };
  static base::Result<Transaction> Begin(Database& db, Lock lock = Lock::kImmediate);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  base::Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;  // null once committed or moved from
};

}  // namespace treaty::store
