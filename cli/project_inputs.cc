#include "project_inputs.h"

#include <fmt/format.h>

#include "clock.h"
#include "diagnostics_output.h"

namespace treaty::cli {

ProjectInputs::ProjectInputs(const CommonOptions& options)
    : options_(options), config_(driver::FindProjectConfig(".", config_sources_, config_diags_)) {}

bool ProjectInputs::ConfigValid() const {
  if (!config_reported_) {
    config_reported_ = true;
    PrintDiagnostics(config_diags_.Sorted(), config_sources_, options_.color);
  }
  return !config_diags_.has_errors();
}

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
  if (!ConfigValid()) return std::nullopt;
  auto date = as_of.empty() ? ResolveAsOf(config_.as_of, "`as_of` in treaty.yaml")
                            : ResolveAsOf(as_of, "--as-of");
  if (!date.ok()) {
    PrintError(date.status().message());
    return std::nullopt;
  }
  return date.value();
}

std::optional<value::Date> ProjectInputs::Today() const {
  if (!ConfigValid()) return std::nullopt;
  auto date = cli::Today();
  if (!date.ok()) {
    PrintError(date.status().message());
    return std::nullopt;
  }
  return date.value();
}

}  // namespace treaty::cli
