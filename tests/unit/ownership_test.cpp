// Every effect belongs to one member: applying an outcome folds only that member's effects.

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

std::string referral_program(std::string_view returns_policy, std::string_view expiry = "") {
    return test::header() + std::string(expiry) + "returns:\n  window_days: 30\n" + std::string(returns_policy) +
           R"(counters:
  - {id: purchases, counts: purchases, period: lifetime}
earn:
  - {id: base, rate: {points: 2, per: 1.00}}
  - id: referral
    when: counter.purchases == 0 and member.attr.referrer != ""
    once: ever
    bonus: 100
    referrer_bonus: 300
)";
}

loyalty::Member referred(const std::string& id, const std::string& referrer) {
    loyalty::Member member = test::member(id);
    member.attributes["referrer"] = referrer;
    return member;
}

loyalty::EvaluationOptions reading(const loyalty::Member& other) {
    loyalty::EvaluationOptions options;
    options.other_member = [&other](const std::string& id) { return id == other.id ? &other : nullptr; };
    return options;
}

}  // namespace

TEST_CASE("a referrer receives her bonus and none of the buyer's counters, rule uses or activity", "[ownership]") {
    const auto program = test::program(referral_program("", "points:\n  expiry: {months_without_activity: 6}\n"));
    loyalty::Member ana = test::member("ana");
    ana.set_opening_balance(loyalty::Points{40});
    ana.last_active_on = loyalty::Date::parse("2026-01-15");
    const loyalty::Member bea = referred("bea", "ana");
    const auto outcome = program.evaluate(bea, test::purchase("p1", "2026-03-02T10:00:00-05:00",
                                                                 {test::item("A", "x", "12.50")}, "store", "bea"));
    CHECK(outcome.owners() == std::vector<std::string>{"bea", "ana"});
    const loyalty::Member ana_after = loyalty::apply(ana, outcome);
    CHECK(ana_after.points().value == 340);
    CHECK(ana_after.counters.empty());
    CHECK(ana_after.rule_uses.empty());
    CHECK(ana_after.purchases.empty());
    CHECK(ana_after.last_active_on == ana.last_active_on);
    CHECK(ana_after.find_applied("p1") != nullptr);
    // Applied twice, nothing more.
    CHECK(loyalty::to_json(loyalty::apply(ana_after, outcome)) == loyalty::to_json(ana_after));

    // Her own first purchase is still her first: base, her bonus, and her referrer's.
    loyalty::Member ana_referred = ana_after;
    ana_referred.attributes["referrer"] = "cai";
    const auto own = program.evaluate(ana_referred, test::purchase("p2", "2026-03-03T10:00:00-05:00",
                                                                      {test::item("A", "x", "5.00")}, "store", "ana"));
    CHECK(test::deltas(own) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 10}, {"referral", 100}, {"referral", 300}});

    // The buyer gets the rest, and a member the outcome does not name is left as it was.
    const loyalty::Member bea_after = loyalty::apply(bea, outcome);
    CHECK(bea_after.points().value == 125);
    CHECK(bea_after.rule_uses.size() == 1);
    const loyalty::Member stranger = test::member("zoe");
    CHECK(loyalty::to_json(loyalty::apply(stranger, outcome)) == loyalty::to_json(stranger));
}

TEST_CASE("a return takes the referrer's bonus back from her lots, or records it owed", "[ownership]") {
    const auto program = test::program(referral_program(""));
    loyalty::Member ana = test::member("ana");
    loyalty::Member bea = referred("bea", "ana");
    const auto bought = program.evaluate(bea, test::purchase("p1", "2026-03-02T10:00:00-05:00",
                                                                {test::item("A", "x", "10.00", 4)}, "store", "bea"));
    bea = loyalty::apply(bea, bought);
    ana = loyalty::apply(ana, bought);
    REQUIRE(ana.points().value == 300);

    loyalty::Transaction back = test::purchase("r1", "2026-03-05T10:00:00-05:00", {test::item("A", "x", "10.00", 1)},
                                               "store", "bea");
    back.kind = loyalty::TransactionKind::product_return;
    back.original_transaction_id = "p1";
    // Without the referrer's state the engine cannot say which of her lots to take from.
    loyalty::Outcome refused;
    const auto error = program.evaluate(bea, back, refused);
    REQUIRE(error);
    CHECK(error->code == "T054");

    // A quarter comes back: 75 of her 300. She spent all but 50 meanwhile: 50 from her lots, 25 owed.
    ana.lots.front().points = loyalty::Points{50};
    const auto returned = program.evaluate(bea, back, reading(ana));
    const loyalty::Member ana_after = loyalty::apply(ana, returned);
    CHECK(ana_after.points().value == 0);
    CHECK(ana_after.owed.value == 25);
    CHECK(loyalty::apply(bea, returned).points().value == 135);  // 180 less a quarter
}

TEST_CASE("under referrer_points: keep, a return leaves the referrer's bonus alone", "[ownership]") {
    const auto program = test::program(referral_program("  referrer_points: keep\n"));
    loyalty::Member bea = referred("bea", "ana");
    const auto bought = program.evaluate(bea, test::purchase("p1", "2026-03-02T10:00:00-05:00",
                                                                {test::item("A", "x", "10.00", 4)}, "store", "bea"));
    bea = loyalty::apply(bea, bought);
    loyalty::Transaction back = test::purchase("r1", "2026-03-05T10:00:00-05:00", {test::item("A", "x", "10.00", 4)},
                                               "store", "bea");
    back.kind = loyalty::TransactionKind::product_return;
    back.original_transaction_id = "p1";
    const auto returned = program.evaluate(bea, back);
    CHECK(returned.owners() == std::vector<std::string>{"bea"});
    CHECK(test::points(returned, "bea") == -180);
}
