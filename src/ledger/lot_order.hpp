#pragma once
// The order lots are spent in: soonest expiry first, then oldest, lots that never expire last.

#include "loyalty/member.hpp"

namespace loyalty::detail {

/// True when `a` is spent before `b`.
bool spent_before(const PointsLot& a, const PointsLot& b);

}  // namespace loyalty::detail
