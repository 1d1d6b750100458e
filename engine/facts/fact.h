#pragma once
/// Facts: the planned deployments and deals a check reads (LANGUAGE.md §7). A Fact is one
/// validated record of a kind of the checked portfolio; its slots follow the kind's fields.
/// A FactSet owns the facts of a run in load order (files in path order, then document order).
/// Immutable once loaded; safe to read from several threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/span.h"
#include "value/value.h"

namespace treaty::facts {

struct Fact {
  uint32_t kind = 0;  // index into check::Portfolio::kinds (= plan::Plan::kinds)
  std::string id;
  std::vector<value::Value> slots;  // slots[i] is kind.fields[i]; Absent when not given
  base::Span span;                  // where the fact starts (its `kind:` or first key / its line)
  /// The active span of LANGUAGE.md §2, [start, end); both nullopt for a timeless kind, `end`
  /// nullopt when open-ended; for `active at`, end = start + 1 day.
  std::optional<value::Date> start;
  std::optional<value::Date> end;
};

struct FactSet {
  std::vector<Fact> facts;
  size_t files = 0;  // fact files read
};

}  // namespace treaty::facts
