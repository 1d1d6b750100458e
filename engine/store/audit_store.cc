#include "store/audit_store.h"

#include <filesystem>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "findings/fingerprint.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace treaty::store {

namespace {

using base::Result;
using base::Status;

#define TREATY_RETURN_IF_ERROR(expr)    \
  do {                                  \
    if (Status s_ = (expr); !s_.ok()) { \
      return s_;                        \
    }                                   \
  } while (false)

// ---------------------------------------------------------------- encodings

// A list of lines as one TEXT value: joined by '\n', with '\\' and '\n' inside a line escaped
// as "\\\\" and "\\n", so that an empty list and a list of one empty line differ by a marker.
std::string EncodeLines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    for (char ch : lines[i]) {
      if (ch == '\\') {
        out += "\\\\";
      } else if (ch == '\n') {
        out += "\\n";
      } else {
        out += ch;
      }
    }
  }
  if (lines.size() == 1 && lines[0].empty()) out = "\\e";
  return out;
}

std::vector<std::string> DecodeLines(const std::string& text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  if (text == "\\e") return {""};
  lines.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '\n') {
      lines.emplace_back();
    } else if (ch == '\\' && i + 1 < text.size()) {
      lines.back() += text[++i] == 'n' ? '\n' : text[i];
    } else {
      lines.back() += ch;
    }
  }
  return lines;
}

std::string JoinRoots(const std::vector<std::string>& roots) {
  std::vector<std::string> copy = roots;
  return EncodeLines(copy);
}

template <typename Enum, typename NameFn>
Enum ParseName(const std::string& text, NameFn name, Enum last) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    if (name(static_cast<Enum>(i)) == text) return static_cast<Enum>(i);
  }
  return static_cast<Enum>(0);
}

findings::Status ParseStatus(const std::string& s) {
  return ParseName(s, findings::StatusName, findings::Status::kDefeated);
}
findings::Severity ParseSeverity(const std::string& s) {
  return ParseName(s, base::SeverityName, findings::Severity::kInfo);
}
findings::RuleKind ParseRule(const std::string& s) {
  return ParseName(s, findings::RuleKindName, findings::RuleKind::kExists);
}

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

// ---------------------------------------------------------------- reading findings back

/// Rebuilds findings::Finding values from their rows, with prepared statements reused across
/// findings and each run's cited clauses cached.
class FindingReader {
 public:
  static Result<FindingReader> Make(Database& db) {
    auto finding = db.Prepare(
        "SELECT run_id, clause, agreement, title, rule, severity, status, message, explanation,"
        " conflicts_with, waived_by, defeated_by FROM findings WHERE id = ?1");
    if (!finding.ok()) return finding.status();
    auto facts = db.Prepare(
        "SELECT fact_id, file, line FROM finding_facts WHERE finding_id = ?1 ORDER BY seq");
    if (!facts.ok()) return facts.status();
    auto clause =
        db.Prepare("SELECT text, file, line FROM clauses WHERE run_id = ?1 AND clause = ?2");
    if (!clause.ok()) return clause.status();
    return FindingReader(std::move(finding.value()), std::move(facts.value()),
                         std::move(clause.value()));
  }

  Result<findings::Finding> Read(int64_t id) {
    findings::Finding f;
    TREATY_RETURN_IF_ERROR(finding_.Bind(1, id));
    auto row = finding_.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) {
      finding_.Reset();
      return Status::Internal(fmt::format("finding {} is missing from the store", id));
    }
    const int64_t run = finding_.ColumnInt(0);
    f.clause = finding_.ColumnText(1);
    f.agreement = finding_.ColumnText(2);
    f.title = finding_.ColumnText(3);
    f.rule = ParseRule(finding_.ColumnText(4));
    f.severity = ParseSeverity(finding_.ColumnText(5));
    f.status = ParseStatus(finding_.ColumnText(6));
    f.message = finding_.ColumnText(7);
    f.explanation = DecodeLines(finding_.ColumnText(8));
    f.conflicts_with = DecodeLines(finding_.ColumnText(9));
    f.waived_by = finding_.ColumnText(10);
    f.defeated_by = finding_.ColumnText(11);
    finding_.Reset();

