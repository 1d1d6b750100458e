// check::Check: the passes of the checker, composed in one place, in dependency order. Each
// pass reports to the DiagnosticEngine and goes on, so one run shows every problem.
#include "check/checker.h"

#include <fmt/format.h>

#include "check/context.h"

namespace treaty::check {

std::optional<value::Date> CheckDate(Context& ctx, const ast::Date& d, const base::Span& span) {
  std::string why = value::WhyInvalid(d.year, d.month, d.day);
  if (why.empty()) return value::MakeDate(d.year, d.month, d.day);
  std::string written(ctx.Text(span));
  if (written.empty()) written = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  std::string help = "write an existing calendar date as `YYYY-MM-DD`";
  if (d.month >= 1 && d.month <= 12 && d.year >= 1 && d.year <= 9999) {
    help = fmt::format("the last day of that month is `{:04}-{:02}-{:02}`", d.year, d.month,
                       value::DaysInMonth(d.year, d.month));
  }
  ctx.Report(base::MakeDiagnostic(base::DiagCode::T0307, span, written, why)
                 .WithLabel("not a date")
                 .WithHelp(help));
  return std::nullopt;
}

Portfolio Check(const std::vector<ast::File>& files, const base::SourceSet& sources,
                base::DiagnosticEngine& diags) {
  Portfolio out;
  Context ctx(sources, diags, out);
  ctx.decls = CollectSymbols(files, ctx.symbols, diags);  // one namespace (T0201)
  CheckVocabulary(ctx);                                   // taxonomies, kinds
  CheckDefinitions(ctx);                                  // definitions, cycles
  CheckAgreements(ctx);         // agreements, clauses, references, rules, messages
  CheckUnusedDefinitions(ctx);  // bodies no rule reached
  CheckWaiversAndTests(ctx);    // waivers, tests
  return out;
}

}  // namespace treaty::check
