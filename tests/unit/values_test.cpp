#include <catch2/catch.hpp>

#include "test_support.hpp"

using loyalty::Decimal;
using loyalty::Money;

TEST_CASE("decimals are read exactly from their text", "[values]") {
    CHECK(Decimal::parse("1.25")->mantissa == 125);
    CHECK(Decimal::parse("1.25")->scale == 2);
    CHECK(Decimal::parse("0.050")->to_string() == "0.050");
    CHECK(Decimal::parse("-3")->mantissa == -3);
    CHECK(Decimal::parse("9223372036854775807")->mantissa == INT64_MAX);
    CHECK(loyalty::compare(*Decimal::parse("1.10"), *Decimal::parse("1.1")) == 0);
    CHECK(loyalty::compare(*Decimal::parse("0.999"), *Decimal::parse("1")) < 0);
}

TEST_CASE("decimals refuse every other spelling", "[values]") {
    for (const char* text : {"0x10", "010", "1e3", "1E3", "1_000", "+5", "1,000", ".5", "5.", "",
                             "-", ".nan", ".inf", "9223372036854775808", "1.2.3", " 1", "1 "}) {
        INFO(text);
        CHECK_FALSE(Decimal::parse(text).has_value());
    }
}

TEST_CASE("currencies carry their ISO 4217 exponent", "[values]") {
    CHECK(test::currency("USD").exponent() == 2);
    CHECK(test::currency("JPY").exponent() == 0);
    CHECK(test::currency("KWD").exponent() == 3);
    CHECK(test::currency("CLF").exponent() == 4);
    CHECK_FALSE(loyalty::Currency::find("usd").has_value());
    CHECK_FALSE(loyalty::Currency::find("XXX").has_value());
    CHECK_FALSE(loyalty::Currency::find("US").has_value());
}

TEST_CASE("money is parsed into minor units of its currency", "[values]") {
    CHECK(test::money("60.50").minor_units() == 6050);
    CHECK(test::money("60.5").minor_units() == 6050);
    CHECK(test::money("60").minor_units() == 6000);
    CHECK(test::money("1500", "JPY").minor_units() == 1500);
    CHECK(test::money("1.234", "KWD").minor_units() == 1234);
    CHECK(test::money("60.50").to_string() == "60.50 USD");
    CHECK(test::money("0.005", "KWD").amount_text() == "0.005");
    CHECK(test::money("-0.05").amount_text() == "-0.05");
}

TEST_CASE("money refuses more decimals than its currency has", "[values]") {
    CHECK_FALSE(Money::parse("60.505", test::currency("USD")).has_value());
    CHECK_FALSE(Money::parse("1.5", test::currency("JPY")).has_value());
    CHECK_FALSE(Money::parse("1.2345", test::currency("KWD")).has_value());
}

TEST_CASE("money arithmetic is checked, never wrapped", "[values]") {
    const Money limit(Money::minor_units_max, test::currency("USD"));
    CHECK_THROWS_AS(limit + Money(1, test::currency("USD")), loyalty::ArithmeticError);
    CHECK_THROWS_AS(limit.times(2), loyalty::ArithmeticError);
    CHECK_THROWS_AS(Money(INT64_MAX, test::currency("USD")), loyalty::ArithmeticError);
    CHECK_THROWS_AS(test::money("1") + test::money("1", "EUR"), loyalty::ArithmeticError);
    CHECK_FALSE(Money::parse("10000000000000.01", test::currency("USD")).has_value());
}

