#pragma once
/// `treaty.yaml`, the project file of CLI.md: found in the current directory or any parent.
/// Paths in it are relative to the directory that holds it and are returned relative to the
/// current directory. The file is added to `sources` and every problem is a diagnostic at its
/// place in it (never an exception): malformed YAML (T0605), an invalid value (T0607, with the
/// allowed values and a did-you-mean), an unknown setting (T0608) or one given twice (T0609).
/// A setting with an invalid value keeps its default.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"

namespace treaty::driver {

/// The values of `fail_on` (and --fail-on), from the strictest.
inline constexpr std::array<std::string_view, 4> kFailOnValues = {"error", "warning", "info",
                                                                  "never"};

struct ProjectConfig {
  std::string path;                   // the treaty.yaml that was read; "" when none was found
  std::vector<std::string> policies;  // default {"policies"}
  std::vector<std::string> facts;     // default {"fixtures"}
  std::string fail_on = "error";      // one of kFailOnValues
  std::string as_of = "today";        // "today" or a valid YYYY-MM-DD
};

/// Looks for treaty.yaml from `start_dir` upwards; defaults when there is none.
ProjectConfig FindProjectConfig(const std::string& start_dir, base::SourceSet& sources,
                                base::DiagnosticEngine& diags);

}  // namespace treaty::driver
