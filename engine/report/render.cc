#include "report/render.h"

#include <stdexcept>

#include "report/findings_csv.h"
#include "report/findings_json.h"
#include "report/findings_junit.h"
#include "report/findings_markdown.h"
#include "report/findings_sarif.h"
#include "report/findings_text.h"

namespace treaty::report {

bool CarriesDiagnostics(std::string_view format) { return format != "text" && format != "csv"; }

std::string Render(std::string_view format, const CheckReport& report, const TextStyle& style) {
  if (format == "text") return RenderText(report, style);
  if (format == "json") return RenderJson(report);
  if (format == "sarif") return RenderSarif(report);
  if (format == "junit") return RenderJunit(report);
  if (format == "markdown") return RenderMarkdown(report);
  if (format == "csv") return RenderCsv(report);
  throw std::invalid_argument("unknown report format `" + std::string(format) + "`");
}

}  // namespace treaty::report
