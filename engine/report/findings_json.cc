#include "report/findings_json.h"

#include <optional>
#include <span>
#include <utility>

#include "base/worker.h"
#include "report/json_writer.h"

namespace treaty::report {

namespace {

void WriteLocation(JsonWriter& w, const findings::Location& l) {
  w.BeginObject();
  WriteLocationKeys(w, l);
  w.EndObject();
}

}  // namespace

void WriteLocationKeys(JsonWriter& w, const findings::Location& l) {
  w.String("file", l.file);
  w.Number("line", l.line);
}

void WriteSummaryKeys(JsonWriter& w, const findings::Summary& s, bool with_defeated) {
  const std::pair<const char*, size_t> counts[] = {
      {"facts", s.facts}, {"clauses", s.clauses}, {"errors", s.errors},   {"warnings", s.warnings},
      {"infos", s.infos}, {"waived", s.waived},   {"pending", s.pending}, {"defeated", s.defeated}};
  for (const auto& [key, n] : std::span(counts).first(with_defeated ? 8 : 7)) {
    w.Number(key, n);
  }
}

void WriteDiagnostics(JsonWriter& w, std::string_view key,
                      const std::vector<base::Diagnostic>& diagnostics,
                      const base::SourceSet* sources) {
  w.Key(key);
  w.BeginArray();
  for (const auto& d : diagnostics) WriteDiagnostic(w, d, sources);
  w.EndArray();
}

void WriteFinding(JsonWriter& w, const findings::Finding& f) {
  w.BeginObject();
  w.String("clause", f.clause);
  w.String("agreement", f.agreement);
  w.String("title", f.title);
  w.String("rule", findings::RuleKindName(f.rule));
  w.String("severity", base::SeverityName(f.severity));
  w.String("status", findings::StatusName(f.status));
  w.StringArray("facts", f.facts);
  w.Key("locations");
  w.BeginArray();
  for (const auto& l : f.locations) WriteLocation(w, l);
  w.EndArray();
  w.Key("clause_location");
  WriteLocation(w, f.clause_location);
  w.String("message", f.message);
  w.StringArray("conflicts_with", f.conflicts_with);
  w.StringArray("explanation", f.explanation);
  if (!f.waived_by.empty()) {
    w.String("waived_by", f.waived_by);
  }
  if (!f.defeated_by.empty()) {
    w.String("defeated_by", f.defeated_by);
  }
  w.EndObject();
}

void WriteDiagnostic(JsonWriter& w, const base::Diagnostic& d, const base::SourceSet* sources) {
  w.BeginObject();
  w.String("severity", base::SeverityName(d.severity));
  w.String("code", d.code_name());
  if (d.span.valid() && sources != nullptr) {
    w.String("file", sources->PathOf(d.span));
    w.Number("line", d.span.line);
    w.Number("column", d.span.col);
  }
  w.String("message", d.message);
  if (!d.help.empty()) {
    w.String("help", d.help);
  }
  w.EndObject();
}

std::string RenderJson(const CheckReport& report) {
  std::string out;
  // A finding takes 1–2 KB; reserving is cheap (untouched pages cost nothing) and saves
  // copying a large report as it grows.
  out.reserve(512 + report.findings.size() * 2048);
  JsonWriter w(out);
  const auto& s = report.summary;
  w.BeginObject();
  w.Number("version", 1);
  w.String("as_of", report.as_of);
  w.Key("summary");
  w.BeginObject();
  WriteSummaryKeys(w, s, false);
  w.EndObject();
  w.Key("findings");
  w.BeginArray();
  // A long list is written in two halves, the second on its own thread into its own string.
  // Safe: that thread only reads `report` (nothing changes it before Join) and only writes
  // `tail` through its own JsonWriter.
  const size_t n = report.findings.size();
  const size_t half = n >= 2000 ? n / 2 : n;
  std::string tail;
  std::optional<base::Task<void>> second;
  if (half < n) {
    tail.reserve((n - half) * 2048);
    second.emplace(base::StartTask([&] {
      JsonWriter tw(tail, /*depth=*/2, /*count=*/half);
      for (size_t i = half; i < n; ++i) WriteFinding(tw, report.findings[i]);
    }));
  }
  for (size_t i = 0; i < half; ++i) WriteFinding(w, report.findings[i]);
  if (second) {
    second->Join();
    out += tail;
  }
  w.EndArray();
  WriteDiagnostics(w, "diagnostics", report.diagnostics, report.sources);
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace treaty::report