    TREATY_RETURN_IF_ERROR(facts_.Bind(1, id));
    for (;;) {
      auto fact = facts_.Step();
      if (!fact.ok()) return fact.status();
      if (!fact.value()) break;
      f.facts.push_back(facts_.ColumnText(0));
      f.locations.push_back(
          findings::Location{facts_.ColumnText(1), static_cast<uint32_t>(facts_.ColumnInt(2))});
    }
    facts_.Reset();

    auto key = std::make_pair(run, f.clause);
    auto it = clauses_.find(key);
    if (it == clauses_.end()) {
      ClauseInfo info;
      TREATY_RETURN_IF_ERROR(clause_.Bind(1, run));
      TREATY_RETURN_IF_ERROR(clause_.Bind(2, std::string_view(f.clause)));
      auto c = clause_.Step();
      if (!c.ok()) return c.status();
      if (c.value()) {
        info.text = clause_.ColumnText(0);
        info.location = {clause_.ColumnText(1), static_cast<uint32_t>(clause_.ColumnInt(2))};
      }
      clause_.Reset();
      it = clauses_.emplace(key, std::move(info)).first;
    }
    f.clause_text = it->second.text;
    f.clause_location = it->second.location;
    return f;
  }

 private:
  struct ClauseInfo {
    std::string text;
    findings::Location location;
  };
  FindingReader(Statement finding, Statement facts, Statement clause)
      : finding_(std::move(finding)), facts_(std::move(facts)), clause_(std::move(clause)) {}
  Statement finding_;
  Statement facts_;
  Statement clause_;
  std::map<std::pair<int64_t, std::string>, ClauseInfo> clauses_;
};

// Runs `stmt` (rows: finding id [, status before]) into `ids` up to `limit` rows; returns the
// number of rows.
Result<size_t> CollectIds(Statement& stmt, size_t limit,
                          std::vector<std::pair<int64_t, std::string>>& ids) {
  size_t n = 0;
  for (;;) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    if (n++ < limit) ids.emplace_back(stmt.ColumnInt(0), stmt.ColumnText(1));
  }
  stmt.Reset();
  return n;
}

// The three lists of a comparison, each from a query whose parameters are ?1 and ?2.
struct ComparisonQueries {
  std::string_view added;     // rows: finding id (in the later run)
  std::string_view resolved;  // rows: finding id (in the earlier run)
  std::string_view unchanged_count;
  std::string_view changed;  // rows: finding id (later run), status before
};

constexpr ComparisonQueries kLiveQueries = {
    "SELECT f.id, '' FROM findings f WHERE f.run_id = ?2 AND NOT EXISTS (SELECT 1 FROM "
    "findings p WHERE p.run_id = ?1 AND p.fingerprint = f.fingerprint) ORDER BY f.seq",
    "SELECT p.id, '' FROM findings p WHERE p.run_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
    "findings f WHERE f.run_id = ?2 AND f.fingerprint = p.fingerprint) ORDER BY p.seq",
    "SELECT count(*) FROM findings f WHERE f.run_id = ?2 AND EXISTS (SELECT 1 FROM findings p "
    "WHERE p.run_id = ?1 AND p.fingerprint = f.fingerprint)",
    "SELECT f.id, p.status FROM findings f JOIN findings p ON p.id = (SELECT min(q.id) FROM "
    "findings q WHERE q.run_id = ?1 AND q.fingerprint = f.fingerprint) WHERE f.run_id = ?2 AND "
    "f.status <> p.status ORDER BY f.seq",
};

// ?1 (the previous run) is bound but unused: `changes` already pairs the runs; ?2 is the run.
constexpr ComparisonQueries kRecordedQueries = {
    "SELECT c.finding_id, '' FROM changes c JOIN findings f ON f.id = c.finding_id WHERE "
    "c.run_id = ?2 AND c.change = 'new' ORDER BY f.seq",
    "SELECT c.previous_finding_id, '' FROM changes c JOIN findings p ON p.id = "
    "c.previous_finding_id WHERE c.run_id = ?2 AND c.change = 'resolved' ORDER BY p.seq",
    "SELECT count(*) FROM changes c WHERE c.run_id = ?2 AND c.change = 'unchanged'",
    "SELECT c.finding_id, p.status FROM changes c JOIN findings f ON f.id = c.finding_id JOIN "
    "findings p ON p.id = c.previous_finding_id WHERE c.run_id = ?2 AND "
    "c.change = 'unchanged' AND f.status <> p.status ORDER BY f.seq",
};

