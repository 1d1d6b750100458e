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

/// The current UTC time as "2026-11-29T09:30:00Z" (audit run timestamps). TREATY_NOW pins it;
/// under TREATY_TEST it is "1970-01-01T00:00:00Z" so golden outputs stay byte-for-byte stable.
std::string NowTimestamp();

}  // namespace treaty::cli
