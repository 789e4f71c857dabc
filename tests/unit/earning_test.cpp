#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

const char* at = "2026-03-02T10:00:00-05:00";

}  // namespace

TEST_CASE("a rate earns points per amount on the whole basket, rounded once", "[earning]") {
    const auto program = test::program(test::header() + "earn:\n  - id: base\n    rate: {points: 10, per: 1.00}\n");
    const auto tx = test::purchase("t", at, {test::item("A", "x", "0.15", 3), test::item("B", "y", "1.07")});
    CHECK(test::points(program.evaluate(test::member(), tx)) == 15);  // 10 × 1.52, rounded down
}

TEST_CASE("fractional rates and amounts stay exact", "[earning]") {
    const auto program = test::program(test::header("KWD") +
                                       "earn:\n  - id: base\n    rate: {points: 1.5, per: 0.250}\n");
    const auto tx = test::purchase("t", at, {test::item("A", "x", "1.001", 1, "KWD")});
    CHECK(test::points(program.evaluate(test::member(), tx)) == 6);  // 1.001 / 0.25 × 1.5 = 6.006
}

TEST_CASE("earning is on the amount paid unless the rule says gross", "[earning]") {
    auto line = test::item("A", "x", "50.00", 2);
    line.discount = test::money("30.00");
    const auto tx = test::purchase("t", at, {line});
    const auto net = test::program(test::header() + "earn:\n  - id: base\n    rate: {points: 1, per: 1.00}\n");
    const auto gross = test::program(test::header() + "earn:\n  - id: base\n    rate: {points: 1, per: 1.00, base: gross}\n");
    CHECK(test::points(net.evaluate(test::member(), tx)) == 70);
    CHECK(test::points(gross.evaluate(test::member(), tx)) == 100);
    CHECK_THAT(gross.explain(gross.evaluate(test::member(), tx), 0).value(), Catch::Contains("before discounts"));
}

TEST_CASE("line multipliers: first match wins, by category, SKU or any attribute", "[earning]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: base
    rate: {points: 1, per: 1.00}
    multipliers:
      - when: item.sku == "GIFTCARD"
        factor: 0
        description: gift cards earn nothing
      - when: item.category == "coffee"
        factor: 2
      - when: item.attr.brand == "house"
        factor: 1.5
)");
    auto house = test::item("H", "beans", "10.00");
    house.attributes["brand"] = "house";
    const auto tx = test::purchase("t", at, {test::item("L", "coffee", "4.00"), test::item("GIFTCARD", "coffee", "25.00"),
                                             house, test::item("M", "merch", "3.00")});
    const auto outcome = program.evaluate(test::member(), tx);
    CHECK(test::points(outcome) == 8 + 0 + 15 + 3);
    CHECK(program.explain(outcome, 0).value() ==
          "base: 26 points for 42.00 USD paid at 1 point per 1.00 USD, ×0 on 25.00 USD (gift cards earn nothing), "
          "×2 on 4.00 USD (item.category == \"coffee\"), ×1.5 on 10.00 USD (item.attr.brand == \"house\").");
}

TEST_CASE("a boost multiplies what earlier rules earned, and says so", "[earning]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: base
    description: Points on your purchase
    rate: {points: 1, per: 1.00}
  - id: gold
    description: Gold bonus
    when: member.tier == "gold"
    boost: {rules: [base], factor: 1.5, rounding: half_up}
)");
    const auto tx = test::purchase("t", at, {test::item("A", "x", "25.00")});
    const auto outcome = program.evaluate(test::member("m1", "gold"), tx);
    CHECK(test::deltas(outcome) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 25}, {"gold", 13}});
    CHECK(program.explain(outcome, 1).value() ==
          "Gold bonus: 13 points more, ×1.5 on the 25 points from Points on your purchase, rounded to the nearest point.");
    CHECK(test::points(program.evaluate(test::member("m1", "silver"), tx)) == 25);
}

TEST_CASE("rules run in file order and every delta names its rule", "[earning]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: welcome
    bonus: 5
  - id: base
    rate: {points: 1, per: 1.00}
  - id: app
    when: tx.channel == "app"
    bonus: 10
)");
    const auto outcome = program.evaluate(test::member(), test::purchase("t", at, {test::item("A", "x", "3.00")}, "app"));
    CHECK(test::deltas(outcome) == std::vector<std::pair<std::string, std::int64_t>>{{"welcome", 5}, {"base", 3}, {"app", 10}});
    for (const auto& delta : outcome.deltas) {
        CHECK(outcome.delta_id(delta) == "t/" + std::string(outcome.rule_id(delta)) + "@1");
        CHECK(outcome.account(delta, delta.debit).to_string() == "program:points_issued");
        CHECK(outcome.account(delta, delta.credit).to_string() == "member:m1:points");
        CHECK(outcome.unit(delta) == "points");
    }
}