Result<RunChanges> RunComparison(Database& db, const ComparisonQueries& q, int64_t before,
                                 int64_t after, size_t limit) {
  RunChanges cmp;
  cmp.run = after;
  cmp.base = before;
  auto reader = FindingReader::Make(db);
  if (!reader.ok()) return reader.status();

  auto list = [&](std::string_view sql,
                  std::vector<std::pair<int64_t, std::string>>& ids) -> Result<size_t> {
    auto stmt = db.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, before));
    TREATY_RETURN_IF_ERROR(stmt.value().Bind(2, after));
    return CollectIds(stmt.value(), limit, ids);
  };
  std::vector<std::pair<int64_t, std::string>> added, resolved, changed;
  auto n = list(q.added, added);
  if (!n.ok()) return n.status();
  cmp.added_count = n.value();
  n = list(q.resolved, resolved);
  if (!n.ok()) return n.status();
  cmp.resolved_count = n.value();
  n = list(q.changed, changed);
  if (!n.ok()) return n.status();
  cmp.changed_count = n.value();
  {
    auto stmt = db.Prepare(q.unchanged_count);
    if (!stmt.ok()) return stmt.status();
    TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, before));
    TREATY_RETURN_IF_ERROR(stmt.value().Bind(2, after));
    auto row = stmt.value().Step();
    if (!row.ok()) return row.status();
    cmp.unchanged_count = static_cast<size_t>(stmt.value().ColumnInt(0));
  }
  for (const auto& [id, unused] : added) {
    auto f = reader.value().Read(id);
    if (!f.ok()) return f.status();
    cmp.added.push_back(std::move(f.value()));
  }
  for (const auto& [id, unused] : resolved) {
    auto f = reader.value().Read(id);
    if (!f.ok()) return f.status();
    cmp.resolved.push_back(std::move(f.value()));
  }
  for (const auto& [id, status] : changed) {
    auto f = reader.value().Read(id);
    if (!f.ok()) return f.status();
    cmp.changed.push_back(StatusChange{std::move(f.value()), ParseStatus(status)});
  }
  return cmp;
}

constexpr std::string_view kRunColumns =
    "id, started_at, finished_at, duration_ms, as_of, label, policy_digest, fact_digest, "
    "policy_roots, fact_roots, facts, clauses, errors, warnings, infos, waived, pending, "
    "defeated, findings, previous_run, new_findings, resolved_findings, unchanged_findings";

RunInfo ReadRunInfo(const Statement& s) {
  RunInfo info;
  auto count = [&](int col) { return static_cast<size_t>(s.ColumnInt(col)); };
  info.id = s.ColumnInt(0);
  RunRecord& r = info.record;
  r.started_at = s.ColumnText(1);
  r.finished_at = s.ColumnText(2);
  r.duration_ms = s.ColumnIsNull(3) ? -1 : s.ColumnInt(3);
  r.as_of = s.ColumnText(4);
  r.label = s.ColumnText(5);
  r.policy_digest = s.ColumnText(6);
  r.fact_digest = s.ColumnText(7);
  r.policy_roots = DecodeLines(s.ColumnText(8));
  r.fact_roots = DecodeLines(s.ColumnText(9));
  r.summary.facts = count(10);
  r.summary.clauses = count(11);
  r.summary.errors = count(12);
  r.summary.warnings = count(13);
  r.summary.infos = count(14);
  r.summary.waived = count(15);
  r.summary.pending = count(16);
  r.summary.defeated = count(17);
  info.findings = count(18);
  if (!s.ColumnIsNull(19)) info.previous_run = s.ColumnInt(19);
  info.added = count(20);
  info.resolved = count(21);
  info.unchanged = count(22);
  return info;
}

Result<RunInfo> LoadRunInfo(Database& db, int64_t id) {
  auto stmt =
      db.Prepare(fmt::format("SELECT {} FROM runs WHERE id = ?1 AND completed = 1", kRunColumns));
  if (!stmt.ok()) return stmt.status();
  TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, id));
  auto row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return Status::NotFound(fmt::format("no run {} in the audit store", id));
  return ReadRunInfo(stmt.value());
}

