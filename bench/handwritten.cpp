#include "handwritten.hpp"

#include <algorithm>

namespace bench {

void evaluate_by_hand(HandwrittenMember& member, const HandwrittenBasket& basket, Totals& totals) {
    std::int64_t total_cents = 0;
    std::int64_t weighted_cents = 0;
    for (const HandwrittenItem& item : basket.items) {
        const std::int64_t line = item.unit_cents * item.quantity;
        total_cents += line;
        weighted_cents += item.category == "coffee" ? 2 * line : line;
    }
    const std::int64_t base = weighted_cents / 100;
    std::int64_t points = base;
    if (member.tier == "silver") points += base / 4;
    if (member.tier == "gold") points += base / 2;
    if (basket.channel == "app" && total_cents >= 2000) points += 50;
    points = std::min<std::int64_t>(points, 500);
    member.balance += points;
    totals.earned += points;
    if (member.balance >= 1000) {
        member.balance -= 1000;
        totals.burned += 1000;
        ++totals.coupons;
    }
}

}  // namespace bench
