// Seeded random histories of the invariants' programs: the same seed, the same history, on every
// host.

#include "random_history.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "test_support.hpp"

namespace test {

const char* const program_text = R"(program:
  name: Invariants
  version: "1"
  currency: USD
  time_zone: "-05:00"
points:
  expiry: {months_after_earning: 6}
returns:
  window_days: 60
counters:
  - {id: spend-this-year, counts: spend, period: calendar_year}
  - {id: purchases, counts: purchases, period: lifetime}
discounts:
  - {id: member-discount, percent_off: 3, when: counter.purchases >= 5}
earn:
  - id: base
    rate: {points: 3, per: 1.00}
    multipliers:
      - {when: item.category == "coffee", factor: 2}
  - {id: welcome, when: counter.purchases == 0, once: ever, bonus: 50}
  - {id: app, when: tx.channel == "app", boost: {rules: [base], factor: 1.25}}
  - {id: surprise, one_in: 20, bonus: 77}
caps:
  - {id: cap, points_max: 900, per: transaction}
levels:
  - {id: spend-300, counter: spend-this-year, reaches: 300.00, coupon: {percent_off: 10, valid_days: 30}}
redemptions:
  - {id: auto-coupon, points: 700, automatic: true, coupon: {amount_off: 5.00, valid_days: 20}}
rebates:
  - id: rebate
    counter: spend-this-year
    mode: marginal
    brackets: [{from: 0.00, percent: 0}, {from: 200.00, percent: 1.5}]
)";

std::string pending_program_text() {
    std::string text = program_text;
    text.replace(text.find("points:\n"), 8, "points:\n  pending_days: 14\n  pay_rate: {points: 100, worth: 1.00}\n");
    text.replace(text.find("  window_days: 60\n"), 18, "  window_days: 60\n  spent: negative_balance\n");
    const std::string cap = "  - {id: cap, points_max: 900, per: transaction}\n";
    text.replace(text.find(cap), cap.size(), "  - {id: daily, points_max: 400, per: day, over: reject}\n");
    return text;
}

namespace {

/// The raw numbers of std::mt19937 are the same sequence everywhere; a distribution is not.
int below(std::mt19937& random, unsigned n) { return static_cast<int>(random() % n); }

/// A member's purchase with lines left to return, what is left of them, and its day.
struct Open {
    std::string purchase_id;
    std::vector<loyalty::LineItem> left;
    std::int64_t day;
};

/// A return of part of one of `returnable`, whose index it puts in `chosen`.
loyalty::Transaction random_return(std::mt19937& random, const std::vector<Open>& returnable, int t, const std::string& at,
                                   const std::string& member_id, std::size_t& chosen) {
    // Any purchase still in the window: an older one's points are likelier to be spent.
    chosen = static_cast<std::size_t>(below(random, static_cast<unsigned>(returnable.size())));
    const Open& purchase = returnable[chosen];
    loyalty::LineItem line = purchase.left.front();
    line.quantity = 1 + below(random, static_cast<unsigned>(line.quantity));
    line.discount.reset();
    auto tx = test::purchase("r" + std::to_string(t), at, {line}, "store", member_id);
    tx.kind = loyalty::TransactionKind::product_return;
    tx.original_transaction_id = purchase.purchase_id;
    return tx;
}

/// A basket of one to three lines, now and then with the member's latest coupon or, where the
/// program takes them, points that pay.
loyalty::Transaction random_purchase(std::mt19937& random, const loyalty::Member& member, int t, const std::string& at,
                                     bool pays_with_points) {
    static const char* const skus[] = {"LATTE", "BEANS", "MUG", "CAKE"};
    static const char* const categories[] = {"coffee", "beans", "merch", "bakery"};
    static const char* const prices[] = {"4.50", "24.00", "12.00", "3.25"};
    std::vector<loyalty::LineItem> items;
    for (int l = 0, n = 1 + below(random, 3); l < n; ++l) {
        const int k = below(random, 4);
        items.push_back(test::item(skus[k], categories[k], prices[k], 1 + below(random, 3)));
    }
    auto tx = test::purchase("p" + std::to_string(t), at, items, below(random, 3) == 0 ? "app" : "store", member.id);
    if (!member.coupons.empty() && below(random, 2) == 0) {
        // The coupon issued last: the one valid from the latest day.
        const auto latest = std::max_element(member.coupons.begin(), member.coupons.end(), [](const auto& a, const auto& b) {
            return std::tie(a.second.valid_from, a.first) < std::tie(b.second.valid_from, b.first);
        });
        tx.coupons.push_back(latest->first);
    }
    if (pays_with_points && member.points().value >= 200 && below(random, 4) == 0) tx.points_payment = 200;
    return tx;
}

/// What is left to return once `tx`, applied, bought or returned some of it.
void track_returnable(std::vector<Open>& returnable, const loyalty::Transaction& tx, std::size_t chosen, std::int64_t day) {
    if (tx.kind == loyalty::TransactionKind::purchase) returnable.push_back({tx.id, tx.items, day});
    if (tx.kind != loyalty::TransactionKind::product_return) return;
    auto& left = returnable[chosen].left;
    left.front().quantity -= tx.items.front().quantity;
    if (left.front().quantity == 0) left.erase(left.begin());
    if (left.empty()) returnable.erase(returnable.begin() + static_cast<std::ptrdiff_t>(chosen));
}

}  // namespace

