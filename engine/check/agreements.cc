// Pass: agreements and clauses. First every clause is registered (so references may point
// forward and across files), then windows, `amends`, `replaces`, `overrides`, rules and
// messages are checked, then `replaces` cycles are reported (T0415), and last the windows of
// replaced clauses are cut.
#include <algorithm>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "base/text.h"
#include "check/context.h"
#include "check/rules.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

constexpr value::Date kDawn{std::numeric_limits<int32_t>::min()};

Window CheckWindow(Context& ctx, const ast::Window& w) {
  Window out{kDawn, std::nullopt};
  auto from = CheckDate(ctx, w.from.date, w.from.span);
  if (from) out.from = *from;
  if (w.until) {
    auto until = CheckDate(ctx, w.until->date, w.until->span);
    if (until && from && *until <= *from) {
      ctx.Report(MakeDiagnostic(DiagCode::T0405, w.until->span, ctx.Text(w.until->span),
                                ctx.Text(w.from.span))
                     .WithLabel("the window ends here")
                     .WithHelp("a window `effective FROM until TO` is [FROM, TO): TO must be a "
                               "later date than FROM")
                     .WithNote(w.from.span, "the window starts here"));
    } else if (until) {
      out.until = *until;
    }
  }
  return out;
}

Window Intersect(const Window& a, const Window& b) {
  Window w;
  w.from = std::max(a.from, b.from);
  if (a.until && b.until) {
    w.until = std::min(*a.until, *b.until);
  } else {
    w.until = a.until ? a.until : b.until;
  }
  return w;
}

bool HasPermit(const Clause& c) {
  return std::any_of(c.rules.begin(), c.rules.end(),
                     [](const Rule& r) { return r.kind == RuleKind::kPermit; });
}

void CheckMessage(Context& ctx, const ast::Message& msg, const std::vector<Variable>& vars,
                  Clause& out) {
  RuleScope scope;
  scope.vars = vars;
  ExprChecker checker(ctx, scope);
  for (const auto& part : msg.parts) {
    if (const auto* text = std::get_if<std::string>(&part.part)) {
      out.message.push_back(MessagePart{*text, nullptr});
      continue;
    }
    const ast::ExprPtr& e = std::get<ast::ExprPtr>(part.part);
    if (!e) continue;
    ExprPtr x = checker.Check(*e);
    if (x->type.is_error()) continue;
    if (x->type.base == BaseType::kFact) {
      ctx.Report(MakeDiagnostic(DiagCode::T0303, e->span, "a value", TypeName(ctx.out, x->type))
                     .WithLabel("a whole fact cannot be printed")
                     .WithHelp(fmt::format("interpolate one of its fields, as in `{{{}.{}}}`",
                                           ctx.Text(e->span),
                                           ctx.out.kinds[x->type.ref].fields.empty()
                                               ? "field"
                                               : ctx.out.kinds[x->type.ref].fields[0].name)));
      continue;
    }
    out.message.push_back(MessagePart{"", std::move(x)});
  }
}

/// A `replaces` cycle longer than this is shown by its first kMaxCycleShown clauses and steps
/// and a count of the rest, so that the report stays small whatever the input.
constexpr size_t kMaxCycleShown = 12;

/// Reports one `replaces` cycle (T0415), starting at its clause declared first, with a note at
/// each `replaces` on it.
void ReportReplacesCycle(Context& ctx, std::vector<ClauseIndex> cycle) {
  const Portfolio& p = ctx.out;
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  const size_t shown = std::min(cycle.size(), kMaxCycleShown);
  const size_t hidden = cycle.size() - shown;
  std::string path;
  for (size_t i = 0; i < shown; ++i) path += fmt::format("`{}` -> ", p.clauses[cycle[i]].qualified);
  if (hidden > 0) path += fmt::format("… ({} more) -> ", hidden);
  path += fmt::format("`{}`", p.clauses[cycle[0]].qualified);
  auto diag =
      MakeDiagnostic(DiagCode::T0415, p.clauses[cycle[0]].id_span, path)
          .WithLabel(fmt::format("`{}` replaces itself through {}", p.clauses[cycle[0]].qualified,
                                 cycle.size() == 2 ? "another clause" : "other clauses"))
          .WithHelp(
              "each `replaces` names an older clause; remove the one that points back to a "
              "newer clause");
  for (size_t i = 0; i < shown; ++i) {
    const ClauseIndex from = cycle[i], to = cycle[(i + 1) % cycle.size()];
    diag.notes.push_back({ctx.clause_ast[from]->replaces->span,
                          fmt::format("`{}` replaces `{}` here", p.clauses[from].qualified,
                                      p.clauses[to].qualified)});
  }
  if (hidden > 0) {
    diag.notes.push_back(
        {base::Span{}, fmt::format("and {} more `replaces` on the cycle, not shown", hidden)});
  }
  ctx.Report(std::move(diag));
}

