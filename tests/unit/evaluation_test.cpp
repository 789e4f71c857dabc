#include <map>
#include <thread>

#include <catch2/catch.hpp>

#include "outcome_difference.hpp"
#include "test_support.hpp"

namespace {

loyalty::Program cafe() { return test::rules_file("corner-cafe.yaml"); }

loyalty::Transaction coffee_run(const std::string& id) {
    return test::purchase(id, "2026-03-02T10:15:00-05:00",
                          {test::item("LATTE", "coffee", "4.50", 2), test::item("BEANS", "beans", "24.00")}, "app");
}

}  // namespace

TEST_CASE("S17: the same transaction twice changes nothing the second time", "[ledger][S17]") {
    const auto program = cafe();
    auto member = test::member();
    const auto tx = coffee_run("order-1");
    const auto first = program.evaluate(member, tx);
    member = loyalty::apply(member, first);
    const auto after_first = member.points();

    const auto second = program.evaluate(member, tx);
    CHECK(second.already_applied);
    CHECK(second.deltas.empty());
    member = loyalty::apply(member, second);
    CHECK(member.points() == after_first);
    // Applying the first outcome again is also a no-op.
    CHECK(loyalty::apply(member, first).points() == after_first);
}

TEST_CASE("the same id with a different payload is an error and changes nothing", "[ledger][S17]") {
    const auto program = cafe();
    auto member = loyalty::apply(test::member(), program.evaluate(test::member(), coffee_run("order-1")));
    auto changed = coffee_run("order-1");
    changed.items[0].quantity = 3;
    try {
        program.evaluate(member, changed);
        FAIL("expected an error");
    } catch (const loyalty::TransactionError& error) {
        CHECK(error.code() == "T020");
        CHECK(error.field() == "id");
    }
    loyalty::Outcome other_payload;
    other_payload.transaction_id = "order-1";
    other_payload.transaction_fingerprint = loyalty::Fingerprint{0, 42, false};
    CHECK_THROWS_AS(loyalty::apply(member, other_payload), loyalty::TransactionError);
}

TEST_CASE("every outcome's postings sum to zero", "[ledger]") {
    const auto outcome = cafe().evaluate(test::member("m1", "gold"), coffee_run("order-1"));
    REQUIRE(outcome.deltas.size() == 3);
    std::int64_t sum = 0;
    for (const auto& posting : outcome.postings()) sum += posting.amount;
    CHECK(sum == 0);
    CHECK(outcome.postings().size() == 6);
    CHECK(outcome.program_name == "Corner Café Rewards");
    CHECK(outcome.program_version == "2026.1");
}

TEST_CASE("apply folds only this member's postings and remembers a bounded history", "[ledger]") {
    const auto program = cafe();
    auto member = test::member();
    constexpr int purchases = 300;
    for (int i = 0; i < purchases; ++i) member = loyalty::apply(member, program.evaluate(member, coffee_run("o" + std::to_string(i))));
    CHECK(member.points().value == purchases * 42 + purchases * 50);
    const std::size_t remembered = loyalty::limits::recent_transactions_max;
    CHECK(member.recent_transactions.size() >= remembered);
    CHECK(member.recent_transactions.size() <= 2 * remembered);
    CHECK(member.recent_transactions.back().id == "o299");
    for (int i = purchases - static_cast<int>(remembered); i < purchases; ++i) {
        CHECK(member.find_applied("o" + std::to_string(i)) != nullptr);
    }
    CHECK(member.find_applied("o0") == nullptr);
}

