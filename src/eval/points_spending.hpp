#pragma once
// Taking points from lots in the order the program promises.

#include <cstdint>
#include <vector>

#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"

namespace loyalty::detail {

enum class LotState { spendable, pending };

/// Takes `points` from the lots in `state` (kept in spending order: soonest expiry first, then
/// oldest, lots that never expire last), dropping emptied lots; returns what it took from each.
/// The caller has made sure there are enough.
std::vector<LotChange> take_points(std::vector<PointsLot>& lots, std::int64_t points,
                                   LotState state = LotState::spendable);

/// "100 earned on 2025-01-15 and 50 earned on 2025-06-01"
std::string describe_lots(const std::vector<LotChange>& taken, const std::vector<PointsLot>& before);

}  // namespace loyalty::detail
