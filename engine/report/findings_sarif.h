#pragma once
/// `--format sarif`: a SARIF 2.1.0 log with one run. Each clause is a rule (id `AGREEMENT/CLAUSE`,
/// the title as short description, the clause text as full description and help); each finding
/// a result at its first fact's file and line, with the other facts and the clause as related
/// locations, a stable `treaty/v1` partial fingerprint, and waivers as external suppressions.
/// Diagnostics are tool execution notifications. Byte-for-byte deterministic (no timestamps).

#include <string>

#include "report/check_report.h"

namespace treaty::report {

std::string RenderSarif(const CheckReport& report);

}  // namespace treaty::report
