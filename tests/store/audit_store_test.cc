// Unit tests of the audit store (store::AuditStore) on ":memory:" and on temporary files:
// recording runs, history, reading a run back, comparing runs, the migration from schema
// version 1, stable fingerprints and digests, and that a failed write leaves nothing behind.

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "base/worker.h"
#include "findings/fingerprint.h"
#include "store/audit_store.h"
#include "store/digest.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace treaty::store {
namespace {

using findings::Finding;
using findings::Status;

Finding MakeFinding(std::string clause, std::vector<std::string> facts,
                    Status status = Status::kOpen) {
  Finding f;
  f.clause = clause;
  f.agreement = clause.substr(0, clause.find('/'));
  f.title = "Title of " + clause;
  f.clause_text = "The text of " + clause + ".\n  Second line.";
  f.rule = findings::RuleKind::kExclusive;
  f.severity = findings::Severity::kError;
  f.status = status;
  for (const auto& id : facts) {
    f.facts.push_back(id);
    f.locations.push_back(findings::Location{"facts/" + id + ".yaml", 3});
  }
  f.clause_location = findings::Location{"policies/p.treaty", 12};
  f.message = "message about " + clause;
  f.explanation = {"when x == 1: true", "a line with a \\ backslash\nand a newline"};
  if (status == Status::kWaived) f.waived_by = "W-1";
  return f;
}

RunRecord MakeRecord(const std::string& label,
                     std::vector<std::string> facts_roots = {"fixtures"}) {
  RunRecord r;
  r.started_at = "2026-11-29T09:00:00Z";
  r.finished_at = "2026-11-29T09:00:01Z";
  r.duration_ms = 1000;
  r.as_of = "2026-11-29";
  r.label = label;
  r.policy_digest = "p";
  r.fact_digest = "f";
  r.policy_roots = {"policies"};
  r.fact_roots = std::move(facts_roots);
  r.summary.facts = 10;
  r.summary.clauses = 4;
  return r;
}

AuditStore OpenMemory() {
  auto store = AuditStore::Open(":memory:");
  REQUIRE(store.ok());
  return std::move(store.value());
}

std::vector<std::string> Keys(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) {
    std::string key = f.clause;
    for (const auto& id : f.facts) key += " " + id;
    out.push_back(key);
  }
  return out;
}

/// A temporary directory removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "treaty-store-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST_CASE("a new store has the current schema version", "[store]") {
  auto db = Database::Open(":memory:");
  REQUIRE(db.ok());
  REQUIRE(Migrate(db.value()).ok());
  auto v = SchemaVersionOf(db.value());
  REQUIRE(v.ok());
  CHECK(v.value() == kSchemaVersion);
  CHECK(kSchemaVersion == 2);
}

