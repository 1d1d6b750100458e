#pragma once
/// What the CLI knows about where it writes: whether to colour (--color auto|always|never,
/// NO_COLOR, a terminal or not).

#include <cstdio>
#include <string>

namespace treaty::cli {

/// `mode` is "auto", "always" or "never"; auto colours only a terminal without NO_COLOR.
bool UseColor(const std::string& mode, std::FILE* stream);

}  // namespace treaty::cli
