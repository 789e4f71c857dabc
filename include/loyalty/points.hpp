#pragma once
// Loyalty points: whole numbers, checked.

#include <cstdint>
#include <optional>

namespace loyalty {

/// A whole number of points within `±value_max`. Sums are checked: `plus` and `minus` return
/// nothing for a result beyond the range, and the operators throw `ArithmeticError` for it.
/// A plain value type: safe to copy and share between threads.
struct Points {
    static constexpr std::int64_t value_max = 1'000'000'000'000'000;

    std::int64_t value = 0;

    std::optional<Points> plus(Points other) const;
    std::optional<Points> minus(Points other) const;
    Points operator+(Points other) const;
    Points operator-(Points other) const;
    Points& operator+=(Points other) { return *this = *this + other; }
    Points& operator-=(Points other) { return *this = *this - other; }

    friend bool operator==(Points a, Points b) { return a.value == b.value; }
    friend bool operator!=(Points a, Points b) { return a.value != b.value; }
    friend bool operator<(Points a, Points b) { return a.value < b.value; }
};

}  // namespace loyalty