TEST_CASE("runs are recorded, listed newest first and compared with the previous run", "[store]") {
  AuditStore store = OpenMemory();
  std::vector<Finding> first = {MakeFinding("A/1", {"a"}), MakeFinding("A/2", {"b", "c"}),
                                MakeFinding("B/1", {"d"}, Status::kWaived)};
  auto r1 = store.RecordRun(MakeRecord("first"), first);
  REQUIRE(r1.ok());
  CHECK(r1.value().run == 1);
  CHECK_FALSE(r1.value().base.has_value());

  // A/1 resolved, A/2 unchanged (facts in another order), B/1 unchanged but now open, C/1 new.
  std::vector<Finding> second = {MakeFinding("A/2", {"c", "b"}), MakeFinding("B/1", {"d"}),
                                 MakeFinding("C/1", {"e"})};
  std::vector<std::pair<size_t, size_t>> progress;
  auto r2 = store.RecordRun(MakeRecord("second"), second, SIZE_MAX,
                            [&](size_t done, size_t total) { progress.emplace_back(done, total); });
  REQUIRE(r2.ok());
  const RunChanges& c = r2.value();
  CHECK(c.run == 2);
  REQUIRE(c.base.has_value());
  CHECK(*c.base == 1);
  CHECK(c.added_count == 1);
  CHECK(Keys(c.added) == std::vector<std::string>{"C/1 e"});
  CHECK(c.resolved_count == 1);
  CHECK(Keys(c.resolved) == std::vector<std::string>{"A/1 a"});
  CHECK(c.unchanged_count == 2);
  REQUIRE(c.changed.size() == 1);
  CHECK(c.changed[0].finding.clause == "B/1");
  CHECK(c.changed[0].before == Status::kWaived);
  CHECK(c.changed[0].finding.status == Status::kOpen);
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.back() == std::make_pair(size_t{3}, size_t{3}));

  auto history = store.History();
  REQUIRE(history.ok());
  REQUIRE(history.value().size() == 2);
  CHECK(history.value()[0].id == 2);
  CHECK(history.value()[0].record.label == "second");
  CHECK(history.value()[0].previous_run == std::optional<int64_t>(1));
  CHECK(history.value()[0].added == 1);
  CHECK(history.value()[0].resolved == 1);
  CHECK(history.value()[0].unchanged == 2);
  CHECK(history.value()[0].record.duration_ms == 1000);
  CHECK(history.value()[1].id == 1);
  CHECK_FALSE(history.value()[1].previous_run.has_value());

  SECTION("the live comparison of two runs matches the recorded one") {
    auto live = store.Compare(1, 2);
    REQUIRE(live.ok());
    CHECK(Keys(live.value().added) == Keys(c.added));
    CHECK(Keys(live.value().resolved) == Keys(c.resolved));
    CHECK(live.value().unchanged_count == 2);
    CHECK(live.value().changed_count == 1);
    auto back = store.Compare(2, 1);
    REQUIRE(back.ok());
    CHECK(Keys(back.value().added) == std::vector<std::string>{"A/1 a"});
    CHECK(Keys(back.value().resolved) == std::vector<std::string>{"C/1 e"});
  }
  SECTION("list limits cut the lists but not the counts") {
    auto live = store.Compare(1, 2, 0);
    REQUIRE(live.ok());
    CHECK(live.value().added.empty());
    CHECK(live.value().added_count == 1);
    CHECK(live.value().changed_count == 1);
  }
  SECTION("unknown runs are NotFound") {
    CHECK(store.LoadRun(7).status().code() == base::Status::Code::kNotFound);
    CHECK(store.Compare(1, 7).status().code() == base::Status::Code::kNotFound);
  }
  SECTION("a run over other roots is not compared with these") {
    auto r3 = store.RecordRun(MakeRecord("other", {"elsewhere"}), second);
    REQUIRE(r3.ok());
    CHECK_FALSE(r3.value().base.has_value());
    auto r4 = store.RecordRun(MakeRecord("third"), second);
    REQUIRE(r4.ok());
    CHECK(r4.value().base == std::optional<int64_t>(2));  // not 3
    CHECK(r4.value().added_count == 0);
    CHECK(r4.value().unchanged_count == 3);
  }
}

TEST_CASE("a stored run reads back as the findings that were recorded", "[store]") {
  AuditStore store = OpenMemory();
  Finding f = MakeFinding("MSFT_2025/2.1", {"dep-b", "dep-a"}, Status::kWaived);
  f.conflicts_with = {"AWS_2026/1.1", "GOOG/2"};
  f.explanation.push_back("");
  Finding g = MakeFinding("MSFT_2025/3.1", {});
  g.explanation.clear();
  g.rule = findings::RuleKind::kExists;
  g.severity = findings::Severity::kWarning;
  g.status = Status::kPending;
  RunRecord record = MakeRecord("x");
  record.summary.errors = 0;
  record.summary.waived = 1;
  record.summary.pending = 1;
  record.waivers = {WaiverRecord{"W-1", "MSFT_2025/2.1", "2026-12-31", 1, "", ""},
                    WaiverRecord{"W-2", "MSFT_2025/3.1", std::nullopt, 0, "", ""}};
  REQUIRE(store.RecordRun(record, {f, g}).ok());

  auto run = store.LoadRun(1);
  REQUIRE(run.ok());
  REQUIRE(run.value().findings.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const Finding& want = i == 0 ? f : g;
    const Finding& got = run.value().findings[i];
    CHECK(got.clause == want.clause);
    CHECK(got.agreement == want.agreement);
    CHECK(got.title == want.title);
    CHECK(got.clause_text == want.clause_text);
    CHECK(got.rule == want.rule);
    CHECK(got.severity == want.severity);
    CHECK(got.status == want.status);
    CHECK(got.facts == want.facts);
    CHECK(got.locations == want.locations);
    CHECK(got.clause_location == want.clause_location);
    CHECK(got.message == want.message);
    CHECK(got.explanation == want.explanation);
    CHECK(got.conflicts_with == want.conflicts_with);
    CHECK(got.waived_by == want.waived_by);
    CHECK(got.defeated_by == want.defeated_by);
  }
  const RunRecord& back = run.value().info.record;
  CHECK(back.label == "x");
  CHECK(back.as_of == "2026-11-29");
  CHECK(back.policy_roots == std::vector<std::string>{"policies"});
  CHECK(back.summary.waived == 1);
  CHECK(back.summary.pending == 1);
  REQUIRE(back.waivers.size() == 2);
  CHECK(back.waivers[0].until == std::optional<std::string>("2026-12-31"));
  CHECK_FALSE(back.waivers[1].until.has_value());
}

