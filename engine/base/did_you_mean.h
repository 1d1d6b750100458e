#pragma once
/// Suggests the closest candidate to a misspelled name, by Damerau–Levenshtein distance
/// (adjacent transpositions count as one edit), case-insensitively. A suggestion is made
/// only when the distance is at most max(1, length/3); ties go to the first candidate.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace treaty::base {

size_t EditDistance(std::string_view a, std::string_view b);

std::optional<std::string> ClosestName(std::string_view wrong,
                                       const std::vector<std::string_view>& candidates);

/// "did you mean `x`?" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view wrong, const std::vector<std::string_view>& candidates);

}  // namespace treaty::base
