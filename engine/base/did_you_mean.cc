#include "base/did_you_mean.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace treaty::base {

namespace {
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
}  // namespace

size_t EditDistance(std::string_view a, std::string_view b, size_t max_distance) {
  const size_t n = a.size(), m = b.size();
  max_distance = std::min(max_distance, std::max(n, m));  // the distance never exceeds this
  const size_t over = max_distance + 1;
  if ((n > m ? n - m : m - n) > max_distance) return over;
  // Rows i-2, i-1 and i of the (n+1) x (m+1) table; cells outside the band |i-j| <= max
  // hold `over`, which is never below the true value clipped at `over`.
  std::vector<size_t> before(m + 1, over), prev(m + 1, over), cur(m + 1, over);
  for (size_t j = 0; j <= std::min(m, max_distance); ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > max_distance ? i - max_distance : 0;
    const size_t hi = std::min(m, i + max_distance);
    if (lo > 0) cur[lo - 1] = over;
    size_t row_min = over;
    for (size_t j = lo; j <= hi; ++j) {
      size_t d = over;
      if (j == 0) {
        d = i;
      } else {
        const size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
        d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
            Lower(a[i - 2]) == Lower(b[j - 1])) {
          d = std::min(d, before[j - 2] + 1);
        }
      }
      cur[j] = std::min(d, over);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi < m) cur[hi + 1] = over;
    if (row_min >= over) return over;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], over);
}

std::optional<std::string> ClosestName(std::string_view wrong,
                                       const std::vector<std::string_view>& candidates) {
  if (wrong.size() > kMaxSuggestLength) return std::nullopt;
  const size_t limit = std::max<size_t>(1, wrong.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    if (best_distance == 0) break;
    if (c == wrong) continue;
    // Only a strictly closer candidate can win: search up to one below the best so far.
    const size_t dist = EditDistance(wrong, c, best_distance - 1);
    if (dist < best_distance) {
      best_distance = dist;
      best = std::string(c);
    }
  }
  return best;
}

std::string DidYouMean(std::string_view wrong, const std::vector<std::string_view>& candidates) {
  auto best = ClosestName(wrong, candidates);
  return best ? fmt::format("did you mean `{}`?", *best) : std::string();
}

}  // namespace treaty::base
