// Cases for the checked 128-bit integer, run against each of its representations: the including
// file chooses one (LOYALTY_WIDE_INTEGER_PORTABLE or not) and names the cases with
// WIDE_INTEGER_REPRESENTATION.
//
// Every result is compared with Boost's arbitrary-precision integer, which cannot overflow: a
// result is overflowed exactly when the exact value lies past ±(2^127 − 1), or when an operand was.

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

#include "core/wide_integer.hpp"

namespace {

using Exact = boost::multiprecision::cpp_int;
using loyalty::Rounding;
using loyalty::detail::WideInteger;

const Exact largest = (Exact(1) << 127) - 1;

/// A wide value beside the exact one it should hold; `overflowed` once any step left the range.
struct Pair {
    WideInteger wide;
    Exact exact;
    bool overflowed = false;
};

Pair checked(WideInteger wide, const Exact& exact, bool operand_overflowed) {
    return {wide, exact, operand_overflowed || exact > largest || exact < -largest};
}

std::string text_of(const Pair& pair) { return pair.overflowed ? "an overflowed value" : pair.exact.str(); }

void require_agrees(const Pair& pair) {
    INFO("exact " << pair.exact.str());
    REQUIRE(pair.wide.overflowed() == pair.overflowed);
    REQUIRE(pair.wide.to_string() == text_of(pair));
    if (pair.overflowed) return;
    const bool fits_int64 = pair.exact >= INT64_MIN && pair.exact <= INT64_MAX;
    REQUIRE(pair.wide.to_int64().has_value() == fits_int64);
    if (fits_int64) REQUIRE(Exact(*pair.wide.to_int64()) == pair.exact);
    REQUIRE(pair.wide.sign() == pair.exact.sign());
}

/// Values of every size: small, near 2^63, and near where products of two leave 2^127.
std::int64_t random_int64(std::mt19937_64& random) {
    const std::uint64_t bits = random();
    switch (random() % 4) {
        case 0: return static_cast<std::int64_t>(bits % 2001) - 1000;
        case 1: return static_cast<std::int64_t>(bits);
        case 2: return static_cast<std::int64_t>(bits >> (random() % 63));
        default: return random() % 2 ? INT64_MAX - static_cast<std::int64_t>(bits % 3) : INT64_MIN + static_cast<std::int64_t>(bits % 3);
    }
}

Exact rounded_quotient(const Exact& numerator, const Exact& denominator, Rounding rounding) {
    Exact quotient = numerator / denominator;
    const Exact remainder = numerator % denominator;
    if (remainder == 0) return quotient;
    const int sign = numerator.sign();
    const Exact twice = abs(remainder) * 2;
    switch (rounding) {
        case Rounding::floor: return sign < 0 ? quotient - 1 : quotient;
        case Rounding::ceil: return sign > 0 ? quotient + 1 : quotient;
        case Rounding::half_up: return twice >= denominator ? quotient + sign : quotient;
        case Rounding::half_even:
            return twice > denominator || (twice == denominator && quotient % 2 != 0) ? quotient + sign : quotient;
    }
    return quotient;
}

}  // namespace

TEST_CASE("checked wide integers agree with exact arithmetic (" WIDE_INTEGER_REPRESENTATION ")") {
    std::mt19937_64 random(20261201);
    for (int chain = 0; chain < 4000; ++chain) {
        const std::int64_t first = random_int64(random);
        Pair value{WideInteger(first), Exact(first)};
        // A chain of up to six operations, as an earning rule multiplies spend, factor and rate.
        const int steps = 1 + static_cast<int>(random() % 6);
        for (int step = 0; step < steps; ++step) {
            const std::int64_t operand = random_int64(random);
            const WideInteger wide_operand(operand);
            const Exact exact_operand(operand);
            const bool was = value.overflowed;
            switch (random() % 5) {
                case 0: value = checked(value.wide + wide_operand, value.exact + exact_operand, was); break;
                case 1: value = checked(value.wide - wide_operand, value.exact - exact_operand, was); break;
                case 2:
                case 3: value = checked(value.wide * wide_operand, value.exact * exact_operand, was); break;
                default:
                    if (operand == 0 || was) continue;
                    value = checked(value.wide / wide_operand, value.exact / exact_operand, was);
                    break;
            }
            // Past the range, the exact value stops mattering: the chain stays overflowed.
            if (value.overflowed) value.exact = 0;
            require_agrees(value);
        }
    }
}

