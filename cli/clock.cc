#include "clock.h"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

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

std::string NowTimestamp() {
  if (const char* pinned = std::getenv("TREATY_NOW")) return pinned;
  if (std::getenv("TREATY_TEST") != nullptr) return "1970-01-01T00:00:00Z";
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto days = std::chrono::floor<std::chrono::days>(now);
  auto secs = (now - days).count();
  return fmt::format("{}T{:02}:{:02}:{:02}Z",
                     value::FormatDate(value::Date{static_cast<int32_t>(
                         days.time_since_epoch().count())}),
                     secs / 3600, secs / 60 % 60, secs % 60);
}

}  // namespace treaty::cli
