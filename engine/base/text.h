#pragma once
/// Small text shapers shared by messages and reports: a span of source text on one line, and
/// lists written as prose ("`a`, `b` and `c`"). Pure functions.

#include <string>
#include <string_view>
#include <vector>

namespace treaty::base {

/// `text` on one line: each run of spaces, tabs, CRs and LFs becomes one space, and there is
/// none at either end.
std::string CollapseWhitespace(std::string_view text);

/// "a", "a and b", "a, b and c", with `conjunction` ("and", "or") before the last item; "" for
/// no items.
std::string JoinList(const std::vector<std::string>& items, std::string_view conjunction);

/// The same with each item in backticks: "`a`, `b` or `c`".
std::string TickedList(const std::vector<std::string>& items, std::string_view conjunction);

}  // namespace treaty::base
