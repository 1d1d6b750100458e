#include "report/audit_text.h"

#include <fmt/format.h>

#include "base/escape.h"
#include "report/changes_text.h"

namespace treaty::report {

namespace {

std::string LabelPart(const std::string& label) {
  return label.empty() ? "" : fmt::format(", label `{}`", base::VisibleText(label));
}

// "1970-01-01T00:00:00Z" -> "1970-01-01 00:00".
std::string ShortTime(const std::string& ts) {
  if (ts.size() < 16) return ts;
  return ts.substr(0, 10) + " " + ts.substr(11, 5);
}

constexpr std::string_view kHistoryRow =
    "{:>4}  {:<16}  {:<10}  {:>6}  {:>8}  {:>5}  {:>6}  {:>7}  {:<7}  {:>4}  {:>8}  {}\n";

}  // namespace

std::string RecordedLine(int64_t run, std::string_view db, std::string_view as_of,
                         const std::string& label) {
  return fmt::format("run {} recorded in {} (as of {}{})\n", run, db, as_of, LabelPart(label));
}

std::string ChangesSince(const findings::RunChanges& changes, const TextStyle& style,
                         std::string_view first_run) {
  if (!changes.base) return std::string(first_run);
  return fmt::format("since run {}: {}\n", *changes.base, ChangesCountLine(changes)) +
         RenderChangesList(changes, style);
}

std::string RenderHistoryText(const std::vector<findings::RunInfo>& runs, std::string_view db) {
  if (runs.empty()) return fmt::format("no runs recorded in {}\n", db);
  std::string out = fmt::format(kHistoryRow, "run", "recorded (UTC)", "as of", "errors", "warnings",
                                "infos", "waived", "pending", "since", "new", "resolved", "label");
  for (const auto& r : runs) {
    const auto& s = r.record.summary;
    std::string since = r.previous_run ? fmt::format("run {}", *r.previous_run) : "-";
    std::string added = r.previous_run ? std::to_string(r.added) : "-";
    std::string resolved = r.previous_run ? std::to_string(r.resolved) : "-";
    out += fmt::format(kHistoryRow, r.id, ShortTime(r.record.started_at), r.record.as_of, s.errors,
                       s.warnings, s.infos, s.waived, s.pending, since, added, resolved,
                       base::VisibleText(r.record.label));
  }
  return out;
}

std::string RenderRunHeading(const findings::RunInfo& info) {
  return fmt::format("run {}: recorded {} UTC, as of {}{}\n", info.id,
                     ShortTime(info.record.started_at), info.record.as_of,
                     LabelPart(info.record.label)) +
         fmt::format("policies: {}; facts: {}\n\n",
                     base::VisibleJoin(info.record.policy_roots, ", "),
                     base::VisibleJoin(info.record.fact_roots, ", "));
}

std::string RenderWaiverLines(const std::vector<findings::WaiverRecord>& waivers) {
  std::string out;
  for (const auto& w : waivers) {
    out += fmt::format("waiver {} on {} ({}) waived {} finding{}\n", base::VisibleText(w.id),
                       base::VisibleText(w.clause),
                       base::VisibleText(w.until ? "until " + *w.until : "no expiry"), w.findings,
                       w.findings == 1 ? "" : "s");
  }
  return out;
}

}  // namespace treaty::report