TEST_CASE("money's checked forms return nothing where its operators throw", "[values]") {
    const auto usd = test::currency("USD");
    const Money limit(Money::minor_units_max, usd);
    CHECK_FALSE(Money::of(Money::minor_units_max + 1, usd));
    CHECK_FALSE(Money::of(INT64_MIN, usd));
    CHECK(Money::of(-Money::minor_units_max, usd)->minor_units() == -Money::minor_units_max);
    CHECK_FALSE(limit.plus(Money(1, usd)));
    CHECK(limit.minus(Money(1, usd))->minor_units() == Money::minor_units_max - 1);
    CHECK_FALSE(Money(-Money::minor_units_max, usd).minus(Money(1, usd)));
    CHECK_FALSE(test::money("1").plus(test::money("1", "EUR")));
    CHECK_FALSE(Money(3, usd).times_checked(Money::minor_units_max / 2));
    CHECK_FALSE(Money(4'000'000'000, usd).times_checked(4'000'000'000'000));
    CHECK_FALSE(Money(1, usd).times_checked(INT64_MIN));
    CHECK(Money(250, usd).times_checked(-3)->minor_units() == -750);
    CHECK(test::money("60.50").plus(test::money("0.55"))->to_string() == "61.05 USD");
    // Any whole number of minor units has its text, in the currency's decimals.
    CHECK(Money::text_of(INT64_MIN, usd) == "-92233720368547758.08 USD");
    CHECK(Money::text_of(5, test::currency("JPY")) == "5 JPY");
    CHECK(Money::text_of(-5, test::currency("KWD")) == "-0.005 KWD");
}

TEST_CASE("points arithmetic is checked, never wrapped", "[values]") {
    const loyalty::Points most{loyalty::Points::value_max};
    CHECK_THROWS_AS(most + loyalty::Points{1}, loyalty::ArithmeticError);
    CHECK_THROWS_AS(loyalty::Points{-loyalty::Points::value_max} - loyalty::Points{1}, loyalty::ArithmeticError);
    CHECK((loyalty::Points{5} - loyalty::Points{7}).value == -2);
    CHECK_FALSE(most.plus(loyalty::Points{1}));
    CHECK(most.minus(loyalty::Points{1})->value == loyalty::Points::value_max - 1);
    CHECK_FALSE(loyalty::Points{INT64_MAX}.plus(loyalty::Points{INT64_MAX}));
    CHECK_FALSE(loyalty::Points{INT64_MIN}.minus(loyalty::Points{1}));
    CHECK(loyalty::Points{-3}.plus(loyalty::Points{10})->value == 7);
}

TEST_CASE("a member's points are checked, or refused whole", "[values]") {
    loyalty::Member member;
    member.id = "m";
    member.lots = {{"a", *loyalty::Date::from_ymd(2026, 1, 1), std::nullopt, loyalty::Points{loyalty::Points::value_max}, std::nullopt},
                   {"b", *loyalty::Date::from_ymd(2026, 1, 2), std::nullopt, loyalty::Points{1}, std::nullopt}};
    CHECK_FALSE(member.checked_points());
    CHECK_THROWS_AS(member.points(), loyalty::ArithmeticError);
    // Less what is below zero, the balance is within the range again.
    member.below_zero = loyalty::Points{1};
    CHECK(member.checked_points()->value == loyalty::Points::value_max);
    CHECK(member.checked_pending_points()->value == 0);
    member.lots[1].pending_until = *loyalty::Date::from_ymd(2026, 2, 1);
    CHECK(member.pending_points().value == 1);
    CHECK(member.points().value == loyalty::Points::value_max - 1);
}

TEST_CASE("every rounding mode is applied as stated", "[values][rounding]") {
    const auto earn_with = [](const char* rounding, const char* amount) {
        const auto program = test::program(test::header() +
                                           "earn:\n  - id: base\n    rate:\n      points: 1\n"
                                           "      per: 1.00\n      rounding: " +
                                           rounding + "\n");
        const auto tx = test::purchase("t", "2026-03-02T10:00:00-05:00", {test::item("A", "x", amount)});
        return test::points(program.evaluate(test::member(), tx));
    };
    // ties (10.50, 11.50), just below and just above a half
    CHECK(earn_with("floor", "10.50") == 10);
    CHECK(earn_with("floor", "10.99") == 10);
    CHECK(earn_with("ceil", "10.50") == 11);
    CHECK(earn_with("ceil", "10.01") == 11);
    CHECK(earn_with("ceil", "10.00") == 10);
    CHECK(earn_with("half_up", "10.50") == 11);
    CHECK(earn_with("half_up", "10.49") == 10);
    CHECK(earn_with("half_even", "10.50") == 10);
    CHECK(earn_with("half_even", "11.50") == 12);
    CHECK(earn_with("half_even", "10.51") == 11);
}

TEST_CASE("a product beyond the exact range is refused, not wrapped", "[values]") {
    const auto program = test::program(test::header() +
                                       "earn:\n  - id: base\n    rate:\n      points: 999999999999999\n"
                                       "      per: 0.01\n");
    const auto tx = test::purchase("t-big", "2026-03-02T10:00:00-05:00", {test::item("A", "x", "1000000.00", 1000)});
    try {
        program.evaluate(test::member(), tx);
        FAIL("expected an error");
    } catch (const loyalty::TransactionError& error) {
        CHECK(error.code() == "T030");
        CHECK(error.transaction_id() == "t-big");
        CHECK_THAT(error.what(), Catch::Contains("points earned"));
    }
}
