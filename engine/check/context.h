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

/// A definition's body checked once, and what copying it into a use costs.
struct CheckedBody {
  ExprPtr body;        // null when the body has an error (reported) or is too large (T0215/T0216)
  uint32_t size = 0;   // expression nodes, the bodies it inlines included
  uint32_t depth = 0;  // the longest path from its root to a leaf
};

/// The limits that keep inlining linear: a definition body (its inlined uses included) has at
/// most kMaxBodyNodes nodes and kMaxBodyDepth levels (T0215/T0216); a portfolio copies at most
/// kMaxInlinedNodes nodes into its uses in all (T0215); constants whose meaning depends on the
/// use are checked at the use, nesting at most kMaxUseNesting deep (T0216).
inline constexpr uint32_t kMaxBodyNodes = 100'000;
inline constexpr uint32_t kMaxBodyDepth = 2'000;
inline constexpr uint64_t kMaxInlinedNodes = 2'000'000;
inline constexpr uint32_t kMaxUseNesting = 256;

/// A definition being checked: its AST, what cycle detection found, and its checked body.
struct DefInfo {
  const ast::Define* ast = nullptr;
  uint32_t index = 0;   // into Portfolio::definitions
  bool cyclic = false;  // on a cycle (reported once, T0209); every use is an error value
  std::vector<KindId> param_kinds;  // kNoId for a parameter of an unknown kind
  struct Ref {
    uint32_t def = 0;  // into Context::defs
    base::Span at;     // where the body names it
  };
  std::vector<Ref> refs;  // the definitions its body names
  /// Checked once, callees first (CheckDefinitions). A predicate's body, with parameter i as
  /// variable i, serves every use. A constant's body is checked with no expected type; it
  /// serves the uses it fits (`fits_any_use`: no diagnostic, a type that is not an error).
  bool checked = false;
  bool fits_any_use = false;
  CheckedBody once;
  /// A constant checked at a use whose expected type the body above does not fit, memoised
  /// by (expected type, quiet, lenient) so that each is checked once.
  struct AtUse {
    Type expected;
    bool quiet = false;
    bool lenient = false;
    bool muted = false;
    CheckedBody checked;
  };
  std::vector<AtUse> at_use;
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
  /// Clauses by qualified name ("A/C"), filled once every clause is registered
  /// (CheckAgreements step 3); views into out.clauses, which no longer grows by then.
  std::unordered_map<std::string_view, ClauseIndex> clause_by_name;

  /// While > 0, reports are counted in `muted_reports` instead of kept (a trial check).
  int muted = 0;
  size_t muted_reports = 0;
  /// Nodes copied into uses of definitions so far (bounded by kMaxInlinedNodes).
  uint64_t inlined_nodes = 0;
  bool reported_inlining_budget = false;

  void Report(base::Diagnostic d) {
    if (muted > 0) {
      ++muted_reports;
      return;
    }
    diags.Add(std::move(d));
  }
  /// The source text under a span ("" when unknown).
  std::string_view Text(const base::Span& span) const { return sources.Text(span); }
  const DefInfo* FindDef(std::string_view name) const {
    auto it = def_by_name.find(std::string(name));
    return it == def_by_name.end() ? nullptr : &defs[it->second];
  }
};

/// Validates a date as written; reports T0307 and returns nullopt when it is not a date.
std::optional<value::Date> CheckDate(Context& ctx, const ast::Date& d, const base::Span& span);

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
