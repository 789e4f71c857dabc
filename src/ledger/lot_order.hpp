#pragma once
// The order lots are spent in: soonest expiry first, then oldest, lots that never expire last.

#include <vector>

#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"

namespace loyalty::detail {

/// True when `a` is spent before `b`.
bool spent_before(const PointsLot& a, const PointsLot& b);

/// Adds the lot an earn delta makes (its `new_lot`, its id and amount) to `lots`, which are kept
/// in spending order.
void insert_lot(std::vector<PointsLot>& lots, const Delta& delta);

}  // namespace loyalty::detail
