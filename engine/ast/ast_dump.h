#pragma once
/// A deterministic, readable s-expression dump of an AST, every node and field but no spans:
/// `(forbid (bindings deployment (deployment as d)) (when (== (. d cloud) Azure)))`. Used by
/// tests to compare what the parser built (re2's dump.cc, ninja's Serialize). Pure functions.

#include <string>

#include "ast/ast.h"

namespace treaty::ast {

/// One line per declaration member (indented by two spaces per level), expressions inline.
std::string DumpFile(const File& file);
std::string DumpDecl(const Decl& decl);
/// An expression on one line.
std::string DumpExpr(const Expr& expr);

}  // namespace treaty::ast
