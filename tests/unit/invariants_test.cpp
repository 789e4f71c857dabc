// Invariants over seeded random histories: purchases, partial and full returns, redemptions,
// expiry, coupons, levels and period closes, for many members. A failure names its seed.

#include <map>
#include <random>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const char* program_text = R"(program:
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

/// The same program with points held pending, returns that take the balance below zero, points
/// that pay, and a daily cap that refuses.
std::string pending_program_text() {
    std::string text = program_text;
    text.replace(text.find("points:\n"), 8, "points:\n  pending_days: 14\n  pay_rate: {points: 100, worth: 1.00}\n");
    text.replace(text.find("  window_days: 60\n"), 18, "  window_days: 60\n  spent: negative_balance\n");
    const std::string cap = "  - {id: cap, points_max: 900, per: transaction}\n";
    text.replace(text.find(cap), cap.size(), "  - {id: daily, points_max: 400, per: day, over: reject}\n");
    return text;
}

struct History {
    /// Every outcome as JSON, in order.
    std::string log;
    std::map<std::string, loyalty::Member> members;
};

/// One seeded history for `members` members.
History run_history(const loyalty::Program& program, unsigned seed, int members, int transactions) {
    // std::mt19937 is the same sequence everywhere; the raw numbers are used, never a distribution.
    std::mt19937 random(seed);
    const auto below = [&](unsigned n) { return static_cast<int>(random() % n); };
    std::map<std::string, loyalty::Member> state;
    std::map<std::string, std::int64_t> folded_points, folded_owed, folded_pending;
    struct Bought {
        std::string member;
        std::vector<loyalty::LineItem> left;
        std::int64_t earned = 0;
        std::int64_t taken_back = 0;
        bool whole = true;
    };
    std::map<std::string, Bought> purchases;
    std::string log;
    const char* skus[] = {"LATTE", "BEANS", "MUG", "CAKE"};
    const char* categories[] = {"coffee", "beans", "merch", "bakery"};
    const char* prices[] = {"4.50", "24.00", "12.00", "3.25"};
    std::int64_t day = 0;

    for (int t = 0; t < transactions; ++t) {
        INFO("seed " << seed << ", transaction " << t);
        day += below(3) == 0 ? 1 : 0;
        const std::string member_id = "m" + std::to_string(below(static_cast<unsigned>(members)));
        loyalty::Member& member = state.try_emplace(member_id, test::member(member_id)).first->second;
        const auto date = loyalty::Date::parse("2026-01-01")->add_days(day);
        const std::string at = date->to_string() + "T" + (t % 2 ? "10" : "16") + ":00:00-05:00";
        loyalty::Transaction tx;
        const int kind = below(20);
        const auto open = std::find_if(purchases.begin(), purchases.end(), [&](const auto& entry) {
            return entry.second.member == member_id && !entry.second.left.empty();
        });
        if (kind == 0) {
            tx = test::purchase("c" + std::to_string(t), at, {}, "store", member_id);
            tx.kind = loyalty::TransactionKind::event;
            tx.event_name = "period_close";
            tx.attributes["period"] = std::to_string(date->year() - 1);
        } else if (kind <= 3 && open != purchases.end()) {
            Bought& bought = open->second;
            loyalty::LineItem line = bought.left.front();
            line.quantity = 1 + below(static_cast<unsigned>(line.quantity));
            line.discount.reset();
            tx = test::purchase("r" + std::to_string(t), at, {line}, "store", member_id);
            tx.kind = loyalty::TransactionKind::product_return;
            tx.original_transaction_id = open->first;
        } else {
            std::vector<loyalty::LineItem> items;
            for (int l = 0, n = 1 + below(3); l < n; ++l) {
                const int k = below(4);
                items.push_back(test::item(skus[k], categories[k], prices[k], 1 + below(3)));
            }
            tx = test::purchase("p" + std::to_string(t), at, items, below(3) == 0 ? "app" : "store", member_id);
            if (!member.coupons.empty() && below(2) == 0) tx.coupons.push_back(member.coupons.back().id);
            // Where the program takes points as payment, pay 2.00 of the purchase with them now and then.
            if (program.name() == "Invariants held" && member.points().value >= 200 && below(4) == 0) tx.points_payment = 200;
        }

        loyalty::Outcome outcome;
        const auto error = program.evaluate(member, tx, outcome);
        if (error) {
            // Only returns of purchases past the window, and points payments from points that
            // expire as the purchase is made or for more than coupons leave to pay, may be refused
            // here; and then nothing moves.
            REQUIRE(outcome.deltas.empty());
            if (tx.points_payment > 0 && (error->code == "T043" || error->code == "T045")) continue;
            REQUIRE(error->code == "T050");
            purchases.erase(tx.original_transaction_id);
            continue;
        }
        log += loyalty::to_json(outcome) + "\n";

        // Every delta moves a positive amount between two accounts of one unit: postings sum to 0.
        std::map<std::string, std::int64_t> per_unit;
        for (const auto& posting : outcome.postings()) per_unit[posting.unit] += posting.amount;
        for (const auto& [unit, sum] : per_unit) REQUIRE(sum == 0);

        for (const auto& delta : outcome.deltas) {
            for (const auto& posting : delta.postings()) {
                if (posting.account.kind == loyalty::AccountKind::member_points) folded_points[posting.account.member_id] += posting.amount;
                if (posting.account.kind == loyalty::AccountKind::member_owed) folded_owed[posting.account.member_id] += posting.amount;
                if (posting.account.kind == loyalty::AccountKind::member_pending) folded_pending[posting.account.member_id] += posting.amount;
            }
        }
        const loyalty::Member next = loyalty::apply(member, outcome);
        // Applying twice is applying once; evaluating again recognises the transaction.
        REQUIRE(loyalty::to_json(loyalty::apply(next, outcome)) == loyalty::to_json(next));
        REQUIRE(program.evaluate(next, tx).already_applied);
        member = next;

        if (tx.kind == loyalty::TransactionKind::purchase) {
            Bought bought{member_id, tx.items, 0, 0, true};
            for (const auto& delta : outcome.deltas) {
                const bool earned_here = delta.kind == loyalty::DeltaKind::earn && delta.rule_id != "spend-300" &&
                                         (delta.credit.kind == loyalty::AccountKind::member_points ||
                                          delta.credit.kind == loyalty::AccountKind::member_pending);
                if (earned_here) bought.earned += delta.amount;
            }
            purchases[tx.id] = bought;
        } else if (tx.kind == loyalty::TransactionKind::product_return) {
            Bought& bought = purchases.at(tx.original_transaction_id);
            for (const auto& delta : outcome.deltas) {
                if (delta.kind == loyalty::DeltaKind::clawback) bought.taken_back += delta.amount;
                // Points that paid come back, and are not a clawback of what the purchase earned.
            }
            auto& line = bought.left.front();
            line.quantity -= tx.items.front().quantity;
            if (line.quantity == 0) bought.left.erase(bought.left.begin());
            // A return never takes back more than was earned; all of it comes back, exactly once.
            REQUIRE(bought.taken_back <= bought.earned);
            if (bought.left.empty()) REQUIRE(bought.taken_back == bought.earned);
        }
    }
    for (const auto& [id, member] : state) {
        INFO("seed " << seed << ", member " << id);
        // Balances are the fold of the postings; nothing is lost, nothing is negative.
        CHECK(member.points().value == folded_points[id]);
        CHECK(member.pending_points().value == folded_pending[id]);
        CHECK(member.owed.value == -folded_owed[id]);
        CHECK(member.below_zero.value >= 0);
        for (const auto& lot : member.lots) CHECK(lot.points.value > 0);
    }
    return {log, state};
}

