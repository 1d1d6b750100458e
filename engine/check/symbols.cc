#include "check/symbols.h"

#include <fmt/format.h>

namespace treaty::check {

namespace {
std::string_view KindWord(SymbolKind k) {
  switch (k) {
    case SymbolKind::kTaxonomy:
      return "taxonomy";
    case SymbolKind::kKind:
      return "kind";
    case SymbolKind::kDefinition:
      return "definition";
    case SymbolKind::kAgreement:
      return "agreement";
    case SymbolKind::kBroken:
      return "declaration";
  }
  return "declaration";
}
}  // namespace

bool SymbolTable::Declare(const ast::Name& name, SymbolKind kind, base::DiagnosticEngine& diags) {
  auto [it, inserted] = symbols_.try_emplace(name.text, Symbol{kind, name.span});
  if (inserted) return true;
  const Symbol& first = it->second;
  if (first.kind == SymbolKind::kBroken) {
    it->second = Symbol{kind, name.span};  // the broken one was already reported as syntax
    return true;
  }
  auto d = base::MakeDiagnostic(base::DiagCode::T0201, name.span, name.text)
               .WithLabel(fmt::format("`{}` redeclared here", name.text))
               .WithHelp(fmt::format("all declarations of a portfolio share one namespace; "
                                     "rename one of them"));
  if (first.span.valid()) {
    d.notes.push_back(
        {first.span, fmt::format("first declared here, as a {}", KindWord(first.kind))});
  }
  diags.Add(std::move(d));
  return false;
}

void SymbolTable::DeclareBroken(const std::string& name) {
  symbols_.try_emplace(name, Symbol{SymbolKind::kBroken, base::Span{}});
}

const Symbol* SymbolTable::Find(std::string_view name) const {
  auto it = symbols_.find(std::string(name));
  return it == symbols_.end() ? nullptr : &it->second;
}

bool SymbolTable::IsBroken(std::string_view name) const {
  const Symbol* s = Find(name);
  return s != nullptr && s->kind == SymbolKind::kBroken;
}

std::vector<std::string_view> SymbolTable::Names() const {
  std::vector<std::string_view> out;
  out.reserve(symbols_.size());
  for (const auto& [name, sym] : symbols_) {
    if (sym.kind != SymbolKind::kBroken) out.push_back(name);
  }
  return out;
}

Declarations CollectSymbols(const std::vector<ast::File>& files, SymbolTable& table,
                            base::DiagnosticEngine& diags) {
  Declarations out;
  for (const auto& file : files) {
    for (const auto& name : file.broken_names) table.DeclareBroken(name);
  }
  for (const auto& file : files) {
    for (const auto& decl : file.decls) {
      if (const auto* t = std::get_if<ast::Taxonomy>(&decl)) {
        if (table.Declare(t->name, SymbolKind::kTaxonomy, diags)) out.taxonomies.push_back(t);
      } else if (const auto* k = std::get_if<ast::Kind>(&decl)) {
        if (table.Declare(k->name, SymbolKind::kKind, diags)) out.kinds.push_back(k);
      } else if (const auto* d = std::get_if<ast::Define>(&decl)) {
        if (table.Declare(d->name, SymbolKind::kDefinition, diags)) out.defines.push_back(d);
      } else if (const auto* a = std::get_if<ast::Agreement>(&decl)) {
        if (table.Declare(a->id, SymbolKind::kAgreement, diags)) out.agreements.push_back(a);
      } else if (const auto* w = std::get_if<ast::Waiver>(&decl)) {
        out.waivers.push_back(w);  // waiver ids have their own namespace (T0409)
      } else if (const auto* t2 = std::get_if<ast::Test>(&decl)) {
        out.tests.push_back(t2);  // test names have their own namespace (T0410)
      }
    }
  }
  return out;
}

}  // namespace treaty::check