TEST_CASE("fingerprints and digests are stable", "[store]") {
  // Fixed values (computed independently with Python hashlib): changing them breaks every
  // comparison with runs already stored.
  Finding f = MakeFinding("MSFT_2025/2.1", {"dep-vertex-gpt5", "dep-azure-gpt5"});
  CHECK(findings::Fingerprint(f) == "5fdd1c6f1f5fb517");
  Finding moved = f;
  std::swap(moved.facts[0], moved.facts[1]);
  moved.status = Status::kWaived;
  moved.message = "another message";
  moved.locations[0].file = "elsewhere.yaml";
  CHECK(findings::Fingerprint(moved) == findings::Fingerprint(f));
  CHECK(findings::Fingerprint(MakeFinding("MSFT_2025/2.2", f.facts)) != findings::Fingerprint(f));
  CHECK(findings::Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(DigestFiles({}) == findings::Sha256Hex(""));
  CHECK(DigestFiles({{"a", "x"}, {"b", "y"}}) != DigestFiles({{"a", "xb"}, {"", "y"}}));
  CHECK(DigestFiles({{"p.treaty", "agreement A {}"}}) ==
        "11cf15afd0a056ea820d24272a6c63e631f31ca4858d5e1e5c103532f6a2f2aa");
}

TEST_CASE("a store made by schema version 1 migrates forward", "[store]") {
  TempDir dir;
  const std::string path = (dir.path / "v1.sqlite").string();
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db.value().ExecScript(SchemaV1()).ok());
    REQUIRE(db.value()
                .ExecScript(
                    "INSERT INTO runs (id, started_at, finished_at, completed, as_of, label,"
                    " policy_digest, fact_digest, policy_roots, fact_roots, facts, clauses, errors,"
                    " warnings, infos, waived, pending, defeated, findings)"
                    " VALUES (1, '2026-01-05T10:00:00Z', '2026-01-05T10:00:02Z', 1, '2026-01-05',"
                    " 'made by v1', 'p', 'f', 'policies', 'fixtures', 10, 4, 1, 0, 0, 0, 0, 0, 1);"
                    "INSERT INTO clauses VALUES (1, 'A/1', 'A', 'Title of A/1', 'text', 'p', 1);"
                    "INSERT INTO findings (id, run_id, seq, fingerprint, clause, agreement, title,"
                    " rule, severity, status, message, explanation, conflicts_with)"
                    " VALUES (1, 1, 0, 'stale', 'A/1', 'A', 'Title of A/1', 'forbid', 'error',"
                    " 'open', 'old message', '', '');"
                    "INSERT INTO finding_facts VALUES (1, 0, 'a', 'facts/a.yaml', 3);")
                .ok());
    auto v = SchemaVersionOf(db.value());
    REQUIRE(v.ok());
    REQUIRE(v.value() == 1);
  }
  auto store = AuditStore::Open(path);
  REQUIRE(store.ok());
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    CHECK(SchemaVersionOf(db.value()).value() == kSchemaVersion);
    auto index = db.value().QueryText(
        "SELECT name FROM sqlite_master WHERE name = 'findings_by_fingerprint'");
    REQUIRE(index.ok());
    CHECK(index.value() == "findings_by_fingerprint");
  }
  auto history = store.value().History();
  REQUIRE(history.ok());
  REQUIRE(history.value().size() == 1);
  CHECK(history.value()[0].record.label == "made by v1");
  CHECK(history.value()[0].record.duration_ms == -1);  // unknown: v1 did not record it

  auto old = store.value().LoadRun(1);
  REQUIRE(old.ok());
  REQUIRE(old.value().findings.size() == 1);
  CHECK(old.value().findings[0].facts == std::vector<std::string>{"a"});

  // A new run over the same roots is compared with the v1 run (the v1 row's fingerprint is not
  // a real one, so its finding reads as resolved and the new one as new).
  auto r2 = store.value().RecordRun(MakeRecord("after migration"), {MakeFinding("A/1", {"a"})});
  REQUIRE(r2.ok());
  CHECK(r2.value().base == std::optional<int64_t>(1));
  CHECK(r2.value().added_count == 1);
  CHECK(r2.value().resolved_count == 1);
}

