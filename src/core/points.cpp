#include "loyalty/points.hpp"

#include "core/points_range.hpp"
#include "core/raise.hpp"

namespace loyalty {

namespace detail {

std::optional<Points> points_within_range(const WideInteger& sum) {
    if (const auto narrowed = narrow(sum, Points::value_max)) return Points{*narrowed};
    return std::nullopt;
}

Points points_or_raise(const WideInteger& sum, const char* what) {
    if (const auto points = points_within_range(sum)) return *points;
    raise_out_of_range(what, sum, Points::value_max);
}

}  // namespace detail

std::optional<Points> Points::plus(Points other) const {
    return detail::points_within_range(detail::WideInteger(value) + other.value);
}
std::optional<Points> Points::minus(Points other) const {
    return detail::points_within_range(detail::WideInteger(value) - other.value);
}

Points Points::operator+(Points other) const {
    return detail::points_or_raise(detail::WideInteger(value) + other.value, "points");
}
Points Points::operator-(Points other) const {
    return detail::points_or_raise(detail::WideInteger(value) - other.value, "points");
}

}  // namespace loyalty
