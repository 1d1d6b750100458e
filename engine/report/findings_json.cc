#include "report/findings_json.h"

#include <nlohmann/json.hpp>

namespace treaty::report {

namespace {

using Json = nlohmann::ordered_json;

Json LocationJson(const findings::Location& l) { return Json{{"file", l.file}, {"line", l.line}}; }

Json FindingJson(const findings::Finding& f) {
  Json locations = Json::array();
  for (const auto& l : f.locations) locations.push_back(LocationJson(l));
  Json j{{"clause", f.clause},
         {"agreement", f.agreement},
         {"title", f.title},
         {"rule", findings::RuleKindName(f.rule)},
         {"severity", findings::SeverityName(f.severity)},
         {"status", findings::StatusName(f.status)},
         {"facts", f.facts},
         {"locations", locations},
         {"clause_location", LocationJson(f.clause_location)},
         {"message", f.message},
         {"conflicts_with", f.conflicts_with},
         {"explanation", f.explanation}};
  if (!f.waived_by.empty()) j["waived_by"] = f.waived_by;
  if (!f.defeated_by.empty()) j["defeated_by"] = f.defeated_by;
  return j;
}

Json DiagnosticJson(const base::Diagnostic& d, const base::SourceSet* sources) {
  Json j{{"severity", base::SeverityName(d.severity)}, {"code", d.code_name()}};
  if (d.span.valid() && sources != nullptr) {
    j["file"] = sources->PathOf(d.span);
    j["line"] = d.span.line;
    j["column"] = d.span.col;
  }
  j["message"] = d.message;
  if (!d.help.empty()) j["help"] = d.help;
  return j;
}

}  // namespace

std::string RenderJson(const CheckReport& report) {
  const auto& s = report.summary;
  Json summary{{"facts", s.facts},       {"clauses", s.clauses}, {"errors", s.errors},
               {"warnings", s.warnings}, {"infos", s.infos},     {"waived", s.waived},
               {"pending", s.pending}};
  Json findings = Json::array();
  for (const auto& f : report.findings) findings.push_back(FindingJson(f));
  Json diagnostics = Json::array();
  for (const auto& d : report.diagnostics) diagnostics.push_back(DiagnosticJson(d, report.sources));
  Json doc{{"version", 1},
           {"as_of", report.as_of},
           {"summary", summary},
           {"findings", findings},
           {"diagnostics", diagnostics}};
  return doc.dump(2) + "\n";
}

}  // namespace treaty::report
