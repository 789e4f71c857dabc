#pragma once
// "did you mean …?" for misspelt keys, fields and choices.

#include <string>
#include <string_view>
#include <vector>

namespace loyalty::detail {

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo;
/// otherwise an empty string.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

/// " (did you mean 'x'?)" or nothing.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace loyalty::detail