/// Counter buckets by counter and day, without empty ones; a period cap's count of what was
/// earned is not a counter a return lowers.
std::map<std::pair<std::string, std::string>, std::int64_t> buckets(const loyalty::Member& member) {
    std::map<std::pair<std::string, std::string>, std::int64_t> values;
    for (const auto& bucket : member.counters) {
        if (bucket.value != 0 && bucket.counter_id != "daily") values[{bucket.counter_id, bucket.day.to_string()}] = bucket.value;
    }
    return values;
}

/// Every point the member has or owes: spendable (below zero counts against it), pending, owed.
std::int64_t all_points(const loyalty::Member& member) {
    return member.points().value + member.pending_points().value - member.owed.value;
}

/// For every member of a history: a purchase returned whole at once leaves the balance and the
/// counters as they were, but for what the purchase spent on automatic redemptions.
void check_full_returns_restore(const loyalty::Program& program, const History& history, unsigned seed) {
    std::mt19937 random(seed);
    const std::string at = "2027-03-01T12:00:00-05:00";
    for (const auto& [id, start] : history.members) {
        INFO("seed " << seed << ", member " << id);
        // An event no rule acts on: expiry and forgetting happen here, not between the two below.
        auto ping = test::purchase("ping", at, {}, "store", id);
        ping.kind = loyalty::TransactionKind::event;
        ping.event_name = "ping";
        const loyalty::Member before = loyalty::apply(start, program.evaluate(start, ping));
        std::vector<loyalty::LineItem> items{test::item("BEANS", "beans", "24.00", 1 + static_cast<std::int64_t>(random() % 3)),
                                             test::item("LATTE", "coffee", "4.50", 1 + static_cast<std::int64_t>(random() % 4))};
        auto purchase = test::purchase("full", at, items, random() % 2 ? "app" : "store", id);
        const auto bought = program.evaluate(before, purchase);
        std::int64_t spent = 0;
        for (const auto& delta : bought.deltas) {
            if (delta.kind == loyalty::DeltaKind::burn) spent += delta.amount;
        }
        const loyalty::Member after_purchase = loyalty::apply(before, bought);
        auto back = test::purchase("full-back", at, items, "store", id);
        back.kind = loyalty::TransactionKind::product_return;
        back.original_transaction_id = "full";
        const loyalty::Member after = loyalty::apply(after_purchase, program.evaluate(after_purchase, back));
        CHECK(buckets(after) == buckets(before));
        CHECK(all_points(after) == all_points(before) - spent);
    }
}

}  // namespace

