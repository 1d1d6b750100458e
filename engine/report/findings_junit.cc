#include "report/findings_junit.h"

#include <map>

#include <fmt/format.h>

#include "report/xml_escape.h"

namespace treaty::report {

namespace {

std::string Attr(std::string_view s) { return XmlEscape(s, /*attribute=*/true); }
std::string Text(std::string_view s) { return XmlEscape(s, /*attribute=*/false); }

std::string At(const findings::Location& l) {
  return l.file.empty() ? std::string() : fmt::format("{}:{}", l.file, l.line);
}

// A <testcase> and the counts of the <testsuite> that holds it.
struct Suite {
  std::string name;
  std::string body;
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
};

struct Totals {
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
};

std::string Document(std::string_view name, const std::vector<Suite>& suites) {
  Totals t;
  for (const auto& s : suites) {
    t.tests += s.tests;
    t.failures += s.failures;
    t.errors += s.errors;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     Attr(name), t.tests, t.failures, t.errors);
  for (const auto& s : suites) {
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
        Attr(s.name), s.tests, s.failures, s.errors, s.skipped);
    out += s.body;
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

// "MSFT_2025/6.2" in agreement "MSFT_2025" -> "6.2".
std::string_view LocalId(std::string_view clause, std::string_view agreement) {
  if (clause.size() > agreement.size() && clause.starts_with(agreement) &&
      clause[agreement.size()] == '/') {
    return clause.substr(agreement.size() + 1);
  }
  return clause;
}

std::string CaseName(const findings::Finding& f) {
  std::string name(LocalId(f.clause, f.agreement));
  if (!f.facts.empty()) name += fmt::format(" on {}", fmt::join(f.facts, ", "));
  return name;
}

// The failure's body: the clause, each fact at its file:line, the explanation, conflicts.
std::string Details(const findings::Finding& f) {
  std::string out = fmt::format("{} {} ({})", f.clause, f.title, findings::RuleKindName(f.rule));
  if (!f.clause_location.file.empty()) out += fmt::format(" at {}", At(f.clause_location));
  out += '\n';
  for (size_t i = 0; i < f.facts.size(); ++i) {
    out += fmt::format("fact {}", f.facts[i]);
    if (i < f.locations.size()) out += fmt::format(" at {}", At(f.locations[i]));
    out += '\n';
  }
  out += f.message + '\n';
  for (const auto& line : f.explanation) out += fmt::format("· {}\n", line);
  if (!f.conflicts_with.empty()) {
    out += fmt::format("conflicts with {}\n", fmt::join(f.conflicts_with, ", "));
  }
  return out;
}

void AddFinding(Suite& s, const findings::Finding& f) {
  s.tests++;
  s.body += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n", Attr(f.agreement),
                        Attr(CaseName(f)));
  switch (f.status) {
    case findings::Status::kOpen:
      s.failures++;
      s.body += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                            base::SeverityName(f.severity), Attr(f.message), Text(Details(f)));
      break;
    case findings::Status::kWaived:
      s.skipped++;
      s.body += fmt::format("      <skipped message=\"{}\"/>\n",
                            Attr(fmt::format("waived by {}: {}", f.waived_by, f.message)));
      break;
    case findings::Status::kPending:
      s.skipped++;
      s.body += fmt::format("      <skipped message=\"{}\"/>\n",
                            Attr(fmt::format("pending: {}", f.message)));
      break;
    case findings::Status::kDefeated:
      s.skipped++;
      s.body += fmt::format("      <skipped message=\"{}\"/>\n",
                            Attr(fmt::format("defeated by {}: {}", f.defeated_by, f.message)));
      break;
  }
  s.body += "    </testcase>\n";
}

std::string DiagnosticText(const base::Diagnostic& d, const base::SourceSet* sources) {
  std::string where;
  if (d.span.valid() && sources != nullptr) {
    where = fmt::format("{}:{}:{}: ", sources->PathOf(d.span), d.span.line, d.span.col);
  }
  std::string text =
      fmt::format("{}{}[{}]: {}", where, base::SeverityName(d.severity), d.code_name(), d.message);
  if (!d.help.empty()) text += fmt::format("\nhelp: {}", d.help);
  return text;
}

// Errors fail as <error>; warnings and notes pass with their text in <system-out>.
void AddDiagnosticsSuite(std::vector<Suite>& suites, const std::vector<base::Diagnostic>& diags,
                         const base::SourceSet* sources) {
  if (diags.empty()) return;
  Suite s;
  s.name = "diagnostics";
  for (const auto& d : diags) {
    s.tests++;
    std::string name = std::string(d.code_name());
    if (d.span.valid() && sources != nullptr) {
      name += fmt::format(" at {}:{}", sources->PathOf(d.span), d.span.line);
    }
    s.body += fmt::format("    <testcase classname=\"diagnostics\" name=\"{}\">\n", Attr(name));
    const std::string text = DiagnosticText(d, sources);
    if (d.severity == base::Severity::kError) {
      s.errors++;
      s.body += fmt::format("      <error type=\"{}\" message=\"{}\">{}</error>\n", d.code_name(),
                            Attr(d.message), Text(text));
    } else {
      s.body += fmt::format("      <system-out>{}</system-out>\n", Text(text));
    }
    s.body += "    </testcase>\n";
  }
  suites.push_back(std::move(s));
}

}  // namespace

