#include "loyalty/rounding.hpp"

namespace loyalty {

std::string_view to_string(Rounding rounding) {
    switch (rounding) {
        case Rounding::floor: return "floor";
        case Rounding::ceil: return "ceil";
        case Rounding::half_up: return "half_up";
        case Rounding::half_even: return "half_even";
    }
    return "floor";
}

std::optional<Rounding> parse_rounding(std::string_view name) {
    for (Rounding rounding :
         {Rounding::floor, Rounding::ceil, Rounding::half_up, Rounding::half_even}) {
        if (to_string(rounding) == name) return rounding;
    }
    return std::nullopt;
}

}  // namespace loyalty
