#include "report/changes_text.h"

#include <fmt/format.h>

#include "base/escape.h"

namespace treaty::report {

namespace {

std::string_view StatusWord(const findings::Finding& f, findings::Status status) {
  return status == findings::Status::kOpen ? base::SeverityName(f.severity)
                                           : findings::StatusName(status);
}

std::string Facts(const findings::Finding& f) {
  return f.facts.empty() ? std::string() : " " + base::VisibleJoin(f.facts, ", ");
}

}  // namespace

std::string ChangesCountLine(const RunChanges& c) {
  std::string line = fmt::format("{} new, {} resolved, {} unchanged", c.added_count,
                                 c.resolved_count, c.unchanged_count);
  if (c.changed_count > 0) line += fmt::format(" ({} changed status)", c.changed_count);
  return line;
}

std::string RenderChangesList(const RunChanges& c, const TextStyle& style) {
  const Palette p = MakePalette(style);
  std::string out;
  auto list = [&](std::string_view word, const char* color,
                  const std::vector<findings::Finding>& items, size_t total) {
    for (const auto& f : items) {
      out += fmt::format("  {}{:<9}{} {:<8} {}{}{}{}: {}\n", color, word, p.reset,
                         StatusWord(f, f.status), p.bold, base::VisibleText(f.clause), p.reset,
                         Facts(f), base::VisibleText(f.message));
    }
    if (total > items.size())
      out += fmt::format("  … and {} more {}\n", total - items.size(), word);
  };
  list("new", p.error, c.added, c.added_count);
  list("resolved", p.ok, c.resolved, c.resolved_count);
  for (const auto& [f, before] : c.changed) {
    out += fmt::format("  {}{:<9}{} {:<8} {}{}{}{}: {} -> {}\n", p.info, "changed", p.reset,
                       StatusWord(f, f.status), p.bold, base::VisibleText(f.clause), p.reset,
                       Facts(f), StatusWord(f, before), StatusWord(f, f.status));
  }
  if (c.changed_count > c.changed.size()) {
    out += fmt::format("  … and {} more changed\n", c.changed_count - c.changed.size());
  }
  return out;
}

}  // namespace treaty::report
