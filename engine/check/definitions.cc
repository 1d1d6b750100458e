// Pass: definitions. Registers every `define`, checks predicate parameters, finds cycles
// (T0209), then checks each body once, callees first, so that no check recurses through
// definitions and a chain of any length costs its length (limits: context.h). Constants whose
// members only a use can resolve are also checked at that use (expr_checker.cc); the bodies of
// constants no rule uses are checked at the end, leniently, so that their errors still show.
#include <algorithm>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "check/context.h"
#include "check/expr_checker.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

// The definitions `e` refers to (names not shadowed by the definition's parameters).
void CollectRefs(const Context& ctx, const ast::Expr& e, const ast::Define& self,
                 std::vector<DefInfo::Ref>& out) {
  auto shadowed = [&](const std::string& name) {
    return self.params && std::any_of(self.params->begin(), self.params->end(),
                                      [&](const ast::Param& p) { return p.name.text == name; });
  };
  auto ref = [&](const std::string& name, const base::Span& span) {
    if (shadowed(name)) return;
    auto it = ctx.def_by_name.find(name);
    if (it != ctx.def_by_name.end()) out.push_back(DefInfo::Ref{it->second, span});
  };
  auto walk = [&](const ast::ExprPtr& p) {
    if (p) CollectRefs(ctx, *p, self, out);
  };
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::NameRef>) {
          ref(n.name, e.span);
        } else if constexpr (std::is_same_v<T, ast::FieldAccess>) {
          walk(n.base);
        } else if constexpr (std::is_same_v<T, ast::Index>) {
          walk(n.base);
          walk(n.key);
        } else if constexpr (std::is_same_v<T, ast::Call>) {
          ref(n.callee.text, n.callee.span);
          for (const auto& a : n.args) walk(a);
        } else if constexpr (std::is_same_v<T, ast::ListLit>) {
          for (const auto& a : n.items) walk(a);
        } else if constexpr (std::is_same_v<T, ast::MapLit>) {
          for (const auto& [k, v] : n.entries) walk(v);
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          walk(n.operand);
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          walk(n.lhs);
          walk(n.rhs);
        } else if constexpr (std::is_same_v<T, ast::Membership>) {
          walk(n.element);
          walk(n.set);
        } else if constexpr (std::is_same_v<T, ast::Quantified>) {
          walk(n.list);
          walk(n.set);
        } else if constexpr (std::is_same_v<T, ast::Presence>) {
          walk(n.operand);
        }
      },
      e.node);
}

void ReportCycle(Context& ctx, const std::vector<uint32_t>& stack, size_t start) {
  std::vector<uint32_t> cycle(stack.begin() + static_cast<std::ptrdiff_t>(start), stack.end());
  if (std::all_of(cycle.begin(), cycle.end(), [&](uint32_t d) { return ctx.defs[d].cyclic; })) {
    return;
  }
  // Start at the definition declared first, so the report does not depend on the walk.
  auto first = std::min_element(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), first, cycle.end());
  std::string path;
  for (uint32_t d : cycle) path += fmt::format("`{}` -> ", ctx.defs[d].ast->name.text);
  path += fmt::format("`{}`", ctx.defs[cycle[0]].ast->name.text);
  auto diag =
      MakeDiagnostic(DiagCode::T0209, ctx.defs[cycle[0]].ast->name.span, path)
          .WithLabel(fmt::format("`{}` depends on itself", ctx.defs[cycle[0]].ast->name.text))
          .WithHelp(
              "a definition cannot use itself, directly or through others; "
              "break the cycle");
  for (size_t i = 0; i < cycle.size(); ++i) {
    uint32_t from = cycle[i], to = cycle[(i + 1) % cycle.size()];
    for (const auto& e : ctx.defs[from].refs) {
      if (e.def == to) {
        diag.notes.push_back(
            {e.at, fmt::format("`{}` uses `{}` here", ctx.defs[from].ast->name.text,
                               ctx.defs[to].ast->name.text)});
        break;
      }
    }
  }
  ctx.Report(std::move(diag));
  for (uint32_t d : cycle) ctx.defs[d].cyclic = true;
}

