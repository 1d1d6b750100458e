#include "report/findings_csv.h"

#include <fmt/format.h>

namespace treaty::report {

namespace {

void Row(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string CsvField(std::string_view s) {
  // A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
  const bool formula =
      !s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string RenderCsv(const CheckReport& report) {
  std::string out;
  Row(out,
      {"clause", "agreement", "title", "rule", "severity", "status", "facts", "locations",
       "clause_location", "message", "waived_by", "defeated_by", "conflicts_with", "explanation"});
  for (const auto& f : report.findings) {
    std::vector<std::string> locations;
    for (const auto& l : f.locations) locations.push_back(fmt::format("{}:{}", l.file, l.line));
    Row(out,
        {f.clause, f.agreement, f.title, std::string(findings::RuleKindName(f.rule)),
         std::string(base::SeverityName(f.severity)), std::string(findings::StatusName(f.status)),
         fmt::format("{}", fmt::join(f.facts, "; ")), fmt::format("{}", fmt::join(locations, "; ")),
         fmt::format("{}:{}", f.clause_location.file, f.clause_location.line), f.message,
         f.waived_by, f.defeated_by, fmt::format("{}", fmt::join(f.conflicts_with, "; ")),
         fmt::format("{}", fmt::join(f.explanation, "\n"))});
  }
  return out;
}

}  // namespace treaty::report