// ---------------------------------------------------------------- writing a run

// Findings are staged in this connection's temporary tables as they come, in any order and
// outside any lock on the store (SQLite keeps large temporary tables in a temporary file, so
// memory stays bounded). The staging tables take the columns of `findings` and `finding_facts`
// (a staged finding is its rowid), plus the sort keys. Finishing copies them into the store in
// report order, in the one write transaction of the run.
constexpr std::string_view kStagingTables = R"sql(
CREATE TEMP TABLE IF NOT EXISTS staged_findings AS
  SELECT 0 AS rank, '' AS facts_key, 0 AS status_rank, fingerprint, clause, agreement, title,
         rule, severity, status, message, explanation, conflicts_with, waived_by, defeated_by
  FROM findings WHERE 0;
CREATE TEMP TABLE IF NOT EXISTS staged_facts AS
  SELECT 0 AS sid, seq, fact_id, file, line FROM finding_facts WHERE 0;
DELETE FROM temp.staged_findings;
DELETE FROM temp.staged_facts;
)sql";

// The fact ids of a finding as one sort key: ids joined by U+0001, which sorts before any
// character an id holds in practice, so keys sort as the id lists do element by element.
std::string FactsKey(const std::vector<std::string>& ids) {
  std::string key;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) key += '\x01';
    key += ids[i];
  }
  return key;
}

class RunWriter {
 public:
  explicit RunWriter(Database& db) : db_(db) {}