TEST_CASE("stores the current Treaty cannot read are refused", "[store]") {
  TempDir dir;
  SECTION("a newer schema") {
    const std::string path = (dir.path / "new.sqlite").string();
    {
      auto db = Database::Open(path);
      REQUIRE(db.ok());
      REQUIRE(db.value().ExecScript("CREATE TABLE t (x); PRAGMA user_version = 99;").ok());
    }
    auto store = AuditStore::Open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().message().find("schema version 99") != std::string::npos);
  }
  SECTION("another application's database") {
    const std::string path = (dir.path / "other.sqlite").string();
    {
      auto db = Database::Open(path);
      REQUIRE(db.ok());
      REQUIRE(db.value().ExecScript("CREATE TABLE t (x);").ok());
    }
    auto store = AuditStore::Open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().message().find("not a Treaty audit store") != std::string::npos);
  }
  SECTION("a missing file when not creating") {
    OpenOptions options;
    options.create = false;
    auto store = AuditStore::Open((dir.path / "missing.sqlite").string(), options);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == base::Status::Code::kNotFound);
    CHECK_FALSE(std::filesystem::exists(dir.path / "missing.sqlite"));
  }
  SECTION("a file that is not a database") {
    const std::string path = (dir.path / "text.sqlite").string();
    FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("this is not a database, just some text that is long enough to be a header\n", f);
    std::fclose(f);
    CHECK_FALSE(AuditStore::Open(path).ok());
  }
}

TEST_CASE("a run recorded in batches reads back in report order", "[store]") {
  AuditStore store = OpenMemory();
  // Batches as a streamed audit hands them over: each sorted, not the whole.
  std::vector<Finding> first = {MakeFinding("B/1", {"b"}), MakeFinding("C/1", {"a"})};
  std::vector<Finding> second = {MakeFinding("A/1", {"z"}), MakeFinding("B/1", {"a", "c"}),
                                 MakeFinding("B/1", {"a"}, Status::kWaived),
                                 MakeFinding("B/1", {"a"})};
  second.back().message = "a later message";
  {
    auto recorder = store.StartRun();
    REQUIRE(recorder.ok());
    REQUIRE(recorder.value().Add(first).ok());
    REQUIRE(recorder.value().Add(second).ok());
    CHECK(recorder.value().staged() == 6);
    REQUIRE(recorder.value().Finish(MakeRecord("batches")).ok());
  }
  std::vector<Finding> want = first;
  want.insert(want.end(), second.begin(), second.end());
  std::sort(want.begin(), want.end(), findings::FindingLess);
  auto run = store.LoadRun(1);
  REQUIRE(run.ok());
  REQUIRE(run.value().findings.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    INFO("finding " << i);
    CHECK(run.value().findings[i].clause == want[i].clause);
    CHECK(run.value().findings[i].facts == want[i].facts);
    CHECK(run.value().findings[i].status == want[i].status);
    CHECK(run.value().findings[i].message == want[i].message);
    CHECK(run.value().findings[i].locations == want[i].locations);
  }
  CHECK(run.value().info.findings == 6);

  // A recorder dropped before Finish leaves nothing, and the next run stages from scratch.
  {
    auto dropped = store.StartRun();
    REQUIRE(dropped.ok());
    REQUIRE(dropped.value().Add(first).ok());
  }
  auto next = store.StartRun();
  REQUIRE(next.ok());
  REQUIRE(next.value().Add({MakeFinding("A/1", {"z"})}).ok());
  auto cmp = next.value().Finish(MakeRecord("after a dropped run"));
  REQUIRE(cmp.ok());
  REQUIRE(cmp.value().base == std::optional<int64_t>(1));
  CHECK(cmp.value().added_count == 0);
  CHECK(cmp.value().resolved_count == 5);
  CHECK(cmp.value().unchanged_count == 1);
  auto history = store.History();
  REQUIRE(history.ok());
  CHECK(history.value().size() == 2);
}

