#pragma once
/// Suggests the closest candidate to a misspelled name, by Damerau–Levenshtein distance
/// (adjacent transpositions count as one edit), case-insensitively. A suggestion is made
/// only when the distance is at most max(1, length/3); ties go to the first candidate.
/// Bounded for hostile input: a name longer than kMaxSuggestLength gets no suggestion, and the
/// distance is computed in a band of width 2·limit+1 with three rows of memory, so one
/// comparison costs O(length·limit) time and O(length) memory.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treaty::base {

/// Names longer than this (in bytes) are not matched against candidates.
inline constexpr size_t kMaxSuggestLength = 64;

/// The distance, or `max_distance + 1` as soon as it is known to exceed `max_distance`.
size_t EditDistance(std::string_view a, std::string_view b, size_t max_distance);

std::optional<std::string> ClosestName(std::string_view wrong,
                                       const std::vector<std::string_view>& candidates);

/// "did you mean `x`?" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view wrong, const std::vector<std::string_view>& candidates);

}  // namespace treaty::base
