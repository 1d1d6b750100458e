#pragma once
/// A runtime value of a fact field or an expression: absent, bool, number, text, date,
/// duration, a taxonomy member, a list or a text-keyed map. Value type; lists and maps own
/// their elements. Taxonomy members are (taxonomy id, member id) into the checked portfolio.

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "value/date.h"

namespace treaty::value {

struct Absent {
  bool operator==(const Absent&) const = default;
};

struct Member {
  uint32_t taxonomy = 0;
  uint32_t member = 0;
  bool operator==(const Member&) const = default;
};

struct Value;
struct MapEntry;
using List = std::vector<Value>;
using Map = std::vector<MapEntry>;  // sorted by key, keys unique

struct Value {
  std::variant<Absent, bool, double, std::string, Date, Duration, Member, List, Map> v;

  bool is_absent() const { return std::holds_alternative<Absent>(v); }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(v);
  }
  template <typename T>
  const T& as() const {
    return std::get<T>(v);
  }
};

/// A key and its value in a Map (a struct, not std::pair: Value is incomplete where Map is
/// declared, which std::pair does not allow).
struct MapEntry {
  MapEntry() = default;
  MapEntry(std::string key, Value value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;  // the key
  Value second;       // the value
};

bool operator==(const Value& a, const Value& b);
bool operator==(const MapEntry& a, const MapEntry& b);
/// Lookup in a map value; nullptr when the key is absent.
const Value* Find(const Map& map, std::string_view key);

}  // namespace treaty::value
