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
  w.Key("text");
  w.String(text);
  w.EndObject();
}

// A physicalLocation at `file` (and `line` when known, `column` when known).
void PhysicalLocation(JsonWriter& w, std::string_view file, uint32_t line, uint32_t column = 0) {
  w.Key("physicalLocation");
  w.BeginObject();
  w.Key("artifactLocation");
  w.BeginObject();
  w.Key("uri");
  w.String(PathToUri(file));
  w.EndObject();
  if (line > 0) {
    w.Key("region");
    w.BeginObject();
    w.Key("startLine");
    w.Number(line);
    if (column > 0) {
      w.Key("startColumn");
      w.Number(column);
    }
    w.EndObject();
  }
  w.EndObject();
}

void Location(JsonWriter& w, const findings::Location& l, int64_t id = -1,
              std::string_view message = {}) {
  w.BeginObject();
  if (id >= 0) {
    w.Key("id");
    w.Int(id);
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
  w.Key("id");
  w.String(c.id);
  w.Key("name");
  w.String(PascalCase(c.title, c.id));
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
  w.Key("level");
  w.String(Level(c.severity));
  w.EndObject();
  w.Key("properties");
  w.BeginObject();
  w.Key("agreement");
  w.String(c.agreement);
  if (!c.location.file.empty()) {
    w.Key("location");
    w.String(fmt::format("{}:{}", c.location.file, c.location.line));
  }
  w.EndObject();
  w.EndObject();
}

void WriteResult(JsonWriter& w, const findings::Finding& f, size_t rule_index) {
  w.BeginObject();
  w.Key("ruleId");
  w.String(f.clause);
  w.Key("ruleIndex");
  w.Number(rule_index);
  // SARIF: a result whose kind is not "fail" has level "none". Pending obligations are not due
  // yet ("open"); defeated findings are overridden by another clause ("notApplicable").
  switch (f.status) {
    case findings::Status::kOpen:
    case findings::Status::kWaived:
      w.Key("kind");
      w.String("fail");
      w.Key("level");
      w.String(Level(f.severity));
      break;
    case findings::Status::kPending:
      w.Key("kind");
      w.String("open");
      w.Key("level");
      w.String("none");
      break;
    case findings::Status::kDefeated:
      w.Key("kind");
      w.String("notApplicable");
      w.Key("level");
      w.String("none");
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
  w.Key("treaty/v1");
  w.String(findings::Fingerprint(f));
  w.EndObject();
  if (f.status == findings::Status::kWaived) {
    w.Key("suppressions");
    w.BeginArray();
    w.BeginObject();
    w.Key("kind");
    w.String("external");
    w.Key("status");
    w.String("accepted");
    w.Key("justification");
    w.String(f.waived_by);
    w.EndObject();
    w.EndArray();
  }
  w.Key("properties");
  w.BeginObject();
  w.Key("status");
  w.String(findings::StatusName(f.status));
  w.Key("severity");
  w.String(base::SeverityName(f.severity));
  w.Key("rule");
  w.String(findings::RuleKindName(f.rule));
  w.Key("facts");
  w.StringArray(f.facts);
  w.Key("explanation");
  w.StringArray(f.explanation);
  if (!f.conflicts_with.empty()) {
    w.Key("conflictsWith");
    w.StringArray(f.conflicts_with);
  }
  if (!f.waived_by.empty()) {
    w.Key("waivedBy");
    w.String(f.waived_by);
  }
  if (!f.defeated_by.empty()) {
    w.Key("defeatedBy");
    w.String(f.defeated_by);
  }
  w.EndObject();
  w.EndObject();
}

void WriteNotification(JsonWriter& w, const base::Diagnostic& d, const base::SourceSet* sources) {
  w.BeginObject();
  w.Key("level");
  w.String(Level(d.severity));
  w.Key("message");
  Message(w, d.help.empty() ? d.message : fmt::format("{} (help: {})", d.message, d.help));
  w.Key("descriptor");
  w.BeginObject();
  w.Key("id");
  w.String(d.code_name());
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
  w.Key("$schema");
  w.String("https://json.schemastore.org/sarif-2.1.0.json");
  w.Key("version");
  w.String("2.1.0");
  w.Key("runs");
  w.BeginArray();
  w.BeginObject();
  w.Key("tool");
  w.BeginObject();
  w.Key("driver");
  w.BeginObject();
  w.Key("name");
  w.String("treaty");
  if (!report.tool_version.empty()) {
    w.Key("version");
    w.String(report.tool_version);
    w.Key("semanticVersion");
    w.String(report.tool_version);
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
  w.Key("executionSuccessful");
  w.Bool(!failed);
  w.Key("toolExecutionNotifications");
  w.BeginArray();
  for (const auto& d : report.diagnostics) WriteNotification(w, d, report.sources);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.Key("columnKind");
  w.String("unicodeCodePoints");
  w.Key("results");
  w.BeginArray();
  for (const auto& f : report.findings) WriteResult(w, f, rule_index[f.clause]);
  w.EndArray();
  w.Key("properties");
  w.BeginObject();
  w.Key("asOf");
  w.String(report.as_of);
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
