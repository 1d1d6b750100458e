#include "report/explain_report.h"

#include <fmt/format.h>

#include <array>

namespace treaty::report {

namespace {

const char* VerdictColor(const Palette& c, Verdict v) {
  switch (v) {
    case Verdict::kFailed:
      return c.error;
    case Verdict::kPending:
      return c.warning;
    case Verdict::kPassed:
      return c.ok;
    default:
      return c.dim;
  }
}

void RenderFindingBody(const findings::Finding& f, const Palette& c, const std::string& indent,
                       std::string& out) {
  for (const auto& line : f.explanation) {
    out += fmt::format("{}{}·{} {}\n", indent, c.dim, c.reset, line);
  }
  if (!f.waived_by.empty()) out += fmt::format("{}waived by `{}`\n", indent, f.waived_by);
  if (!f.defeated_by.empty()) {
    out += fmt::format("{}defeated by `{}`, which overrides this clause\n", indent, f.defeated_by);
  }
  if (!f.conflicts_with.empty()) {
    out += fmt::format(
        "{}{}conflict:{} {} also cover{} this plan; the agreements disagree and none overrides "
        "the other\n",
        indent, c.warning, c.reset, fmt::join(f.conflicts_with, ", "),
        f.conflicts_with.size() == 1 ? "s" : "");
  }
}

}  // namespace

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kFailed:
      return "failed";
    case Verdict::kWaived:
      return "waived";
    case Verdict::kDefeated:
      return "defeated";
    case Verdict::kPending:
      return "pending";
    case Verdict::kPassed:
      return "passed";
    case Verdict::kPermits:
      return "permits";
    case Verdict::kNotApplicable:
      return "not applicable";
  }
  return "?";
}

std::string RenderExplainText(const ExplainReport& report, const TextStyle& style) {
  const Palette c = MakePalette(style);
  std::string out;
  for (const auto& fact : report.facts) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}{}{} ({}) at {}:{}, {}; as of {}\n", c.bold, fact.id, c.reset, fact.kind,
                       fact.location.file, fact.location.line, fact.active, report.as_of);
    std::array<size_t, 7> counts{};
    std::string clause;
    for (const auto& r : fact.rules) {
      ++counts[static_cast<size_t>(r.verdict)];
      if (r.clause != clause) {
        clause = r.clause;
        out += fmt::format("\n{}{}{} {} ({}) at {}:{}\n", c.bold, r.clause, c.reset, r.title,
                           r.rule, r.clause_location.file, r.clause_location.line);
      }
      std::string lead = r.as_var.empty() ? "  " : fmt::format("  as `{}`: ", r.as_var);
      out += fmt::format("{}{}{}{}{}{}\n", lead, VerdictColor(c, r.verdict), VerdictName(r.verdict),
                         c.reset, r.reason.empty() ? "" : ": ", r.reason);
      if (r.findings.empty()) {
        for (const auto& line : r.lines) out += fmt::format("    {}·{} {}\n", c.dim, c.reset, line);
        continue;
      }
      if (r.as_var.empty() && r.findings.size() == 1) {
        RenderFindingBody(r.findings.front(), c, "    ", out);  // the reason is its message
        continue;
      }
      for (const auto& f : r.findings) {
        std::vector<std::string> others;
        for (const auto& id : f.facts) {
          if (id != fact.id) others.push_back(fmt::format("`{}`", id));
        }
        std::string with = others.empty() ? "" : fmt::format("with {}: ", fmt::join(others, ", "));
        out += fmt::format(
            "    {}{}: {}{}\n", findings::StatusName(f.status),
            f.severity == findings::Severity::kError || f.status != findings::Status::kOpen
                ? ""
                : fmt::format(" ({})", base::SeverityName(f.severity)),
            with, f.message);
        RenderFindingBody(f, c, "      ", out);
      }
    }
    std::vector<std::string> parts;
    for (size_t v = 0; v < counts.size(); ++v) {
      if (counts[v] > 0) {
        parts.push_back(fmt::format("{} {}", counts[v], VerdictName(static_cast<Verdict>(v))));
      }
    }
    out += fmt::format("\n{} rule{} can apply to `{}`{}{}\n", fact.rules.size(),
                       fact.rules.size() == 1 ? "" : "s", fact.id, parts.empty() ? "" : ": ",
                       fmt::join(parts, ", "));
  }
  return out;
}

}  // namespace treaty::report
