#pragma once
/// Checking one rule of a clause (forbid, permit, require, exclusive, limit, require exists):
/// its variables, scope, requirement and parameters, into a check::Rule. Internal to check/.

#include "ast/ast.h"
#include "check/context.h"
#include "check/expr_checker.h"

namespace treaty::check {

/// Checks `rule`; `scope` receives its variables (the clause's message is checked in them).
Rule CheckRule(Context& ctx, const ast::Rule& rule, RuleScope& scope);

}  // namespace treaty::check
