#include "report/audit_json.h"

#include "findings/fingerprint.h"
#include "report/findings_json.h"
#include "report/json_writer.h"

namespace treaty::report {

namespace {

void WriteChangedFinding(JsonWriter& w, const findings::Finding& f,
                         const findings::Status* before) {
  w.BeginObject();
  w.String("fingerprint", findings::Fingerprint(f));
  w.String("clause", f.clause);
  w.String("title", f.title);
  w.String("severity", base::SeverityName(f.severity));
  w.String("status", findings::StatusName(f.status));
  if (before != nullptr) {
    w.String("status_before", findings::StatusName(*before));
  }
  w.StringArray("facts", f.facts);
  w.String("message", f.message);
  w.EndObject();
}

// The comparison's keys, inside an object already open.
void WriteChanges(JsonWriter& w, const RunChanges& c) {
  w.Number("new", c.added_count);
  w.Number("resolved", c.resolved_count);
  w.Number("unchanged", c.unchanged_count);
  w.Number("changed_status", c.changed_count);
  w.Key("new_findings");
  w.BeginArray();
  for (const auto& f : c.added) WriteChangedFinding(w, f, nullptr);
  w.EndArray();
  w.Key("resolved_findings");
  w.BeginArray();
  for (const auto& f : c.resolved) WriteChangedFinding(w, f, nullptr);
  w.EndArray();
  w.Key("changed_findings");
  w.BeginArray();
  for (const auto& [f, before] : c.changed) WriteChangedFinding(w, f, &before);
  w.EndArray();
}

// One run as `treaty audit history --format json` lists it.
void WriteHistoryRun(JsonWriter& w, const findings::RunInfo& r) {
  w.BeginObject();
  w.Int("run", r.id);
  w.String("started_at", r.record.started_at);
  w.String("as_of", r.record.as_of);
  w.String("label", r.record.label);
  w.StringArray("policy_roots", r.record.policy_roots);
  w.StringArray("fact_roots", r.record.fact_roots);
  w.String("policy_digest", r.record.policy_digest);
  w.String("fact_digest", r.record.fact_digest);
  w.Key("summary");
  w.BeginObject();
  WriteSummaryKeys(w, r.record.summary, true);
  w.Number("findings", r.findings);
  w.EndObject();
  if (r.previous_run) {
    w.Int("previous_run", *r.previous_run);
    w.Number("new", r.added);
    w.Number("resolved", r.resolved);
    w.Number("unchanged", r.unchanged);
  }
  w.EndObject();
}

}  // namespace

std::string RenderAuditJson(const CheckReport& report, int64_t run) {
  std::string out;
  JsonWriter w(out);
  const auto& s = report.summary;
  w.BeginObject();
  w.Number("version", 1);
  w.Int("run", run);
  w.String("as_of", report.as_of);
  w.String("label", report.label);
  w.Key("summary");
  w.BeginObject();
  WriteSummaryKeys(w, s, true);
  w.EndObject();
  w.Key("changes");
  w.BeginObject();
  if (report.changes != nullptr && report.changes->base) {
    w.Int("previous_run", *report.changes->base);
    WriteChanges(w, *report.changes);
  }
  w.EndObject();
  w.EndObject();
  out += '\n';
  return out;
}

std::string RenderHistoryJson(const std::vector<findings::RunInfo>& runs) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Number("version", 1);
  w.Key("runs");
  w.BeginArray();
  for (const auto& r : runs) WriteHistoryRun(w, r);
  w.EndArray();
  w.EndObject();
  out += '\n';
  return out;
}

std::string RenderChangesJson(const RunChanges& changes) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Number("version", 1);
  w.Int("from", changes.base.value_or(0));
  w.Int("to", changes.run);
  WriteChanges(w, changes);
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace treaty::report