TEST_CASE("invariants hold over random histories, and the same history gives the same bytes", "[invariants]") {
    const auto program = test::program(program_text);
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const History history = run_history(program, seed, 150, 3000);
        const std::string& first = history.log;
        CHECK(first == run_history(program, seed, 150, 3000).log);
        check_full_returns_restore(program, history, seed);
        // The history really went through what the invariants are about.
        for (const char* kind : {"\"kind\":\"clawback\"", "\"kind\":\"burn\"", "\"kind\":\"expire\"",
                                 "\"kind\":\"coupon_use\"", "\"kind\":\"discount\"", "\"kind\":\"rebate\"",
                                 ":owed\""}) {
            INFO("seed " << seed << " never produced " << kind);
            CHECK(first.find(kind) != std::string::npos);
        }
    }
}

TEST_CASE("the invariants hold with pending points a balance below zero and points that pay", "[invariants]") {
    std::string text = pending_program_text();
    text.replace(text.find("name: Invariants"), 16, "name: Invariants held");
    const auto program = test::program(text);
    for (unsigned seed = 11; seed <= 13; ++seed) {
        const History history = run_history(program, seed, 150, 3000);
        CHECK(history.log == run_history(program, seed, 150, 3000).log);
        check_full_returns_restore(program, history, seed);
        for (const char* kind : {"\"kind\":\"release\"", ":pending\"", "\"rule\":\"points_payment\"",
                                 "\"kind\":\"refund\"", "below zero", "N007"}) {
            INFO("seed " << seed << " never produced " << kind);
            CHECK(history.log.find(kind) != std::string::npos);
        }
    }
}

TEST_CASE("a member's state stays bounded however long its history", "[invariants]") {
    // One member buying every day for three years: coupons, rebates, levels, returns and expiry
    // all leave state behind, and compaction must keep it from growing with the history.
    const auto program = test::program(program_text);
    std::mt19937 random(5);
    loyalty::Member member = test::member("m1");
    std::size_t largest_first_year = 0, largest_later = 0, most_lots = 0, most_coupons = 0;
    for (int day = 0; day < 3 * 365; ++day) {
        const auto date = loyalty::Date::parse("2026-01-01")->add_days(day);
        const std::string at = date->to_string() + "T12:00:00-05:00";
        auto tx = test::purchase("d" + std::to_string(day), at,
                                 {test::item("BEANS", "beans", "24.00", 1 + static_cast<std::int64_t>(random() % 3))});
        if (date->month() == 1 && date->day() == 2) {
            tx.kind = loyalty::TransactionKind::event;
            tx.event_name = "period_close";
            tx.items.clear();
            tx.attributes["period"] = std::to_string(date->year() - 1);
        } else if (day % 7 == 3 && !member.purchases.empty()) {
            tx.kind = loyalty::TransactionKind::product_return;
            tx.original_transaction_id = member.purchases.back().id;
            tx.items = {test::item("BEANS", "beans", "24.00")};
        }
        loyalty::Outcome outcome;
        if (program.evaluate(member, tx, outcome)) continue;  // a return of what came back already
        member = loyalty::apply(member, outcome);
        const std::size_t size = loyalty::to_json(member).size();
        (day < 365 ? largest_first_year : largest_later) = std::max(day < 365 ? largest_first_year : largest_later, size);
        most_lots = std::max(most_lots, member.lots.size());
        most_coupons = std::max(most_coupons, member.coupons.size());
    }
    INFO("largest state in the first year " << largest_first_year << " bytes, later " << largest_later);
    CHECK(largest_later <= largest_first_year * 5 / 4);
    // Lots: one per day whose points expire together once past the return window, plus the
    // window's own; coupons: those still valid or expired within the last 90 days.
    CHECK(most_lots <= 184 + 60 + 1);
    CHECK(most_coupons <= 60);
    CHECK(member.purchases.size() <= 61);
    CHECK(member.rule_uses.size() <= 4);
}
