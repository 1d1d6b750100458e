#pragma once
/// `--format json`: the version-1 document of LANGUAGE.md §8, keys in the order the spec shows,
/// findings in report order, two-space indentation, a final newline. Byte-for-byte deterministic.

#include <string>

#include "report/check_report.h"

namespace treaty::report {

std::string RenderJson(const CheckReport& report);

}  // namespace treaty::report
