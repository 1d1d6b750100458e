#include "progress.h"

#include <cstdio>

#include <fmt/format.h>

namespace treaty::cli {

void Progress::Say(const std::string& text) {
  if (!enabled_) return;
  std::fputs(fmt::format("\r\x1b[Ktreaty: {}", text).c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::Clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace treaty::cli
