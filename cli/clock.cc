#include "clock.h"

#include <chrono>
#include <cstdlib>

namespace treaty::cli {

value::Date Today() {
  if (const char* pinned = std::getenv("TREATY_TODAY")) {
    if (auto d = value::ParseDate(pinned)) return *d;
  }
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return value::Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

std::optional<value::Date> ResolveAsOf(const std::string& text) {
  if (text.empty() || text == "today") return Today();
  return value::ParseDate(text);
}

}  // namespace treaty::cli
