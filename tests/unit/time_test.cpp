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

TEST_CASE("a window that ended in the repeated hour does not reopen when the clocks go back", "[time]") {
    // New York, 2026-11-01: 01:00–02:00 happens twice, first on EDT (UTC−4), then on EST (UTC−5).
    // 01:30 names its first occurrence, 05:30Z.
    const char* new_york = "EST5EDT,M3.2.0,M11.1.0";
    CHECK(in_window(new_york, "2026-10-31", "2026-11-01T01:30", "2026-11-01T01:29:59-04:00"));
    CHECK_FALSE(in_window(new_york, "2026-10-31", "2026-11-01T01:30", "2026-11-01T01:30:00-04:00"));
    CHECK_FALSE(in_window(new_york, "2026-10-31", "2026-11-01T01:30", "2026-11-01T01:15:00-05:00"));
    // A window opening in the repeated hour opens at the first 01:30 and stays open.
    CHECK(in_window(new_york, "2026-11-01T01:30", "2026-11-02", "2026-11-01T01:45:00-04:00"));
    CHECK(in_window(new_york, "2026-11-01T01:30", "2026-11-02", "2026-11-01T01:15:00-05:00"));
    // Sydney goes back on 2026-04-05 at 03:00 AEDT to 02:00 AEST: 02:30 is first 2026-04-04T15:30Z.
    const char* sydney = "AEST-10AEDT,M10.1.0,M4.1.0/3";
    CHECK_FALSE(in_window(sydney, "2026-04-01", "2026-04-05T02:30", "2026-04-05T02:10:00+10:00"));
    CHECK(in_window(sydney, "2026-04-01", "2026-04-05T02:30", "2026-04-05T02:10:00+11:00"));
}

TEST_CASE("a condition on tx.time compares instants, not wall-clock readings", "[time]") {
    const auto program = test::program(test::header("USD", "\"EST5EDT,M3.2.0,M11.1.0\"") +
                                       "earn:\n  - id: night-owl\n    when: tx.time < 2026-11-01T01:30\n    bonus: 5\n");
    const auto at = [&](const char* when) {
        return test::points(program.evaluate(test::member(), test::purchase("t", when, {test::item("A", "x", "1.00")})));
    };
    CHECK(at("2026-11-01T01:29:59-04:00") == 5);
    CHECK(at("2026-11-01T01:45:00-04:00") == 0);
    // An hour later the wall clock reads 01:15 again; the instant is past 01:30 EDT.
    CHECK(at("2026-11-01T01:15:00-05:00") == 0);
}

TEST_CASE("a local time the clocks skip is refused with E108", "[time]") {
    // 2026-03-08 in New York: 02:00 EST becomes 03:00 EDT; 02:00 to 02:59:59 never happen.
    const std::string new_york = test::header("USD", "\"EST5EDT,M3.2.0,M11.1.0\"");
    const auto window = [&](const char* from) {
        return test::diagnostics(new_york + "earn:\n  - id: promo\n    active: {from: " + from + "}\n    bonus: 7\n");
    };
    CHECK(window("2026-03-08T02:30").find(
              "error[E108]: 'from': 2026-03-08T02:30 does not exist on the program's clock (EST5EDT,M3.2.0,M11.1.0): "
              "the clocks go forward over it") != std::string::npos);
    CHECK(test::first_code(new_york + "earn:\n  - id: promo\n    active: {from: 2026-03-08T02:00}\n    bonus: 7\n") == "E108");
    CHECK(test::first_code(new_york + "earn:\n  - id: promo\n    active: {from: 2026-03-08T01:59:59}\n    bonus: 7\n").empty());
    CHECK(test::first_code(new_york + "earn:\n  - id: promo\n    active: {until: 2026-03-08T03:00}\n    bonus: 7\n").empty());
    CHECK(test::first_code(new_york + "earn:\n  - id: b\n    when: tx.time >= 2026-03-08T02:15\n    bonus: 7\n") == "E108");
    // Sydney skips 02:00–03:00 on 2026-10-04; a fixed offset skips nothing.
    CHECK(test::first_code(test::header("USD", "\"AEST-10AEDT,M10.1.0,M4.1.0/3\"") +
                           "earn:\n  - id: promo\n    active: {until: 2026-10-04T02:59}\n    bonus: 7\n") == "E108");
    CHECK(test::first_code(test::header("USD", "\"-05:00\"") +
                           "earn:\n  - id: promo\n    active: {until: 2026-03-08T02:30}\n    bonus: 7\n").empty());
}
