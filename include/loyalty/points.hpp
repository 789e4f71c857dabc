#pragma once
// Loyalty points: whole numbers, checked.

#include <cstdint>

namespace loyalty {

/// A whole number of points. Sums are checked: leaving `±value_max` throws `ArithmeticError`.
/// A plain value type: safe to copy and share between threads.
struct Points {
    static constexpr std::int64_t value_max = 1'000'000'000'000'000;

    std::int64_t value = 0;

    Points operator+(Points other) const;
    Points operator-(Points other) const;
    Points& operator+=(Points other) { return *this = *this + other; }
    Points& operator-=(Points other) { return *this = *this - other; }

    friend bool operator==(Points a, Points b) { return a.value == b.value; }
    friend bool operator!=(Points a, Points b) { return a.value != b.value; }
    friend bool operator<(Points a, Points b) { return a.value < b.value; }
};

}  // namespace loyalty
