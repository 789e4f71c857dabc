#pragma once
// What a member app shows: balances, points about to expire, the tier and the way to the next.

#include <cstdint>
#include <optional>
#include <string>

#include "loyalty/points.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

/// A read-only view of a member on a given day. A plain value type.
struct MemberSummary {
    Points spendable;
    /// Points held until their purchase's return window has passed.
    Points pending;
    /// Points a return took back after they were spent.
    Points owed;
    /// Points that expire within the days asked for, and the first day any of them expires.
    Points expiring_soon;
    std::optional<Date> next_expiry;
    std::string tier;
    std::optional<Date> tier_kept_until;
    /// The next tier up, and a sentence saying what it takes ("240.00 USD more for gold: …").
    /// Empty at the top of the ladder, or without one.
    std::string next_tier;
    std::string next_tier_explanation;
};

}  // namespace loyalty