TEST_CASE("sums at the edge of the range overflow, and do not wrap (" WIDE_INTEGER_REPRESENTATION ")") {
    // 2^127 − 1, built from int64 factors: (2^63 − 1) × 2^64 + 2^64 − 1.
    const WideInteger two_to_64 = WideInteger(INT64_MIN) * -2;
    const WideInteger largest_wide = WideInteger(INT64_MAX) * two_to_64 + (two_to_64 - 1);
    REQUIRE_FALSE(largest_wide.overflowed());
    CHECK(largest_wide.to_string() == largest.str());
    CHECK((largest_wide + 1).overflowed());
    CHECK((largest_wide + largest_wide).overflowed());
    CHECK_FALSE((-largest_wide).overflowed());
    CHECK((-largest_wide - 1).overflowed());
    CHECK((largest_wide * 2).overflowed());
    CHECK((largest_wide * -1).to_string() == "-" + largest.str());
    CHECK_FALSE((largest_wide - largest_wide).overflowed());
    // Poisoned once, poisoned after: even what would bring it back in range.
    const WideInteger past = largest_wide + 1;
    CHECK((past - 1).overflowed());
    CHECK((past * 0).overflowed());
    CHECK_FALSE(loyalty::detail::narrow(past - 1, INT64_MAX).has_value());
    // Dividing by an overflowed value, which holds nothing to divide by, is overflowed too.
    CHECK((WideInteger(7) / past).overflowed());
    CHECK((WideInteger(7) % past).overflowed());
    CHECK((past / 7).overflowed());
    CHECK(loyalty::detail::divide_rounded(7, past, Rounding::half_up).overflowed());
}

TEST_CASE("a rounded quotient is the exact one, in every rounding (" WIDE_INTEGER_REPRESENTATION ")") {
    std::mt19937_64 random(7);
    const Rounding roundings[] = {Rounding::floor, Rounding::ceil, Rounding::half_up, Rounding::half_even};
    for (int i = 0; i < 4000; ++i) {
        const std::int64_t a = random_int64(random);
        const std::int64_t b = random_int64(random);
        std::int64_t denominator = random_int64(random);
        if (denominator == INT64_MIN) denominator = INT64_MAX;
        if (denominator < 0) denominator = -denominator;
        if (denominator == 0) denominator = 1 + static_cast<std::int64_t>(random() % 7);
        // Small denominators often, so that ties and remainders of one half come up.
        if (random() % 2) denominator = 1 + static_cast<std::int64_t>(random() % 4);
        const WideInteger numerator = WideInteger(a) * b;
        const Exact exact_numerator = Exact(a) * Exact(b);
        for (const Rounding rounding : roundings) {
            const WideInteger quotient = loyalty::detail::divide_rounded(numerator, denominator, rounding);
            const Exact expected = rounded_quotient(exact_numerator, denominator, rounding);
            INFO(a << " × " << b << " / " << denominator << ", " << loyalty::to_string(rounding));
            REQUIRE(quotient.to_string() == expected.str());
        }
    }
    CHECK(loyalty::detail::divide_rounded(-5, 2, Rounding::half_even).to_string() == "-2");
    CHECK(loyalty::detail::divide_rounded(-7, 2, Rounding::half_even).to_string() == "-4");
    CHECK(loyalty::detail::divide_rounded(-5, 2, Rounding::half_up).to_string() == "-3");
    CHECK(loyalty::detail::divide_rounded(-5, 2, Rounding::floor).to_string() == "-3");
    CHECK(loyalty::detail::divide_rounded(-5, 2, Rounding::ceil).to_string() == "-2");
    CHECK(loyalty::detail::divide_rounded(WideInteger(INT64_MAX) * INT64_MAX * 4, 3, Rounding::floor).overflowed());
}

TEST_CASE("narrowing keeps a value within its limit (" WIDE_INTEGER_REPRESENTATION ")") {
    using loyalty::detail::narrow;
    CHECK(narrow(WideInteger(1'000'000'000'000'000), 1'000'000'000'000'000) == 1'000'000'000'000'000);
    CHECK_FALSE(narrow(WideInteger(1'000'000'000'000'001), 1'000'000'000'000'000));
    CHECK(narrow(WideInteger(-1'000'000'000'000'000), 1'000'000'000'000'000) == -1'000'000'000'000'000);
    CHECK_FALSE(narrow(WideInteger(-1'000'000'000'000'001), 1'000'000'000'000'000));
    CHECK_FALSE(narrow(WideInteger(INT64_MAX) * 2, INT64_MAX));
    CHECK(narrow(WideInteger(INT64_MAX) * 2 / 2, INT64_MAX) == INT64_MAX);
    CHECK(loyalty::detail::power_of_ten(36).to_string() == "1" + std::string(36, '0'));
}
