#include "report/findings_markdown.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/escape.h"

#include "report/diagnostic_text.h"
#include "report/findings_text.h"

namespace treaty::report {

namespace {

std::string Status(const findings::Finding& f) {
  if (f.status == findings::Status::kOpen) {
    return fmt::format("**{}**", base::SeverityName(f.severity));
  }
  return std::string(findings::StatusName(f.status));
}

// `text` with each line (ended by LF, CRLF or CR) made visible (base::VisibleText), the line
// ends kept as LF.
std::string VisibleLines(std::string_view text) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    out += base::VisibleText(text.substr(start, i - start));
    out += '\n';
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return out + base::VisibleText(text.substr(start));
}

}  // namespace

std::string MarkdownCell(std::string_view raw) {
  const std::string s = VisibleLines(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    switch (ch) {
      case '\n':
        out += "<br>";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '|':
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
      case '~':
        out += '\\';
        out += ch;
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string RenderMarkdown(const CheckReport& report) {
  std::string out = fmt::format("### Treaty check as of {}\n\n", report.as_of);
  out += fmt::format("{}\n", MarkdownCell(SummaryLine(report.summary)));
  if (!report.findings.empty()) {
    out += "\n| Status | Clause | Title | Facts | Message |\n";
    out += "|---|---|---|---|---|\n";
    for (const auto& f : report.findings) {
      std::vector<std::string> facts;
      for (size_t i = 0; i < f.facts.size(); ++i) {
        std::string fact = MarkdownCell(f.facts[i]);
        if (i < f.locations.size()) {
          fact += fmt::format(" ({}:{})", MarkdownCell(f.locations[i].file), f.locations[i].line);
        }
        facts.push_back(std::move(fact));
      }
      std::string message = MarkdownCell(f.message);
      if (!f.waived_by.empty())
        message += fmt::format(" (waived by {})", MarkdownCell(f.waived_by));
      if (!f.defeated_by.empty()) {
        message += fmt::format(" (defeated by {})", MarkdownCell(f.defeated_by));
      }
      if (!f.conflicts_with.empty()) {
        message += fmt::format(" (conflicts with {})",
                               MarkdownCell(fmt::format("{}", fmt::join(f.conflicts_with, ", "))));
      }
      out += fmt::format("| {} | {} | {} | {} | {} |\n", Status(f), MarkdownCell(f.clause),
                         MarkdownCell(f.title), fmt::join(facts, "<br>"), message);
    }
  }
  if (!report.diagnostics.empty()) {
    out += "\n**Problems with the input**\n\n";
    std::string text;
    if (report.sources != nullptr) {
      text = RenderDiagnostics(report.diagnostics, *report.sources);
    } else {
      for (const auto& d : report.diagnostics) {
        text +=
            fmt::format("{}[{}]: {}\n", base::SeverityName(d.severity), d.code_name(), d.message);
      }
    }
    // A fence longer than any run of backticks in the text, so nothing can close it early.
    size_t longest = 0;
    for (size_t i = 0, run = 0; i < text.size(); ++i) {
      run = text[i] == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string fence(std::max<size_t>(3, longest + 1), '`');
    text = VisibleLines(text);  // no escape sequence reaches a terminal that shows the file
    while (!text.empty() && text.back() == '\n') text.pop_back();
    out += fmt::format("{}text\n{}\n{}\n", fence, text, fence);
  }
  return out;
}

}  // namespace treaty::report
