#pragma once
// How much of a purchase has come back, kept exact until a share of a whole is asked for.

#include <cstdint>
#include <optional>

#include "loyalty/member.hpp"

namespace loyalty::detail {

/// The share of a purchase its returns have brought back: each line weighs what it paid (or, when
/// the purchase paid nothing, its units), and k of its n units are exactly k/n of it. A unit's
/// value is never rounded to the cent: the only rounding is the floor of `of`, taken on the
/// running total, so that the parts of a purchase returned piece by piece add up to the whole.
///
/// Exact without a number of unbounded size: the sum of the lines' shares has as its
/// denominator the product of their quantities, hundreds of digits for a large basket, so its
/// whole part is found apart from the fractions of its lines, and the floor of those fractions'
/// sum digit by digit in base 2^32, as far as it takes to decide it (returned_share.cpp).
class ReturnedShare {
public:
    /// The share given by the lines' returned quantities.
    explicit ReturnedShare(const PurchaseRecord& record);

    /// floor(whole × share) (toward zero for a negative whole); exactly `whole` once every unit is
    /// back. None for a purchase past the engine's bounds: a line of no units or more than
    /// limits::quantity_max, one that paid less than nothing, more units back than bought, or a
    /// result beyond int64.
    std::optional<std::int64_t> of(std::int64_t whole) const;
    /// floor(whole × the share of the units back), for counts of items.
    std::optional<std::int64_t> of_units(std::int64_t whole) const;

private:
    const PurchaseRecord& record_;
    std::int64_t paid_ = 0;
    std::int64_t units_ = 0;
    std::int64_t units_back_ = 0;
    bool everything_ = false;
    bool within_bounds_ = true;
};

}  // namespace loyalty::detail
