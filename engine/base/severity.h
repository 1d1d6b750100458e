#pragma once
/// How serious a problem is: the one scale for diagnostics, for clauses (`severity warning`)
/// and for the findings they produce, with its one spelling.

#include <cstdint>
#include <string_view>

namespace treaty::base {

enum class Severity : uint8_t { kError, kWarning, kInfo };

std::string_view SeverityName(Severity s);  // "error", "warning", "info"

}  // namespace treaty::base
