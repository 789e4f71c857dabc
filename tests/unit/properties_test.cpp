// Invariants 10 to 12 of docs/reliability.md as properties over seeded random inputs: windows are
// half-open on the program's clock, tiers follow the counts and not how they were reached, and no
// amount ever overflows.

#include <cstdio>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

/// `utc_seconds` written with an offset of `offset_minutes`, as RFC 3339.
std::string stamp(std::int64_t utc_seconds, int offset_minutes) {
    const std::int64_t local = utc_seconds + offset_minutes * 60;
    const std::int64_t day = local >= 0 ? local / 86'400 : -((-local + 86'399) / 86'400);
    const std::int64_t seconds = local - day * 86'400;
    const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char text[64];
    std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d%c%02d:%02d", loyalty::Date::from_days_since_epoch(day)->to_string().c_str(),
                  static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60),
                  offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
    return text;
}

bool fired(const loyalty::Outcome& outcome, const std::string& rule) {
    for (const auto& delta : outcome.deltas) {
        if (outcome.rule_id(delta) == rule) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a window is open from its first second to before its last on the program's clock", "[properties]") {
    // Black Friday runs [2026-11-27T00:00, 2026-12-01T00:00) in New York, where late November is
    // UTC−5. Instants around both ends, written in any offset from −12:00 to +14:00.
    const auto program = test::rules_file("corner-cafe.yaml");
    const std::int64_t from = 1'795'755'600;   // 2026-11-27T05:00:00Z
    const std::int64_t until = 1'796'101'200;  // 2026-12-01T05:00:00Z
    std::mt19937 random(10);
    for (int i = 0; i < 2000; ++i) {
        const std::int64_t edge = i % 2 ? from : until;
        const std::int64_t at = edge + static_cast<std::int64_t>(random() % 7200) - 3600;
        const int offset = (static_cast<int>(random() % 53) - 24) * 30;
        const auto tx = test::purchase("w" + std::to_string(i), stamp(at, offset), {test::item("MUG", "merch", "10.00")});
        INFO(loyalty::to_json(tx));
        CHECK(fired(program.evaluate(test::member(), tx), "black-friday") == (at >= from && at < until));
    }
    // The exact edges, in the program's own offset and in another.
    for (const int offset : {-300, 0, 840}) {
        CHECK(fired(program.evaluate(test::member(), test::purchase("a", stamp(from, offset), {test::item("M", "", "10.00")})), "black-friday"));
        CHECK_FALSE(fired(program.evaluate(test::member(), test::purchase("b", stamp(from - 1, offset), {test::item("M", "", "10.00")})), "black-friday"));
        CHECK(fired(program.evaluate(test::member(), test::purchase("c", stamp(until - 1, offset), {test::item("M", "", "10.00")})), "black-friday"));
        CHECK_FALSE(fired(program.evaluate(test::member(), test::purchase("d", stamp(until, offset), {test::item("M", "", "10.00")})), "black-friday"));
    }
}

TEST_CASE("tiers follow the counts and the review dates and not how the nights were booked", "[properties]") {
    // Two guests stay the same nights on the same days: one books each day's nights at once, the
    // other in random pieces. After every day and every close, their tiers are the same.
    const auto program = test::rules_file("s05-tier-ladder.yaml");
    std::mt19937 random(11);
    for (int guest = 0; guest < 40; ++guest) {
        loyalty::Member whole = test::member("whole"), pieces = test::member("pieces");
        int id = 0;
        for (int year = 2026; year <= 2028; ++year) {
            for (int month = 1; month <= 12; month += 1 + static_cast<int>(random() % 3)) {
                const std::string at = std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month) + "-10T15:00:00-05:00";
                const std::int64_t nights = 1 + static_cast<std::int64_t>(random() % 6);
                auto booking = test::purchase("b" + std::to_string(++id), at, {test::item("ROOM", "room", "100.00", nights)}, "store", "whole");
                whole = loyalty::apply(whole, program.evaluate(whole, booking));
                for (std::int64_t left = nights; left > 0;) {
                    const std::int64_t piece = 1 + static_cast<std::int64_t>(random() % static_cast<unsigned>(left));
                    left -= piece;
                    auto part = test::purchase("p" + std::to_string(++id), at, {test::item("ROOM", "room", "100.00", piece)}, "store", "pieces");
                    pieces = loyalty::apply(pieces, program.evaluate(pieces, part));
                }
                INFO("guest " << guest << ", " << at);
                CHECK(whole.tier == pieces.tier);
                CHECK(whole.tier_kept_until == pieces.tier_kept_until);
            }
            for (loyalty::Member* member : {&whole, &pieces}) {
                auto close = test::purchase("close-" + std::to_string(year) + member->id, std::to_string(year + 1) + "-01-01T09:00:00-05:00",
                                            {}, "store", member->id);
                close.kind = loyalty::TransactionKind::event;
                close.event_name = "period_close";
                close.attributes["period"] = std::to_string(year);
                *member = loyalty::apply(*member, program.evaluate(*member, close));
            }
            INFO("guest " << guest << ", after closing " << year);
            CHECK(whole.tier == pieces.tier);
            CHECK(whole.tier_kept_until == pieces.tier_kept_until);
        }
    }
}

TEST_CASE("no amount overflows: it is exact or refused with T030 and nothing applied", "[properties]") {
    const auto program = test::rules_file("corner-cafe.yaml");
    std::mt19937_64 random(12);
    int refused = 0, exact = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::int64_t price = static_cast<std::int64_t>(random() % 999'999'999'999'999ULL);
        const std::int64_t quantity = 1 + static_cast<std::int64_t>(random() % (i % 3 == 0 ? 1'000'000ULL : 10ULL));
        auto item = test::item("GOLD", i % 2 ? "coffee" : "merch", "0.00", quantity);
        item.unit_price = loyalty::Money(price, test::currency("USD"));
        const auto tx = test::purchase("x" + std::to_string(i), "2026-11-28T10:00:00-05:00", {item}, "app");
        loyalty::Outcome outcome;
        if (const auto error = program.evaluate(test::member("m1", "gold"), tx, outcome)) {
            INFO(error->code << " " << error->message);
            CHECK(error->code == "T030");
            CHECK(outcome.deltas.empty());
            ++refused;
            continue;
        }
        ++exact;
        std::int64_t sum = 0;
        for (const auto& posting : outcome.postings()) {
            if (posting.unit == "points") sum += posting.amount;
            CHECK(posting.amount <= 1'000'000'000'000'000);
            CHECK(posting.amount >= -1'000'000'000'000'000);
        }
        CHECK(sum == 0);
    }
    // Both sides of the limit were reached.
    CHECK(refused > 100);
    CHECK(exact > 100);
}