  /// Writes the run row, the staged findings in report order, the clauses they cite, the
  /// waivers and the comparison; the caller holds the write transaction.
  Result<int64_t> Write(const RunRecord& run, size_t findings,
                        const std::map<std::string, ClauseRow>& clauses) {
    const std::string policy_roots = JoinRoots(run.policy_roots);
    const std::string fact_roots = JoinRoots(run.fact_roots);
    std::optional<int64_t> previous;
    {
      auto stmt = db_.Prepare(
          "SELECT id FROM runs WHERE policy_roots = ?1 AND fact_roots = ?2 AND completed = 1 "
          "ORDER BY id DESC LIMIT 1");
      if (!stmt.ok()) return stmt.status();
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, std::string_view(policy_roots)));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(2, std::string_view(fact_roots)));
      auto row = stmt.value().Step();
      if (!row.ok()) return row.status();
      if (row.value()) previous = stmt.value().ColumnInt(0);
    }

    // The run row first, not yet completed: if anything below fails the transaction rolls back,
    // and a reader never lists a run whose `completed` is 0.
    auto insert_run = db_.Prepare(
        "INSERT INTO runs (started_at, as_of, label, policy_digest, fact_digest, policy_roots,"
        " fact_roots, facts, clauses, errors, warnings, infos, waived, pending, defeated,"
        " findings, previous_run, duration_ms, completed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, 0)");
    if (!insert_run.ok()) return insert_run.status();
    Statement& r = insert_run.value();
    const auto& s = run.summary;
    int i = 1;
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(run.started_at)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(run.as_of)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(run.label)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(run.policy_digest)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(run.fact_digest)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(policy_roots)));
    TREATY_RETURN_IF_ERROR(r.Bind(i++, std::string_view(fact_roots)));
    for (size_t n : {s.facts, s.clauses, s.errors, s.warnings, s.infos, s.waived, s.pending,
                     s.defeated, findings}) {
      TREATY_RETURN_IF_ERROR(r.Bind(i++, static_cast<int64_t>(n)));
    }
    if (previous) {
      TREATY_RETURN_IF_ERROR(r.Bind(i++, *previous));
    } else {
      TREATY_RETURN_IF_ERROR(r.BindNull(i++));
    }
    TREATY_RETURN_IF_ERROR(r.Bind(i++, run.duration_ms));
    TREATY_RETURN_IF_ERROR(r.Run());
    const int64_t run_id = db_.LastInsertRowId();

    TREATY_RETURN_IF_ERROR(CopyStaged(run_id));
    TREATY_RETURN_IF_ERROR(WriteClauses(run_id, clauses));
    TREATY_RETURN_IF_ERROR(WriteWaivers(run_id, run.waivers));
    if (previous) TREATY_RETURN_IF_ERROR(WriteChanges(run_id, *previous));

    auto finish = db_.Prepare(
        "UPDATE runs SET completed = 1, finished_at = ?2,"
        " new_findings = (SELECT count(*) FROM changes WHERE run_id = ?1 AND change = 'new'),"
        " resolved_findings ="
        "  (SELECT count(*) FROM changes WHERE run_id = ?1 AND change = 'resolved'),"
        " unchanged_findings ="
        "  (SELECT count(*) FROM changes WHERE run_id = ?1 AND change = 'unchanged')"
        " WHERE id = ?1");
    if (!finish.ok()) return finish.status();
    TREATY_RETURN_IF_ERROR(finish.value().Bind(1, run_id));
    TREATY_RETURN_IF_ERROR(finish.value().Bind(2, std::string_view(run.finished_at)));
    TREATY_RETURN_IF_ERROR(finish.value().Run());
    return run_id;
  }

 private:
  // The staged findings numbered in report order (clause, fact ids, status, then message and
  // explanation, as the evaluator orders them) and copied into the run.
  Status CopyStaged(int64_t run_id) {
    static constexpr std::string_view kSteps[] = {
        "UPDATE temp.staged_findings SET rank = o.rn FROM (SELECT rowid AS sid, ROW_NUMBER()"
        " OVER (ORDER BY clause, facts_key, status_rank, message, explanation) - 1 AS rn"
        " FROM temp.staged_findings) AS o WHERE staged_findings.rowid = o.sid",
        "INSERT INTO findings (run_id, seq, fingerprint, clause, agreement, title, rule,"
        " severity, status, message, explanation, conflicts_with, waived_by, defeated_by)"
        " SELECT ?1, rank, fingerprint, clause, agreement, title, rule, severity, status,"
        " message, explanation, conflicts_with, waived_by, defeated_by"
        " FROM temp.staged_findings ORDER BY rank",
        "INSERT INTO finding_facts (finding_id, seq, fact_id, file, line)"
        " SELECT f.id, x.seq, x.fact_id, x.file, x.line FROM temp.staged_facts x"
        " JOIN temp.staged_findings s ON s.rowid = x.sid"
        " JOIN findings f ON f.run_id = ?1 AND f.seq = s.rank",
    };
    for (std::string_view sql : kSteps) {
      auto stmt = db_.Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      if (sql.find("?1") != std::string_view::npos) {
        TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, run_id));
      }
      TREATY_RETURN_IF_ERROR(stmt.value().Run());
    }
    return Status::Ok();
  }

  Status WriteClauses(int64_t run_id, const std::map<std::string, ClauseRow>& clauses) {
    auto stmt = db_.Prepare(
        "INSERT INTO clauses (run_id, clause, agreement, title, text, file, line)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt.ok()) return stmt.status();
    Statement& cs = stmt.value();
    for (const auto& [name, c] : clauses) {
      TREATY_RETURN_IF_ERROR(cs.Bind(1, run_id));
      TREATY_RETURN_IF_ERROR(cs.Bind(2, std::string_view(name)));
      TREATY_RETURN_IF_ERROR(cs.Bind(3, std::string_view(c.agreement)));
      TREATY_RETURN_IF_ERROR(cs.Bind(4, std::string_view(c.title)));
      TREATY_RETURN_IF_ERROR(cs.Bind(5, std::string_view(c.text)));
      TREATY_RETURN_IF_ERROR(cs.Bind(6, std::string_view(c.location.file)));
      TREATY_RETURN_IF_ERROR(cs.Bind(7, static_cast<int64_t>(c.location.line)));
      TREATY_RETURN_IF_ERROR(cs.Run());
    }
    return Status::Ok();
  }

  Status WriteWaivers(int64_t run_id, const std::vector<WaiverRecord>& waivers) {
    auto stmt = db_.Prepare(
        "INSERT INTO waivers (run_id, waiver, clause, until, findings) VALUES (?1, ?2, ?3, ?4, "
        "?5)");
    if (!stmt.ok()) return stmt.status();
    for (const auto& w : waivers) {
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, run_id));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(2, std::string_view(w.id)));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(3, std::string_view(w.clause)));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(4, w.until));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(5, static_cast<int64_t>(w.findings)));
      TREATY_RETURN_IF_ERROR(stmt.value().Run());
    }
    return Status::Ok();
  }

  // The comparison with the previous run, as rows of `changes`, computed inside SQLite.
  Status WriteChanges(int64_t run_id, int64_t previous) {
    static constexpr std::string_view kInserts[] = {
        "INSERT INTO changes (run_id, change, fingerprint, finding_id, previous_finding_id)"
        " SELECT ?1, 'new', f.fingerprint, f.id, NULL FROM findings f WHERE f.run_id = ?1 AND"
        " NOT EXISTS (SELECT 1 FROM findings p WHERE p.run_id = ?2 AND"
        " p.fingerprint = f.fingerprint)",
        "INSERT INTO changes (run_id, change, fingerprint, finding_id, previous_finding_id)"
        " SELECT ?1, 'resolved', p.fingerprint, NULL, p.id FROM findings p WHERE p.run_id = ?2"
        " AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.run_id = ?1 AND"
        " f.fingerprint = p.fingerprint)",
        "INSERT INTO changes (run_id, change, fingerprint, finding_id, previous_finding_id)"
        " SELECT ?1, 'unchanged', f.fingerprint, f.id, (SELECT min(p.id) FROM findings p WHERE"
        " p.run_id = ?2 AND p.fingerprint = f.fingerprint) FROM findings f WHERE f.run_id = ?1"
        " AND EXISTS (SELECT 1 FROM findings p WHERE p.run_id = ?2 AND"
        " p.fingerprint = f.fingerprint)",
    };
    for (std::string_view sql : kInserts) {
      auto stmt = db_.Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(1, run_id));
      TREATY_RETURN_IF_ERROR(stmt.value().Bind(2, previous));
      TREATY_RETURN_IF_ERROR(stmt.value().Run());
    }
    return Status::Ok();
  }

  Database& db_;
};

}  // namespace

