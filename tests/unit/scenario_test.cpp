// Acceptance scenarios through the C++ interface, each against its rule file in rules/.

#include <catch2/catch.hpp>

#include "test_support.hpp"

TEST_CASE("S1: a thousand points become a 10 % coupon that the next purchase uses", "[scenario][S1]") {
    const auto program = test::rules_file("s01-points-threshold.yaml");
    auto member = test::member();
    member.set_opening_balance(loyalty::Points{950});

    const auto first = program.evaluate(member, test::purchase("s1-1", "2026-03-02T12:00:00-06:00",
                                                               {test::item("A", "x", "60.50")}));
    REQUIRE(first.deltas.size() == 3);
    const loyalty::Delta& burn = first.deltas[1];
    CHECK(burn.kind == loyalty::DeltaKind::burn);
    // The opening balance never expires, so the new lot, which does not either, is younger: the
    // opening lot goes first.
    REQUIRE(burn.consumed_lots.size() == 2);
    CHECK(burn.consumed_lots[0].lot_id == "opening");
    CHECK(burn.consumed_lots[0].points == 950);
    CHECK(burn.consumed_lots[1].lot_id == "s1-1/base@1");
    CHECK(burn.consumed_lots[1].points == 50);
    member = loyalty::apply(member, first);
    CHECK(member.points().value == 10);
    REQUIRE(member.coupons.size() == 1);
    const loyalty::Coupon coupon = member.coupons.begin()->second;
    CHECK(coupon.id == "s1-1/ten-percent-off:coupon@1");
    CHECK(coupon.valid_until == *loyalty::Date::parse("2026-04-01"));

    auto second_purchase = test::purchase("s1-2", "2026-03-10T12:00:00-06:00", {test::item("B", "x", "80.00")});
    second_purchase.coupons = {coupon.id};
    const auto second = program.evaluate(member, second_purchase);
    CHECK(test::deltas(second) == std::vector<std::pair<std::string, std::int64_t>>{
                                      {"coupons", 1}, {"coupons", 800}, {"base", 72}});
    CHECK(second.unit(second.deltas[1]) == "USD");
    member = loyalty::apply(member, second);
    CHECK(member.points().value == 82);
    CHECK(member.coupons.begin()->second.used_by == "s1-2");

    // Presented again, it gives nothing and says why.
    auto third_purchase = test::purchase("s1-3", "2026-03-11T12:00:00-06:00", {test::item("C", "x", "10.00")});
    third_purchase.coupons = {coupon.id};
    const auto third = program.evaluate(member, third_purchase);
    REQUIRE(third.notices.size() == 1);
    CHECK(third.notices[0].message == "coupon s1-1/ten-percent-off:coupon@1 was already used, by s1-2");
}

TEST_CASE("S10: app and web orders earn 25 % more, rounded down; one balance on every channel",
          "[scenario][S10]") {
    const auto program = test::rules_file("s10-channel-rewards.yaml");
    const auto order = [](const char* id, const char* amount, const char* channel) {
        return test::purchase(id, "2026-05-04T12:00:00-06:00", {test::item("A", "x", amount, 1, "MXN")}, channel);
    };
    CHECK(test::points(program.evaluate(test::member(), order("s10-1", "100.00", "store"))) == 100);
    CHECK(test::points(program.evaluate(test::member(), order("s10-2", "100.00", "app"))) == 125);
    const auto web = program.evaluate(test::member(), order("s10-3", "10.50", "web"));
    CHECK(test::deltas(web) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 10}, {"online-orders", 2}});
    CHECK(program.explain(web, 1).value() ==
          "Online order bonus: 2 points more, ×1.25 on the 10 points from Points on your purchase, rounded down.");

    auto member = test::member();
    member = loyalty::apply(member, program.evaluate(member, order("s10-4", "40.00", "app")));
    member = loyalty::apply(member, program.evaluate(member, order("s10-5", "40.00", "store")));
    CHECK(member.points().value == 50 + 40);
}

TEST_CASE("S11: an order of 100.00 or more earns 200 bonus points; 99.99 earns none", "[scenario][S11]") {
    const auto program = test::rules_file("s11-large-order.yaml");
    const auto big = program.evaluate(test::member(), test::purchase("s11-1", "2026-05-04T12:00:00-05:00",
                                                                     {test::item("A", "x", "100.00")}));
    CHECK(test::deltas(big) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 100}, {"large-order", 200}});
    CHECK(program.explain(big, 1).value() == "Large order bonus for 100.00 or more: 200 points bonus.");
    const auto small = program.evaluate(test::member(), test::purchase("s11-2", "2026-05-04T12:00:00-05:00",
                                                                       {test::item("A", "x", "99.99")}));
    CHECK(test::deltas(small) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 99}});
}

TEST_CASE("S13: one transaction earns at most 500 points, and the cap names itself", "[scenario][S13]") {
    const auto program = test::rules_file("s13-cap.yaml");
    const auto capped = program.evaluate(test::member(), test::purchase("s13-1", "2026-05-04T12:00:00-05:00",
                                                                        {test::item("TV", "x", "640.00")}));
    CHECK(test::points(capped) == 500);
    CHECK(program.explain(capped, 0).value() ==
          "Points on your purchase: 640 points for 640.00 USD paid at 1 point per 1.00 USD. Limited by the 500-point "
          "limit per purchase to 500 points per transaction: 140 points over the cap not awarded.");
    const auto under = program.evaluate(test::member(), test::purchase("s13-2", "2026-05-04T12:00:00-05:00",
                                                                       {test::item("TV", "x", "500.99")}));
    CHECK(test::points(under) == 500);
    CHECK_THAT(program.explain(under, 0).value(), !Catch::Contains("Limited"));
}

