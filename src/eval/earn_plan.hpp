#pragma once
// What the earn rules of one transaction give, before caps: the numbers the deltas are made from.

#include <cstddef>
#include <cstdint>

#include "loyalty/reason.hpp"

namespace loyalty::detail {

/// One earn rule's firing, planned: the rules run first, the caps trim the plan, and only then
/// are the deltas made, each once, so that no step rewrites another's.
struct PlannedEarn {
    enum class What {
        points,    ///< the buyer's points: what caps trim
        referral,  ///< the referrer's points for this purchase: no cap of the buyer's limits them
        benefit,
        coupon,
    };
    What what = What::points;
    /// The earn rule, by its position in the program.
    std::size_t rule = 0;
    std::int64_t points = 0;
    Reason reason;
};

/// A cap that trimmed a planned entry: it says so in that entry's explanation.
struct PlannedCapNote {
    std::size_t entry = 0;
    std::size_t cap = 0;
    /// What the cap's period had counted before this transaction.
    std::int64_t used = 0;
    std::int64_t over = 0;
};

}  // namespace loyalty::detail
