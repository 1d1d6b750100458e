#pragma once
/// "Today" for the CLI: the system date (UTC), or TREATY_TODAY from the environment so tests
/// and reproducible audits can pin it. ResolveAsOf turns `today` or a YYYY-MM-DD into a date.
/// A TREATY_TODAY that is set but not a date, and an as-of text that is neither `today` nor a
/// date (the empty text included), are errors whose message names what was given.

#include <string>
#include <string_view>

#include "base/status.h"
#include "value/date.h"

namespace treaty::cli {

/// TREATY_TODAY when set (an InvalidArgument error when it is not YYYY-MM-DD), else the system
/// date (UTC).
base::Result<value::Date> Today();
/// `text` is `today` or YYYY-MM-DD; `origin` names where it comes from in the error message
/// ("--as-of", "`as_of` in treaty.yaml").
base::Result<value::Date> ResolveAsOf(std::string_view text, std::string_view origin);

/// The current UTC time as "2026-11-29T09:30:00Z" (audit run timestamps). TREATY_NOW pins it;
/// under TREATY_TEST it is "1970-01-01T00:00:00Z" so golden outputs stay byte-for-byte stable.
std::string NowTimestamp();

}  // namespace treaty::cli