TEST_CASE("a run that fails half-way leaves the store as it was", "[store]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  {
    auto store = AuditStore::Open(path);
    REQUIRE(store.ok());
    REQUIRE(store.value().RecordRun(MakeRecord("good"), {MakeFinding("A/1", {"a"})}).ok());
  }
  {
    // Make the 3rd fact row fail, after the run row and two findings were written.
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db.value()
                .ExecScript("CREATE TRIGGER boom BEFORE INSERT ON finding_facts"
                            " WHEN NEW.fact_id = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;")
                .ok());
  }
  auto store = AuditStore::Open(path);
  REQUIRE(store.ok());
  auto failed = store.value().RecordRun(
      MakeRecord("bad"),
      {MakeFinding("A/1", {"a"}), MakeFinding("A/2", {"b"}), MakeFinding("A/3", {"boom"})});
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().message().find("boom") != std::string::npos);
  auto history = store.value().History();
  REQUIRE(history.ok());
  REQUIRE(history.value().size() == 1);
  CHECK(history.value()[0].record.label == "good");
  auto db = Database::Open(path);
  REQUIRE(db.ok());
  CHECK(db.value().QueryText("SELECT count(*) FROM findings").value() == "1");
  CHECK(db.value().QueryText("SELECT count(*) FROM runs").value() == "1");
  CHECK(db.value().QueryText("PRAGMA journal_mode").value() == "wal");
}

TEST_CASE("old runs can be pruned with a plain DELETE", "[store]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  auto store = AuditStore::Open(path);
  REQUIRE(store.ok());
  REQUIRE(store.value().RecordRun(MakeRecord("1"), {MakeFinding("A/1", {"a"})}).ok());
  REQUIRE(store.value().RecordRun(MakeRecord("2"), {MakeFinding("A/2", {"b"})}).ok());
  {
    auto db = Database::Open(path);  // foreign keys on, as in every Treaty connection
    REQUIRE(db.ok());
    REQUIRE(db.value().ExecScript("DELETE FROM runs WHERE id < 2;").ok());
    CHECK(db.value().QueryText("SELECT count(*) FROM findings").value() == "1");
    CHECK(db.value().QueryText("SELECT count(*) FROM finding_facts").value() == "1");
    CHECK(db.value().QueryText("PRAGMA foreign_key_check").value().empty());
  }
  auto history = store.value().History();
  REQUIRE(history.ok());
  REQUIRE(history.value().size() == 1);
  CHECK_FALSE(history.value()[0].previous_run.has_value());
  auto run = store.value().LoadRun(2);
  REQUIRE(run.ok());
  CHECK(run.value().findings.size() == 1);
  auto cmp = store.value().RecordedComparison(2);
  REQUIRE(cmp.ok());
  CHECK_FALSE(cmp.value().base.has_value());
}

TEST_CASE("two connections to one file both record their runs", "[store]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  auto a = AuditStore::Open(path);
  auto b = AuditStore::Open(path);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a.value().RecordRun(MakeRecord("a"), {MakeFinding("A/1", {"a"})}).ok());
  auto rb = b.value().RecordRun(MakeRecord("b"), {MakeFinding("A/1", {"a"})});
  REQUIRE(rb.ok());
  CHECK(rb.value().base == std::optional<int64_t>(1));
  CHECK(rb.value().unchanged_count == 1);
  CHECK(a.value().History().value().size() == 2);
}

}  // namespace
}  // namespace treaty::store

