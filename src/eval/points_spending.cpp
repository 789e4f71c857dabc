#include "eval/points_spending.hpp"

#include <algorithm>
#include <stdexcept>

namespace loyalty::detail {

std::vector<LotChange> points_to_take(const std::vector<PointsLot>& lots, std::int64_t points, LotState state) {
    std::vector<LotChange> taken;
    for (const PointsLot& lot : lots) {
        if (points == 0) break;
        if (lot.pending_until.has_value() != (state == LotState::pending)) continue;
        const std::int64_t take = std::min(lot.points.value, points);
        if (take == 0) continue;
        points -= take;
        taken.push_back({lot.id, take});
    }
    if (points != 0) throw std::logic_error("loyalty: took more points than the lots hold");
    return taken;
}

void take_lots(std::vector<PointsLot>& lots, const std::vector<LotChange>& taken) {
    auto lot = lots.begin();
    for (const LotChange& change : taken) {
        lot = std::find_if(lot, lots.end(), [&](const PointsLot& l) { return l.id == change.lot_id; });
        if (lot == lots.end()) throw std::logic_error("loyalty: took points from a lot the member does not have");
        lot->points -= Points{change.points};
    }
    lots.erase(std::remove_if(lots.begin(), lots.end(), [](const PointsLot& l) { return l.points.value == 0; }),
               lots.end());
}

std::vector<LotChange> take_points(std::vector<PointsLot>& lots, std::int64_t points, LotState state) {
    std::vector<LotChange> taken = points_to_take(lots, points, state);
    take_lots(lots, taken);
    return taken;
}

std::string describe_lots(const std::vector<LotChange>& taken, const std::vector<PointsLot>& before) {
    std::string text;
    for (std::size_t i = 0; i < taken.size(); ++i) {
        const auto lot = std::find_if(before.begin(), before.end(),
                                      [&](const PointsLot& l) { return l.id == taken[i].lot_id; });
        const std::string earned = lot == before.end() || lot->id == "opening"
                                       ? " from the opening balance"
                                       : " earned on " + lot->earned_on.to_string();
        text += (i == 0 ? "" : (i + 1 == taken.size() ? " and " : ", ")) + std::to_string(taken[i].points) + earned;
    }
    return text;
}

}  // namespace loyalty::detail
