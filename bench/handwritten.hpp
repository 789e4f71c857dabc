#pragma once
// The typical program (typical.yaml) written by hand in plain C++, without the engine: what a
// team would write instead, and the cost the engine is measured against.

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct HandwrittenItem {
    std::string category;
    std::int64_t unit_cents = 0;
    std::int64_t quantity = 1;
};

struct HandwrittenBasket {
    std::string channel;
    std::vector<HandwrittenItem> items;
};

struct HandwrittenMember {
    std::string tier;
    std::int64_t balance = 0;
};

struct Totals {
    std::int64_t earned = 0;
    std::int64_t burned = 0;
    std::int64_t coupons = 0;
    friend bool operator==(const Totals& a, const Totals& b) {
        return a.earned == b.earned && a.burned == b.burned && a.coupons == b.coupons;
    }
};

/// What a basket costs, and what it costs with coffee counted twice: the base both hand-written
/// versions earn on.
struct BasketCents {
    std::int64_t total = 0;
    std::int64_t weighted = 0;
};
inline BasketCents basket_cents(const std::vector<HandwrittenItem>& items) {
    BasketCents cents;
    for (const HandwrittenItem& item : items) {
        const std::int64_t line = item.unit_cents * item.quantity;
        cents.total += line;
        cents.weighted += item.category == "coffee" ? 2 * line : line;
    }
    return cents;
}

/// Earns, caps and redeems one basket for `member`, adding to `totals`.
void evaluate_by_hand(HandwrittenMember& member, const HandwrittenBasket& basket, Totals& totals);

}  // namespace bench