TEST_CASE("apply_in_place leaves a member as apply returns it", "[ledger]") {
    const auto program = cafe();
    auto copied = test::member();
    auto in_place = test::member();
    loyalty::Outcome outcome;
    for (int i = 0; i < 300; ++i) {
        const auto purchase = coffee_run("o" + std::to_string(i));
        REQUIRE_FALSE(program.evaluate(in_place, purchase, outcome));
        loyalty::apply_in_place(in_place, outcome);
        loyalty::apply_in_place(in_place, outcome);
        copied = loyalty::apply(copied, program.evaluate(copied, purchase));
    }
    CHECK(loyalty::to_json(in_place) == loyalty::to_json(copied));
    auto resent = coffee_run("o299");
    resent.channel = "web";
    CHECK_THROWS_WITH(loyalty::apply_in_place(in_place, program.evaluate(test::member(), resent)), Catch::Contains("T020"));
    CHECK(loyalty::to_json(in_place) == loyalty::to_json(copied));
    // The form with a state says the same as a value, and changes nothing either.
    loyalty::EvaluatorState state;
    const auto error = loyalty::apply_in_place(in_place, program.evaluate(test::member(), resent), state);
    REQUIRE(error);
    CHECK(error->code == "T020");
    CHECK(error->transaction_id == "o299");
    CHECK(loyalty::to_json(in_place) == loyalty::to_json(copied));
    // An outcome of one member's, given to another it owns nothing of, changes nothing.
    auto stranger = test::member("m2");
    CHECK_FALSE(loyalty::apply_in_place(stranger, outcome, state));
    CHECK(loyalty::to_json(stranger) == loyalty::to_json(test::member("m2")));
}

TEST_CASE("the non-throwing API reports the same error and reuses the outcome", "[api]") {
    const auto program = cafe();
    loyalty::Outcome outcome;
    CHECK_FALSE(program.evaluate(test::member(), coffee_run("a"), outcome).has_value());
    CHECK(outcome.deltas.size() == 2);

    auto bad = coffee_run("b");
    bad.items[1].quantity = 0;
    const auto error = program.evaluate(test::member(), bad, outcome);
    REQUIRE(error.has_value());
    CHECK(error->code == "T007");
    CHECK(error->transaction_id == "b");
    CHECK(error->field == "items[1].quantity");
    CHECK(outcome.deltas.empty());

    const auto loaded = loyalty::Program::load_string("program: 5\n", "inline.yaml");
    CHECK_FALSE(loaded.ok());
    CHECK(loaded.diagnostics.at(0).code == "E104");
    const auto missing = loyalty::Program::load_file("/nonexistent/rules.yaml");
    CHECK(missing.diagnostics.at(0).code == "E010");
}

TEST_CASE("evaluation is deterministic and safe on one Program from many threads", "[api][threads]") {
    const auto program = cafe();
    std::vector<loyalty::Transaction> history;
    for (int i = 0; i < 300; ++i) history.push_back(coffee_run("t" + std::to_string(i)));
    const auto run = [&](std::vector<std::string>& out) {
        for (const auto& tx : history) out.push_back(loyalty::to_json(program.evaluate(test::member("m1", "silver"), tx), program));
    };
    std::vector<std::string> expected, first, second;
    run(expected);
    std::thread a([&] { run(first); });
    std::thread b([&] { run(second); });
    a.join();
    b.join();
    CHECK(first == expected);
    CHECK(second == expected);
}

TEST_CASE("an event earns nothing from purchase rules", "[api]") {
    auto event = test::purchase("bday", "2026-03-02T10:15:00-05:00", {});
    event.kind = loyalty::TransactionKind::event;
    event.event_name = "birthday";
    CHECK(cafe().evaluate(test::member(), event).deltas.empty());
}

