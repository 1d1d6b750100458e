#pragma once
/// The state the checker's passes share while building one Portfolio: the symbol table, the
/// AST of each checked declaration beside its model entry, and the diagnostics sink. Owned by
/// check::Check for the duration of one run; internal to check/. Not thread-safe.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "base/diagnostic_engine.h"
#include "base/source_file.h"
#include "check/model.h"
#include "check/symbols.h"

namespace treaty::check {

/// A definition being checked: its AST and what cycle detection found.
struct DefInfo {
  const ast::Define* ast = nullptr;
  uint32_t index = 0;   // into Portfolio::definitions
  bool cyclic = false;  // on a cycle (reported once, T0209); every use is an error value
  std::vector<KindId> param_kinds;  // kNoId for a parameter of an unknown kind
};

struct Context {
  Context(const base::SourceSet& s, base::DiagnosticEngine& d, Portfolio& p)
      : sources(s), diags(d), out(p) {}

  const base::SourceSet& sources;
  base::DiagnosticEngine& diags;
  Portfolio& out;

  SymbolTable symbols;
  Declarations decls;

  std::vector<const ast::Kind*> kind_ast;  // parallel to out.kinds
  std::vector<DefInfo> defs;               // parallel to out.definitions
  std::unordered_map<std::string, uint32_t> def_by_name;
  /// Every taxonomy member by bare name (a name may be in several taxonomies), roots excluded.
  std::unordered_map<std::string, std::vector<value::Member>> members_by_name;
  std::vector<const ast::Clause*> clause_ast;  // parallel to out.clauses

  void Report(base::Diagnostic d) { diags.Add(std::move(d)); }
  /// The source text under a span ("" when unknown).
  std::string_view Text(const base::Span& span) const {
    if (!span.valid() || span.file >= sources.size()) return {};
    std::string_view t = sources.Get(span.file).text();
    if (span.end > t.size() || span.begin > span.end) return {};
    return t.substr(span.begin, span.end - span.begin);
  }
  const DefInfo* FindDef(std::string_view name) const {
    auto it = def_by_name.find(std::string(name));
    return it == def_by_name.end() ? nullptr : &defs[it->second];
  }
};

/// Validates a date as written; reports T0307 and returns nullopt when it is not a date.
std::optional<value::Date> CheckDate(Context& ctx, const ast::Date& d, const base::Span& span);

/// "`a`, `b` and `c`".
std::string QuoteList(const std::vector<std::string>& names);

/// Resolves an `AGREEMENT/CLAUSE` reference; reports T0404/T0402 and returns kNoId when it
/// names no clause.
ClauseIndex ResolveClauseRef(Context& ctx, const ast::ClauseRef& ref);

// ---- the passes, in the order check::Check runs them ----

/// Taxonomies (members, intervals, T0210) and kinds (fields, types, `active`).
void CheckVocabulary(Context& ctx);
/// Registers definitions and reports cycles (T0209).
void CheckDefinitions(Context& ctx);
/// Agreements, clauses, windows, references between clauses, and their rules and messages.
void CheckAgreements(Context& ctx);
/// Checks the bodies of definitions no rule used, so that their errors are still reported.
void CheckUnusedDefinitions(Context& ctx);
/// Waivers and tests.
void CheckWaiversAndTests(Context& ctx);

}  // namespace treaty::check