/// Follows every `replaces` chain once, without recursion (each clause replaces at most one
/// other, so a chain is a path that ends or closes into one cycle): linear in the clauses.
/// Reports each cycle once (T0415) and returns which clauses are on a cycle.
std::vector<bool> FindReplacesCycles(Context& ctx) {
  enum Color : uint8_t { kUnseen, kOnPath, kDone };
  const std::vector<Clause>& clauses = ctx.out.clauses;
  std::vector<Color> color(clauses.size(), kUnseen);
  std::vector<bool> cyclic(clauses.size(), false);
  std::vector<ClauseIndex> path;
  for (ClauseIndex root = 0; root < clauses.size(); ++root) {
    ClauseIndex c = root;
    while (c != kNoId && color[c] == kUnseen) {
      color[c] = kOnPath;
      path.push_back(c);
      c = clauses[c].replaces;
    }
    if (c != kNoId && color[c] == kOnPath) {  // the path closed into a new cycle at `c`
      auto start = std::find(path.begin(), path.end(), c);
      std::vector<ClauseIndex> cycle(start, path.end());
      for (ClauseIndex m : cycle) cyclic[m] = true;
      ReportReplacesCycle(ctx, std::move(cycle));
    }
    for (ClauseIndex m : path) color[m] = kDone;
    path.clear();
  }
  return cyclic;
}

}  // namespace

ClauseIndex ResolveClauseRef(Context& ctx, const ast::ClauseRef& ref) {
  const std::string& text = ref.text;
  const size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) {
    std::string help = "write the agreement id, a slash and the clause id, as in `MSFT_2025/2.1`";
    std::vector<std::string> matches;
    for (const auto& c : ctx.out.clauses) {
      if (c.id == text) matches.push_back(c.qualified);
    }
    if (!matches.empty()) help = fmt::format("did you mean {}?", base::TickedList(matches, "and"));
    ctx.Report(MakeDiagnostic(DiagCode::T0404, ref.span, text)
                   .WithLabel("not a clause reference")
                   .WithHelp(help));
    return kNoId;
  }
  if (auto it = ctx.clause_by_name.find(text); it != ctx.clause_by_name.end()) return it->second;
  const std::string agreement = text.substr(0, slash);
  if (ctx.symbols.IsBroken(agreement)) return kNoId;
  std::vector<std::string_view> all;
  for (const auto& c : ctx.out.clauses) all.push_back(c.qualified);
  std::string help = base::DidYouMean(text, all);
  if (help.empty()) {
    AgreementIndex a = ctx.out.FindAgreement(agreement);
    if (a == kNoId) {
      help = fmt::format("there is no agreement `{}`", agreement);
    } else {
      std::vector<std::string> ids;
      for (ClauseIndex c : ctx.out.agreements[a].clauses) ids.push_back(ctx.out.clauses[c].id);
      help = ids.empty() ? fmt::format("agreement `{}` has no clauses", agreement)
                         : fmt::format("the clauses of `{}` are {}", agreement,
                                       base::TickedList(ids, "and"));
    }
  }
  ctx.Report(
      MakeDiagnostic(DiagCode::T0402, ref.span, text).WithLabel("no such clause").WithHelp(help));
  return kNoId;
}

