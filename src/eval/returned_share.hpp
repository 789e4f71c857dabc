#pragma once
// How much of a purchase has come back, kept exact until a share of a whole is asked for.

#include <cstdint>

#include <boost/multiprecision/cpp_int.hpp>

#include "loyalty/member.hpp"

namespace loyalty::detail {

/// The share of a purchase its returns have brought back: each line weighs what it paid (or, when
/// the purchase paid nothing, its units), and k of its n units are exactly k/n of it. A unit's
/// value is never rounded to the cent: the only rounding is the floor of `of`, taken on the
/// running total, so that the parts of a purchase returned piece by piece add up to the whole.
class ReturnedShare {
public:
    /// The share given by the lines' returned quantities.
    explicit ReturnedShare(const PurchaseRecord& record);

    /// floor(whole × share); exactly `whole` once every unit is back.
    std::int64_t of(std::int64_t whole) const;
    /// floor(whole × the share of the units back), for counts of items.
    std::int64_t of_units(std::int64_t whole) const;

private:
    /// A share as numerator / denominator, not reduced: only its floor is ever taken.
    struct Fraction {
        boost::multiprecision::cpp_int numerator = 0;
        boost::multiprecision::cpp_int denominator = 1;
    };
    static std::int64_t floor_of(std::int64_t whole, const Fraction& share);

    Fraction by_value_;
    Fraction by_units_;
    bool everything_ = false;
};

}  // namespace loyalty::detail
