// Pass: taxonomies and kinds. Taxonomy members get a pre-order interval so that "m is inside
// a" is two comparisons; kinds get typed fields and their `active` slots.
#include <fmt/format.h>

#include "base/did_you_mean.h"
#include "check/context.h"

namespace treaty::check {

namespace {

using base::DiagCode;
using base::MakeDiagnostic;

class TaxonomyBuilder {
 public:
  TaxonomyBuilder(Context& ctx, Taxonomy& tax, TaxonomyId id) : ctx_(ctx), tax_(tax), id_(id) {}

  void Build(const ast::Taxonomy& src) {
    tax_.name = src.name.text;
    tax_.span = src.span;
    tax_.members.push_back(Member{src.name.text, kNoId, 0, 0, 0, src.name.span});
    uint32_t counter = 1;
    for (const auto& m : src.members) Add(m, 0, 1, counter);
    tax_.members[0].post = counter;
  }

 private:
  // INVARIANT: members are appended in pre-order, so members[i].pre == i.
  void Add(const ast::TaxonomyMember& m, MemberId parent, uint32_t depth, uint32_t& counter) {
    MemberId existing = tax_.Find(m.name.text);
    if (existing != kNoId) {
      const Member& first = tax_.members[existing];
      ctx_.Report(MakeDiagnostic(DiagCode::T0210, m.name.span, m.name.text, tax_.name)
                      .WithLabel("duplicate member")
                      .WithHelp("a member name is unique inside its taxonomy; rename or remove "
                                "one of them")
                      .WithNote(first.span, existing == 0 ? "the taxonomy itself has this name"
                                                          : "first declared here"));
      for (const auto& c : m.children) Add(c, parent, depth, counter);
      return;
    }
    MemberId id = static_cast<MemberId>(tax_.members.size());
    tax_.members.push_back(Member{m.name.text, parent, depth, counter++, 0, m.name.span});
    ctx_.members_by_name[m.name.text].push_back(value::Member{id_, id});
    for (const auto& c : m.children) Add(c, id, depth + 1, counter);
    tax_.members[id].post = counter;
  }

  Context& ctx_;
  Taxonomy& tax_;
  TaxonomyId id_;
};

Type ResolveFieldType(Context& ctx, const ast::TypeRef& ref) {
  Type t;
  switch (ref.shape) {
    case ast::TypeRef::Shape::kScalar:
      t.shape = Shape::kScalar;
      break;
    case ast::TypeRef::Shape::kList:
      t.shape = Shape::kList;
      break;
    case ast::TypeRef::Shape::kMap:
      t.shape = Shape::kMap;
      break;
  }
  const std::string& name = ref.element.text;
  if (name == "text") {
    t.base = BaseType::kText;
  } else if (name == "number") {
    t.base = BaseType::kNumber;
  } else if (name == "bool") {
    t.base = BaseType::kBool;
  } else if (name == "date") {
    t.base = BaseType::kDate;
  } else if (TaxonomyId tax = ctx.out.FindTaxonomy(name); tax != kNoId) {
    t.base = BaseType::kMember;
    t.ref = tax;
  } else if (!ctx.symbols.IsBroken(name)) {
    std::vector<std::string_view> candidates = {"text", "number", "bool", "date"};
    for (const auto& tx : ctx.out.taxonomies) candidates.push_back(tx.name);
    std::string help = base::DidYouMean(name, candidates);
    const Symbol* sym = ctx.symbols.Find(name);
    if (help.empty() && sym != nullptr && sym->kind == SymbolKind::kKind) {
      help = fmt::format(
          "`{}` is a kind; a field holds text, number, bool, date or a taxonomy "
          "member (or a `list of`/`map of` them)",
          name);
    } else if (help.empty()) {
      help =
          "a field type is `text`, `number`, `bool`, `date`, a taxonomy name, `list of T` or "
          "`map of T`";
    }
    ctx.Report(MakeDiagnostic(DiagCode::T0205, ref.element.span, name)
                   .WithLabel("not a type")
                   .WithHelp(help));
  }
  return t;
}

uint32_t ActiveSlot(Context& ctx, const Kind& kind, const ast::Kind& src, const ast::Name& name) {
  uint32_t slot = kind.FindField(name.text);
  if (slot == kNoId) {
    std::vector<std::string_view> fields;
    for (const auto& f : kind.fields) fields.push_back(f.name);
    std::string help = base::DidYouMean(name.text, fields);
    if (help.empty()) help = "`active` names a date field of the kind";
    ctx.Report(MakeDiagnostic(DiagCode::T0203, name.span, kind.name, name.text)
                   .WithLabel("unknown field")
                   .WithHelp(help));
    return kNoId;
  }
  const Field& f = kind.fields[slot];
  if (f.type.is_error()) return kNoId;
  if (f.type.base != BaseType::kDate || f.type.shape != Shape::kScalar) {
    ctx.Report(
        MakeDiagnostic(DiagCode::T0413, name.span, name.text, kind.name)
            .WithLabel(fmt::format("this is {}", TypeName(ctx.out, f.type)))
            .WithHelp(fmt::format("declare `{}: date`, or name a date field here", name.text))
            .WithNote(src.fields[slot].span, "declared here"));
    return kNoId;
  }
  return slot;
}

void BuildKind(Context& ctx, const ast::Kind& src, Kind& kind) {
  kind.name = src.name.text;
  kind.description = src.description.value_or("");
  kind.span = src.span;
  for (const auto& f : src.fields) {
    Type type = ResolveFieldType(ctx, f.type);
    if (f.name.text == "id") {
      ctx.Report(MakeDiagnostic(DiagCode::T0211, f.name.span, "id", kind.name)
                     .WithLabel("`id` is implicit")
                     .WithHelp("every fact already has `id: text`; remove this field"));
      continue;
    }
    uint32_t existing = kind.FindField(f.name.text);
    if (existing != kNoId) {
      ctx.Report(MakeDiagnostic(DiagCode::T0211, f.name.span, f.name.text, kind.name)
                     .WithLabel("duplicate field")
                     .WithHelp("rename or remove one of the two fields")
                     .WithNote(kind.fields[existing].span, "first declared here"));
      continue;
    }
    // Keep a field span of the name only: diagnostics point at it.
    kind.fields.push_back(Field{f.name.text, type, f.optional, f.name.span});
  }
  if (src.active) {
    kind.instant = src.active->instant;
    kind.active_from = ActiveSlot(ctx, kind, src, src.active->from);
    if (src.active->until) kind.active_until = ActiveSlot(ctx, kind, src, *src.active->until);
  }
}

}  // namespace

void CheckVocabulary(Context& ctx) {
  ctx.out.taxonomies.resize(ctx.decls.taxonomies.size());
  for (TaxonomyId i = 0; i < ctx.decls.taxonomies.size(); ++i) {
    ctx.out.taxonomies[i].name = ctx.decls.taxonomies[i]->name.text;  // FindTaxonomy needs names
  }
  for (TaxonomyId i = 0; i < ctx.decls.taxonomies.size(); ++i) {
    TaxonomyBuilder(ctx, ctx.out.taxonomies[i], i).Build(*ctx.decls.taxonomies[i]);
  }
  ctx.out.kinds.resize(ctx.decls.kinds.size());
  for (KindId i = 0; i < ctx.decls.kinds.size(); ++i) {
    ctx.kind_ast.push_back(ctx.decls.kinds[i]);
    BuildKind(ctx, *ctx.decls.kinds[i], ctx.out.kinds[i]);
  }
}

}  // namespace treaty::check
