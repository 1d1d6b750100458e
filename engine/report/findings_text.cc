#include "report/findings_text.h"

#include <map>

#include <fmt/format.h>

#include "base/escape.h"
#include "base/text.h"
#include "base/utf8.h"

namespace treaty::report {

namespace {

std::string Plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// The clause wording on one line, cut at a word boundary near `limit` characters.
std::string Excerpt(std::string_view text, size_t limit = 110) {
  std::string flat = base::CollapseWhitespace(text);
  if (flat.size() <= limit) return flat;
  size_t cut = flat.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) cut = base::Utf8PrefixWithin(flat, limit);
  return flat.substr(0, cut) + " …";
}

// User data (ids, titles, values, messages) as it may be shown: control characters escaped.
std::string V(std::string_view s) { return base::VisibleText(s); }

std::string StatusTag(const findings::Finding& f, const Palette& c) {
  switch (f.status) {
    case findings::Status::kOpen:
      return fmt::format("{}{}{}", SeverityColor(c, f.severity), base::SeverityName(f.severity),
                         c.reset);
    case findings::Status::kWaived:
      return fmt::format("{}waived{}", c.dim, c.reset);
    case findings::Status::kPending:
      return fmt::format("{}pending{}", c.info, c.reset);
    case findings::Status::kDefeated:
      return fmt::format("{}defeated{}", c.dim, c.reset);
  }
  return "";
}

}  // namespace

std::string SummaryLine(const findings::Summary& s) {
  std::string line =
      fmt::format("{}, {}: {}, {}, {}; {} waived, {} pending", Plural(s.facts, "fact"),
                  Plural(s.clauses, "clause"), Plural(s.errors, "error"),
                  Plural(s.warnings, "warning"), Plural(s.infos, "info"), s.waived, s.pending);
  if (s.defeated > 0) line += fmt::format(", {} defeated", s.defeated);
  return line;
}

std::string RenderText(const CheckReport& report, const TextStyle& style) {
  const Palette c = MakePalette(style);
  std::string out;
  std::string agreement;
  std::string clause;
  for (const auto& f : report.findings) {
    if (f.agreement != agreement) {
      agreement = f.agreement;
      clause.clear();
      if (!out.empty()) out += '\n';
      out += fmt::format("{}{}{}\n", c.bold, V(agreement), c.reset);
    }
    if (f.clause != clause) {
      clause = f.clause;
      out += fmt::format("\n  {}{}{} {} ({}) at {}:{}\n", c.bold, V(f.clause), c.reset, V(f.title),
                         findings::RuleKindName(f.rule), V(f.clause_location.file),
                         f.clause_location.line);
      if (!f.clause_text.empty()) {
        out += fmt::format("  {}\"{}\"{}\n", c.dim, V(Excerpt(f.clause_text)), c.reset);
      }
    }
    out += '\n';
    if (f.facts.empty()) {
      out += fmt::format("    {}: {}\n", StatusTag(f, c), V(f.message));
    } else {
      for (size_t i = 0; i < f.facts.size(); ++i) {
        std::string where;
        if (i < f.locations.size()) {
          where = fmt::format("{}:{}", V(f.locations[i].file), f.locations[i].line);
        }
        out += fmt::format("    {}{}{}{}{}\n", i == 0 ? StatusTag(f, c) + ": " : "  and ", c.bold,
                           V(f.facts[i]), c.reset, where.empty() ? "" : " at " + where);
      }
      out += fmt::format("      {}\n", V(f.message));
    }
    for (const auto& line : f.explanation)
      out += fmt::format("      {}·{} {}\n", c.dim, c.reset, V(line));
    if (!f.waived_by.empty()) out += fmt::format("      waived by `{}`\n", V(f.waived_by));
    if (!f.defeated_by.empty()) {
      out += fmt::format("      defeated by `{}`, which overrides this clause\n", V(f.defeated_by));
    }
    if (!f.conflicts_with.empty()) {
      out += fmt::format(
          "      {}conflict:{} {} also cover{} this plan; the agreements disagree and none "
          "overrides the other\n",
          c.warning, c.reset, base::VisibleJoin(f.conflicts_with, ", "),
          f.conflicts_with.size() == 1 ? "s" : "");
    }
  }
  if (!report.findings.empty()) out += '\n';
  const auto& s = report.summary;
  const char* color = s.errors > 0 ? c.error : (s.warnings > 0 ? c.warning : c.ok);
  out += fmt::format("{}{}{}\n", color, SummaryLine(s), c.reset);
  return out;
}

}  // namespace treaty::report