std::string RenderJunit(const CheckReport& report) {
  // Agreements in id order; in each, clauses in id order, a clause's findings in report order.
  std::map<std::string, std::vector<const findings::Finding*>> by_clause;
  for (const auto& f : report.findings) by_clause[f.clause].push_back(&f);
  std::map<std::string, Suite> by_agreement;
  for (const auto& c : ReportedClauses(report)) {
    Suite& s = by_agreement[c.agreement];
    s.name = c.agreement;
    auto it = by_clause.find(c.id);
    if (it == by_clause.end()) {
      s.tests++;
      s.body += fmt::format("    <testcase classname=\"{}\" name=\"{}\"/>\n", Attr(c.agreement),
                            Attr(LocalId(c.id, c.agreement)));
      continue;
    }
    for (const auto* f : it->second) AddFinding(s, *f);
  }
  std::vector<Suite> suites;
  for (auto& [name, suite] : by_agreement) suites.push_back(std::move(suite));
  AddDiagnosticsSuite(suites, report.diagnostics, report.sources);
  return Document(fmt::format("treaty check (as of {})", report.as_of), suites);
}

std::string RenderTestJunit(const TestReport& report) {
  // A suite per policy file, in the order the tests are declared.
  std::vector<Suite> suites;
  std::map<std::string, size_t> index;
  for (const auto& t : report.tests) {
    const std::string& file = t.location.file;
    auto [it, inserted] = index.emplace(file, suites.size());
    if (inserted) {
      suites.emplace_back();
      suites.back().name = file.empty() ? "tests" : file;
    }
    Suite& s = suites[it->second];
    std::string classname = file;
    if (classname.ends_with(".treaty")) classname.resize(classname.size() - 7);
    s.tests++;
    s.body +=
        fmt::format("    <testcase classname=\"{}\" name=\"{}\"", Attr(classname), Attr(t.name));
    if (t.passed()) {
      s.body += "/>\n";
      continue;
    }
    s.body += ">\n";
    if (!t.errors.empty()) {
      s.errors++;
      std::string text;
      for (const auto& d : t.errors) text += DiagnosticText(d, report.sources) + '\n';
      s.body +=
          fmt::format("      <error type=\"{}\" message=\"{}\">{}</error>\n",
                      t.errors.front().code_name(), Attr(t.errors.front().message), Text(text));
    } else {
      s.failures++;
      std::string message;
      std::string text = fmt::format("test at {}, as of {}\n", At(t.location), t.as_of);
      for (const auto& e : t.expectations) {
        if (e.passed) continue;
        if (message.empty()) message = fmt::format("expected {}", e.expected);
        text += fmt::format("{}: {}\n  expected: {}\n", At(e.location), e.source, e.expected);
        for (const auto& line : e.found) text += fmt::format("  found:    {}\n", line);
      }
      s.body += fmt::format("      <failure type=\"expectation\" message=\"{}\">{}</failure>\n",
                            Attr(message), Text(text));
    }
    s.body += "    </testcase>\n";
  }
  AddDiagnosticsSuite(suites, report.diagnostics, report.sources);
  return Document("treaty test", suites);
}

}  // namespace treaty::report
