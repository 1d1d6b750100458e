#pragma once
/// Rendering of plan values and expressions as users read them: members by name, dates ISO,
/// numbers without trailing zeros, text as is, lists `[a, b]`. Used by plan_dump and by the
/// evaluator's messages and explanations. Pure functions; thread-safe.

#include <string>

#include "plan/plan.h"

namespace treaty::plan {

std::string RenderValue(const Plan& plan, const value::Value& v);
std::string RenderNumber(double d);
/// An expression in surface syntax, variables named by `rule` (or `$0`, `$1` without one).
std::string RenderExpr(const Plan& plan, const Rule* rule, NodeId id);

}  // namespace treaty::plan
