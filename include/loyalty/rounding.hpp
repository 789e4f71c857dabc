#pragma once
// How an inexact quotient becomes a whole number of points or minor units.

#include <optional>
#include <string_view>

namespace loyalty {

/// Every division the engine makes names one of these; nothing rounds by default behind the
/// caller's back (earning rules state `floor` when they mean it, which is also their default).
enum class Rounding {
    floor,      ///< toward negative infinity
    ceil,       ///< toward positive infinity
    half_up,    ///< to nearest, ties away from zero
    half_even,  ///< to nearest, ties to the even neighbour (banker's rounding)
};

std::string_view to_string(Rounding rounding);
std::optional<Rounding> parse_rounding(std::string_view name);

}  // namespace loyalty
