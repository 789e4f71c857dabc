#pragma once
// Taking points from lots in the order the program promises.

#include <cstdint>
#include <vector>

#include "eval/evaluation_buffers.hpp"
#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"

namespace loyalty::detail {

enum class LotState { spendable, pending };

/// The points `lots` hold in `state`. The evaluation checked the member's lots' total at its start
/// (T030), so this sum of them and of a transaction's credits is exact in int64.
std::int64_t lots_total(const std::vector<PointsLot>& lots, LotState state);

/// What taking `points` from the evaluation's lots in `state` takes from each, in spending order (see
/// take_points), written whole into `taken` (into the memory of what it held); changes nothing.
/// The caller has made sure there are enough.
void points_to_take(EvaluationBuffers& buffers, std::int64_t points, LotState state, std::vector<LotChange>& taken);

/// Takes what `taken` names from the evaluation's lots (in the lots' order) and drops the emptied
/// lots, keeping their memory.
void take_lots(EvaluationBuffers& buffers, const std::vector<LotChange>& taken);

/// Takes `points` from the evaluation's lots in `state` (kept in spending order: soonest expiry
/// first, then oldest, lots that never expire last), dropping emptied lots; returns what it took
/// from each. The caller has made sure there are enough.
std::vector<LotChange> take_points(EvaluationBuffers& buffers, std::int64_t points,
                                   LotState state = LotState::spendable);

}  // namespace loyalty::detail
