#include "eval/points_spending.hpp"

#include <algorithm>
#include <stdexcept>

namespace loyalty::detail {

std::vector<LotChange> take_points(std::vector<PointsLot>& lots, std::int64_t points, LotState state) {
    std::vector<LotChange> taken;
    for (PointsLot& lot : lots) {
        if (points == 0) break;
        if (lot.pending_until.has_value() != (state == LotState::pending)) continue;
        const std::int64_t take = std::min(lot.points.value, points);
        if (take == 0) continue;
        lot.points -= Points{take};
        points -= take;
        taken.push_back({lot.id, take});
    }
    if (points != 0) throw std::logic_error("loyalty: took more points than the lots hold");
    lots.erase(std::remove_if(lots.begin(), lots.end(), [](const PointsLot& lot) { return lot.points.value == 0; }),
               lots.end());
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
