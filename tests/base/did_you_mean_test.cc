// base::EditDistance and ClosestName: the banded distance agrees with the full table, the usual
// misspellings are still found, and hostile names (10,000 characters, 1 MB) answer at once
// without allocating a length x length table.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "base/did_you_mean.h"

namespace treaty::base {
namespace {

// The textbook (n+1) x (m+1) Damerau–Levenshtein (optimal string alignment), case-insensitive.
size_t FullDistance(std::string_view a, std::string_view b) {
  auto low = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST_CASE("EditDistance agrees with the full table, clipped at max + 1", "[did-you-mean]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(0, 9), letter(0, 3);
  auto word = [&] {
    std::string s(static_cast<size_t>(len(rng)), 'a');
    for (char& c : s) c = static_cast<char>('a' + letter(rng));
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string a = word(), b = word();
    const size_t full = FullDistance(a, b);
    for (size_t max = 0; max <= 10; ++max) {
      INFO(a << " / " << b << " max " << max);
      CHECK(EditDistance(a, b, max) == std::min(full, max + 1));
    }
  }
  CHECK(EditDistance("kitten", "sitting", 100) == 3);
  CHECK(EditDistance("ab", "ba", 5) == 1);
  CHECK(EditDistance("", "abc", 1) == 2);
}

TEST_CASE("ClosestName still finds the usual misspellings", "[did-you-mean]") {
  const std::vector<std::string_view> settings = {"policies", "facts", "fail_on", "as_of"};
  CHECK(ClosestName("polices", settings) == "policies");
  CHECK(ClosestName("fail-on", settings) == "fail_on");
  CHECK(ClosestName("FAIL_ON", settings) == "fail_on");
  CHECK(ClosestName("asof", settings) == "as_of");
  CHECK(ClosestName("sometimes", settings) == std::nullopt);
  CHECK(ClosestName("regoin", {"region", "cloud"}) == "region");
  // Ties go to the first candidate; a closer later one wins.
  CHECK(ClosestName("modal", {"model", "modal_x"}) == "model");
  CHECK(ClosestName("abcdefgh", {"abcdefxx", "abcdefgx"}) == "abcdefgx");
  CHECK(DidYouMean("ERROR", {"error", "warning", "info", "never"}) == "did you mean `error`?");
  CHECK(DidYouMean("zzz", {"error"}).empty());
}

TEST_CASE("ClosestName gives up on names longer than kMaxSuggestLength", "[did-you-mean]") {
  const std::string at_limit = std::string(kMaxSuggestLength - 1, 'a') + "b";
  const std::string candidate(kMaxSuggestLength, 'a');
  CHECK(ClosestName(at_limit, {candidate}) == candidate);
  CHECK(ClosestName(at_limit + "a", {candidate + "a"}) == std::nullopt);
}

// No timing here (speed is measured in bench/, and a sanitizer build is 10x slower): the 1 MB
// comparisons below are 10^12 cells for a full table, so a quadratic distance never finishes
// and the test's ctest timeout fails it.
TEST_CASE("hostile names are answered fast and without a quadratic table", "[did-you-mean]") {
  // treaty explain with a 10,000-character misspelt id against 100,000 ids (was 3.9 GB).
  const std::string long_id(10000, 'x');
  std::vector<std::string> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back("dep-" + std::to_string(i));
  std::vector<std::string_view> views(ids.begin(), ids.end());
  CHECK(ClosestName(long_id, views) == std::nullopt);
  // A 1 MB field name (was 48 s), and two long equal-length names compared directly.
  const std::string mb(1 << 20, 'f');
  CHECK(DidYouMean(mb, {"model", "region", std::string_view(mb).substr(1)}).empty());
  const std::string other = std::string((1 << 20) - 1, 'f') + "g";
  CHECK(EditDistance(mb, other, 3) == 1);
  CHECK(EditDistance(mb, std::string(1 << 20, 'g'), 3) == 4);
}

}  // namespace
}  // namespace treaty::base
