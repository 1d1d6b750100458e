#pragma once
/// The audit store's schema (docs/audit-store.md): the DDL of version 1 and the forward
/// migrations to the current version, recorded in `PRAGMA user_version`. A new store is built
/// by running version 1 and then every migration, so the migration path is the one code path.

#include <string_view>

#include "base/status.h"
#include "store/sqlite.h"

namespace treaty::store {

inline constexpr int kSchemaVersion = 2;

/// The first schema, exactly as Treaty 0.1 created it (tests use it to build an old store).
std::string_view SchemaV1();

/// Brings `db` to kSchemaVersion inside one BEGIN IMMEDIATE transaction: creates the schema
/// in an empty database, applies the migrations after the version it finds, and refuses a
/// store written by a newer Treaty. Safe when several processes open a new store at once.
base::Status Migrate(Database& db);

/// The schema version of `db` (its `PRAGMA user_version`).
base::Result<int> SchemaVersionOf(Database& db);

}  // namespace treaty::store
