#include "check/model.h"

#include <fmt/format.h>

namespace treaty::check {

MemberId Taxonomy::Find(std::string_view wanted) const {
  for (MemberId i = 0; i < members.size(); ++i) {
    if (members[i].name == wanted) return i;
  }
  return kNoId;
}

uint32_t Kind::FindField(std::string_view wanted) const {
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == wanted) return i;
  }
  return kNoId;
}

KindId Portfolio::FindKind(std::string_view name) const {
  for (KindId i = 0; i < kinds.size(); ++i) {
    if (kinds[i].name == name) return i;
  }
  return kNoId;
}

TaxonomyId Portfolio::FindTaxonomy(std::string_view name) const {
  for (TaxonomyId i = 0; i < taxonomies.size(); ++i) {
    if (taxonomies[i].name == name) return i;
  }
  return kNoId;
}

ClauseIndex Portfolio::FindClause(std::string_view qualified) const {
  for (ClauseIndex i = 0; i < clauses.size(); ++i) {
    if (clauses[i].qualified == qualified) return i;
  }
  return kNoId;
}

AgreementIndex Portfolio::FindAgreement(std::string_view id) const {
  for (AgreementIndex i = 0; i < agreements.size(); ++i) {
    if (agreements[i].id == id) return i;
  }
  return kNoId;
}

std::string TypeName(const Portfolio& p, const Type& t) {
  std::string element;
  switch (t.base) {
    case BaseType::kError:
      return "an invalid value";
    case BaseType::kText:
      element = "text";
      break;
    case BaseType::kNumber:
      element = "number";
      break;
    case BaseType::kBool:
      element = "bool";
      break;
    case BaseType::kDate:
      element = "date";
      break;
    case BaseType::kDuration:
      element = "duration";
      break;
    case BaseType::kMember:
      element = t.ref < p.taxonomies.size() ? p.taxonomies[t.ref].name : "member";
      break;
    case BaseType::kFact:
      element = fmt::format("a `{}` fact", t.ref < p.kinds.size() ? p.kinds[t.ref].name : "?");
      break;
  }
  switch (t.shape) {
    case Shape::kScalar:
      return element;
    case Shape::kList:
      return "list of " + element;
    case Shape::kMap:
      return "map of " + element;
  }
  return element;
}

}  // namespace treaty::check
