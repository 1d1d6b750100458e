#pragma once
/// `treaty audit --report`: one self-contained HTML page (inline CSS and inline SVG; no script,
/// no font, no request to a network) for a partner manager: the summary, what is new or
/// resolved since the last run, a timeline of agreement windows and exclusivity grants with
/// the cited facts marked, the findings grouped by agreement with clause text and explanation,
/// and the waivers with their expiry. Every value from policies or facts is HTML-escaped.

#include <string>
#include <string_view>

#include "report/check_report.h"

namespace treaty::report {

struct HtmlOptions {
  std::string title = "Treaty audit report";
  std::string generated_by;        // e.g. "treaty 0.1.0"; omitted when empty
  int64_t run = 0;                 // the run's id in the store; omitted when 0
  size_t max_timeline_rows = 120;  // agreements and grants drawn at most (the rest are counted)
};

std::string RenderHtml(const CheckReport& report, const HtmlOptions& options = {});

/// `s` escaped for HTML text and attribute values (&, <, >, ", ').
std::string HtmlEscape(std::string_view s);

}  // namespace treaty::report
