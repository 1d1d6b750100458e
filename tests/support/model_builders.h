#pragma once
/// Test support: pieces of a checked model (check/model.h) built in code, as check::Check would
/// build them. Shared by the facts, plan and eval fixtures; header-only.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "check/model.h"

namespace treaty::testing {

/// A taxonomy from (member, parent) pairs in pre-order (parent "" for a child of the root); the
/// root, named like the taxonomy, is added first.
inline check::Taxonomy MakeTaxonomy(const std::string& name,
                                    const std::vector<std::pair<std::string, std::string>>& tree) {
  check::Taxonomy t;
  t.name = name;
  t.members.push_back(check::Member{name, check::kNoId, 0, 0, 0, {}});
  for (const auto& [member, parent] : tree) {
    check::Member m;
    m.name = member;
    m.parent = 0;
    for (uint32_t i = 0; i < t.members.size(); ++i) {
      if (t.members[i].name == (parent.empty() ? name : parent)) m.parent = i;
    }
    m.depth = t.members[m.parent].depth + 1;
    t.members.push_back(m);
  }
  for (uint32_t i = 0; i < t.members.size(); ++i) {
    t.members[i].pre = i;
    t.members[i].post = i + 1;
  }
  for (uint32_t i = static_cast<uint32_t>(t.members.size()); i-- > 1;) {
    auto& parent = t.members[t.members[i].parent];
    parent.post = std::max(parent.post, t.members[i].post);
  }
  return t;
}

inline check::Field MakeField(std::string name, check::BaseType base,
                              check::Shape shape = check::Shape::kScalar,
                              uint32_t ref = check::kNoId, bool optional = false) {
  check::Field f;
  f.name = std::move(name);
  f.type = check::Type{base, shape, ref};
  f.optional = optional;
  return f;
}

}  // namespace treaty::testing
