#pragma once
/// The checker: the ASTs of a portfolio -> the checked model (check/model.h). Composes named
/// passes over all files at once (declarations, taxonomies and kinds, definitions with cycle
/// detection, agreements and clause references, expression resolution and type checking,
/// waivers, tests). Reports every problem to `diags` and goes on; the returned Portfolio holds
/// everything that checked, and must not be evaluated when diags has errors.

#include <vector>

#include "ast/ast.h"
#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/model.h"

namespace treaty::check {

Portfolio Check(const std::vector<ast::File>& files, const base::SourceSet& sources,
                base::DiagnosticEngine& diags);

}  // namespace treaty::check
