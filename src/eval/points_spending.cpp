#include "eval/points_spending.hpp"

#include <algorithm>
#include <stdexcept>

namespace loyalty::detail {

std::int64_t lots_total(const std::vector<PointsLot>& lots, LotState state) {
    Points total;
    for (const PointsLot& lot : lots) {
        if (lot.pending_until.has_value() == (state == LotState::pending)) total += lot.points;
    }
    return total.value;
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
    if (left > 0) throw std::logic_error("loyalty: took more points than the lots hold");
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
        if (lot == buffers.lots.end()) throw std::logic_error("loyalty: took points from a lot the member does not have");
        lot->points -= Points{change.points};
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
