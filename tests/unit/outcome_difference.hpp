#pragma once
// Two outcomes compared field by field, every field of every effect: what the JSON of an outcome
// leaves out (lots consumed, new lots' dates, purchase records, coupons' terms) is compared too.

#include <string>

#include <loyalty/outcome.hpp>

namespace test {

/// Empty when `a` and `b` hold the same result (their working memory aside); otherwise the path
/// of the first field that differs and both values: "deltas[2].consumed_lots[0].points: 5, 6".
std::string outcome_difference(const loyalty::Outcome& a, const loyalty::Outcome& b);

}  // namespace test
