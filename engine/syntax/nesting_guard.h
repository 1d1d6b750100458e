#pragma once
/// A pre-scan of one declaration's tokens before ANTLR parses them: refuses brackets nested
/// deeper than ParseOptions::max_nesting or longer runs of prefix `not`/`-` (T0105), and
/// expressions with more than max_operators operators (T0118), so that neither the parser nor
/// the AST builder nor any later recursive walk can exhaust the stack. Also finds the brackets
/// left open at the end, for "missing `}`" diagnostics.

#include <vector>

#include <antlr4-runtime.h>

#include "base/diagnostic_engine.h"
#include "syntax/parser.h"
#include "syntax/spans.h"

namespace treaty::syntax {

struct GuardResult {
  bool ok = true;                              // false: a diagnostic was reported, do not parse
  std::vector<const antlr4::Token*> unclosed;  // brackets still open after the last token
};

class NestingGuard {
 public:
  explicit NestingGuard(const ParseOptions& options) : options_(options) {}

  GuardResult Scan(const std::vector<const antlr4::Token*>& tokens, const SpanMaker& spans,
                   base::DiagnosticEngine& diags) const;

 private:
  const ParseOptions& options_;
};

}  // namespace treaty::syntax
