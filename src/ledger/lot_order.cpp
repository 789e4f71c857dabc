#include "ledger/lot_order.hpp"

#include <tuple>

namespace loyalty::detail {

bool spent_before(const PointsLot& a, const PointsLot& b) {
    if (a.expires_on.has_value() != b.expires_on.has_value()) return a.expires_on.has_value();
    if (a.expires_on && *a.expires_on != *b.expires_on) return *a.expires_on < *b.expires_on;
    return std::tie(a.earned_on, a.id) < std::tie(b.earned_on, b.id);
}

}  // namespace loyalty::detail
