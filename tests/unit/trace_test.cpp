#include <map>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

/// Rule id → reason, for the steps that did not fire.
std::map<std::string, std::string> not_fired(const loyalty::Outcome& outcome) {
    std::map<std::string, std::string> reasons;
    for (const loyalty::TraceStep& step : outcome.trace) {
        if (!step.fired) reasons[step.rule_id] = step.reason;
    }
    return reasons;
}

const loyalty::EvaluationOptions with_trace{true};

}  // namespace

TEST_CASE("a trace says why a rule did not fire with the values it saw", "[trace]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const auto tx = test::purchase("t1", "2026-11-26T23:59:59-05:00", {test::item("MUG", "gifts", "19.99")}, "app");
    const auto outcome = program.evaluate(test::member(), tx, with_trace);
    const auto reasons = not_fired(outcome);
    CHECK(reasons.at("app-order") == "tx.total >= 20.00 is not met: tx.total is 19.99");
    CHECK(reasons.at("gold-tier") == "member.tier == \"gold\" is not met: member.tier is empty");
    CHECK(reasons.at("black-friday") ==
          "outside its active window from 2026-11-27T00:00:00 until 2026-12-01T00:00:00, on the program's clock: it "
          "is 2026-11-26T23:59:59");
    REQUIRE(outcome.trace.front().rule_id == "everyday");
    CHECK(outcome.trace.front().fired);
    CHECK(outcome.trace.front().reason == program.explain(outcome, 0).value());
}

TEST_CASE("without the option there is no trace and the deltas are the same", "[trace]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    const auto tx = test::purchase("t1", "2026-11-27T10:00:00-05:00", {test::item("LATTE", "coffee", "4.50", 3)}, "app");
    const auto plain = program.evaluate(test::member(), tx);
    const auto traced = program.evaluate(test::member(), tx, with_trace);
    CHECK(plain.trace.empty());
    CHECK_FALSE(traced.trace.empty());
    CHECK(loyalty::to_json(plain, program) != loyalty::to_json(traced, program));
    auto without = traced;
    without.trace.clear();
    CHECK(loyalty::to_json(plain, program) == loyalty::to_json(without, program));
}

TEST_CASE("a trace names the group winner the stop and the used limit", "[trace]") {
    const auto stacking = test::rules_file("stacking.yaml");
    auto tx = test::purchase("s1", "2026-05-04T12:00:00-05:00", {test::item("A", "", "20.00")}, "app");
    CHECK(not_fired(stacking.evaluate(test::member(), tx, with_trace)).at("online-promo") ==
          "rule 'app-promo' already fired in group 'channel-promos', which takes the first match");
    auto staff = test::member();
    staff.attributes["staff"] = "yes";
    CHECK(not_fired(stacking.evaluate(staff, tx, with_trace)).at("base") ==
          "rule 'staff' fired and stops the rules after it");

    const auto program = test::program(test::header() + R"(
earn:
  - id: welcome
    description: Welcome bonus
    once: ever
    bonus: 100
  - id: big
    when: tx.total >= 100.00 and (tx.channel == "app" or tx.item_count > 3)
    bonus: 5
)");
    auto member = test::member();
    const auto first = program.evaluate(member, tx, with_trace);
    CHECK(not_fired(first).at("big") == "tx.total >= 100.00 is not met: tx.total is 20.00");
    member = loyalty::apply(member, first);
    auto big = test::purchase("s2", "2026-06-04T12:00:00-05:00", {test::item("A", "", "120.00")}, "store");
    const auto second = program.evaluate(member, big, with_trace);
    const auto reasons = not_fired(second);
    CHECK(reasons.at("welcome") == "already fired once, and it fires once ever");
    CHECK(reasons.at("big") == "tx.channel == \"app\" is not met: tx.channel is 'store'; and tx.item_count > 3 is "
                               "not met: tx.item_count is 1");
}