std::vector<loyalty::Transaction> generate(const loyalty::Program& program, unsigned seed, int members, int transactions) {
    std::mt19937 random(seed);
    const bool pays_with_points = program.name() == "Invariants held";
    std::map<std::string, loyalty::Member> state;
    std::map<std::string, std::vector<Open>> open;
    std::vector<loyalty::Transaction> history;
    std::int64_t day = 0;
    int second_of_day = 0;
    for (int t = 0; t < transactions; ++t) {
        // About one day in three transactions for a small program, more for a large one.
        if (below(random, static_cast<unsigned>(std::max(3, members / 50))) == 0) {
            ++day;
            second_of_day = 0;
        }
        const std::string member_id = "m" + std::to_string(below(random, static_cast<unsigned>(members)));
        loyalty::Member& member = state.try_emplace(member_id, test::member(member_id)).first->second;
        const auto date = loyalty::Date::parse("2026-01-01")->add_days(day);
        // Later in the day with every transaction: a return is never dated before its purchase.
        const int clock = 8 * 3600 + second_of_day++;
        char time_of_day[16];
        std::snprintf(time_of_day, sizeof time_of_day, "T%02d:%02d:%02d", clock / 3600, clock / 60 % 60, clock % 60);
        const std::string at = date->to_string() + time_of_day + "-05:00";
        auto& returnable = open[member_id];
        // The program's window is 60 days: older purchases cannot come back.
        returnable.erase(std::remove_if(returnable.begin(), returnable.end(), [&](const Open& o) { return o.day + 60 < day; }),
                         returnable.end());
        loyalty::Transaction tx;
        std::size_t chosen = 0;
        const int kind = below(random, 20);
        if (kind == 0) {
            tx = test::purchase("c" + std::to_string(t), at, {}, "store", member_id);
            tx.kind = loyalty::TransactionKind::event;
            tx.event_name = "period_close";
            tx.attributes["period"] = std::to_string(date->year() - 1);
        } else if (kind <= 3 && !returnable.empty()) {
            tx = random_return(random, returnable, t, at, member_id, chosen);
        } else {
            tx = random_purchase(random, member, t, at, pays_with_points);
        }
        loyalty::Outcome outcome;
        if (program.evaluate(member, tx, outcome)) continue;
        member = loyalty::apply(member, outcome);
        history.push_back(tx);
        track_returnable(returnable, tx, chosen, day);
    }
    return history;
}

std::vector<loyalty::Transaction> delivered_late(std::vector<loyalty::Transaction> history, unsigned seed) {
    std::mt19937 random(seed * 7919U);
    std::vector<std::pair<std::int64_t, loyalty::Transaction>> uploads;
    for (auto& tx : history) {
        const std::int64_t delay = random() % 4 == 0 ? static_cast<std::int64_t>(random() % (5 * 86'400)) : 0;
        uploads.emplace_back(tx.at.utc_seconds() + delay, std::move(tx));
    }
    std::stable_sort(uploads.begin(), uploads.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<loyalty::Transaction> delivered;
    for (auto& upload : uploads) delivered.push_back(std::move(upload.second));
    return delivered;
}

}  // namespace test
