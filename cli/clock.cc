#include "clock.h"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "base/escape.h"
#include "base/utf8.h"

namespace treaty::cli {

namespace {

// `text` quoted, its first 40 bytes only (cut on a code point boundary) when it is longer.
std::string Shown(std::string_view text) {
  if (text.empty()) return "(empty)";
  if (text.size() <= 40) return base::QuoteString(text);
  return base::QuoteString(text.substr(0, base::Utf8PrefixWithin(text, 40))) + "…";
}

base::Status NotADate(std::string_view origin, std::string_view text, std::string_view expected) {
  const std::string why = value::WhyNotADate(text);
  return base::Status::InvalidArgument(fmt::format("invalid {} {}: {}expected {}", origin,
                                                   Shown(text), why.empty() ? "" : why + "; ",
                                                   expected));
}

}  // namespace

base::Result<value::Date> Today() {
  if (const char* pinned = std::getenv("TREATY_TODAY")) {
    if (auto d = value::ParseDate(pinned)) return *d;
    return NotADate("TREATY_TODAY", pinned, "a date YYYY-MM-DD such as 2026-11-29");
  }
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return value::Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

base::Result<value::Date> ResolveAsOf(std::string_view text, std::string_view origin) {
  if (text == "today") return Today();
  if (auto d = value::ParseDate(text)) return *d;
  return NotADate(origin, text, "a date YYYY-MM-DD such as 2026-11-29, or `today`");
}

std::string NowTimestamp() {
  if (const char* pinned = std::getenv("TREATY_NOW")) return pinned;
  if (std::getenv("TREATY_TEST") != nullptr) return "1970-01-01T00:00:00Z";
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto days = std::chrono::floor<std::chrono::days>(now);
  auto secs = (now - days).count();
  return fmt::format(
      "{}T{:02}:{:02}:{:02}Z",
      value::FormatDate(value::Date{static_cast<int32_t>(days.time_since_epoch().count())}),
      secs / 3600, secs / 60 % 60, secs % 60);
}

}  // namespace treaty::cli
