#include "value/value.h"

#include <algorithm>

namespace treaty::value {


bool operator==(const Value& a, const Value& b) { return a.v == b.v; }

bool operator==(const MapEntry& a, const MapEntry& b) {
  return a.first == b.first && a.second == b.second;
}

const Value* Find(const Map& map, std::string_view key) {
  auto it = std::lower_bound(map.begin(), map.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it == map.end() || it->first != key) return nullptr;
  return &it->second;
}

}  // namespace treaty::value
