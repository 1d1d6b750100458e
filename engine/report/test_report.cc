#include "report/test_report.h"

#include <fmt/format.h>

#include "base/escape.h"

#include "report/findings_json.h"
#include "report/json_writer.h"

namespace treaty::report {

namespace {

std::string Where(const findings::Location& l) {
  return fmt::format("{}:{}", base::VisibleText(l.file), l.line);
}

std::string V(std::string_view s) { return base::VisibleText(s); }

}  // namespace

std::string RenderTestText(const TestReport& report, const TestTextOptions& options) {
  const Palette c = MakePalette(options.style);
  std::string out;
  for (const auto& t : report.tests) {
    if (t.passed()) {
      if (!options.quiet) out += fmt::format("{}ok{}    {}\n", c.ok, c.reset, V(t.name));
      continue;
    }
    out += fmt::format("{}FAIL{}  {}{}{}\n", c.error, c.reset, c.bold, V(t.name), c.reset);
    out += fmt::format("      {}at {}, as of {}, {} fact{}{}\n", c.dim, Where(t.location),
                       V(t.as_of), t.facts, t.facts == 1 ? "" : "s", c.reset);
    for (const auto& d : t.errors) {
      std::string where;
      if (d.span.valid() && report.sources != nullptr) {
        where = fmt::format(" at {}:{}", V(report.sources->PathOf(d.span)), d.span.line);
      }
      out += fmt::format("      {}[{}]: {}{}\n", base::SeverityName(d.severity), d.code_name(),
                         V(d.message), where);
    }
    for (const auto& e : t.expectations) {
      if (e.passed) continue;
      out += fmt::format("      {}: {}\n", Where(e.location), V(e.source));
      out += fmt::format("        expected: {}\n", V(e.expected));
      for (size_t i = 0; i < e.found.size(); ++i) {
        out += fmt::format("        {}{}\n", i == 0 ? "found:    " : "          ", V(e.found[i]));
      }
    }
  }
  if (!out.empty()) out += '\n';
  out += fmt::format("{}{} passed, {} failed{}\n", report.failed > 0 ? c.error : c.ok,
                     report.passed, report.failed, c.reset);
  return out;
}

std::string RenderTestJson(const TestReport& report) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Number("version", 1);
  w.Key("summary");
  w.BeginObject();
  w.Number("passed", report.passed);
  w.Number("failed", report.failed);
  w.EndObject();
  w.Key("tests");
  w.BeginArray();
  for (const auto& t : report.tests) {
    w.BeginObject();
    w.String("name", t.name);
    WriteLocationKeys(w, t.location);
    w.String("as_of", t.as_of);
    w.Number("facts", t.facts);
    w.Bool("passed", t.passed());
    w.Key("expectations");
    w.BeginArray();
    for (const auto& e : t.expectations) {
      w.BeginObject();
      w.String("expectation", e.source);
      WriteLocationKeys(w, e.location);
      w.Bool("passed", e.passed);
      w.String("expected", e.expected);
      w.StringArray("found", e.found);
      w.EndObject();
    }
    w.EndArray();
    WriteDiagnostics(w, "errors", t.errors, report.sources);
    w.EndObject();
  }
  w.EndArray();
  WriteDiagnostics(w, "diagnostics", report.diagnostics, report.sources);
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace treaty::report