AuditStore::AuditStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
AuditStore::AuditStore(AuditStore&&) noexcept = default;
AuditStore& AuditStore::operator=(AuditStore&&) noexcept = default;
AuditStore::~AuditStore() = default;

namespace {

// What can be told about a store without writing to it: its schema version is one this
// Treaty can migrate from, and (when asked) SQLite finds the file sound.
Status CheckStore(Database& db, bool integrity) {
  auto version = SchemaVersionOf(db);
  if (!version.ok()) return version.status();
  if (version.value() < 0 || version.value() > kSchemaVersion) {
    return Status::InvalidArgument(fmt::format(
        "the audit store `{}` has schema version {}, which this Treaty does not know (it knows "
        "1 to {}); it was written by a newer or another program: use a newer treaty, or another "
        "--db; the store was not modified",
        db.path(), version.value(), kSchemaVersion));
  }
  if (!integrity) return Status::Ok();
  auto check = db.Prepare("PRAGMA quick_check(5);");
  if (!check.ok()) return check.status();
  std::vector<std::string> problems;
  for (;;) {
    auto row = check.value().Step();
    if (!row.ok()) {
      // A file too damaged to read its pages fails here (SQLITE_CORRUPT, SQLITE_NOTADB).
      return Status::InvalidArgument(
          fmt::format("the audit store `{}` is damaged ({}); the run was not recorded and the "
                      "store was not modified: restore it from a backup, or use another --db",
                      db.path(), row.status().message()));
    }
    if (!row.value()) break;
    problems.push_back(check.value().ColumnText(0));
  }
  if (problems.size() == 1 && problems[0] == "ok") return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("the audit store `{}` is damaged (PRAGMA quick_check: {}); the run was not "
                  "recorded and the store was not modified: restore it from a backup, or use "
                  "another --db",
                  db.path(), fmt::join(problems, "; ")));
}

}  // namespace

