#include "store/sqlite.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include <fmt/format.h>

namespace treaty::store {

namespace {

// SQLite's own message first (what a user can act on), then what Treaty was doing.
base::Status Error(sqlite3* db, int rc, std::string_view context) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    detail +=
        ": another audit held the store's lock for longer than the lock timeout "
        "(`--lock-timeout SECONDS`)";
  }
  return base::Status::IoError(fmt::format("{} ({})", detail, context));
}

}  // namespace

// ---------------------------------------------------------------- Statement

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

base::Status Statement::Check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK) return base::Status::Ok();
  return Error(db_, rc, fmt::format("{} `{}`", what, sqlite3_sql(stmt_)));
}

base::Status Statement::Bind(int index, int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, index, value), "binding a parameter of");
}

base::Status Statement::Bind(int index, std::string_view value) {
  return Check(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      "binding a parameter of");
}

base::Status Statement::BindNull(int index) {
  return Check(sqlite3_bind_null(stmt_, index), "binding a parameter of");
}

base::Status Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

base::Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(db_, rc, fmt::format("running `{}`", sqlite3_sql(stmt_)));
}

base::Status Statement::Run() {
  auto stepped = Step();
  Reset();
  if (!stepped.ok()) return stepped.status();
  return base::Status::Ok();
}

void Statement::Reset() {
  // The error of a failed step is reported by Step; reset repeats it, so it is not checked.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::ColumnText(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// ---------------------------------------------------------------- Database

struct Database::BusyWait {
  int timeout_ms = 0;
  std::function<void()> on_wait;
  bool said = false;
  std::chrono::steady_clock::time_point since;

  // SQLite's busy handler: nonzero to try again. Sleeps a little longer each time, up to
  // 100 ms, until the timeout has passed; says once that it waits when that lasts 250 ms.
  static int Handler(void* self, int count) {
    auto* b = static_cast<BusyWait*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) b->since = now;
    const auto waited =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - b->since).count();
    if (waited >= b->timeout_ms) return 0;
    if (!b->said && waited >= 250 && b->on_wait) {
      b->said = true;
      b->on_wait();
    }
    const int64_t nap = std::min<int64_t>(
        {int64_t{1} << std::min(count, 7), 100, std::max<int64_t>(b->timeout_ms - waited, 1)});
    std::this_thread::sleep_for(std::chrono::milliseconds(nap));
    return 1;
  }
};

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), busy_(std::make_unique<BusyWait>()) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      busy_(std::move(other.busy_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    busy_ = std::move(other.busy_);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

base::Result<Database> Database::Open(const std::string& path, const Options& options) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return Error(raw, rc, fmt::format("opening `{}`", path));
  sqlite3_extended_result_codes(raw, 1);
  db.busy_->timeout_ms = std::max(options.busy_timeout_ms, 0);
  db.busy_->on_wait = options.on_wait;
  rc = sqlite3_busy_handler(raw, &BusyWait::Handler, db.busy_.get());
  if (rc != SQLITE_OK) return Error(raw, rc, "setting the busy handler");
  if (auto s = db.ExecScript("PRAGMA foreign_keys = ON;"); !s.ok()) return s;
  if (options.wal) {
    if (auto s = db.EnableWal(); !s.ok()) return s;
  }
  return db;
}

base::Status Database::EnableWal() {
  if (path_ == ":memory:" || path_.empty()) return base::Status::Ok();
  // Switching to WAL needs a moment of exclusive access, and SQLite does not always call the
  // busy handler for it: retry for as long as the busy timeout allows.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_->timeout_ms);
  for (;;) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, "PRAGMA journal_mode = WAL;", -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    std::string mode;
    if (rc == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      mode = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(stmt);
    if (rc == SQLITE_ROW) {
      if (mode != "wal") {
        return base::Status::IoError(
            fmt::format("cannot use WAL journaling for `{}` (got `{}`)", path_, mode));
      }
      break;
    }
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
      return Error(db_, rc, "switching to WAL journaling");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ExecScript("PRAGMA synchronous = NORMAL;");
}

base::Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(db_, rc, fmt::format("preparing `{}`", sql));
  }
  return Statement(db_, stmt);
}

base::Status Database::ExecScript(std::string_view sql) {
  const char* next = sql.data();
  const char* end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, next, static_cast<int>(end - next), &raw, &tail);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(raw);
      return Error(db_, rc, "preparing a script statement");
    }
    next = tail;
    if (raw == nullptr) continue;  // whitespace or a comment
    Statement stmt(db_, raw);
    for (;;) {
      auto stepped = stmt.Step();
      if (!stepped.ok()) return stepped.status();
      if (!stepped.value()) break;
    }
  }
  return base::Status::Ok();
}

base::Result<std::string> Database::QueryText(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  auto row = stmt.value().Step();
  if (!row.ok()) return row.status();
  return row.value() ? stmt.value().ColumnText(0) : std::string();
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

// ---------------------------------------------------------------- Transaction

base::Result<Transaction> Transaction::Begin(Database& db, Lock lock) {
  if (auto s = db.ExecScript(lock == Lock::kImmediate ? "BEGIN IMMEDIATE;" : "BEGIN;"); !s.ok()) {
    return s;
  }
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  // A rollback that fails leaves SQLite to roll back when the connection closes.
  if (db_ != nullptr) (void)db_->ExecScript("ROLLBACK;");
}

base::Status Transaction::Commit() {
  auto s = db_->ExecScript("COMMIT;");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace treaty::store
