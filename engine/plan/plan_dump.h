#pragma once
/// A deterministic text dump of a compiled plan (vocabulary, clauses with windows, rules with
/// their expressions, index keys and join strategy, the index per kind), for tests and
/// debugging. Pure function of the plan.

#include <string>

#include "plan/plan.h"

namespace treaty::plan {

std::string DumpPlan(const Plan& plan);

}  // namespace treaty::plan
