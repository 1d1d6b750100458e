#pragma once
/// The subcommands of `treaty audit` that read the audit store back: `history`, `show RUN` and
/// `diff RUN_A RUN_B`.

#include <CLI/CLI.hpp>

#include <cstddef>

namespace treaty::cli {

/// How many new / resolved findings an audit or `audit show` lists on a terminal; the HTML
/// report and JSON list more. The counts are always exact (`treaty audit diff` lists
/// everything).
constexpr size_t kTextListLimit = 25;

/// Adds history, show and diff under `audit`.
void AddAuditQueries(CLI::App& audit, int& exit_code);

}  // namespace treaty::cli
