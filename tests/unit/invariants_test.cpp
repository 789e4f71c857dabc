// The invariants of docs/reliability.md over seeded random histories: purchases, partial and
// full returns, redemptions, expiry, coupons, levels, period closes, points payments, pending
// points, balances below zero, for thousands of members. A failure names its seed and prints the
// smallest history found that still breaks an invariant.

#include <algorithm>
#include <map>
#include <random>

#include <catch2/catch.hpp>

#include "invariant_checker.hpp"
#include "outcome_difference.hpp"
#include "random_history.hpp"
#include "test_support.hpp"

namespace {

using test::Checker;
using test::delivered_late;
using test::generate;
using test::pending_program_text;
using test::program_text;
using test::Violation;

bool breaks(const loyalty::Program& program, bool below_zero, const std::vector<loyalty::Transaction>& history) {
    return Checker(program, below_zero).run(history).has_value();
}

/// The smallest history found that still breaks an invariant: the prefix up to the failure, then
/// only the failing member's transactions, then without each transaction that is not needed.
std::vector<loyalty::Transaction> shrink(const loyalty::Program& program, bool below_zero,
                                         std::vector<loyalty::Transaction> history, const Violation& violation) {
    history.resize(std::min(history.size(), violation.index + 1));
    std::vector<loyalty::Transaction> own;
    for (const auto& tx : history) {
        if (tx.member_id == violation.member) own.push_back(tx);
    }
    if (breaks(program, below_zero, own)) history = own;
    for (std::size_t i = 0; i < history.size();) {
        auto without = history;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        if (breaks(program, below_zero, without)) {
            history = std::move(without);
        } else {
            ++i;
        }
    }
    return history;
}

enum class Delivery { in_order, late };

/// Generates and checks one seeded history; on a violation, fails with the seed and the smallest
/// history that shows it. Returns the log of every outcome and the members' final states.
std::pair<std::string, std::map<std::string, loyalty::Member>> require_invariants(const loyalty::Program& program, bool below_zero,
                                                                                   unsigned seed, int members, int transactions,
                                                                                   Delivery delivery = Delivery::in_order) {
    auto history = generate(program, seed, members, transactions);
    if (delivery == Delivery::late) history = delivered_late(std::move(history), seed);
    Checker checker(program, below_zero);
    std::string log;
    if (const auto violation = checker.run(history, &log)) {
        std::string shown;
        for (const auto& tx : shrink(program, below_zero, history, *violation)) shown += loyalty::to_json(tx) + "\n";
        FAIL("seed " << seed << ": " << violation->what << " (transaction " << violation->index << ", member "
                     << violation->member << "); the smallest history that shows it:\n" << shown);
    }
    return {log, checker.members()};
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
void check_full_returns_restore(const loyalty::Program& program, const std::map<std::string, loyalty::Member>& members,
                                unsigned seed) {
    std::mt19937 random(seed);
    const std::string at = "2035-03-01T12:00:00-05:00";
    for (const auto& [id, start] : members) {
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
        const auto [log, members] = require_invariants(program, false, seed, 150, 3000);
        CHECK(log == require_invariants(program, false, seed, 150, 3000).first);
        check_full_returns_restore(program, members, seed);
        // The history really went through what the invariants are about.
        for (const char* kind : {"\"kind\":\"clawback\"", "\"kind\":\"burn\"", "\"kind\":\"expire\"",
                                 "\"kind\":\"coupon_use\"", "\"kind\":\"discount\"", "\"kind\":\"rebate\"",
                                 ":owed\""}) {
            INFO("seed " << seed << " never produced " << kind);
            CHECK(log.find(kind) != std::string::npos);
        }
    }
}

std::string held_program_text() {
    std::string text = pending_program_text();
    text.replace(text.find("name: Invariants"), 16, "name: Invariants held");
    return text;
}

TEST_CASE("the invariants hold with pending points a balance below zero and points that pay", "[invariants]") {
    const auto program = test::program(held_program_text());
    for (unsigned seed = 11; seed <= 13; ++seed) {
        // Few enough members that one buys every few weeks: points are released, spent and then
        // taken back by a return within the window.
        const auto [log, members] = require_invariants(program, true, seed, 60, 5000);
        CHECK(log == require_invariants(program, true, seed, 60, 5000).first);
        check_full_returns_restore(program, members, seed);
        for (const char* kind : {"\"kind\":\"release\"", ":pending\"", "\"rule\":\"points_payment\"",
                                 "\"kind\":\"refund\"", "below zero", "N007"}) {
            INFO("seed " << seed << " never produced " << kind);
            CHECK(log.find(kind) != std::string::npos);
        }
    }
}

TEST_CASE("the invariants hold when tills upload days late, within the allowance", "[invariants][late]") {
    for (const std::string& text : {std::string(program_text), held_program_text()}) {
        const auto program = test::program(text);
        for (unsigned seed = 41; seed <= 43; ++seed) {
            const auto [log, members] = require_invariants(program, text != program_text, seed, 60, 4000, Delivery::late);
            CHECK(log == require_invariants(program, text != program_text, seed, 60, 4000, Delivery::late).first);
            check_full_returns_restore(program, members, seed);
        }
    }
}

TEST_CASE("the invariants hold for thousands of members over years", "[invariants][large]") {
    require_invariants(test::program(program_text), false, 21, 2000, 60'000);
    require_invariants(test::program(held_program_text()), true, 22, 3000, 100'000);
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
            tx.original_transaction_id = member.purchases_by_id().back()->id;
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

TEST_CASE("the comparison of outcomes finds a difference in any field JSON leaves out", "[invariants]") {
    const loyalty::Program program = test::rules_file("s08-points-expiry.yaml");
    loyalty::Member member = test::member();
    const auto earn = test::purchase("p1", "2026-01-05T10:00:00-05:00", {test::item("A", "x", "50.00")});
    member = loyalty::apply(member, program.evaluate(member, earn));
    const loyalty::Outcome outcome = program.evaluate(member, test::purchase("p2", "2026-02-05T10:00:00-05:00", {test::item("A", "x", "5.00")}));
    REQUIRE_FALSE(outcome.deltas.empty());
    CHECK(test::outcome_difference(outcome, outcome).empty());
    loyalty::Outcome other = outcome;
    REQUIRE(other.deltas[0].new_lot);
    other.deltas[0].new_lot->expires_on = loyalty::Date::from_ymd(2030, 1, 1);
    CHECK(test::outcome_difference(outcome, other) == "deltas[0].new_lot.expires_on: '2027-02-05', '2030-01-01'");
    other = outcome;
    other.deltas[0].consumed_lots.push_back({"p1/base@1", 3});
    CHECK(test::outcome_difference(outcome, other) == "deltas[0].consumed_lots.size: 0, 1");
    // Fields the JSON of an outcome does not carry.
    other = outcome;
    other.other_members.push_back("m2");
    CHECK(loyalty::to_json(other, program) == loyalty::to_json(outcome, program));
    CHECK(test::outcome_difference(outcome, other) == "other_members.size: 0, 1");
    // A number of the reason that its sentence does not read.
    other = outcome;
    other.deltas[0].reason.numbers[4] = 7;
    CHECK(loyalty::to_json(other, program) == loyalty::to_json(outcome, program));
    CHECK(test::outcome_difference(outcome, other) == "deltas[0].reason.numbers[4]: 0, 7");
}
