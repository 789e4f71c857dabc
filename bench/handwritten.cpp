#include "handwritten.hpp"

#include <algorithm>

namespace bench {

void evaluate_by_hand(HandwrittenMember& member, const HandwrittenBasket& basket, Totals& totals) {
    const BasketCents cents = basket_cents(basket.items);
    const std::int64_t base = cents.weighted / 100;
    std::int64_t points = base;
    if (member.tier == "silver") points += base / 4;
    if (member.tier == "gold") points += base / 2;
    if (basket.channel == "app" && cents.total >= 2000) points += 50;
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
