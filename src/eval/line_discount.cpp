#include "eval/line_discount.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <utility>

#include "core/wide_integer.hpp"

namespace loyalty::detail {
namespace {

/// A quotient the preconditions keep within the range of its dividend's factors.
std::int64_t within_preconditions(const WideInteger& value) {
    const std::optional<std::int64_t> narrowed = value.to_int64();
    assert(narrowed.has_value());
    return narrowed.value_or(0);
}

}  // namespace

std::int64_t percent_of(std::int64_t cost, const Decimal& percent, Rounding rounding) {
    return within_preconditions(
        divide_rounded(WideInteger(cost) * percent.mantissa, power_of_ten(percent.scale) * 100, rounding));
}

void spread_discount(std::int64_t discount, std::vector<std::int64_t>& line_paid) {
    const std::int64_t total = std::accumulate(line_paid.begin(), line_paid.end(), std::int64_t{0});
    if (total == 0) return;
    std::vector<std::pair<WideInteger, std::size_t>> remainders;
    std::int64_t allocated = 0;
    std::vector<std::int64_t> shares(line_paid.size());
    for (std::size_t i = 0; i < line_paid.size(); ++i) {
        const WideInteger scaled = WideInteger(discount) * line_paid[i];
        shares[i] = within_preconditions(scaled / total);
        allocated += shares[i];
        remainders.emplace_back(scaled % total, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; allocated < discount; ++k, ++allocated) ++shares[remainders[k].second];
    for (std::size_t i = 0; i < line_paid.size(); ++i) line_paid[i] -= shares[i];
}

}  // namespace loyalty::detail
