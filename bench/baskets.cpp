#include "baskets.hpp"

#include <cstdio>
#include <random>

namespace bench {

History make_history(const HistoryShape& shape) {
    std::mt19937 random(shape.seed);
    const loyalty::Currency usd = *loyalty::Currency::find("USD");
    const char* tiers[] = {"", "", "silver", "gold"};
    const char* channels[] = {"store", "store", "web", "app"};
    struct Product {
        const char* sku;
        const char* category;
        std::int64_t cents;
    };
    const Product products[] = {{"LATTE", "coffee", 450}, {"ESPRESSO", "coffee", 280}, {"BEANS", "coffee", 2400},
                                {"SANDWICH", "food", 875},  {"MUFFIN", "food", 295},    {"MUG", "merch", 1200}};
    History history;
    for (std::size_t m = 0; m < shape.members; ++m) {
        loyalty::Member member;
        member.id = shape.id_prefix + "m" + std::to_string(m);
        member.tier = tiers[random() % 4];
        history.members.push_back(std::move(member));
    }
    const std::int64_t start = loyalty::Timestamp::parse("2026-01-01T00:00:00-05:00")->utc_seconds();
    for (std::size_t t = 0; t < shape.transactions; ++t) {
        const std::size_t m = random() % shape.members;
        loyalty::Transaction tx;
        tx.id = shape.id_prefix + "t" + std::to_string(t);
        tx.member_id = history.members[m].id;
        const std::int64_t at = start + static_cast<std::int64_t>(t) * shape.seconds_apart;
        // Whole seconds since the epoch, written in New York's winter offset.
        const std::int64_t local = at - 5 * 3600;
        const auto day = loyalty::Date::from_days_since_epoch(local / 86'400);
        char clock[32];
        std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d-05:00", static_cast<int>(local % 86'400 / 3600),
                      static_cast<int>(local % 3600 / 60), static_cast<int>(local % 60));
        tx.at = *loyalty::Timestamp::parse(day->to_string() + clock);
        tx.channel = channels[random() % 4];
        tx.currency = usd;
        const std::size_t items = shape.items_min + random() % (shape.items_max - shape.items_min + 1);
        for (std::size_t i = 0; i < items; ++i) {
            const Product& product = products[random() % 6];
            loyalty::LineItem item;
            item.sku = product.sku;
            item.category = product.category;
            item.unit_price = loyalty::Money(product.cents, usd);
            item.quantity = 1 + static_cast<std::int64_t>(random() % 3);
            tx.items.push_back(std::move(item));
        }
        history.member_of.push_back(m);
        history.transactions.push_back(std::move(tx));
    }
    return history;
}

}  // namespace bench
