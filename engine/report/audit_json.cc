#include "report/audit_json.h"

#include "findings/fingerprint.h"
#include "report/findings_json.h"
#include "report/json_writer.h"

namespace treaty::report {

namespace {

void WriteChangedFinding(JsonWriter& w, const findings::Finding& f,
                         const findings::Status* before) {
  w.BeginObject();
  w.Key("fingerprint");
  w.String(findings::Fingerprint(f));
  w.Key("clause");
  w.String(f.clause);
  w.Key("title");
  w.String(f.title);
  w.Key("severity");
  w.String(base::SeverityName(f.severity));
  w.Key("status");
  w.String(findings::StatusName(f.status));
  if (before != nullptr) {
    w.Key("status_before");
    w.String(findings::StatusName(*before));
  }
  w.Key("facts");
  w.StringArray(f.facts);
  w.Key("message");
  w.String(f.message);
  w.EndObject();
}

// The comparison's keys, inside an object already open.
void WriteChanges(JsonWriter& w, const RunChanges& c) {
  w.Key("new");
  w.Number(c.added_count);
  w.Key("resolved");
  w.Number(c.resolved_count);
  w.Key("unchanged");
  w.Number(c.unchanged_count);
  w.Key("changed_status");
  w.Number(c.changed_count);
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

}  // namespace

std::string RenderAuditJson(const CheckReport& report, int64_t run) {
  std::string out;
  JsonWriter w(out);
  const auto& s = report.summary;
  w.BeginObject();
  w.Key("version");
  w.Number(1);
  w.Key("run");
  w.Int(run);
  w.Key("as_of");
  w.String(report.as_of);
  w.Key("label");
  w.String(report.label);
  w.Key("summary");
  w.BeginObject();
  WriteSummaryKeys(w, s, true);
  w.EndObject();
  w.Key("changes");
  w.BeginObject();
  if (report.changes != nullptr && report.changes->base) {
    w.Key("previous_run");
    w.Int(*report.changes->base);
    WriteChanges(w, *report.changes);
  }
  w.EndObject();
  w.EndObject();
  out += '\n';
  return out;
}

std::string RenderChangesJson(const RunChanges& changes) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("version");
  w.Number(1);
  w.Key("from");
  w.Int(changes.base.value_or(0));
  w.Key("to");
  w.Int(changes.run);
  WriteChanges(w, changes);
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace treaty::report
