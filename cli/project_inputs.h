#pragma once
/// What a command reads of the project: the policy roots, fact paths, as-of date and --fail-on
/// threshold, each from the command's options, else treaty.yaml (driver::FindProjectConfig),
/// else the defaults. treaty.yaml is read once, when the inputs are made. An invalid
/// treaty.yaml stops the command: ConfigValid (and AsOf, Today and FillRequest, which call it)
/// print its diagnostics, located in the file, to stderr and answer false / nullopt.

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "commands.h"
#include "driver/config.h"
#include "value/date.h"

namespace treaty::cli {

class ProjectInputs {
 public:
  explicit ProjectInputs(const CommonOptions& options);

  /// The treaty.yaml that was read (`path` "" when there is none), or the defaults.
  const driver::ProjectConfig& config() const { return config_; }
  /// false, with treaty.yaml's diagnostics printed to stderr (the first time), when it has an
  /// error.
  bool ConfigValid() const;

  std::vector<std::string> PolicyRoots() const;
  /// `paths`, the command's fact path arguments, when given.
  std::vector<std::string> FactPaths(const std::vector<std::string>& paths) const;
  std::string FailOn() const;
  /// `as_of`, the command's --as-of, when given (not empty); nullopt, with the error printed to
  /// stderr, when the date is neither `today` nor YYYY-MM-DD, when `today` is asked for and
  /// TREATY_TODAY is not a date, or when treaty.yaml is invalid.
  std::optional<value::Date> AsOf(const std::string& as_of) const;
  /// Today (TREATY_TODAY when set); nullopt, with the error printed, as for AsOf.
  std::optional<value::Date> Today() const;

  /// Sets the policy_roots, fact_paths and as_of of a run request (run::CheckRequest, …) as
  /// above; false when AsOf fails.
  template <typename Request>
  bool FillRequest(const std::vector<std::string>& paths, const std::string& as_of,
                   Request& request) const {
    auto date = AsOf(as_of);
    if (!date) return false;
    request.policy_roots = PolicyRoots();
    request.fact_paths = FactPaths(paths);
    request.as_of = *date;
    return true;
  }

 private:
  const CommonOptions& options_;
  base::SourceSet config_sources_;  // treaty.yaml, for its diagnostics
  base::DiagnosticEngine config_diags_;
  driver::ProjectConfig config_;
  mutable bool config_reported_ = false;
};

}  // namespace treaty::cli