TEST_CASE("the cap trims the last rules first", "[scenario][S13]") {
    const auto program = test::program(test::header() + R"(earn:
  - id: base
    rate: {points: 1, per: 1.00}
  - id: first-bonus
    bonus: 100
  - id: second-bonus
    bonus: 100
caps:
  - id: cap
    points_max: 450
    per: transaction
)");
    const auto outcome = program.evaluate(test::member(), test::purchase("t", "2026-05-04T12:00:00-05:00",
                                                                         {test::item("A", "x", "400.00")}));
    CHECK(test::deltas(outcome) == std::vector<std::pair<std::string, std::int64_t>>{{"base", 400}, {"first-bonus", 50}});
    CHECK_THAT(program.explain(outcome, outcome.deltas.size() - 1).value(), Catch::EndsWith("150 points over the cap not awarded."));
}

TEST_CASE("S14: double points from 2026-11-27 00:00 to 2026-11-30 24:00, program time", "[scenario][S14]") {
    const auto program = test::rules_file("s14-promotion-window.yaml");
    const auto earned_at = [&](const char* at) {
        return test::points(program.evaluate(test::member(), test::purchase("s14", at, {test::item("A", "x", "30.00")})));
    };
    CHECK(earned_at("2026-11-26T23:59:59-05:00") == 30);
    CHECK(earned_at("2026-11-27T00:00:00-05:00") == 60);  // Friday
    CHECK(earned_at("2026-11-28T13:00:00-05:00") == 60);  // Saturday
    CHECK(earned_at("2026-11-30T23:59:59-05:00") == 60);  // Monday
    CHECK(earned_at("2026-12-01T00:00:00-05:00") == 30);
    CHECK(earned_at("2026-11-27T04:59:59Z") == 30);       // 23:59:59 on the 26th in the program's zone
}

TEST_CASE("S15: about one purchase in 50 gets a surprise, the same one every time", "[scenario][S15]") {
    const auto program = test::rules_file("s15-surprise.yaml");
    std::vector<std::string> drawn;
    for (int i = 0; i < 10'000; ++i) {
        const auto tx = test::purchase("order-" + std::to_string(i), "2026-05-04T12:00:00-05:00",
                                       {test::item("A", "x", "10.00")});
        if (!program.evaluate(test::member(), tx).deltas.empty()) drawn.push_back(tx.id);
    }
    // 200 expected; a binomial spread of 14: far outside this range, the draw is not 1 in 50.
    CHECK(drawn.size() > 150);
    CHECK(drawn.size() < 250);
    for (const std::string& id : drawn) {
        const auto again = program.evaluate(test::member("other"), test::purchase(id, "2030-01-01T00:00:00Z",
                                                                                  {test::item("B", "y", "1.00")}, "app",
                                                                                  "other"));
        CHECK(again.deltas.size() == 1);
    }
}

TEST_CASE("a member app's view: expiring points, the tier and the way to the next", "[api][summary]") {
    const auto hotel = test::rules_file("s05-tier-ladder.yaml");
    auto member = test::member();
    auto stay = test::purchase("n1", "2026-02-10T15:00:00-05:00", {test::item("ROOM", "room", "100.00", 11)});
    member = loyalty::apply(member, hotel.evaluate(member, stay));
    const auto viewed = hotel.summarize(member, *loyalty::Date::parse("2026-03-01"), 30);
    REQUIRE(viewed.ok());
    const loyalty::MemberSummary& summary = *viewed;
    CHECK(summary.spendable.value == 11000);
    CHECK(summary.tier == "silver");
    CHECK(summary.tier_kept_until == loyalty::Date::parse("2027-12-31"));
    CHECK(summary.next_tier == "gold");
    CHECK(summary.next_tier_explanation == "14 more for gold: qualifying nights this year 11 of 25.");

    const auto expiring = test::rules_file("s08-points-expiry.yaml");
    auto saver = test::member();
    saver = loyalty::apply(saver, expiring.evaluate(saver, test::purchase("e1", "2025-01-15T10:00:00-05:00",
                                                                          {test::item("A", "x", "100.00")})));
    saver = loyalty::apply(saver, expiring.evaluate(saver, test::purchase("e2", "2025-06-01T10:00:00-05:00",
                                                                          {test::item("B", "x", "200.00")})));
    const loyalty::MemberSummary soon = expiring.summarize(saver, *loyalty::Date::parse("2025-12-20"), 30).value();
    CHECK(soon.spendable.value == 300);
    CHECK(soon.expiring_soon.value == 100);
    CHECK(soon.next_expiry == loyalty::Date::parse("2026-01-15"));
    CHECK(soon.next_tier.empty());
}

TEST_CASE("a member app's view of a state whose sums leave the exact range is an error, not a guess", "[api][summary]") {
    const auto expiring = test::rules_file("s08-points-expiry.yaml");
    loyalty::Member member = loyalty::member_from_json(
        R"({"id":"big","lots":[{"id":"a","earned_on":"2025-01-15","expires_on":"2026-01-15","points":900000000000000},)"
        R"({"id":"b","earned_on":"2025-01-16","expires_on":"2026-01-16","points":900000000000000}]})");
    const auto viewed = expiring.summarize(member, *loyalty::Date::parse("2026-01-10"), 30);
    REQUIRE_FALSE(viewed.ok());
    CHECK(viewed.error().code == "T030");
    CHECK_THAT(viewed.error().message, Catch::StartsWith("member 'big': "));
}
