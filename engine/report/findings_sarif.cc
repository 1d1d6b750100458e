#include "report/findings_sarif.h"

#include <map>

#include <fmt/format.h>

#include "findings/fingerprint.h"
#include "report/findings_json.h"
#include "report/json_writer.h"

namespace treaty::report {

namespace {

// A path as a URI reference: relative paths stay relative (resolved against the directory
// the check ran in), absolute ones become file:// URIs; reserved bytes are percent-encoded.
std::string PathToUri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string_view Level(base::Severity s) {
  switch (s) {
    case base::Severity::kError:
      return "error";
    case base::Severity::kWarning:
      return "warning";
    case base::Severity::kInfo:
      return "note";
  }
  return "error";
}

// "Most-favoured pricing on Azure" -> "MostFavouredPricingOnAzure" (SARIF's rule names are
// identifiers); falls back to `fallback` when the title has no ASCII letter or digit.
std::string PascalCase(std::string_view title, std::string_view fallback) {
  std::string out;
  bool upper = true;
  for (char ch : title) {
    const bool alnum =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out += upper && ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
    upper = false;
  }
  return out.empty() ? std::string(fallback) : out;
}

void Message(JsonWriter& w, std::string_view text) {
  w.BeginObject();
  w.String("text", text);
  w.EndObject();
}

// A physicalLocation at `file` (and `line` when known, `column` when known).
void PhysicalLocation(JsonWriter& w, std::string_view file, uint32_t line, uint32_t column = 0) {
  w.Key("physicalLocation");
  w.BeginObject();
  w.Key("artifactLocation");
  w.BeginObject();
  w.String("uri", PathToUri(file));
  w.EndObject();
  if (line > 0) {
    w.Key("region");
    w.BeginObject();
    w.Number("startLine", line);
    if (column > 0) {
      w.Number("startColumn", column);
    }
    w.EndObject();
  }
  w.EndObject();
}

void Location(JsonWriter& w, const findings::Location& l, int64_t id = -1,
              std::string_view message = {}) {
  w.BeginObject();
  if (id >= 0) {
    w.Int("id", id);
  }
  PhysicalLocation(w, l.file, l.line);
  if (!message.empty()) {
    w.Key("message");
    Message(w, message);
  }
  w.EndObject();
}

void WriteRule(JsonWriter& w, const ClauseInfo& c) {
  w.BeginObject();
  w.String("id", c.id);
  w.String("name", PascalCase(c.title, c.id));
  w.Key("shortDescription");
  Message(w, c.title.empty() ? c.id : c.title);
  if (!c.text.empty()) {
    w.Key("fullDescription");
    Message(w, c.text);
    w.Key("help");
    Message(w, c.text);
  }
  w.Key("defaultConfiguration");
  w.BeginObject();
  w.String("level", Level(c.severity));
  w.EndObject();
  w.Key("properties");
  w.BeginObject();
  w.String("agreement", c.agreement);
  if (!c.location.file.empty()) {
    w.String("location", fmt::format("{}:{}", c.location.file, c.location.line));
  }
  w.EndObject();
  w.EndObject();
}

void WriteResult(JsonWriter& w, const findings::Finding& f, size_t rule_index) {
  w.BeginObject();
  w.String("ruleId", f.clause);
  w.Number("ruleIndex", rule_index);
  // SARIF: a result whose kind is not "fail" has level "none". Pending obligations are not due
  // yet ("open"); defeated findings are overridden by another clause ("notApplicable").
  switch (f.status) {
    case findings::Status::kOpen:
    case findings::Status::kWaived:
      w.String("kind", "fail");
      w.String("level", Level(f.severity));
      break;
    case findings::Status::kPending:
      w.String("kind", "open");
      w.String("level", "none");
      break;
    case findings::Status::kDefeated:
      w.String("kind", "notApplicable");
      w.String("level", "none");
      break;
  }
  w.Key("message");
  Message(w, f.message.empty() ? (f.title.empty() ? f.clause : f.title) : f.message);
  // The first fact is where the breach is; with no fact (a missing obligation), the clause.
  w.Key("locations");
  w.BeginArray();
  Location(w, f.locations.empty() ? f.clause_location : f.locations.front());
  w.EndArray();
  w.Key("relatedLocations");
  w.BeginArray();
  int64_t id = 0;
  for (size_t i = 1; i < f.locations.size(); ++i) {
    Location(w, f.locations[i], ++id, i < f.facts.size() ? "fact " + f.facts[i] : "fact");
  }
  Location(w, f.clause_location, ++id, "clause " + f.clause);
  w.EndArray();
  w.Key("partialFingerprints");
  w.BeginObject();
  w.String("treaty/v1", findings::Fingerprint(f));
  w.EndObject();
  if (f.status == findings::Status::kWaived) {
    w.Key("suppressions");
    w.BeginArray();
    w.BeginObject();
    w.String("kind", "external");
    w.String("status", "accepted");
    w.String("justification", f.waived_by);
    w.EndObject();
    w.EndArray();
  }
  w.Key("properties");
  w.BeginObject();
  w.String("status", findings::StatusName(f.status));
  w.String("severity", base::SeverityName(f.severity));
  w.String("rule", findings::RuleKindName(f.rule));
  w.StringArray("facts", f.facts);
  w.StringArray("explanation", f.explanation);
  if (!f.conflicts_with.empty()) {
    w.StringArray("conflictsWith", f.conflicts_with);
  }
  if (!f.waived_by.empty()) {
    w.String("waivedBy", f.waived_by);
  }
  if (!f.defeated_by.empty()) {
    w.String("defeatedBy", f.defeated_by);
  }
  w.EndObject();
  w.EndObject();
}

void WriteNotification(JsonWriter& w, const base::Diagnostic& d, const base::SourceSet* sources) {
  w.BeginObject();
  w.String("level", Level(d.severity));
  w.Key("message");
  Message(w, d.help.empty() ? d.message : fmt::format("{} (help: {})", d.message, d.help));
  w.Key("descriptor");
  w.BeginObject();
  w.String("id", d.code_name());
  w.EndObject();
  if (d.span.valid() && sources != nullptr) {
    w.Key("locations");
    w.BeginArray();
    w.BeginObject();
    PhysicalLocation(w, sources->PathOf(d.span), d.span.line, d.span.col);
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string RenderSarif(const CheckReport& report) {
  const std::vector<ClauseInfo> clauses = ReportedClauses(report);
  std::map<std::string_view, size_t> rule_index;
  for (size_t i = 0; i < clauses.size(); ++i) rule_index.emplace(clauses[i].id, i);
  bool failed = false;
  for (const auto& d : report.diagnostics) failed = failed || d.severity == base::Severity::kError;

  std::string out;
  out.reserve(2048 + report.findings.size() * 1500 + clauses.size() * 600);
  JsonWriter w(out);
  w.BeginObject();
  w.String("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.String("version", "2.1.0");
  w.Key("runs");
  w.BeginArray();
  w.BeginObject();
  w.Key("tool");
  w.BeginObject();
  w.Key("driver");
  w.BeginObject();
  w.String("name", "treaty");
  if (!report.tool_version.empty()) {
    w.String("version", report.tool_version);
    w.String("semanticVersion", report.tool_version);
  }
  w.Key("rules");
  w.BeginArray();
  for (const auto& c : clauses) WriteRule(w, c);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  w.Key("invocations");
  w.BeginArray();
  w.BeginObject();
  w.Bool("executionSuccessful", !failed);
  w.Key("toolExecutionNotifications");
  w.BeginArray();
  for (const auto& d : report.diagnostics) WriteNotification(w, d, report.sources);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.String("columnKind", "unicodeCodePoints");
  w.Key("results");
  w.BeginArray();
  for (const auto& f : report.findings) WriteResult(w, f, rule_index[f.clause]);
  w.EndArray();
  w.Key("properties");
  w.BeginObject();
  w.String("asOf", report.as_of);
  const auto& s = report.summary;
  WriteSummaryKeys(w, s, true);
  w.EndObject();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace treaty::report
