#pragma once
/// Lints: warnings about a portfolio that checked without errors, run only by `treaty lint`
/// (check::Check never runs them). Reads the checked model only; reports to `diags`.
/// Today: unused definitions (T0701). Unused taxonomy members are left to `treaty analyze`
/// (LANGUAGE.md §6): facts, not policies, mention most members, so a policy-only lint is noise.

#include "base/diagnostic_engine.h"
#include "check/model.h"

namespace treaty::check {

void RunLints(const Portfolio& portfolio, base::DiagnosticEngine& diags);

}  // namespace treaty::check
