// The share of a purchase its returns brought back, against the arbitrary-precision fraction it
// was computed with before: Σ paid × back / quantity over the lines, over what the purchase paid,
// its floor taken toward zero.

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include <boost/multiprecision/cpp_int.hpp>

#include "eval/returned_share.hpp"
#include "loyalty/limits.hpp"

namespace {

using Exact = boost::multiprecision::cpp_int;
using loyalty::PurchaseRecord;
using loyalty::detail::ReturnedShare;

std::int64_t exact_share_by_value(const PurchaseRecord& record, std::int64_t whole) {
    if (record.fully_returned()) return whole;
    Exact paid = 0, units = 0, units_back = 0;
    for (const PurchaseRecord::Line& line : record.lines) {
        paid += line.paid;
        units += line.quantity;
        units_back += line.returned_quantity;
    }
    if (paid == 0) return units == 0 ? 0 : Exact(units_back * whole / units).convert_to<std::int64_t>();
    Exact numerator = 0, denominator = 1;
    for (const PurchaseRecord::Line& line : record.lines) {
        if (line.returned_quantity == 0) continue;
        numerator = numerator * line.quantity + Exact(line.paid) * line.returned_quantity * denominator;
        denominator *= line.quantity;
    }
    return Exact(numerator * whole / (denominator * paid)).convert_to<std::int64_t>();
}

std::int64_t exact_share_by_units(const PurchaseRecord& record, std::int64_t whole) {
    if (record.fully_returned()) return whole;
    Exact units = 0, units_back = 0;
    for (const PurchaseRecord::Line& line : record.lines) {
        units += line.quantity;
        units_back += line.returned_quantity;
    }
    return units == 0 ? 0 : Exact(units_back * whole / units).convert_to<std::int64_t>();
}

PurchaseRecord::Line line(std::int64_t quantity, std::int64_t paid, std::int64_t returned) {
    PurchaseRecord::Line made;
    made.quantity = quantity;
    made.paid = paid;
    made.returned_quantity = returned;
    return made;
}

void require_agrees(const PurchaseRecord& record, std::int64_t whole) {
    const ReturnedShare share(record);
    INFO("lines " << record.lines.size() << ", whole " << whole);
    REQUIRE(share.of(whole) == exact_share_by_value(record, whole));
    REQUIRE(share.of_units(whole) == exact_share_by_units(record, whole));
}

}  // namespace

TEST_CASE("a return's share is the exact floor for small baskets", "[returned share]") {
    PurchaseRecord record;
    // 1 of 3 coffees paying 13.50 and 2 of 7 muffins paying 21.70: 4.50 + 21.70 × 2/7 = 10.70 of
    // the 35.20 paid is back; 3 of the 10 units.
    record.lines = {line(3, 1350, 1), line(7, 2170, 2)};
    const ReturnedShare share(record);
    REQUIRE(share.of(3520) == 1070);
    REQUIRE(share.of(1000) == 303);   // 303.97…
    REQUIRE(share.of(-1000) == -303);
    REQUIRE(share.of_units(1000) == 300);
    for (const std::int64_t whole : {0LL, 1LL, 7LL, 207LL, 2070LL, 99'999LL, -2070LL, -1LL}) require_agrees(record, whole);
}

TEST_CASE("fractions that add up to a whole unit are taken whole", "[returned share]") {
    // Halves, thirds and sixths of lines paying 1 each: 1/2 + 1/3 + 1/6 = 1 exactly, which a sum
    // truncated at any digit leaves just short of 1.
    PurchaseRecord record;
    record.lines = {line(2, 1, 1), line(3, 1, 1), line(6, 1, 1), line(5, 2, 0)};
    for (std::int64_t whole = 0; whole < 50; ++whole) require_agrees(record, whole);
    // Many distinct prime quantities whose fractions sum to an integer: (q − 1)/q for q and 1/q
    // for q again, on lines of their own.
    PurchaseRecord primes;
    for (const std::int64_t q : {999'983LL, 999'979LL, 999'961LL, 999'959LL, 999'953LL, 999'931LL, 999'917LL}) {
        primes.lines.push_back(line(q, 1, q - 1));
        primes.lines.push_back(line(q, 1, 1));
    }
    primes.lines.push_back(line(1, 5, 0));
    for (const std::int64_t whole : {1LL, 2LL, 3LL, 19LL, 1'000'000'007LL}) require_agrees(primes, whole);
}

TEST_CASE("a return's share agrees with the exact fraction for random baskets", "[returned share]") {
    std::mt19937_64 random(20261201);
    const auto below = [&](std::int64_t bound) {
        return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(bound));
    };
    for (int round = 0; round < 3000; ++round) {
        PurchaseRecord record;
        const std::int64_t lines = 1 + below(round % 50 == 0 ? 300 : 6);
        const bool large = round % 3 == 0;
        for (std::int64_t i = 0; i < lines; ++i) {
            const std::int64_t quantity = 1 + below(large ? loyalty::limits::quantity_max : 12);
            const std::int64_t paid = below(large ? 1'000'000'000'000 : 100'000);
            record.lines.push_back(line(quantity, paid, below(quantity + 1)));
        }
        const std::int64_t whole = round % 7 == 0 ? -below(1'000'000'000'000'000) : below(large ? INT64_MAX : 100'000);
        require_agrees(record, whole);
    }
}

TEST_CASE("a return's share refuses a purchase past the engine's bounds", "[returned share]") {
    PurchaseRecord no_units;
    no_units.lines = {line(0, 100, 0), line(2, 100, 1)};
    REQUIRE_FALSE(ReturnedShare(no_units).of(10).has_value());
    PurchaseRecord more_back;
    more_back.lines = {line(2, 100, 3), line(2, 100, 0)};
    REQUIRE_FALSE(ReturnedShare(more_back).of(10).has_value());
    PurchaseRecord negative;
    negative.lines = {line(2, -100, 1), line(2, 100, 0)};
    REQUIRE_FALSE(ReturnedShare(negative).of_units(10).has_value());
    PurchaseRecord too_many;
    too_many.lines = {line(loyalty::limits::quantity_max + 1, 100, 1)};
    REQUIRE_FALSE(ReturnedShare(too_many).of(10).has_value());
}
