#include "eval/points_spending.hpp"

#include <algorithm>
#include <cassert>

namespace loyalty::detail {

std::int64_t lots_total(const std::vector<PointsLot>& lots, LotState state) {
    std::int64_t total = 0;
    for (const PointsLot& lot : lots) {
        if (lot.pending_until.has_value() == (state == LotState::pending)) total += lot.points.value;
    }
    return total;
}

void points_to_take(EvaluationBuffers& buffers, std::int64_t points, LotState state, std::vector<LotChange>& taken) {
    const auto takes_from = [state](const PointsLot& lot) {
        return lot.pending_until.has_value() == (state == LotState::pending) && lot.points.value > 0;
    };
    // Counted first, so that the changes are written into the memory of those `taken` held.
    std::size_t count = 0;
    std::int64_t left = points;
    for (const PointsLot& lot : buffers.lots) {
        if (left <= 0) break;
        if (!takes_from(lot)) continue;
        left -= lot.points.value;
        ++count;
    }
    // Short, the delta's lots do not add up to its amount, and the outcome is refused as unbalanced.
    assert(left <= 0);
    buffers.resize_lot_changes(taken, count);
    auto change = taken.begin();
    for (const PointsLot& lot : buffers.lots) {
        if (points == 0) break;
        if (!takes_from(lot)) continue;
        const std::int64_t take = std::min(lot.points.value, points);
        points -= take;
        change->lot_id = lot.id;
        change->points = take;
        ++change;
    }
}

void take_lots(EvaluationBuffers& buffers, const std::vector<LotChange>& taken) {
    auto lot = buffers.lots.begin();
    for (const LotChange& change : taken) {
        lot = std::find_if(lot, buffers.lots.end(), [&](const PointsLot& l) { return l.id == change.lot_id; });
        // `taken` came from these lots, in their order.
        assert(lot != buffers.lots.end());
        if (lot == buffers.lots.end()) break;
        lot->points.value -= change.points;
    }
    buffers.drop_lots_if([](const PointsLot& l) { return l.points.value == 0; });
}

std::vector<LotChange> take_points(EvaluationBuffers& buffers, std::int64_t points, LotState state) {
    std::vector<LotChange> taken;
    points_to_take(buffers, points, state, taken);
    take_lots(buffers, taken);
    return taken;
}

}  // namespace loyalty::detail
