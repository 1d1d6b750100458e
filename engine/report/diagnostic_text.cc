#include "report/diagnostic_text.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "base/escape.h"
#include "report/snippet_window.h"

namespace treaty::report {

namespace {

// Messages, labels and notes echo user data (ids, names, values): shown as they may safely be
// seen on a terminal.
std::string V(std::string_view s) { return base::VisibleText(s); }

// The source line of `span` with a caret line under it, indented for a gutter of `width`;
// nothing when the file no longer holds the line (a streamed fact file keeps only the lines
// its diagnostics point at when they are reported).
void AppendSnippet(std::string& out, const base::Span& span, const base::SourceFile& file,
                   std::string_view label, size_t width, const char* caret_color,
                   const Palette& p) {
  if (!file.HasLine(span.line)) {
    if (!label.empty()) out += fmt::format("{:>{}} = {}\n", "", width, V(label));
    return;
  }
  std::string_view line = file.Line(span.line);
  const uint32_t line_start = file.LineStart(span.line);
  const uint32_t begin_in_line = span.begin - line_start;
  // A long line is shown clipped around the span (snippet_window.h): never the whole line.
  const SnippetWindow shown =
      ClipLine(line, begin_in_line, span.end > span.begin ? span.end - line_start : 0);
  out += fmt::format("{}{:>{}} |{}\n", p.accent, "", width, p.reset);
  out += fmt::format("{}{:>{}} |{} {}\n", p.accent, span.line, width, p.reset, shown.text);
  out += fmt::format("{}{:>{}} |{} {}{}{}", p.accent, "", width, p.reset, shown.pad, caret_color,
                     std::string(shown.carets, '^'));
  if (!label.empty()) out += fmt::format(" {}", V(label));
  out += fmt::format("{}\n", p.reset);
}

std::string Location(const base::Span& span, const base::SourceSet& sources) {
  return fmt::format("{}:{}:{}", V(sources.PathOf(span)), span.line, span.col);
}

}  // namespace

std::string RenderDiagnostic(const base::Diagnostic& d, const base::SourceSet& sources,
                             const TextStyle& style) {
  const Palette p = MakePalette(style);
  const char* color = SeverityColor(p, d.severity);
  std::string out = fmt::format("{}{}[{}]{}{}: {}{}\n", color, base::SeverityName(d.severity),
                                d.code_name(), p.reset, p.bold, V(d.message), p.reset);
  size_t width = 1;
  if (d.span.valid()) width = std::max(width, fmt::formatted_size("{}", d.span.line));
  for (const auto& n : d.notes) {
    if (n.span.valid()) width = std::max(width, fmt::formatted_size("{}", n.span.line));
  }
  const bool has_file = d.span.valid() && d.span.file < sources.size();
  if (has_file) {
    out +=
        fmt::format("{:>{}}{}-->{} {}\n", "", width, p.accent, p.reset, Location(d.span, sources));
    AppendSnippet(out, d.span, sources.Get(d.span.file), d.label, width, color, p);
  } else if (!d.label.empty()) {
    out += fmt::format("{:>{}} = {}\n", "", width, V(d.label));
  }
  for (const auto& n : d.notes) {
    if (!n.span.valid() || n.span.file >= sources.size()) {
      out += fmt::format("{:>{}} {}={} {}note:{} {}\n", "", width, p.accent, p.reset, p.bold,
                         p.reset, V(n.message));
    }
  }
  if (!d.help.empty()) {
    out += fmt::format("{:>{}} {}={} {}help:{} {}\n", "", width, p.accent, p.reset, p.bold, p.reset,
                       V(d.help));
  }
  for (const auto& n : d.notes) {
    if (n.span.valid() && n.span.file < sources.size()) {
      out += fmt::format("{}note{}: {}\n", p.bold, p.reset, V(n.message));
      out += fmt::format("{:>{}}{}-->{} {}\n", "", width, p.accent, p.reset,
                         Location(n.span, sources));
      AppendSnippet(out, n.span, sources.Get(n.span.file), "", width, p.accent, p);
    }
  }
  return out;
}

std::string RenderDiagnostics(const std::vector<base::Diagnostic>& diags,
                              const base::SourceSet& sources, const TextStyle& style) {
  std::string out;
  size_t counts[3] = {0, 0, 0};
  // At most kMaxDiagnosticsPerFile are shown per file (diagnostics without a file count as
  // one more file), then one line says how many more there are; the summary counts them all.
  std::unordered_map<base::FileId, size_t> per_file, shown;
  for (const auto& d : diags) per_file[d.span.file]++;
  for (const auto& d : diags) {
    counts[static_cast<size_t>(d.severity)]++;
    size_t& n = shown[d.span.file];
    if (n == kMaxDiagnosticsPerFile) continue;
    out += RenderDiagnostic(d, sources, style);
    out += '\n';
    if (++n == kMaxDiagnosticsPerFile && per_file[d.span.file] > n) {
      const size_t more = per_file[d.span.file] - n;
      const std::string where = d.span.file == base::kNoFile
                                    ? std::string(" without a file")
                                    : fmt::format(" in {}", V(sources.PathOf(d.span)));
      out += fmt::format("and {} more diagnostic{}{}\n\n", more, more == 1 ? "" : "s", where);
    }
  }
  std::vector<std::string> parts;
  auto add = [&](size_t n, const char* what) {
    if (n) parts.push_back(fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"));
  };
  add(counts[0], "error");
  add(counts[1], "warning");
  add(counts[2], "info");
  if (!parts.empty()) out += fmt::format("{}\n", fmt::join(parts, ", "));
  return out;
}

}  // namespace treaty::report
