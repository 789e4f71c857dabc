#include "loyalty/member.hpp"

#include <algorithm>

#include "core/points_range.hpp"
#include "core/raise.hpp"

namespace loyalty {

const AppliedTransaction* Member::find_applied(const std::string& transaction_id) const {
    return recent_transactions.find(transaction_id);
}

std::int64_t PurchaseRecord::paid() const {
    // What one purchase's lines paid, each at most its total, which lies within Money's range.
    std::int64_t total = 0;
    for (const Line& line : lines) total += line.paid;
    return total;
}

bool PurchaseRecord::fully_returned() const {
    for (const Line& line : lines) {
        if (line.returned_quantity < line.quantity) return false;
    }
    return true;
}

namespace {

detail::WideInteger lots_total(const std::vector<PointsLot>& lots, bool pending, Points less) {
    detail::WideInteger total = -detail::WideInteger(less.value);
    for (const PointsLot& lot : lots) {
        if (lot.pending_until.has_value() == pending) total += lot.points.value;
    }
    return total;
}

}  // namespace

std::optional<Points> Member::checked_points() const {
    return detail::points_within_range(lots_total(lots, false, below_zero));
}
std::optional<Points> Member::checked_pending_points() const {
    return detail::points_within_range(lots_total(lots, true, Points{}));
}
Points Member::points() const { return detail::points_or_raise(lots_total(lots, false, below_zero), "the member's points"); }
Points Member::pending_points() const {
    return detail::points_or_raise(lots_total(lots, true, Points{}), "the member's points");
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
    if (opening.value < 0) detail::raise_invalid_argument("an opening balance cannot be negative");
    lots.clear();
    below_zero = Points{};
    if (opening.value != 0) lots.push_back({std::string(PointsLot::opening_id), *Date::from_ymd(1970, 1, 1), std::nullopt, opening, std::nullopt});
}

}  // namespace loyalty