/// Depth-first over the definitions without recursion: reports each cycle once (T0209) and
/// returns the definitions callees first.
std::vector<uint32_t> FindCyclesInOrder(Context& ctx) {
  enum Color : uint8_t { kWhite, kGrey, kBlack };
  const size_t n = ctx.defs.size();
  std::vector<Color> color(n, kWhite);
  std::vector<uint32_t> stack;  // the path being walked
  std::vector<size_t> next;     // per path entry: the next ref to follow
  std::vector<uint32_t> order;
  for (uint32_t root = 0; root < n; ++root) {
    if (color[root] != kWhite) continue;
    color[root] = kGrey;
    stack.push_back(root);
    next.push_back(0);
    while (!stack.empty()) {
      const uint32_t d = stack.back();
      const auto& refs = ctx.defs[d].refs;
      if (next.back() == refs.size()) {
        color[d] = kBlack;
        order.push_back(d);
        stack.pop_back();
        next.pop_back();
        continue;
      }
      const uint32_t to = refs[next.back()++].def;
      if (color[to] == kGrey) {
        size_t start =
            static_cast<size_t>(std::find(stack.begin(), stack.end(), to) - stack.begin());
        ReportCycle(ctx, stack, start);
      } else if (color[to] == kWhite) {
        color[to] = kGrey;
        stack.push_back(to);
        next.push_back(0);
      }
    }
  }
  return order;
}

/// Checks a definition's body once (its callees are checked already). A predicate's errors are
/// reported here; a constant is tried silently and kept only when it fits any use.
void CheckBodyOnce(Context& ctx, DefInfo& def) {
  if (def.cyclic || !def.ast->body) return;
  const bool constant = !def.ast->params;
  RuleScope scope;
  if (constant) ++ctx.muted;
  const size_t muted_before = ctx.muted_reports;
  ExprPtr body =
      ExprChecker(ctx, scope, /*lenient=*/false, /*mark_used=*/false).CheckDefinitionBody(def);
  if (constant) --ctx.muted;
  def.checked = true;
  if (body->type.is_error() || (constant && ctx.muted_reports != muted_before)) return;
  CheckedBody measured = Measure(std::move(body));
  if (measured.depth > kMaxBodyDepth) {
    if (constant) return;  // checked at each use (ExprChecker::Inline), which reports it
    auto d = MakeDiagnostic(DiagCode::T0216, def.ast->name.span, def.ast->name.text, kMaxBodyDepth)
                 .WithLabel(fmt::format("its body is {} levels deep", measured.depth))
                 .WithHelp(kTooDeepHelp);
    NoteWhereItGrows(ctx, def, Growth::kDepth, d);
    ctx.Report(std::move(d));
    return;
  }
  def.once = std::move(measured);
  def.fits_any_use = true;
}

}  // namespace

void CheckDefinitions(Context& ctx) {
  for (const ast::Define* d : ctx.decls.defines) {
    DefInfo info;
    info.ast = d;
    info.index = static_cast<uint32_t>(ctx.out.definitions.size());
    ctx.out.definitions.push_back(
        Definition{d->name.text, d->params.has_value(), false, d->name.span});
    if (d->params) {
      for (size_t i = 0; i < d->params->size(); ++i) {
        const ast::Param& p = (*d->params)[i];
        for (size_t j = 0; j < i; ++j) {
          if ((*d->params)[j].name.text == p.name.text) {
            ctx.Report(MakeDiagnostic(DiagCode::T0213, p.name.span, p.name.text)
                           .WithLabel("parameter declared again")
                           .WithHelp("give each parameter its own name")
                           .WithNote((*d->params)[j].name.span, "first declared here"));
          }
        }
        KindId kind = ctx.out.FindKind(p.kind.text);
        if (kind == kNoId && !ctx.symbols.IsBroken(p.kind.text)) {
          std::vector<std::string_view> kinds;
          for (const auto& k : ctx.out.kinds) kinds.push_back(k.name);
          std::string help = base::DidYouMean(p.kind.text, kinds);
          if (help.empty()) help = "a parameter's type is a kind, as in `(d: deployment)`";
          ctx.Report(MakeDiagnostic(DiagCode::T0204, p.kind.span, p.kind.text)
                         .WithLabel("not a kind")
                         .WithHelp(help));
        }
        info.param_kinds.push_back(kind);
      }
    }
    ctx.def_by_name.emplace(d->name.text, static_cast<uint32_t>(ctx.defs.size()));
    ctx.defs.push_back(std::move(info));
  }
  for (DefInfo& def : ctx.defs) {
    if (def.ast->body) CollectRefs(ctx, *def.ast->body, *def.ast, def.refs);
  }
  for (uint32_t d : FindCyclesInOrder(ctx)) CheckBodyOnce(ctx, ctx.defs[d]);
}

void CheckUnusedDefinitions(Context& ctx) {
  for (const DefInfo& def : ctx.defs) {
    if (def.cyclic || ctx.out.definitions[def.index].used || !def.ast->body) continue;
    if (def.ast->params || def.fits_any_use) continue;  // checked once, errors reported
    RuleScope scope;
    ExprChecker(ctx, scope, /*lenient=*/true).CheckDefinitionBody(def);
  }
}

}  // namespace treaty::check
