// Sums past ±10^15 are refused in evaluation as T030, naming nothing applied: never an exception
// while applying, never a wrap.

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

constexpr std::int64_t max = loyalty::Points::value_max;

loyalty::Transaction purchase(const std::string& id, const char* at, const char* price) {
    return test::purchase(id, at, {test::item("A", "x", price)});
}

/// Refused with T030, with nothing to apply.
void require_refused(const loyalty::Program& program, const loyalty::Member& member, const loyalty::Transaction& tx) {
    loyalty::Outcome outcome;
    const auto error = program.evaluate(member, tx, outcome);
    REQUIRE(error);
    CHECK(error->code == "T030");
    CHECK(outcome.deltas.empty());
    CHECK(outcome.state_changes.empty());
}

}  // namespace

TEST_CASE("a balance at the limit that earns is refused in evaluation", "[bounds]") {
    const auto program = test::program(test::header() + "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    for (const std::int64_t opening : {max, max - 5, max - 99}) {
        INFO(opening);
        loyalty::Member member = test::member();
        member.set_opening_balance(loyalty::Points{opening});
        // 1.00 earns 1 point: within the bound from max − 1 down; 100.00 passes it for all three.
        require_refused(program, member, purchase("t1", "2026-03-02T10:00:00-05:00", "100.00"));
    }
    loyalty::Member near = test::member();
    near.set_opening_balance(loyalty::Points{max - 100});
    const auto outcome = program.evaluate(near, purchase("t2", "2026-03-02T10:00:00-05:00", "100.00"));
    CHECK(loyalty::apply(near, outcome).points().value == max);
}

TEST_CASE("bonuses that together pass the bound are refused, each one alone is not", "[bounds]") {
    const auto program = test::program(test::header() +
                                       "earn:\n  - {id: b1, bonus: 1000000000000000}\n  - {id: b2, bonus: 1000000000000000}\n"
                                       "  - {id: b3, bonus: 1000000000000000}\n");
    require_refused(program, test::member(), purchase("t1", "2026-03-02T10:00:00-05:00", "1.00"));
    const auto one = test::program(test::header() + "earn:\n  - {id: b1, bonus: 999999999999999}\n  - {id: b2, bonus: 1}\n");
    const auto outcome = one.evaluate(test::member(), purchase("t2", "2026-03-02T10:00:00-05:00", "1.00"));
    CHECK(loyalty::apply(test::member(), outcome).points().value == max);
}

TEST_CASE("store credit and rebates past the bound are refused in evaluation", "[bounds]") {
    const auto rebate = [](const char* percent) {
        return test::program(test::header() + "counters:\n  - {id: spend, counts: spend, period: calendar_year}\n"
                             "rebates:\n  - id: back\n    counter: spend\n    mode: whole\n"
                             "    brackets: [{from: 0.00, percent: " + percent + "}]\n");
    };
    loyalty::Transaction close = test::purchase("close", "2027-01-02T10:00:00-05:00", {});
    close.kind = loyalty::TransactionKind::event;
    close.event_name = "period_close";
    close.attributes["period"] = "2026";
    // Of 5,000,000.00 (5 × 10^8 minor units), p % is 5 × 10^6 × p: past 10^15 above 2 × 10^8 %.
    for (const char* percent : {"100000000000", "300000000", "100000000000000000"}) {
        INFO(percent);
        const auto program = rebate(percent);
        loyalty::Member member = test::member();
        member = loyalty::apply(member, program.evaluate(member, purchase("p", "2026-05-02T10:00:00-05:00", "5000000.00")));
        require_refused(program, member, close);
    }
    // 10 % of 5,000,000.00 is 500,000.00: credit that fits, unless the member already holds nearly all it can.
    const auto program = rebate("10");
    loyalty::Member member = test::member();
    member = loyalty::apply(member, program.evaluate(member, purchase("p", "2026-05-02T10:00:00-05:00", "5000000.00")));
    CHECK(loyalty::apply(member, program.evaluate(member, close)).store_credit == 50'000'000);
    member.store_credit = loyalty::Money::minor_units_max - 49'999'999;
    require_refused(program, member, close);
}

