#include "store/schema.h"

#include <cstdlib>

#include <fmt/format.h>

namespace treaty::store {

namespace {

// INVARIANT: never edit a released schema or migration; add a migration instead.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE runs (
  id                 INTEGER PRIMARY KEY,
  started_at         TEXT NOT NULL,
  finished_at        TEXT,
  completed          INTEGER NOT NULL DEFAULT 0,
  as_of              TEXT NOT NULL,
  label              TEXT NOT NULL DEFAULT '',
  policy_digest      TEXT NOT NULL,
  fact_digest        TEXT NOT NULL,
  policy_roots       TEXT NOT NULL,
  fact_roots         TEXT NOT NULL,
  facts              INTEGER NOT NULL,
  clauses            INTEGER NOT NULL,
  errors             INTEGER NOT NULL,
  warnings           INTEGER NOT NULL,
  infos              INTEGER NOT NULL,
  waived             INTEGER NOT NULL,
  pending            INTEGER NOT NULL,
  defeated           INTEGER NOT NULL,
  findings           INTEGER NOT NULL,
  previous_run       INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  new_findings       INTEGER NOT NULL DEFAULT 0,
  resolved_findings  INTEGER NOT NULL DEFAULT 0,
  unchanged_findings INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE clauses (
  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  clause    TEXT NOT NULL,
  agreement TEXT NOT NULL,
  title     TEXT NOT NULL,
  text      TEXT NOT NULL,
  file      TEXT NOT NULL,
  line      INTEGER NOT NULL,
  PRIMARY KEY (run_id, clause)
);
CREATE TABLE findings (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  fingerprint    TEXT NOT NULL,
  clause         TEXT NOT NULL,
  agreement      TEXT NOT NULL,
  title          TEXT NOT NULL,
  rule           TEXT NOT NULL,
  severity       TEXT NOT NULL,
  status         TEXT NOT NULL,
  message        TEXT NOT NULL,
  explanation    TEXT NOT NULL,
  conflicts_with TEXT NOT NULL,
  waived_by      TEXT,
  defeated_by    TEXT
);
CREATE INDEX findings_by_run ON findings(run_id, seq);
CREATE TABLE finding_facts (
  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  fact_id    TEXT NOT NULL,
  file       TEXT NOT NULL,
  line       INTEGER NOT NULL,
  PRIMARY KEY (finding_id, seq)
) WITHOUT ROWID;
CREATE TABLE waivers (
  run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  waiver   TEXT NOT NULL,
  clause   TEXT NOT NULL,
  until    TEXT,
  findings INTEGER NOT NULL,
  PRIMARY KEY (run_id, waiver)
);
CREATE TABLE changes (
  run_id              INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  change              TEXT NOT NULL CHECK (change IN ('new', 'resolved', 'unchanged')),
  fingerprint         TEXT NOT NULL,
  finding_id          INTEGER REFERENCES findings(id) ON DELETE CASCADE,
  previous_finding_id INTEGER REFERENCES findings(id) ON DELETE SET NULL
);
CREATE INDEX changes_by_run ON changes(run_id, change);
PRAGMA user_version = 1;
)sql";

// Version 2: how long a run took, and the indexes that make comparing runs and finding the
// previous run with the same roots a lookup instead of a scan.
constexpr std::string_view kMigrateV1ToV2 = R"sql(
ALTER TABLE runs ADD COLUMN duration_ms INTEGER;
CREATE INDEX findings_by_fingerprint ON findings(run_id, fingerprint);
CREATE INDEX runs_by_roots ON runs(policy_roots, fact_roots, completed, id);
PRAGMA user_version = 2;
)sql";

// kMigrations[i] takes a store from version i + 1 to version i + 2.
constexpr std::string_view kMigrations[] = {kMigrateV1ToV2};
static_assert(std::size(kMigrations) + 1 == kSchemaVersion);

}  // namespace

std::string_view SchemaV1() { return kSchemaV1; }

base::Result<int> SchemaVersionOf(Database& db) {
  auto text = db.QueryText("PRAGMA user_version;");
  if (!text.ok()) return text.status();
  return std::atoi(text.value().c_str());
}

base::Status Migrate(Database& db) {
  // Cheap check first: an up-to-date store needs no write lock.
  auto version = SchemaVersionOf(db);
  if (!version.ok()) return version.status();
  if (version.value() == kSchemaVersion) return base::Status::Ok();

  auto tx = Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  version = SchemaVersionOf(db);  // again, under the lock: another process may have migrated
  if (!version.ok()) return version.status();
  int v = version.value();
  if (v > kSchemaVersion || v < 0) {
    return base::Status::InvalidArgument(
        fmt::format("the audit store `{}` has schema version {}, newer than this Treaty knows "
                    "({}); use a newer treaty",
                    db.path(), v, kSchemaVersion));
  }
  if (v == 0) {
    auto tables = db.QueryText("SELECT count(*) FROM sqlite_master;");
    if (!tables.ok()) return tables.status();
    if (tables.value() != "0") {
      return base::Status::InvalidArgument(
          fmt::format("`{}` is an SQLite database but not a Treaty audit store", db.path()));
    }
    if (auto s = db.ExecScript(kSchemaV1); !s.ok()) return s;
    v = 1;
  }
  for (; v < kSchemaVersion; ++v) {
    if (auto s = db.ExecScript(kMigrations[v - 1]); !s.ok()) return s;
  }
  return tx.value().Commit();
}

}  // namespace treaty::store
