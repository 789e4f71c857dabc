#include "loyalty/member.hpp"

#include <algorithm>
#include <stdexcept>

namespace loyalty {

const AppliedTransaction* Member::find_applied(const std::string& transaction_id) const {
    return recent_transactions.find(transaction_id);
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

namespace {

template <typename Item>
std::vector<const Item*> in_id_order(const std::unordered_map<std::string, Item>& items) {
    std::vector<const Item*> ordered;
    ordered.reserve(items.size());
    for (const auto& entry : items) ordered.push_back(&entry.second);
    std::sort(ordered.begin(), ordered.end(), [](const Item* a, const Item* b) { return a->id < b->id; });
    return ordered;
}

}  // namespace

void Member::find_earliest_coupon_end() {
    earliest_coupon_end.reset();
    for (const auto& entry : coupons) {
        if (!earliest_coupon_end || entry.second.valid_until < *earliest_coupon_end) earliest_coupon_end = entry.second.valid_until;
    }
}

std::vector<const Coupon*> Member::coupons_by_id() const { return in_id_order(coupons); }

std::vector<const PurchaseRecord*> Member::purchases_by_id() const { return in_id_order(purchases); }

void Member::set_opening_balance(Points opening) {
    if (opening.value < 0) throw std::invalid_argument("an opening balance cannot be negative");
    lots.clear();
    below_zero = Points{};
    if (opening.value != 0) lots.push_back({"opening", *Date::from_ymd(1970, 1, 1), std::nullopt, opening, std::nullopt});
}

}  // namespace loyalty