Result<AuditStore> AuditStore::Open(const std::string& path, const OpenOptions& options) {
  if (!options.create && path != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::NotFound(fmt::format("no audit store at `{}`", path));
    }
  }
  Database::Options db_options;
  db_options.create = options.create;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  db_options.on_wait = options.on_wait;
  db_options.wal = false;  // not before the checks: switching to WAL writes the file
  auto fail = [&](const Status& s) {
    return Status::IoError(fmt::format("cannot open the audit store `{}`: {}", path, s.message()));
  };
  auto db = Database::Open(path, db_options);
  if (!db.ok()) return fail(db.status());
  auto owned = std::make_unique<Database>(std::move(db.value()));
  if (Status s = CheckStore(*owned, options.check_integrity); !s.ok()) {
    return s.code() == Status::Code::kInvalidArgument ? s : fail(s);
  }
  if (Status s = owned->EnableWal(); !s.ok()) return fail(s);
  if (Status s = Migrate(*owned); !s.ok()) {
    return s.code() == Status::Code::kInvalidArgument ? s : fail(s);
  }
  return AuditStore(std::move(owned));
}

Result<RunChanges> AuditStore::RecordRun(const RunRecord& run,
                                         const std::vector<findings::Finding>& findings,
                                         size_t list_limit, const StoreProgress& progress) {
  auto recorder = StartRun();
  if (!recorder.ok()) return recorder.status();
  TREATY_RETURN_IF_ERROR(recorder.value().Add(findings, progress));
  return recorder.value().Finish(run, list_limit);
}

Result<RunRecorder> AuditStore::StartRun() {
  TREATY_RETURN_IF_ERROR(db_->ExecScript(kStagingTables));
  auto finding = db_->Prepare(
      "INSERT INTO temp.staged_findings (facts_key, status_rank, fingerprint, clause,"
      " agreement, title, rule, severity, status, message, explanation, conflicts_with,"
      " waived_by, defeated_by)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!finding.ok()) return finding.status();
  auto fact = db_->Prepare(
      "INSERT INTO temp.staged_facts (sid, seq, fact_id, file, line) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!fact.ok()) return fact.status();
  RunRecorder recorder(*this);
  recorder.insert_finding_ = std::make_unique<Statement>(std::move(finding.value()));
  recorder.insert_fact_ = std::make_unique<Statement>(std::move(fact.value()));
  return recorder;
}

RunRecorder::RunRecorder(AuditStore& store) : store_(&store) {}
RunRecorder::RunRecorder(RunRecorder&&) noexcept = default;
RunRecorder::~RunRecorder() = default;

Status RunRecorder::Add(const std::vector<findings::Finding>& findings,
                        const StoreProgress& progress) {
  Database& db = *store_->db_;
  auto tx = Transaction::Begin(db, Transaction::Lock::kDeferred);  // temporary tables only
  if (!tx.ok()) return tx.status();
  Statement& fs = *insert_finding_;
  Statement& ffs = *insert_fact_;
  constexpr size_t kProgressEvery = 2000;
  for (size_t n = 0; n < findings.size(); ++n) {
    const findings::Finding& f = findings[n];
    if (clauses_.find(f.clause) == clauses_.end()) {
      clauses_.emplace(f.clause, ClauseRow{f.agreement, f.title, f.clause_text, f.clause_location});
    }
    int i = 1;
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, std::string_view(FactsKey(f.facts))));
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, static_cast<int64_t>(f.status)));
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, std::string_view(findings::Fingerprint(f))));
    for (std::string_view text :
         {std::string_view(f.clause), std::string_view(f.agreement), std::string_view(f.title),
          findings::RuleKindName(f.rule), base::SeverityName(f.severity),
          findings::StatusName(f.status), std::string_view(f.message)}) {
      TREATY_RETURN_IF_ERROR(fs.Bind(i++, text));
    }
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, std::string_view(EncodeLines(f.explanation))));
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, std::string_view(EncodeLines(f.conflicts_with))));
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, NullIfEmpty(f.waived_by)));
    TREATY_RETURN_IF_ERROR(fs.Bind(i++, NullIfEmpty(f.defeated_by)));
    TREATY_RETURN_IF_ERROR(fs.Run());
    const int64_t sid = db.LastInsertRowId();
    for (size_t k = 0; k < f.facts.size(); ++k) {
      findings::Location where = k < f.locations.size() ? f.locations[k] : findings::Location{};
      TREATY_RETURN_IF_ERROR(ffs.Bind(1, sid));
      TREATY_RETURN_IF_ERROR(ffs.Bind(2, static_cast<int64_t>(k)));
      TREATY_RETURN_IF_ERROR(ffs.Bind(3, std::string_view(f.facts[k])));
      TREATY_RETURN_IF_ERROR(ffs.Bind(4, std::string_view(where.file)));
      TREATY_RETURN_IF_ERROR(ffs.Bind(5, static_cast<int64_t>(where.line)));
      TREATY_RETURN_IF_ERROR(ffs.Run());
    }
    ++staged_;
    if (progress && ((n + 1) % kProgressEvery == 0 || n + 1 == findings.size())) {
      progress(n + 1, findings.size());
    }
  }
  return tx.value().Commit();
}

