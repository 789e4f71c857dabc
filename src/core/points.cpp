#include "loyalty/points.hpp"

#include "core/raise.hpp"
#include "core/wide_integer.hpp"

namespace loyalty {
namespace {

std::optional<Points> within_range(const detail::WideInteger& value) {
    if (const auto narrowed = detail::narrow(value, Points::value_max)) return Points{*narrowed};
    return std::nullopt;
}

Points or_raise(const detail::WideInteger& value) {
    if (const auto points = within_range(value)) return *points;
    detail::raise_out_of_range("points", value, Points::value_max);
}

}  // namespace

std::optional<Points> Points::plus(Points other) const { return within_range(detail::WideInteger(value) + other.value); }
std::optional<Points> Points::minus(Points other) const { return within_range(detail::WideInteger(value) - other.value); }

Points Points::operator+(Points other) const { return or_raise(detail::WideInteger(value) + other.value); }
Points Points::operator-(Points other) const { return or_raise(detail::WideInteger(value) - other.value); }

}  // namespace loyalty
