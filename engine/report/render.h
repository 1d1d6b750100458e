#pragma once
/// The one dispatch from a `--format` name to the reporter that renders a CheckReport:
/// text, json, sarif, junit, markdown, csv. The CLI validates the name against kCheckFormats.

#include <array>
#include <string>
#include <string_view>

#include "report/check_report.h"
#include "report/diagnostic_text.h"

namespace treaty::report {

inline constexpr std::array<std::string_view, 6> kCheckFormats = {"text",  "json",     "sarif",
                                                                  "junit", "markdown", "csv"};

/// True when the format's document carries the diagnostics itself (json, sarif, junit,
/// markdown); for text and csv the CLI prints them to stderr with RenderDiagnostics.
bool CarriesDiagnostics(std::string_view format);

/// `report` in `format` (one of kCheckFormats; `style` applies to text only). Throws
/// std::invalid_argument for any other name: the CLI validates it first.
std::string Render(std::string_view format, const CheckReport& report, const TextStyle& style = {});

}  // namespace treaty::report
