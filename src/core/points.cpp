#include "loyalty/points.hpp"

#include "core/wide_integer.hpp"

namespace loyalty {

Points Points::operator+(Points other) const {
    return {detail::narrow(detail::WideInteger(value) + other.value, value_max, "points")};
}

Points Points::operator-(Points other) const {
    return {detail::narrow(detail::WideInteger(value) - other.value, value_max, "points")};
}

}  // namespace loyalty