void CheckAgreements(Context& ctx) {
  Portfolio& p = ctx.out;
  // 1. Agreements, clauses and windows.
  for (const ast::Agreement* a : ctx.decls.agreements) {
    const AgreementIndex ai = static_cast<AgreementIndex>(p.agreements.size());
    Agreement ag;
    ag.id = a->id.text;
    ag.title = a->title;
    for (const auto& party : a->parties) ag.parties.push_back(party.text);
    ag.window = a->effective ? CheckWindow(ctx, *a->effective) : Window{kDawn, std::nullopt};
    ag.span = a->span;
    std::unordered_map<std::string_view, ClauseIndex> by_id;  // views of the AST's ids
    for (const auto& c : a->clauses) {
      const auto [dup, added] =
          by_id.emplace(c.id.text, static_cast<ClauseIndex>(p.clauses.size()));
      if (!added) {
        ctx.Report(MakeDiagnostic(DiagCode::T0401, c.id.span, ag.id + "/" + c.id.text)
                       .WithLabel("declared again here")
                       .WithHelp("give each clause of an agreement its own id")
                       .WithNote(p.clauses[dup->second].id_span, "first declared here"));
        continue;
      }
      Clause cl;
      cl.id = c.id.text;
      cl.qualified = ag.id + "/" + c.id.text;
      cl.agreement = ai;
      cl.title = c.title;
      cl.text = c.text.value_or("");
      if (c.severity) cl.severity = *c.severity;
      cl.window = c.effective ? Intersect(ag.window, CheckWindow(ctx, *c.effective)) : ag.window;
      cl.effective_window = cl.window;
      cl.span = c.span;
      cl.id_span = c.id.span;
      ag.clauses.push_back(static_cast<ClauseIndex>(p.clauses.size()));
      p.clauses.push_back(std::move(cl));
      ctx.clause_ast.push_back(&c);
    }
    p.agreements.push_back(std::move(ag));
  }
  // 2. `amends`.
  for (AgreementIndex ai = 0; ai < p.agreements.size(); ++ai) {
    const ast::Agreement* a = ctx.decls.agreements[ai];
    if (!a->amends) continue;
    const ast::Name& target = *a->amends;
    if (target.text == a->id.text) {
      ctx.Report(MakeDiagnostic(DiagCode::T0412, target.span, target.text)
                     .WithLabel("the agreement itself")
                     .WithHelp("name the earlier agreement this one amends"));
      continue;
    }
    AgreementIndex other = p.FindAgreement(target.text);
    if (other == kNoId) {
      if (ctx.symbols.IsBroken(target.text)) continue;
      std::vector<std::string_view> ids;
      for (const auto& ag : p.agreements) ids.push_back(ag.id);
      std::string help = base::DidYouMean(target.text, ids);
      if (help.empty()) help = "`amends` names an agreement of the portfolio";
      ctx.Report(MakeDiagnostic(DiagCode::T0403, target.span, target.text)
                     .WithLabel("no such agreement")
                     .WithHelp(help));
      continue;
    }
    p.agreements[ai].amends = other;
  }
  // 3. Clause references, rules and messages. (No clause is added from here on, so the
  // views of their names stay valid.)
  ctx.clause_by_name.reserve(p.clauses.size());
  for (ClauseIndex ci = 0; ci < p.clauses.size(); ++ci) {
    ctx.clause_by_name.emplace(p.clauses[ci].qualified, ci);
  }
  for (ClauseIndex ci = 0; ci < p.clauses.size(); ++ci) {
    const ast::Clause& c = *ctx.clause_ast[ci];
    if (c.replaces) {
      if (c.replaces->text == p.clauses[ci].qualified) {
        ctx.Report(MakeDiagnostic(DiagCode::T0414, c.replaces->span, c.replaces->text)
                       .WithLabel("the clause itself")
                       .WithHelp("name the earlier clause this one replaces"));
      } else {
        p.clauses[ci].replaces = ResolveClauseRef(ctx, *c.replaces);
      }
    }
    for (const auto& ref : c.overrides) {
      if (ref.text == p.clauses[ci].qualified) {
        ctx.Report(MakeDiagnostic(DiagCode::T0406, ref.span, ref.text)
                       .WithLabel("the clause itself")
                       .WithHelp("name the clause whose findings this clause's `permit` defeats"));
        continue;
      }
      ClauseIndex target = ResolveClauseRef(ctx, ref);
      if (target != kNoId) p.clauses[ci].overrides.push_back(target);
    }
    std::vector<Variable> first_vars;
    for (size_t r = 0; r < c.rules.size(); ++r) {
      RuleScope scope;
      Rule rule = CheckRule(ctx, c.rules[r], scope);
      if (r == 0) first_vars = scope.vars;
      p.clauses[ci].rules.push_back(std::move(rule));
    }
    if (c.message) CheckMessage(ctx, *c.message, first_vars, p.clauses[ci]);
    if (c.rules.empty()) {
      ctx.Report(MakeDiagnostic(DiagCode::T0411, c.id.span, p.clauses[ci].qualified)
                     .WithLabel("this clause checks nothing")
                     .WithHelp("add a rule (`forbid`, `require`, `exclusive`, `permit`, `limit` "
                               "or `require exists`)"));
    } else if (!c.overrides.empty() && !HasPermit(p.clauses[ci])) {
      ctx.Report(MakeDiagnostic(DiagCode::T0407, c.overrides.front().span, p.clauses[ci].qualified,
                                c.overrides.front().text)
                     .WithLabel("overridden here")
                     .WithHelp("an override takes effect through a `permit` rule: add one that "
                               "says what this clause allows, as in `permit deployment when …`"));
    }
  }
  // 4. `replaces` cycles (T0415). A clause on a cycle keeps its window uncut and replaces
  // nothing in the model, so that no later layer can follow a chain round forever.
  const std::vector<bool> cyclic = FindReplacesCycles(ctx);
  for (ClauseIndex ci = 0; ci < p.clauses.size(); ++ci) {
    if (cyclic[ci]) p.clauses[ci].replaces = kNoId;
  }
  // 5. `replaces` cuts the replaced clause's window where the replacing clause starts (not a
  // clause on a cycle: one that replaces such a clause leaves it as it is).
  for (ClauseIndex ci = 0; ci < p.clauses.size(); ++ci) {
    const ClauseIndex old = p.clauses[ci].replaces;
    if (old == kNoId || cyclic[old]) continue;
    Window& w = p.clauses[old].effective_window;
    const value::Date cut = p.clauses[ci].window.from;
    if (!w.until || cut < *w.until) w.until = cut;
    p.clauses[old].replaced_by.push_back(ci);
  }
}

}  // namespace treaty::check
