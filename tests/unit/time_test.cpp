#include <catch2/catch.hpp>

#include "test_support.hpp"

using loyalty::Date;
using loyalty::Timestamp;

TEST_CASE("dates exist or are refused", "[time]") {
    CHECK(Date::parse("2024-02-29").has_value());
    CHECK_FALSE(Date::parse("2023-02-29").has_value());
    CHECK_FALSE(Date::parse("2026-13-01").has_value());
    CHECK_FALSE(Date::parse("2026-1-01").has_value());
    CHECK(Date::parse("1970-01-01")->days_since_epoch() == 0);
    CHECK(Date::parse("2026-03-02")->to_string() == "2026-03-02");
    CHECK(Date::parse("2026-03-02")->month() == 3);
}

TEST_CASE("timestamps need an offset and keep it", "[time]") {
    const auto at = Timestamp::parse("2026-03-02T10:15:00-05:00");
    REQUIRE(at);
    CHECK(at->utc_seconds() == Timestamp::parse("2026-03-02T15:15:00Z")->utc_seconds());
    CHECK(at->to_string() == "2026-03-02T10:15:00-05:00");
    CHECK(Timestamp::parse("2026-03-02T10:15:00.250+05:30")->to_string() == "2026-03-02T10:15:00+05:30");
    CHECK_FALSE(Timestamp::parse("2026-03-02T10:15:00").has_value());
    CHECK_FALSE(Timestamp::parse("2026-03-02T24:00:00Z").has_value());
    CHECK_FALSE(Timestamp::parse("2026-02-30T10:00:00Z").has_value());
    CHECK_FALSE(Timestamp::parse("2026-03-02T10:15:00+5:00").has_value());
}

namespace {

/// Whether a purchase at `at` falls in a promotion window [from, until) under `zone`.
bool in_window(const char* zone, const char* from, const char* until, const char* at) {
    const auto program = test::program(test::header("USD", zone) +
                                       "earn:\n  - id: base\n    rate: {points: 1, per: 1.00}\n"
                                       "  - id: promo\n    active: {from: " + from + ", until: " + until +
                                       "}\n    bonus: 7\n");
    const auto tx = test::purchase("t", at, {test::item("A", "x", "1.00")});
    return test::points(program.evaluate(test::member(), tx)) == 8;
}

}  // namespace

TEST_CASE("windows are half-open on the program's wall clock", "[time]") {
    CHECK_FALSE(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-11-26T23:59:59-05:00"));
    CHECK(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-11-27T00:00:00-05:00"));
    // The same instant written in UTC is still before the window opens in the program's zone.
    CHECK_FALSE(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-11-27T04:59:59Z"));
    CHECK(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-11-27T05:00:00Z"));
    CHECK(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-11-30T23:59:59-05:00"));
    CHECK_FALSE(in_window("\"-05:00\"", "2026-11-27", "2026-12-01", "2026-12-01T00:00:00-05:00"));
    CHECK(in_window("\"+05:30\"", "2026-11-27", "2026-12-01", "2026-11-26T18:30:00Z"));
}

TEST_CASE("POSIX time zone rules follow daylight saving time", "[time]") {
    // New York: EST (UTC−5) in winter, EDT (UTC−4) from the second Sunday of March.
    const char* new_york = "EST5EDT,M3.2.0,M11.1.0";
    CHECK_FALSE(in_window(new_york, "2026-07-01", "2026-07-02", "2026-07-01T03:59:59Z"));
    CHECK(in_window(new_york, "2026-07-01", "2026-07-02", "2026-07-01T04:00:00Z"));
    CHECK_FALSE(in_window(new_york, "2026-01-15", "2026-01-16", "2026-01-15T04:59:59Z"));
    CHECK(in_window(new_york, "2026-01-15", "2026-01-16", "2026-01-15T05:00:00Z"));
    // 2026-03-08 02:00 EST the clocks jump to 03:00 EDT.
    CHECK_FALSE(in_window(new_york, "2026-03-08T03:00", "2026-03-09", "2026-03-08T06:59:59Z"));
    CHECK(in_window(new_york, "2026-03-08T03:00", "2026-03-09", "2026-03-08T07:00:00Z"));
    // Sydney, southern hemisphere: AEDT (UTC+11) in January, AEST (UTC+10) in July.
    const char* sydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";
    CHECK(in_window(sydney, "2026-01-15", "2026-01-16", "2026-01-14T13:00:00Z"));
    CHECK_FALSE(in_window(sydney, "2026-01-15", "2026-01-16", "2026-01-14T12:59:59Z"));
    CHECK(in_window(sydney, "2026-07-15", "2026-07-16", "2026-07-14T14:00:00Z"));
    CHECK_FALSE(in_window(sydney, "2026-07-15", "2026-07-16", "2026-07-14T13:59:59Z"));
    // A zone with no daylight saving and an angle-bracket name.
    CHECK(in_window("<+0530>-5:30", "2026-11-27", "2026-12-01", "2026-11-26T18:30:00Z"));
}

TEST_CASE("POSIX transition rules out of range are refused before they reach Boost", "[time]") {
    for (const char* zone : {"EST5EDT,M3..0,2M11.1.0", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0",
                             "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,J0,J365", "EST5EDT,366,300",
                             "EST5EDT,M3.2.0/25,M11.1.0", "EST5EDT,M3.2.0/2:60,M11.1.0", "EST5EDT,M3.2.0/2:00:00:00,M11.1.0",
                             "EST5EDT,M3.2.0,", "EST5EDT,,M11.1.0"}) {
        INFO(zone);
        CHECK(test::first_code(test::header("USD", std::string("\"") + zone + "\"")) == "E111");
    }
    for (const char* zone : {"EST5EDT,M3.2.0/2,M11.1.0/2:00:00", "CET-1CEST,J60,J300", "AEST-10AEDT,M10.1.0,M4.1.0/3"}) {
        INFO(zone);
        CHECK(test::first_code(test::header("USD", std::string("\"") + zone + "\"")).empty());
    }
}
