#include "fail_on.h"

namespace treaty::cli {

bool FailsAt(const std::string& fail_on, size_t errors, size_t warnings, size_t infos) {
  // Callers pass a validated threshold; anything else fails closed, as "error" does.
  const int rank = fail_on == "info" ? 2 : fail_on == "warning" ? 1 : fail_on == "never" ? -1 : 0;
  return (rank >= 0 && errors > 0) || (rank >= 1 && warnings > 0) || (rank >= 2 && infos > 0);
}

bool FailsRun(const findings::Summary& summary, const std::string& fail_on) {
  return FailsAt(fail_on, summary.errors, summary.warnings, summary.infos);
}

}  // namespace treaty::cli