TEST_CASE("a purchase that earns nothing has no deltas", "[earning]") {
    const auto program = test::program(test::header() + "earn:\n  - id: base\n    rate: {points: 1, per: 1.00}\n");
    CHECK(program.evaluate(test::member(), test::purchase("t", at, {test::item("A", "x", "0.99")})).deltas.empty());
}

TEST_CASE("a switched-off rule is checked but never fires", "[earning]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: base
    rate: {points: 1, per: 1.00}
  - id: summer-promo
    enabled: false
    bonus: 500
)");
    const auto outcome = program.evaluate(test::member(), test::purchase("t", at, {test::item("A", "x", "3.00")}));
    CHECK(test::deltas(outcome) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 3}});
}

TEST_CASE("rules that require a channel fire there alone and keep their order with the rest", "[earning]") {
    const auto program = test::program(test::header() + R"(groups:
  - id: promo
    mode: first
earn:
  - id: base
    rate: {points: 1, per: 1.00}
  - id: app-first
    group: promo
    when: tx.total >= 1.00 and tx.channel == "app"
    bonus: 5
  - id: shops
    group: promo
    when: tx.channel in ["store", "kiosk"]
    bonus: 7
  - id: anywhere-but-web
    group: promo
    when: not (tx.channel == "web")
    bonus: 11
  - id: app-or-big
    when: tx.channel == "app" or tx.total >= 100.00
    bonus: 13
)");
    using Expected = std::vector<std::pair<std::string, std::int64_t>>;
    const std::vector<std::pair<std::string, Expected>> cases{
        {"app", {{"base", 10}, {"app-first", 5}, {"app-or-big", 13}}},
        {"store", {{"base", 10}, {"shops", 7}}},
        {"kiosk", {{"base", 10}, {"shops", 7}}},
        {"web", {{"base", 10}}},
        {"phone", {{"base", 10}, {"anywhere-but-web", 11}}},
    };
    for (const auto& [channel, expected] : cases) {
        INFO("channel " << channel);
        const auto tx = test::purchase("t", at, {test::item("A", "x", "10.00")}, channel);
        const auto outcome = program.evaluate(test::member(), tx);
        CHECK(test::deltas(outcome) == expected);
        // A trace walks every rule, not only the channel's: the deltas are the same.
        const auto traced = program.evaluate(test::member(), tx, loyalty::EvaluationOptions{true});
        CHECK(test::deltas(traced) == expected);
        CHECK(traced.trace.size() == 5);
    }
}

TEST_CASE("tx.total is what the purchase costs after member discounts; a discount's own condition sees it before", "[earning]") {
    const auto program = test::program(test::header() + R"(discounts:
  - {id: members, percent_off: 10, when: tx.total >= 100.00}
earn:
  - {id: at-90, when: tx.total >= 90.00, bonus: 5}
  - {id: at-90-01, when: tx.total >= 90.01, bonus: 7}
)");
    // 100.00 less 10 % is 90.00: the discount applies (it saw 100.00), the first bonus too.
    const auto outcome = program.evaluate(test::member(), test::purchase("t1", "2026-03-02T10:00:00-05:00", {test::item("A", "x", "100.00")}));
    CHECK(test::deltas(outcome) == std::vector<std::pair<std::string, std::int64_t>>{{"members", 1000}, {"at-90", 5}});
    // 99.99 gets no member discount, and is more than 90.01.
    const auto small = program.evaluate(test::member(), test::purchase("t2", "2026-03-02T10:00:00-05:00", {test::item("A", "x", "99.99")}));
    CHECK(test::deltas(small) == std::vector<std::pair<std::string, std::int64_t>>{{"at-90", 5}, {"at-90-01", 7}});
}

TEST_CASE("a benefit limited to once a year or to a cooldown is given that often, not on every purchase", "[earning]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: upgrade
    description: A room upgrade once a year
    once: per_calendar_year
    benefit: room-upgrade
  - id: lounge
    description: Lounge access, once a fortnight
    cooldown_days: 14
    benefit: lounge
)");
    auto member = test::member();
    const auto stay = [&](const char* id, const char* when) {
        const auto outcome = program.evaluate(member, test::purchase(id, when, {test::item("ROOM", "x", "100.00")}));
        member = loyalty::apply(member, outcome);
        std::vector<std::string> given;
        for (const auto& delta : outcome.deltas) given.emplace_back(outcome.rule_id(delta));
        return given;
    };
    using Rules = std::vector<std::string>;
    CHECK(stay("s1", "2026-03-01T12:00:00-05:00") == Rules{"upgrade", "lounge"});
    CHECK(stay("s2", "2026-03-10T12:00:00-05:00") == Rules{});
    CHECK(stay("s3", "2026-03-15T12:00:00-05:00") == Rules{"lounge"});
    CHECK(stay("s4", "2026-12-31T12:00:00-05:00") == Rules{"lounge"});
    CHECK(stay("s5", "2027-01-01T12:00:00-05:00") == Rules{"upgrade"});
}
