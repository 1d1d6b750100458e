#include "project_inputs.h"

#include <fmt/format.h>

#include "clock.h"
#include "diagnostics_output.h"

namespace treaty::cli {

ProjectInputs::ProjectInputs(const CommonOptions& options, base::DiagnosticEngine& diags)
    : options_(options), config_(driver::FindProjectConfig(".", diags)) {}

std::vector<std::string> ProjectInputs::PolicyRoots() const {
  return options_.policies.empty() ? config_.policies : options_.policies;
}

std::vector<std::string> ProjectInputs::FactPaths(const std::vector<std::string>& paths) const {
  return paths.empty() ? config_.facts : paths;
}

std::string ProjectInputs::FailOn() const {
  return options_.fail_on_given ? options_.fail_on : config_.fail_on;
}

std::optional<value::Date> ProjectInputs::AsOf(const std::string& as_of) const {
  const std::string& text = as_of.empty() ? config_.as_of : as_of;
  auto date = ResolveAsOf(text);
  if (!date) {
    PrintError(
        fmt::format("invalid --as-of `{}`: expected a date like 2026-11-29 or `today`", text));
  }
  return date;
}

}  // namespace treaty::cli
