#pragma once
// Taking points from lots in the order the program promises.

#include <cstdint>
#include <vector>

#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"

namespace loyalty::detail {

enum class LotState { spendable, pending };

/// What taking `points` from the lots in `state` takes from each, in spending order (see
/// take_points); changes nothing. The caller has made sure there are enough.
std::vector<LotChange> points_to_take(const std::vector<PointsLot>& lots, std::int64_t points,
                                      LotState state = LotState::spendable);

/// Takes what `taken` names (in the lots' order) and drops the emptied lots.
void take_lots(std::vector<PointsLot>& lots, const std::vector<LotChange>& taken);

/// Takes `points` from the lots in `state` (kept in spending order: soonest expiry first, then
/// oldest, lots that never expire last), dropping emptied lots; returns what it took from each.
/// The caller has made sure there are enough.
std::vector<LotChange> take_points(std::vector<PointsLot>& lots, std::int64_t points,
                                   LotState state = LotState::spendable);

/// "100 earned on 2025-01-15 and 50 earned on 2025-06-01", from the lots before they were taken.
std::string describe_lots(const std::vector<LotChange>& taken, const std::vector<PointsLot>& before);

}  // namespace loyalty::detail
