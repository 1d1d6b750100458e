#pragma once
/// The one namespace of a portfolio: every taxonomy, kind, definition and agreement of every
/// file, by name, with where it was declared. Built by CollectSymbols (the first pass); a name
/// declared twice is reported (T0201) and only its first declaration is kept. Internal to check/.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic_engine.h"

namespace treaty::check {

enum class SymbolKind : uint8_t { kTaxonomy, kKind, kDefinition, kAgreement, kBroken };

struct Symbol {
  SymbolKind kind = SymbolKind::kBroken;
  base::Span span;  // the declared name; invalid for a broken declaration
};

class SymbolTable {
 public:
  /// Declares `name`; reports T0201 and returns false when it is already declared.
  bool Declare(const ast::Name& name, SymbolKind kind, base::DiagnosticEngine& diags);
  /// A declaration dropped for a syntax error: declared, but never reported as a duplicate.
  void DeclareBroken(const std::string& name);
  const Symbol* Find(std::string_view name) const;
  bool IsBroken(std::string_view name) const;
  /// Every declared name (for did-you-mean), in no particular order.
  std::vector<std::string_view> Names() const;

 private:
  std::unordered_map<std::string, Symbol> symbols_;
};

/// The declarations of all files that survived CollectSymbols, by category, in file order.
struct Declarations {
  std::vector<const ast::Taxonomy*> taxonomies;
  std::vector<const ast::Kind*> kinds;
  std::vector<const ast::Define*> defines;
  std::vector<const ast::Agreement*> agreements;
  std::vector<const ast::Waiver*> waivers;
  std::vector<const ast::Test*> tests;
};

/// Pass 1: declares every top-level name of every file in `table` and sorts the declarations.
Declarations CollectSymbols(const std::vector<ast::File>& files, SymbolTable& table,
                            base::DiagnosticEngine& diags);

}  // namespace treaty::check
