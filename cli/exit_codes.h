#pragma once
/// The process exit codes of CLI.md.

namespace treaty::cli {

inline constexpr int kExitOk = 0;        // nothing open at or above --fail-on
inline constexpr int kExitFindings = 1;  // open findings at or above --fail-on, fmt/test failures
inline constexpr int kExitInput = 2;     // bad policy, fact, option or unreadable file
inline constexpr int kExitInternal = 3;  // a bug in Treaty

}  // namespace treaty::cli
