#pragma once
// The order lots are spent in: soonest expiry first, then oldest, lots that never expire last.
//
// Sums of points here are plain int64 sums: an evaluation refuses (T030) an outcome that would
// take any balance past ±10^15, so no lot holds more, and a sum of two is far inside int64.

#include <vector>

#include "loyalty/ledger.hpp"
#include "ledger/fold_pools.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// True when `a` is spent before `b`.
bool spent_before(const PointsLot& a, const PointsLot& b);

/// Adds the points a delta credits to a member: first they fill a balance `below_zero` (pending
/// points do not); the rest joins the lot earned the same day that expires and is released on the
/// same days, if there is one (not the opening balance), or else becomes the lot the delta makes
/// (its `new_lot`, with its id, one of `outcome`'s), placed in spending order and written into the memory of `lot`.
/// Returns whether `lot` was taken.
bool insert_lot(std::vector<PointsLot>& lots, Points& below_zero, const Delta& delta, const Outcome& outcome,
                PointsLot& lot);
/// Places `lot` among `lots` in spending order: it joins the lot earned the same day that expires
/// and is released on the same days, if there is one (not the opening balance), or is inserted.
/// Returns whether `lot` was taken.
bool place_lot(std::vector<PointsLot>& lots, PointsLot& lot);
/// Merges the lots earned before `before` that expire on the same day (or never), are not
/// pending and are not the opening balance: each group becomes its first lot in spending order,
/// holding the group's points. Spending order is unchanged. Returns whether anything merged.
bool merge_lots(std::vector<PointsLot>& lots, Date before, FoldPools* pools = nullptr);
/// Whether merge_lots would merge anything, without changing the lots.
bool lots_to_merge(const std::vector<PointsLot>& lots, Date before);

/// Makes the pending lots `released` names (whole) spendable; they fill a balance below zero first.
/// Returns false when one of them is not among `lots`, pending with that many points (and leaves
/// it as it is).
[[nodiscard]] bool release_lots(std::vector<PointsLot>& lots, Points& below_zero, const std::vector<LotChange>& released);

}  // namespace loyalty::detail
