#pragma once
/// Rendering of plan values and expressions as users read them: members by name, dates ISO,
/// numbers without trailing zeros, text as is, lists `[a, b]`. Used by plan_dump and by the
/// evaluator's messages and explanations. Pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "plan/plan.h"
#include "value/render.h"

namespace treaty::plan {

std::string RenderValue(const Plan& plan, const value::Value& v);
/// RenderValue within `max_bytes` (plus a closing `…` when cut): a longer text is cut at a code
/// point, a longer list or map stops after the items that fit. O(max_bytes) whatever the size
/// of the value, so that explaining a 100,000-item list once per finding stays linear.
std::string RenderValueClipped(const Plan& plan, const value::Value& v, size_t max_bytes);
/// `text` if it has at most `max_bytes` bytes, else its longest prefix of whole code points
/// within `max_bytes`, followed by `…`.
std::string ClipText(std::string_view text, size_t max_bytes);
/// Appends `text` to `out` so that `out` ends within `max_bytes` (cut as ClipText does); false
/// when it was cut.
bool AppendClipped(std::string& out, std::string_view text, size_t max_bytes);
using value::RenderNumber;
/// An expression in surface syntax, variables named by `rule` (or `$0`, `$1` without one).
std::string RenderExpr(const Plan& plan, const Rule* rule, NodeId id);

}  // namespace treaty::plan
