#include "ledger/lot_order.hpp"

#include <algorithm>
#include <tuple>

namespace loyalty::detail {

bool spent_before(const PointsLot& a, const PointsLot& b) {
    if (a.expires_on.has_value() != b.expires_on.has_value()) return a.expires_on.has_value();
    if (a.expires_on && *a.expires_on != *b.expires_on) return *a.expires_on < *b.expires_on;
    return std::tie(a.earned_on, a.id) < std::tie(b.earned_on, b.id);
}

void insert_lot(std::vector<PointsLot>& lots, Points& below_zero, const Delta& delta) {
    const std::int64_t filled = std::min(below_zero.value, delta.amount);
    below_zero -= Points{filled};
    if (filled == delta.amount) return;
    PointsLot lot{delta.id, delta.new_lot->earned_on, delta.new_lot->expires_on, Points{delta.amount - filled}};
    lots.insert(std::upper_bound(lots.begin(), lots.end(), lot, spent_before), std::move(lot));
}

}  // namespace loyalty::detail
