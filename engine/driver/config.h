#pragma once
/// `treaty.yaml`, the project file of CLI.md: found in the current directory or any parent.
/// Paths in it are relative to the directory that holds it and are returned relative to the
/// current directory. A malformed file is a T0605 diagnostic, never an exception.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"

namespace treaty::driver {

struct ProjectConfig {
  std::string path;                   // the treaty.yaml that was read; "" when none was found
  std::vector<std::string> policies;  // default {"policies"}
  std::vector<std::string> facts;     // default {"fixtures"}
  std::string fail_on = "error";
  std::string as_of = "today";  // "today" or YYYY-MM-DD
};

/// Looks for treaty.yaml from `start_dir` upwards; defaults when there is none.
ProjectConfig FindProjectConfig(const std::string& start_dir, base::DiagnosticEngine& diags);

}  // namespace treaty::driver
