#pragma once
/// The --fail-on threshold, "error", "warning", "info" or "never": whether a run with so many
/// problems of each severity fails (exit 1).

#include <cstddef>
#include <string>

#include "findings/finding.h"

namespace treaty::cli {

bool FailsAt(const std::string& fail_on, size_t errors, size_t warnings, size_t infos);
/// By the open findings of `summary`.
bool FailsRun(const findings::Summary& summary, const std::string& fail_on);

}  // namespace treaty::cli
