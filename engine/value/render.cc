#include "value/render.h"

#include <fmt/format.h>

#include <type_traits>

namespace treaty::value {

std::string RenderNumber(double d) {
  if (d == 0) return "0";  // also -0
  return fmt::format("{}", d);
}

std::string Render(const Value& v, const MemberNamer& name_of, TextStyle text) {
  return std::visit(
      [&](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Absent>) {
          return "absent";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          return RenderNumber(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return text == TextStyle::kQuoted ? fmt::format("\"{}\"", x) : x;
        } else if constexpr (std::is_same_v<T, Date>) {
          return FormatDate(x);
        } else if constexpr (std::is_same_v<T, Duration>) {
          return FormatDuration(x);
        } else if constexpr (std::is_same_v<T, Member>) {
          return name_of(x);
        } else if constexpr (std::is_same_v<T, List>) {
          std::string out = "[";
          for (size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += Render(x[i], name_of, text);
          }
          return out + "]";
        } else {
          std::string out = "{";
          for (size_t i = 0; i < x.size(); ++i) {
            if (i) out += ", ";
            out += x[i].first + ": " + Render(x[i].second, name_of, text);
          }
          return out + "}";
        }
      },
      v.v);
}

}  // namespace treaty::value