TEST_CASE("a member whose own balances or counters pass the bound is refused before any rule reads them", "[bounds]") {
    const auto program = test::program(test::header() +
                                       "counters:\n  - {id: visits, counts: purchases, period: rolling_days, days: 30}\n"
                                       "earn:\n  - {id: base, rate: {points: 1, per: 1.00}, when: 'member.points >= 0'}\n");
    const auto tx = purchase("t", "2026-03-02T10:00:00-05:00", "1.00");
    const auto accepted = [&](const loyalty::Member& member) {
        loyalty::Outcome outcome;
        return !program.evaluate(member, tx, outcome).has_value();
    };
    const auto lot = [](const char* id, int day, std::int64_t points) {
        return loyalty::PointsLot{id, *loyalty::Date::from_ymd(2026, 2, day), std::nullopt, loyalty::Points{points}, std::nullopt};
    };
    // Lots that each fit, and together do not: spendable, pending, or a single lot past it.
    for (const std::int64_t second : {std::int64_t{1}, max, max / 2 + 1}) {
        INFO(second);
        loyalty::Member member = test::member();
        member.lots = {lot("a", 1, max / 2), lot("b", 2, max / 2 + second)};
        require_refused(program, member, tx);
        member.lots[1].pending_until = *loyalty::Date::from_ymd(2026, 4, 1);
        require_refused(program, member, tx);
    }
    loyalty::Member member = test::member();
    member.lots = {lot("a", 1, INT64_MAX)};
    require_refused(program, member, tx);
    // One point short of the bound, the point this purchase earns reaches it.
    member.lots = {lot("a", 1, max - 1)};
    CHECK(accepted(member));
    member.owed = loyalty::Points{max + 1};
    require_refused(program, member, tx);
    member.owed = {};
    member.below_zero = loyalty::Points{INT64_MIN};
    require_refused(program, member, tx);
    // A counter's buckets, in its window, that add up past the bound; out of the window they do not count.
    member = test::member();
    member.counters = {{"visits", *loyalty::Date::from_ymd(2026, 2, 20), max}, {"visits", *loyalty::Date::from_ymd(2026, 2, 21), 1}};
    require_refused(program, member, tx);
    member.counters[0].day = *loyalty::Date::from_ymd(2025, 12, 1);
    CHECK(accepted(member));
}

TEST_CASE("a year outside 0001 to 9999 on the program's clock is T031", "[bounds]") {
    const auto program = test::program(test::header("USD", "\"+14:00\"") + "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    const auto code = [&](const char* at) {
        loyalty::Outcome outcome;
        const auto error = program.evaluate(test::member(), purchase("t", at, "1.00"), outcome);
        return error ? error->code : std::string();
    };
    CHECK(code("9999-12-31T09:59:59Z") == "");
    CHECK(code("9999-12-31T10:00:00Z") == "T031");
    CHECK(code("9999-12-31T23:59:59-05:00") == "T031");
    CHECK(code("0001-01-01T00:00:00Z") == "");
    const auto west = test::program(test::header("USD", "\"EST5EDT,M3.2.0,M11.1.0\"") + "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    loyalty::Outcome outcome;
    const auto early = west.evaluate(test::member(), purchase("t", "0001-01-01T04:59:59Z", "1.00"), outcome);
    REQUIRE(early);
    CHECK(early->code == "T031");
    CHECK_FALSE(west.evaluate(test::member(), purchase("t", "0001-01-01T05:00:00Z", "1.00"), outcome));
    CHECK_FALSE(west.evaluate(test::member(), purchase("t", "1066-10-14T09:00:00Z", "1.00"), outcome));
}

TEST_CASE("a rate whose divisor passes 128 bits is refused, never divided by", "[bounds]") {
    // per 9,999,999,999,999.99 USD (10^15 minor units) at 18 decimals of points and 18 of a
    // factor: the divisor, per × 10^36, passes 2^127.
    const auto program = test::program(test::header() +
                                       "earn:\n  - id: fine\n    rate:\n      points: 1.000000000000000001\n"
                                       "      per: 9999999999999.99\n"
                                       "    multipliers:\n      - {when: 'item.category == \"x\"', factor: 1.000000000000000001}\n");
    loyalty::Outcome outcome;
    const auto error = program.evaluate(test::member(), purchase("t", "2026-03-02T10:00:00-05:00", "10.00"), outcome);
    REQUIRE(error);
    CHECK(error->code == "T030");
    CHECK(outcome.deltas.empty());
}

TEST_CASE("a return of a purchase the state holds past the engine's bounds is T030, never a guess", "[bounds]") {
    const auto program = test::program(test::header() + "returns:\n  window_days: 30\n"
                                       "earn:\n  - {id: base, rate: {points: 1, per: 1.00}}\n");
    loyalty::Member member = test::member();
    member = loyalty::apply(member, program.evaluate(member, test::purchase("p1", "2026-03-02T10:00:00-05:00",
                                                                              {test::item("A", "x", "3.00", 3),
                                                                               test::item("B", "x", "7.00", 7)})));
    loyalty::Transaction back = test::purchase("r1", "2026-03-05T10:00:00-05:00", {test::item("A", "x", "3.00", 1)});
    back.kind = loyalty::TransactionKind::product_return;
    back.original_transaction_id = "p1";
    // Within bounds: 3.00 of the 58.00 paid is back, so floor(58 × 3 / 58) = 3 of its 58 points.
    loyalty::Outcome outcome;
    REQUIRE_FALSE(program.evaluate(member, back, outcome));
    CHECK(test::points(outcome) == -3);
    const auto tampered = [&](auto change) {
        loyalty::Member changed = member;
        change(changed.purchases.at("p1").lines);
        return changed;
    };
    using Lines = std::vector<loyalty::PurchaseRecord::Line>&;
    const auto require_t030 = [&](const loyalty::Member& state) {
        loyalty::Outcome refused;
        const auto error = program.evaluate(state, back, refused);
        REQUIRE(error);
        CHECK(error->code == "T030");
        CHECK(error->field == "original_transaction");
        CHECK(refused.deltas.empty());
    };
    require_t030(tampered([](Lines lines) { lines[1].quantity = loyalty::limits::quantity_max + 1; }));
    require_t030(tampered([](Lines lines) { lines[1].paid = -1; }));
    require_t030(tampered([](Lines lines) { lines[1].returned_quantity = 8; }));
}