// ---------------------------------------------------------------- refused before any write

namespace treaty::store {
namespace {

std::string FileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A store with one run of `n` findings, closed (its WAL checkpointed into the file).
void MakeStore(const std::string& path, size_t n) {
  auto store = AuditStore::Open(path);
  REQUIRE(store.ok());
  std::vector<Finding> fs;
  for (size_t i = 0; i < n; ++i) fs.push_back(MakeFinding("A/1", {"fact-" + std::to_string(i)}));
  REQUIRE(store.value().RecordRun(MakeRecord("first"), fs).ok());
}

TEST_CASE("a store with a negative or unknown schema version is refused unmodified",
          "[store][store-refuse]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  MakeStore(path, 3);
  const int version = GENERATE(-1, -7, kSchemaVersion + 1);
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db.value().ExecScript(fmt::format("PRAGMA user_version = {};", version)).ok());
    REQUIRE(db.value().ExecScript("PRAGMA journal_mode = DELETE;").ok());  // the file alone
  }
  const std::string before = FileBytes(path);
  OpenOptions options;
  options.check_integrity = true;
  auto store = AuditStore::Open(path, options);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == base::Status::Code::kInvalidArgument);
  CHECK(store.status().message().find(fmt::format("schema version {},", version)) !=
        std::string::npos);
  CHECK(store.status().message().find("not modified") != std::string::npos);
  CHECK(FileBytes(path) == before);  // not even switched to WAL
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("a damaged store is refused before a run is written to it", "[store][store-refuse]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  MakeStore(path, 2000);
  {
    auto db = Database::Open(path);
    REQUIRE(db.ok());
    REQUIRE(db.value().ExecScript("PRAGMA journal_mode = DELETE;").ok());
  }
  std::string bytes = FileBytes(path);
  REQUIRE(bytes.size() > 8 * 4096);
  const size_t page = 4096;  // SQLite's default page size
  for (size_t i = 5 * page; i < 6 * page; ++i) bytes[i] = static_cast<char>(0xA5);  // a page
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  OpenOptions options;
  options.check_integrity = true;
  auto store = AuditStore::Open(path, options);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == base::Status::Code::kInvalidArgument);
  CHECK(store.status().message().find("is damaged") != std::string::npos);
  CHECK(FileBytes(path) == bytes);
  // Without the check (readers: history, show) the store still opens.
  CHECK(AuditStore::Open(path).ok());
}

TEST_CASE("a writer waits for another's lock up to its timeout and says so once",
          "[store][store-lock]") {
  TempDir dir;
  const std::string path = (dir.path / "audit.sqlite").string();
  MakeStore(path, 1);
  auto holder = Database::Open(path);
  REQUIRE(holder.ok());
  REQUIRE(holder.value().ExecScript("BEGIN IMMEDIATE;").ok());

  int waits = 0;
  OpenOptions options;
  options.on_wait = [&waits] { ++waits; };
  SECTION("the lock is not released in time: the run fails, naming --lock-timeout") {
    options.busy_timeout_ms = 600;
    auto store = AuditStore::Open(path, options);
    REQUIRE(store.ok());
    auto recorded = store.value().RecordRun(MakeRecord("late"), {MakeFinding("A/1", {"a"})});
    REQUIRE_FALSE(recorded.ok());
    CHECK(recorded.status().message().find("--lock-timeout") != std::string::npos);
    CHECK(waits == 1);
  }
  SECTION("the lock is released while it waits: the run lands") {
    options.busy_timeout_ms = 20000;
    auto store = AuditStore::Open(path, options);
    REQUIRE(store.ok());
    auto release = base::StartTask([&holder] {
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
      return holder.value().ExecScript("COMMIT;").ok();
    });
    auto recorded = store.value().RecordRun(MakeRecord("waited"), {MakeFinding("A/1", {"a"})});
    CHECK(release.Join());
    REQUIRE(recorded.ok());
    CHECK(waits == 1);
    CHECK(store.value().History().value().size() == 2);
  }
}

}  // namespace
}  // namespace treaty::store
