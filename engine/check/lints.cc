#include "check/lints.h"

#include <fmt/format.h>

namespace treaty::check {

namespace {

// T0701: a definition that no rule, message or other used definition reaches.
void UnusedDefinitions(const Portfolio& p, base::DiagnosticEngine& diags) {
  for (const auto& d : p.definitions) {
    if (d.used) continue;
    diags.Add(base::MakeDiagnostic(base::DiagCode::T0701, d.span, d.name)
                  .WithLabel("defined here, used nowhere")
                  .WithHelp(fmt::format("use `{}` in a rule, or remove it", d.name)));
  }
}

}  // namespace

void RunLints(const Portfolio& portfolio, base::DiagnosticEngine& diags) {
  UnusedDefinitions(portfolio, diags);
}

}  // namespace treaty::check
