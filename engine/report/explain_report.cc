#include "report/explain_report.h"

#include <fmt/format.h>

#include "base/escape.h"

#include <array>

namespace treaty::report {

namespace {

std::string V(std::string_view s) { return base::VisibleText(s); }

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
    out += fmt::format("{}{}·{} {}\n", indent, c.dim, c.reset, V(line));
  }
  if (!f.waived_by.empty()) out += fmt::format("{}waived by `{}`\n", indent, V(f.waived_by));
  if (!f.defeated_by.empty()) {
    out +=
        fmt::format("{}defeated by `{}`, which overrides this clause\n", indent, V(f.defeated_by));
  }
  if (!f.conflicts_with.empty()) {
    out += fmt::format(
        "{}{}conflict:{} {} also cover{} this plan; the agreements disagree and none overrides "
        "the other\n",
        indent, c.warning, c.reset, base::VisibleJoin(f.conflicts_with, ", "),
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
    out += fmt::format("{}{}{} ({}) at {}:{}, {}; as of {}\n", c.bold, V(fact.id), c.reset,
                       V(fact.kind), V(fact.location.file), fact.location.line, V(fact.active),
                       report.as_of);
    std::array<size_t, 7> counts{};
    std::string clause;
    for (const auto& r : fact.rules) {
      ++counts[static_cast<size_t>(r.verdict)];
      if (r.clause != clause) {
        clause = r.clause;
        out += fmt::format("\n{}{}{} {} ({}) at {}:{}\n", c.bold, V(r.clause), c.reset, V(r.title),
                           r.rule, V(r.clause_location.file), r.clause_location.line);
      }
      std::string lead = r.as_var.empty() ? "  " : fmt::format("  as `{}`: ", V(r.as_var));
      out += fmt::format("{}{}{}{}{}{}\n", lead, VerdictColor(c, r.verdict), VerdictName(r.verdict),
                         c.reset, r.reason.empty() ? "" : ": ", V(r.reason));
      if (r.findings.empty()) {
        for (const auto& line : r.lines) {
          out += fmt::format("    {}·{} {}\n", c.dim, c.reset, V(line));
        }
        continue;
      }
      if (r.as_var.empty() && r.findings.size() == 1) {
        RenderFindingBody(r.findings.front(), c, "    ", out);  // the reason is its message
        continue;
      }
      for (const auto& f : r.findings) {
        std::vector<std::string> others;
        for (const auto& id : f.facts) {
          if (id != fact.id) others.push_back(fmt::format("`{}`", V(id)));
        }
        std::string with = others.empty() ? "" : fmt::format("with {}: ", fmt::join(others, ", "));
        out += fmt::format(
            "    {}{}: {}{}\n", findings::StatusName(f.status),
            f.severity == findings::Severity::kError || f.status != findings::Status::kOpen
                ? ""
                : fmt::format(" ({})", base::SeverityName(f.severity)),
            with, V(f.message));
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
                       fact.rules.size() == 1 ? "" : "s", V(fact.id), parts.empty() ? "" : ": ",
                       fmt::join(parts, ", "));
  }
  return out;
}

}  // namespace treaty::report
