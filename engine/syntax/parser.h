#pragma once
/// The syntax layer: source text -> ast::File. The only code in Treaty that includes ANTLR
/// headers (the generated parser is linked PRIVATE). Every syntax error becomes a Diagnostic
/// (T01xx) in `diags`, rewritten into words a policy author reads ("expected `when`, `unless`
/// or a new clause here"); parsing recovers and reports every error of the file. A declaration
/// that contains a syntax error is left out of the AST (its name goes to File::broken_names).
/// Input nested deeper than ParseOptions::max_nesting is refused with T0105 before ANTLR sees
/// it, so no input can exhaust the stack.

#include "ast/ast.h"
#include "base/diagnostic_engine.h"
#include "base/source_file.h"

namespace treaty::syntax {

struct ParseOptions {
  uint32_t max_nesting = 128;     // brackets and braces, and runs of prefix `not` / `-` (T0105)
  uint32_t max_operators = 1024;  // binary operators, `.` and `[` in one expression (T0118)
};

ast::File Parse(const base::SourceFile& file, base::DiagnosticEngine& diags,
                const ParseOptions& options = {});

}  // namespace treaty::syntax
