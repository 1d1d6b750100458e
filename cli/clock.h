#pragma once
/// "Today" for the CLI: the system date (UTC), or TREATY_TODAY from the environment so tests
/// and reproducible audits can pin it. ResolveAsOf turns `today` or a YYYY-MM-DD into a date.

#include <optional>
#include <string>

#include "value/date.h"

namespace treaty::cli {

value::Date Today();
/// nullopt when `text` is neither `today` nor a valid date.
std::optional<value::Date> ResolveAsOf(const std::string& text);

}  // namespace treaty::cli
