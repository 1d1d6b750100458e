#include "report/html_report.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "base/text.h"
#include "findings/fingerprint.h"
#include "report/findings_text.h"
#include "report/xml_escape.h"
#include "value/date.h"

namespace treaty::report {

namespace {

// ---------------------------------------------------------------- small helpers

std::string Text(std::string_view s) { return XmlEscape(s, /*attribute=*/false); }

// Days since 1970-01-01 of a YYYY-MM-DD date; nullopt for any other text.
std::optional<int64_t> Days(std::string_view date) {
  if (auto d = value::ParseDate(date)) return d->days;
  return std::nullopt;
}

std::string_view StatusClass(const findings::Finding& f) {
  if (f.status == findings::Status::kOpen) return base::SeverityName(f.severity);
  return findings::StatusName(f.status);
}

std::string Tag(std::string_view cls, std::string_view label) {
  return fmt::format("<span class=\"tag {}\">{}</span>", cls, Text(label));
}

std::string FindingTag(const findings::Finding& f) { return Tag(StatusClass(f), StatusClass(f)); }

std::string FactList(const findings::Finding& f) {
  std::string out;
  for (size_t i = 0; i < f.facts.size(); ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("<code>{}</code>", Text(f.facts[i]));
  }
  return out;
}

constexpr std::string_view kStyle = R"css(
:root{--err:#c62828;--warn:#b45309;--info:#1d4ed8;--ok:#15803d;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--ink:#111827}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:28px 32px 56px}
header h1{font-size:26px;margin:0}
header p{margin:4px 0 0;color:var(--muted)}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:16px;margin:18px 0 4px}
h3 .title{font-weight:400;color:#374151}
h4{font-size:14px;margin:14px 0 2px}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:104px}
.card .n{display:block;font-size:24px;font-weight:650}
.card.error .n{color:var(--err)}.card.warning .n{color:var(--warn)}.card.info .n{color:var(--info)}
.card.new .n{color:var(--err)}.card.resolved .n{color:var(--ok)}
.tag{display:inline-block;min-width:58px;text-align:center;border-radius:4px;padding:0 6px;font-size:11px;font-weight:650;letter-spacing:.03em;text-transform:uppercase;color:#fff;vertical-align:1px}
.tag.error{background:var(--err)}.tag.warning{background:var(--warn)}.tag.info{background:var(--info)}
.tag.waived,.tag.defeated{background:#9ca3af}.tag.pending{background:#7c3aed}
.tag.new{background:#be123c}.tag.resolved{background:var(--ok)}.tag.changed{background:#0e7490}
.tag.rule{background:#eef2ff;color:#3730a3}
blockquote{margin:6px 0 8px;padding:6px 12px;border-left:3px solid #c7d2fe;background:#f8fafc;color:#374151}
.where{color:var(--muted);font-size:12px}
.finding{border-top:1px solid var(--line);padding:8px 0 8px 4px}
.finding .msg{margin:2px 0}
ul.explanation{margin:2px 0 0;padding-left:20px;color:#374151;font-size:13px}
.note{font-size:13px;color:#374151}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f3f4f6;padding:0 4px;border-radius:3px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{font-weight:600;color:#374151;background:#f9fafb}
.expired{color:var(--err);font-weight:600}.soon{color:var(--warn);font-weight:600}
.timeline{overflow-x:auto}
.legend span{margin-right:14px;font-size:12px;color:#374151}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
)css";

// ---------------------------------------------------------------- sections

void Summary(std::string& out, const CheckReport& r) {
  const auto& s = r.summary;
  out += "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
  auto card = [&](std::string_view cls, size_t n, std::string_view label) {
    out += fmt::format("<div class=\"card {}\"><span class=\"n\">{}</span>{}</div>", cls, n, label);
  };
  card("error", s.errors, s.errors == 1 ? "error" : "errors");
  card("warning", s.warnings, s.warnings == 1 ? "warning" : "warnings");
  card("info", s.infos, s.infos == 1 ? "info" : "infos");
  card("waived", s.waived, "waived");
  card("pending", s.pending, "pending");
  if (s.defeated > 0) card("defeated", s.defeated, "defeated");
  if (r.changes != nullptr && r.changes->base) {
    card("new", r.changes->added_count, "new since last run");
    card("resolved", r.changes->resolved_count, "resolved");
  }
  out += "</div>";
  out += fmt::format("<p>{}</p>", Text(SummaryLine(s)));
  size_t errors = 0, warnings = 0;
  for (const auto& d : r.diagnostics) {
    if (d.severity == base::Severity::kError) ++errors;
    if (d.severity == base::Severity::kWarning) ++warnings;
  }
  if (errors > 0) {
    out += fmt::format(
        "<p class=\"note\">The run reported {} input error{} (facts with errors were skipped, the "
        "rest were checked) and {} warning{}; run <code>treaty check</code> to see them.</p>",
        errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  } else if (warnings > 0) {
    out += fmt::format(
        "<p class=\"note\">The run reported {} warning{}; run <code>treaty check</code> to see "
        "{}.</p>",
        warnings, warnings == 1 ? "" : "s", warnings == 1 ? "it" : "them");
  }
  out += "</section>\n";
}

void ChangeRows(std::string& out, std::string_view kind, const std::vector<findings::Finding>& list,
                size_t total) {
  for (const auto& f : list) {
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td></tr>",
        Tag(kind, kind), FindingTag(f), Text(f.clause), Text(f.title), FactList(f),
        Text(f.message));
  }
  if (total > list.size()) {
    out += fmt::format("<tr><td colspan=\"5\" class=\"muted\">… and {} more {}</td></tr>",
                       total - list.size(), kind);
  }
}

void Changes(std::string& out, const CheckReport& r) {
  if (r.changes == nullptr) return;
  const RunChanges& c = *r.changes;
  out += "<section id=\"changes\"><h2>Since the last run</h2>";
  if (!c.base) {
    out +=
        "<p>This is the first recorded run over these policy and fact roots: there is no "
        "earlier run to compare with.</p></section>\n";
    return;
  }
  out += fmt::format(
      "<p>Compared with run {}: <strong>{} new</strong>, <strong>{} resolved</strong>, {} "
      "unchanged{}.</p>",
      *c.base, c.added_count, c.resolved_count, c.unchanged_count,
      c.changed_count > 0 ? fmt::format(" ({} of them changed status)", c.changed_count) : "");
  if (c.added_count + c.resolved_count + c.changed_count > 0) {
    out +=
        "<table><thead><tr><th>change</th><th>status</th><th>clause</th><th>facts</th>"
        "<th>message</th></tr></thead><tbody>";
    ChangeRows(out, "new", c.added, c.added_count);
    ChangeRows(out, "resolved", c.resolved, c.resolved_count);
    for (const auto& [f, before] : c.changed) {
      out += fmt::format(
          "<tr><td>{}</td><td>{} → {}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td></tr>",
          Tag("changed", "changed"),
          Tag(before == findings::Status::kOpen ? base::SeverityName(f.severity)
                                                : findings::StatusName(before),
              findings::StatusName(before)),
          FindingTag(f), Text(f.clause), Text(f.title), FactList(f), Text(f.message));
    }
    out += "</tbody></table>";
  }
  out += "</section>\n";
}

// ---------------------------------------------------------------- the timeline

struct Row {
  std::string label;
  std::string sublabel;
  std::optional<int64_t> from;
  std::optional<int64_t> until;  // nullopt: open-ended
  bool grant = false;
};

struct Mark {
  size_t row;
  int64_t start;
  std::optional<int64_t> end;
  std::string cls;
  std::string tip;
};

void Timeline(std::string& out, const CheckReport& r, const HtmlOptions& options) {
  if (r.agreements.empty()) return;
  std::vector<Row> rows;
  std::map<std::string, size_t> agreement_row, clause_row;
  size_t skipped = 0;
  for (const auto& a : r.agreements) {
    auto add = [&](Row row) -> std::optional<size_t> {
      if (rows.size() >= options.max_timeline_rows) {
        ++skipped;
        return std::nullopt;
      }
      rows.push_back(std::move(row));
      return rows.size() - 1;
    };
    if (auto i = add(Row{a.id, a.title, Days(a.window.from), Days(a.window.until), false})) {
      agreement_row[a.id] = *i;
    }
    for (const auto& g : r.exclusives) {
      if (g.agreement != a.id) continue;
      if (auto i = add(Row{g.clause, "exclusive " + g.grant, Days(g.window.from),
                           Days(g.window.until), true})) {
        clause_row[g.clause] = *i;
      }
    }
  }

  std::map<std::string_view, const FactDates*> dates;
  for (const auto& d : r.fact_dates) dates[d.id] = &d;
  std::vector<Mark> marks;
  for (const auto& f : r.findings) {
    if (f.status == findings::Status::kDefeated) continue;
    size_t row;
    if (auto it = clause_row.find(f.clause); it != clause_row.end()) {
      row = it->second;
    } else if (auto ag = agreement_row.find(f.agreement); ag != agreement_row.end()) {
      row = ag->second;
    } else {
      continue;
    }
    for (const auto& id : f.facts) {
      auto d = dates.find(id);
      if (d == dates.end()) continue;
      auto start = Days(d->second->start);
      if (!start) continue;
      std::string tip = fmt::format("{} ({}{}) — {} {}", id, d->second->start,
                                    d->second->end.empty() ? "" : " to " + d->second->end, f.clause,
                                    StatusClass(f));
      marks.push_back(Mark{row, *start, Days(d->second->end), std::string(StatusClass(f)), tip});
    }
  }

  // The date range: every window start and end, every mark, and the as-of date.
  const auto as_of = Days(r.as_of);
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  auto widen = [&](std::optional<int64_t> d) {
    if (!d) return;
    lo = std::min(lo, *d);
    hi = std::max(hi, *d);
  };
  for (const auto& row : rows) {
    widen(row.from);
    widen(row.until);
  }
  for (const auto& m : marks) {
    widen(m.start);
    widen(m.end);
  }
  widen(as_of);
  if (lo > hi) return;
  // Whole years around the range, and room on the right for open-ended windows; the axis ends
  // with the calendar (9999-12-31), so a year past it gets no label.
  auto year_of = [](int64_t days) {
    days = std::clamp<int64_t>(days, value::kFirstDate.days, value::kLastDate.days);
    return value::ToCivil(value::Date{static_cast<int32_t>(days)}).year;
  };
  auto jan1 = [](int year) { return value::DaysFromCivil(year, 1, 1); };
  const int first_year = year_of(lo);
  const int last_year = year_of(hi) + 2;
  lo = jan1(first_year);
  hi = std::min<int64_t>(jan1(last_year), value::kLastDate.days);

  constexpr int kLeft = 250, kWidth = 1100, kTop = 34, kRowH = 24, kGrantH = 30;
  const int plot = kWidth - kLeft - 16;
  auto x = [&](int64_t d) {
    d = std::clamp(d, lo, hi);
    return kLeft + static_cast<double>(d - lo) * plot / static_cast<double>(hi - lo);
  };
  std::vector<int> y(rows.size());
  int cursor = kTop;
  for (size_t i = 0; i < rows.size(); ++i) {
    y[i] = cursor;
    cursor += rows[i].grant ? kGrantH : kRowH;
  }
  const int height = cursor + 14;
  // Agreement bars sit mid-row; a grant's bar sits low, under the line saying what it grants.
  auto row_center = [&](int top, bool grant) { return grant ? top + 20 : top + kRowH / 2; };

  out += "<section id=\"timeline\"><h2>Timeline</h2>";
  out +=
      "<p class=\"legend\"><span><i style=\"background:#4f46e5\"></i>agreement in force</span>"
      "<span><i style=\"background:#f59e0b\"></i>exclusivity grant</span>"
      "<span><i style=\"background:var(--err)\"></i>error</span>"
      "<span><i style=\"background:var(--warn)\"></i>warning</span>"
      "<span><i style=\"background:var(--info)\"></i>info</span>"
      "<span><i style=\"background:#9ca3af\"></i>waived</span>"
      "<span>a dot marks the start of a cited fact, its line the fact's active span</span></p>";
  out += fmt::format(
      "<div class=\"timeline\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"agreement windows and "
      "exclusivity grants\">",
      kWidth, height);
  // Year grid.
  const int span_years = last_year - first_year;
  int step = span_years > 24 ? 5 : (span_years > 12 ? 2 : 1);
  for (int longer : {10, 20, 50, 100, 200, 500, 1000, 2000}) {
    if (span_years > 24 * step) step = longer;  // at most 25 labels
  }
  for (int year = first_year; year <= last_year; year += step) {
    const double gx = x(jan1(year));
    if (gx > kWidth - 24) break;  // no room for the label at the right edge
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e5e7eb\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\" fill=\"#6b7280\" "
        "font-size=\"11\">{4}</text>",
        gx, kTop - 6, height - 10, kTop - 12, year);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const int h = row.grant ? 8 : 14;
    const int cy = row_center(y[i], row.grant);
    if (i % 2 == 0 && !row.grant) {
      out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\"/>",
                         y[i], kWidth, kRowH);
    }
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" font-weight=\"{}\">{}"
        "<title>{}</title></text>",
        row.grant ? 18 : 6, cy + 4, row.grant ? 10.5 : 12, row.grant ? "#92400e" : "#111827",
        row.grant ? 400 : 600, Text(row.label),
        Text(row.sublabel.empty() ? row.label : row.label + " — " + row.sublabel));
    if (!row.from) continue;
    const double x0 = x(*row.from);
    const double x1 = row.until ? x(*row.until) : x(hi);
    const char* fill = row.grant ? "#fbbf24" : "#6366f1";
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" fill=\"{}\" "
        "fill-opacity=\"{}\"><title>{}</title></rect>",
        x0, cy - h / 2, std::max(1.0, x1 - x0), h, fill, row.until ? "0.85" : "0.55",
        Text(fmt::format("{}: {}{}", row.label, row.sublabel.empty() ? "" : row.sublabel + ", ",
                         row.until ? "with an end date" : "open-ended")));
    if (!row.until) {  // an open end fades into an arrow
      out += fmt::format(
          "<path d=\"M{0:.1f} {1} l7 {2} l-7 {2} z\" fill=\"{3}\" fill-opacity=\"0.55\"/>", x1,
          cy - h / 2 - 2, h / 2 + 2, fill);
    }
    if (row.grant && !row.sublabel.empty()) {  // what is granted, above its bar
      const double tx = std::min(x0, static_cast<double>(kWidth - 260));
      out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"10\" fill=\"#78350f\">{}</text>",
                         tx, y[i] + 10, Text(row.sublabel));
    }
  }
  const std::map<std::string, std::string> colors = {{"error", "#c62828"},
                                                     {"warning", "#b45309"},
                                                     {"info", "#1d4ed8"},
                                                     {"waived", "#9ca3af"},
                                                     {"pending", "#7c3aed"}};
  for (const auto& m : marks) {
    const int cy = row_center(y[m.row], rows[m.row].grant);
    auto color = colors.count(m.cls) ? colors.at(m.cls) : "#111827";
    if (m.end && *m.end > m.start) {
      out += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"{}\" "
          "stroke-width=\"2\" stroke-opacity=\"0.6\"/>",
          x(m.start), cy, x(*m.end), cy, color);
    }
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"4.5\" fill=\"{}\" stroke=\"#fff\" "
        "stroke-width=\"1.2\"><title>{}</title></circle>",
        x(m.start), cy, color, Text(m.tip));
  }
  if (as_of) {
    const double ax = x(*as_of);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#dc2626\" "
        "stroke-dasharray=\"4 3\"/><text x=\"{3:.1f}\" y=\"{4}\" fill=\"#dc2626\" "
        "font-size=\"11\">as of {5}</text>",
        ax, kTop - 4, height - 8, ax + 4, height - 2, Text(r.as_of));
  }
  out += "</svg></div>";
  if (skipped > 0) {
    out +=
        fmt::format("<p class=\"muted\">{} more agreements and grants are not drawn.</p>", skipped);
  }
  out += "</section>\n";
}

// ---------------------------------------------------------------- findings and waivers

void Findings(std::string& out, const CheckReport& r) {
  out += "<section id=\"findings\"><h2>Findings by agreement</h2>";
  if (r.findings.empty()) {
    out += "<p>No findings: every fact complies with every clause that applies to it.</p>";
  }
  std::map<std::string_view, const AgreementInfo*> agreements;
  for (const auto& a : r.agreements) agreements[a.id] = &a;
  std::set<std::string> added;
  if (r.changes != nullptr && r.changes->base) {
    for (const auto& f : r.changes->added) added.insert(findings::Fingerprint(f));
  }
  std::string agreement, clause;
  for (const auto& f : r.findings) {
    if (f.agreement != agreement) {
      if (!agreement.empty()) out += "</article>";
      agreement = f.agreement;
      clause.clear();
      auto it = agreements.find(agreement);
      std::string window;
      if (it != agreements.end()) {
        const auto& w = it->second->window;
        window = w.until.empty() ? fmt::format("in force from {}", w.from)
                                 : fmt::format("in force {} to {}", w.from, w.until);
      }
      out += fmt::format(
          "<article class=\"agreement\"><h3>{} <span class=\"title\">{}</span></h3>"
          "<div class=\"where\">{}</div>",
          Text(agreement), it != agreements.end() ? Text(it->second->title) : "", Text(window));
    }
    if (f.clause != clause) {
      clause = f.clause;
      out += fmt::format("<h4><code>{}</code> {} {}</h4><div class=\"where\">{}:{}</div>",
                         Text(f.clause), Text(f.title), Tag("rule", findings::RuleKindName(f.rule)),
                         Text(f.clause_location.file), f.clause_location.line);
      if (!f.clause_text.empty()) {
        out += fmt::format("<blockquote>{}</blockquote>",
                           Text(base::CollapseWhitespace(f.clause_text)));
      }
    }
    out += fmt::format("<div class=\"finding {}\">{}", StatusClass(f), FindingTag(f));
    if (added.count(findings::Fingerprint(f))) out += " " + Tag("new", "new");
    for (size_t i = 0; i < f.facts.size(); ++i) {
      out += fmt::format(" {}<code>{}</code>", i == 0 ? "" : "and ", Text(f.facts[i]));
      if (i < f.locations.size()) {
        out += fmt::format(" <span class=\"where\">{}:{}</span>", Text(f.locations[i].file),
                           f.locations[i].line);
      }
    }
    out += fmt::format("<p class=\"msg\">{}</p>", Text(f.message));
    if (!f.explanation.empty()) {
      out += "<ul class=\"explanation\">";
      for (const auto& line : f.explanation) out += fmt::format("<li>{}</li>", Text(line));
      out += "</ul>";
    }
    if (!f.waived_by.empty()) {
      out += fmt::format("<p class=\"note\">waived by <code>{}</code></p>", Text(f.waived_by));
    }
    if (!f.defeated_by.empty()) {
      out += fmt::format(
          "<p class=\"note\">defeated by <code>{}</code>, which overrides this clause</p>",
          Text(f.defeated_by));
    }
    if (!f.conflicts_with.empty()) {
      std::string with;
      for (const auto& c : f.conflicts_with) {
        with += (with.empty() ? "" : ", ") + fmt::format("<code>{}</code>", Text(c));
      }
      out += fmt::format(
          "<p class=\"note\"><strong>conflict:</strong> {} also cover{} this plan; the "
          "agreements disagree and neither overrides the other</p>",
          with, f.conflicts_with.size() == 1 ? "s" : "");
    }
    out += "</div>";
  }
  if (!agreement.empty()) out += "</article>";
  out += "</section>\n";
}

void Waivers(std::string& out, const CheckReport& r) {
  out += "<section id=\"waivers\"><h2>Waivers</h2>";
  if (r.waivers.empty()) {
    out += "<p>The portfolio grants no waivers.</p></section>\n";
    return;
  }
  const auto as_of = Days(r.as_of);
  out +=
      "<table><thead><tr><th>waiver</th><th>clause</th><th>until</th><th>expiry</th>"
      "<th>findings waived</th><th>approved by</th><th>reason</th></tr></thead><tbody>";
  for (const auto& w : r.waivers) {
    std::string expiry = "<span class=\"muted\">never expires</span>";
    if (auto until = w.until ? Days(*w.until) : std::nullopt; until && as_of) {
      const int64_t left = *until - *as_of;
      if (left <= 0) {
        expiry = "<span class=\"expired\">expired</span>";
      } else {
        expiry = fmt::format("<span class=\"{}\">expires in {} day{}</span>",
                             left <= 30 ? "soon" : "", left, left == 1 ? "" : "s");
      }
    }
    out += fmt::format(
        "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        Text(w.id), Text(w.clause), w.until ? Text(*w.until) : "—", expiry, w.findings,
        Text(w.approved_by), Text(w.reason));
  }
  out += "</tbody></table></section>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view s) { return XmlEscape(s, /*attribute=*/true); }

std::string RenderHtml(const CheckReport& report, const HtmlOptions& options) {
  std::string out;
  out.reserve(16384 + report.findings.size() * 900);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{} — as of {}</title>\n", Text(options.title), Text(report.as_of));
  out += "<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n<header>";
  out += fmt::format("<h1>{}</h1><p>", Text(options.title));
  std::vector<std::string> meta;
  if (options.run > 0) meta.push_back(fmt::format("run {}", options.run));
  meta.push_back(fmt::format("as of {}", Text(report.as_of)));
  if (!report.label.empty()) meta.push_back(fmt::format("label “{}”", Text(report.label)));
  out += fmt::format("{}</p></header>\n", fmt::join(meta, " · "));
  Summary(out, report);
  Changes(out, report);
  Timeline(out, report, options);
  Findings(out, report);
  Waivers(out, report);
  if (!options.generated_by.empty()) {
    out += fmt::format("<footer>Generated by {}. Self-contained: no scripts, no network.</footer>",
                       Text(options.generated_by));
  }
  out += "\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace treaty::report
