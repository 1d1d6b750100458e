#pragma once
/// Fuzz support: the fuzzer's bytes read as a stream of choices (FuzzedDataProvider underneath).
/// Every choice is bounded, and an exhausted input answers 0 / the first option, so a generator
/// driven by it always terminates and the same bytes always make the same text.

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace treaty::fuzzing {

class Choices {
 public:
  Choices(const uint8_t* data, size_t size) : provider_(data, size) {}

  /// 0 .. n-1 (0 when n <= 1).
  uint32_t Below(uint32_t n) {
    if (n <= 1) return 0;
    return provider_.ConsumeIntegralInRange<uint32_t>(0, n - 1);
  }
  /// lo .. hi inclusive.
  int64_t Range(int64_t lo, int64_t hi) { return provider_.ConsumeIntegralInRange(lo, hi); }
  /// True with probability about num/den; false once the input is exhausted (so that the rare
  /// choices stay rare on short inputs).
  bool Chance(uint32_t num, uint32_t den) { return Below(den) >= den - num; }
  bool Coin() { return Chance(1, 2); }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<uint32_t>(items.size()))];
  }
  const char* Pick(std::initializer_list<const char*> items) {
    return items.begin()[Below(static_cast<uint32_t>(items.size()))];
  }

  /// Raw bytes for free text (up to `max`).
  std::string Bytes(size_t max) { return provider_.ConsumeRandomLengthString(max); }
  bool empty() { return provider_.remaining_bytes() == 0; }

 private:
  FuzzedDataProvider provider_;
};

}  // namespace treaty::fuzzing