Result<RunChanges> RunRecorder::Finish(const RunRecord& run, size_t list_limit) {
  Database& db = *store_->db_;
  int64_t run_id = 0;
  {
    auto tx = Transaction::Begin(db);
    if (!tx.ok()) return tx.status();
    RunWriter writer(db);
    auto id = writer.Write(run, staged_, clauses_);
    if (!id.ok()) return id.status();  // the transaction rolls back
    TREATY_RETURN_IF_ERROR(tx.value().Commit());
    run_id = id.value();
  }
  (void)db.ExecScript("DELETE FROM temp.staged_findings; DELETE FROM temp.staged_facts;");
  return store_->RecordedComparison(run_id, list_limit);
}

Result<std::vector<RunInfo>> AuditStore::History() {
  auto stmt = db_->Prepare(
      fmt::format("SELECT {} FROM runs WHERE completed = 1 ORDER BY id DESC", kRunColumns));
  if (!stmt.ok()) return stmt.status();
  std::vector<RunInfo> runs;
  for (;;) {
    auto row = stmt.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    runs.push_back(ReadRunInfo(stmt.value()));
  }
  return runs;
}

Result<StoredRun> AuditStore::LoadRun(int64_t id) {
  StoredRun run;
  auto info = LoadRunInfo(*db_, id);
  if (!info.ok()) return info.status();
  run.info = std::move(info.value());

  auto waivers = db_->Prepare(
      "SELECT waiver, clause, until, findings FROM waivers WHERE run_id = ?1 ORDER BY waiver");
  if (!waivers.ok()) return waivers.status();
  TREATY_RETURN_IF_ERROR(waivers.value().Bind(1, id));
  for (;;) {
    auto row = waivers.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    Statement& w = waivers.value();
    WaiverRecord record;
    record.id = w.ColumnText(0);
    record.clause = w.ColumnText(1);
    if (!w.ColumnIsNull(2)) record.until = w.ColumnText(2);
    record.findings = static_cast<size_t>(w.ColumnInt(3));
    run.info.record.waivers.push_back(std::move(record));
  }

  auto reader = FindingReader::Make(*db_);
  if (!reader.ok()) return reader.status();
  auto ids = db_->Prepare("SELECT id FROM findings WHERE run_id = ?1 ORDER BY seq");
  if (!ids.ok()) return ids.status();
  TREATY_RETURN_IF_ERROR(ids.value().Bind(1, id));
  for (;;) {
    auto row = ids.value().Step();
    if (!row.ok()) return row.status();
    if (!row.value()) break;
    auto f = reader.value().Read(ids.value().ColumnInt(0));
    if (!f.ok()) return f.status();
    run.findings.push_back(std::move(f.value()));
  }
  return run;
}

Result<RunChanges> AuditStore::Compare(int64_t before, int64_t after, size_t list_limit) {
  for (int64_t id : {before, after}) {
    auto info = LoadRunInfo(*db_, id);
    if (!info.ok()) return info.status();
  }
  return RunComparison(*db_, kLiveQueries, before, after, list_limit);
}

Result<RunChanges> AuditStore::RecordedComparison(int64_t run, size_t list_limit) {
  auto info = LoadRunInfo(*db_, run);
  if (!info.ok()) return info.status();
  if (!info.value().previous_run) {
    RunChanges cmp;
    cmp.run = run;
    return cmp;
  }
  return RunComparison(*db_, kRecordedQueries, *info.value().previous_run, run, list_limit);
}

}  // namespace treaty::store