TEST_CASE("an evaluator state and an outcome reused for thousands of evaluations give what fresh ones give, and the "
          "state stays small", "[api]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    auto member = test::member();
    auto plain = member;
    loyalty::EvaluatorState state;
    loyalty::Outcome reused;
    std::size_t most_kept = 0;
    for (int i = 0; i < 2'000; ++i) {
        // Eight purchases a day, in order, for 250 days.
        const std::string day = loyalty::Date::parse("2026-01-01")->add_days(i / 8)->to_string();
        const auto purchase = test::purchase("o" + std::to_string(i), day + "T10:00:00-05:00",
                                             {test::item("LATTE", "coffee", "4.50", 1 + i % 4),
                                              test::item("MUFFIN", "food", "2.95", i % 3 + 1)},
                                             i % 2 == 0 ? "app" : "store");
        REQUIRE_FALSE(program.evaluate(member, purchase, state, reused));
        const auto fresh = program.evaluate(plain, purchase);
        REQUIRE(test::outcome_difference(fresh, reused).empty());
        // Applied with the state, which keeps what the member drops, or without: the same member.
        REQUIRE_FALSE(loyalty::apply_in_place(member, reused, state));
        loyalty::apply_in_place(plain, fresh);
        REQUIRE(loyalty::to_json(member) == loyalty::to_json(plain));
        most_kept = std::max(most_kept, state.items_kept());
    }
    CHECK(member.coupons.size() > 0);
    CHECK(most_kept > 0);
    CHECK(most_kept <= loyalty::EvaluatorState::items_kept_max);
    // A copy of an outcome is the outcome, whatever memory it was evaluated in.
    const loyalty::Outcome copy = reused;
    CHECK(test::outcome_difference(copy, reused).empty());
}

TEST_CASE("a delta's unit follows from its kind, its rule and the program's currency", "[ledger]") {
    // In yen, a tier reached, a badge and a benefit in one purchase, and a discount.
    const auto program = test::program(test::header("JPY") +
                                       "counters:\n  - {id: visits, counts: purchases, period: calendar_year}\n"
                                       "tiers:\n  counter: visits\n  levels:\n    - {name: base, from: 0}\n"
                                       "    - {name: Silver.Star, from: 1}\n"
                                       "levels:\n  - {id: first, description: a first visit, counter: visits, reaches: 1, badge: first-visit}\n"
                                       "discounts:\n  - {id: members, description: members' price, percent_off: 10}\n"
                                       "earn:\n  - {id: base, rate: {points: 1, per: 100}}\n"
                                       "  - {id: lounge, description: the lounge, benefit: lounge-pass}\n");
    const auto outcome = program.evaluate(test::member(), test::purchase("t1", "2026-03-02T10:00:00+09:00",
                                                                          {test::item("TEA", "drinks", "1200", 1, "JPY")}));
    std::map<std::string, std::string> units;
    for (const auto& delta : outcome.deltas) units[std::string(to_string(delta.kind))] = outcome.unit(delta);
    CHECK(units == std::map<std::string, std::string>{{"discount", "JPY"},
                                                      {"earn", "points"},
                                                      {"benefit", "benefit:lounge-pass"},
                                                      {"badge", "badge:first-visit"},
                                                      {"tier_change", "tier:Silver.Star"}});
    for (const auto& delta : outcome.deltas) {
        const auto postings = outcome.postings(delta);
        REQUIRE(postings.size() == 2);
        CHECK(postings[0].unit == outcome.unit(delta));
        CHECK(postings[0].amount == -postings[1].amount);
    }
    // A hand-made outcome without its program's rules still names the units its kinds fix.
    loyalty::Outcome bare;
    bare.deltas = outcome.deltas;
    for (const auto& delta : bare.deltas) {
        const std::string expected = delta.kind == loyalty::DeltaKind::earn ? "points"
                                     : delta.kind == loyalty::DeltaKind::tier_change ? "tier:Silver.Star"
                                     : delta.kind == loyalty::DeltaKind::badge ? "badge:"
                                     : delta.kind == loyalty::DeltaKind::benefit ? "benefit:" : "";
        CHECK(bare.unit(delta) == expected);
    }
}

TEST_CASE("a period close in a program of no tiers and no counters changes nothing", "[period]") {
    const auto program = loyalty::Program::from_string(R"(program: {name: Plain, version: "1", currency: USD, time_zone: "-05:00"}
earn:
  - {id: base, rate: {points: 1, per: 1.00}}
)", "plain.yaml");
    loyalty::Transaction close = test::purchase("close", "2027-01-02T10:00:00-05:00", {});
    close.kind = loyalty::TransactionKind::event;
    close.event_name = "period_close";
    close.attributes["period"] = "2026";
    const loyalty::Outcome outcome = program.evaluate(test::member(), close);
    CHECK(outcome.deltas.empty());
}
