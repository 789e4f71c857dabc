#include "loyalty/member.hpp"

#include <stdexcept>

namespace loyalty {

const AppliedTransaction* Member::find_applied(const std::string& transaction_id) const {
    if (transaction_id.empty()) return nullptr;
    // Every evaluation and every apply look through up to 256 ids, most of them as long as this
    // one: ids of one source differ mostly at their end, so the last character is compared first.
    const char last = transaction_id.back();
    for (const AppliedTransaction& applied : recent_transactions) {
        if (applied.id.size() == transaction_id.size() && applied.id.back() == last && applied.id == transaction_id) {
            return &applied;
        }
    }
    return nullptr;
}

std::int64_t PurchaseRecord::paid() const {
    Points total;
    for (const Line& line : lines) total += Points{line.paid};
    return total.value;
}

bool PurchaseRecord::fully_returned() const {
    for (const Line& line : lines) {
        if (line.returned_quantity < line.quantity) return false;
    }
    return true;
}

Points Member::points() const {
    Points total;
    for (const PointsLot& lot : lots) {
        if (!lot.pending_until) total += lot.points;
    }
    return total - below_zero;
}

Points Member::pending_points() const {
    Points total;
    for (const PointsLot& lot : lots) {
        if (lot.pending_until) total += lot.points;
    }
    return total;
}

void Member::set_opening_balance(Points opening) {
    if (opening.value < 0) throw std::invalid_argument("an opening balance cannot be negative");
    lots.clear();
    below_zero = Points{};
    if (opening.value != 0) lots.push_back({"opening", *Date::from_ymd(1970, 1, 1), std::nullopt, opening, std::nullopt});
}

}  // namespace loyalty
