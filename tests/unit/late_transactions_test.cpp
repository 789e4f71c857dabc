// Tills upload late: transactions delivered out of order within the program's allowance are
// judged in their own periods. Over random histories: no once-per-period reward is paid twice,
// every cap holds in every period, and what is older than the allowance is refused.

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

constexpr int allowed_days = 6;

std::string late_program() {
    return test::header("EUR", "CET-1CEST,M3.5.0,M10.5.0/3") + "late_transactions:\n  allowed_days: " +
           std::to_string(allowed_days) + R"(
counters:
  - {id: spend-this-month, counts: spend, period: calendar_month}
earn:
  - {id: base, rate: {points: 1, per: 1.00}}
  - {id: welcome, once: ever, bonus: 30}
  - {id: monthly, once: per_calendar_month, bonus: 20}
  - {id: yearly, once: per_calendar_year, bonus: 45}
  - {id: treat, cooldown_days: 5, bonus: 9}
caps:
  - {id: daily, points_max: 120, per: day}
  - {id: month-cap, points_max: 900, per: calendar_month}
levels:
  - {id: big-month, counter: spend-this-month, reaches: 250.00, coupon: {percent_off: 5, valid_days: 30}}
)";
}

struct Delivery {
    loyalty::Transaction transaction;
    std::int64_t day = 0;        // the transaction's day, from the start
    std::int64_t uploaded = 0;   // when the till sends it, in seconds from the start
};

/// Purchases of `members` over about `days` days, each sent 0 to allowed_days + 3 days after it
/// happened, in the order they are sent.
std::vector<Delivery> deliveries(unsigned seed, int members, int days) {
    std::mt19937 random(seed);
    const auto below = [&](unsigned n) { return static_cast<std::int64_t>(random() % n); };
    std::vector<Delivery> all;
    const loyalty::Date start = *loyalty::Date::parse("2026-01-20");
    for (int d = 0; d < days; ++d) {
        for (int m = 0; m < members; ++m) {
            if (below(3) != 0) continue;
            for (std::int64_t n = 0, count = 1 + below(2); n < count; ++n) {
                const std::int64_t second = 8 * 3600 + below(12 * 3600);
                char clock[16];
                std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d", static_cast<int>(second / 3600),
                              static_cast<int>(second / 60 % 60), static_cast<int>(second % 60));
                const std::string at = start.add_days(d)->to_string() + clock + "+01:00";
                const std::string id = "t" + std::to_string(all.size());
                const std::string price = std::to_string(5 + below(60)) + ".00";
                loyalty::Transaction tx = test::purchase(id, at, {test::item("A", "x", price, 1, "EUR")}, "store",
                                                         "m" + std::to_string(m));
                tx.currency = test::currency("EUR");
                // Most arrive the same day; some are held by an offline till, a few too long.
                const std::int64_t delay = below(4) == 0 ? below(allowed_days + 4) : 0;
                all.push_back({tx, d, (d + delay) * 86'400 + second});
            }
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const Delivery& a, const Delivery& b) { return a.uploaded < b.uploaded; });
    return all;
}

std::string month_of(std::int64_t day) {
    return loyalty::Date::parse("2026-01-20")->add_days(day)->to_string().substr(0, 7);
}

}  // namespace

TEST_CASE("late transactions within the allowance never pay a period's reward twice, and caps hold per period",
          "[invariants][late]") {
    const auto program = test::program(late_program());
    for (unsigned seed = 31; seed <= 33; ++seed) {
        INFO("seed " << seed);
        std::map<std::string, loyalty::Member> members;
        std::map<std::string, std::int64_t> latest;                    // member → latest day applied
        std::map<std::tuple<std::string, std::string, std::string>, int> once;  // member, rule, period
        std::map<std::pair<std::string, std::int64_t>, std::int64_t> earned_on_day;
        std::map<std::pair<std::string, std::string>, std::int64_t> earned_in_month;
        std::map<std::string, std::vector<std::int64_t>> treats;
        int late = 0, refused = 0, late_rewards = 0;
        for (const Delivery& delivery : deliveries(seed, 12, 200)) {
            const loyalty::Transaction& tx = delivery.transaction;
            loyalty::Member& member = members.try_emplace(tx.member_id, test::member(tx.member_id)).first->second;
            const auto seen = latest.find(tx.member_id);
            const bool is_late = seen != latest.end() && delivery.day < seen->second;
            const bool too_late = seen != latest.end() && delivery.day < seen->second - allowed_days;
            loyalty::Outcome outcome;
            const auto error = program.evaluate(member, tx, outcome);
            if (too_late) {
                REQUIRE(error);
                CHECK(error->code == "T032");
                CHECK(outcome.deltas.empty());
                ++refused;
                continue;
            }
            REQUIRE_FALSE(error);
            late += is_late ? 1 : 0;
            const std::string month = month_of(delivery.day);
            for (const loyalty::Delta& delta : outcome.deltas) {
                if (delta.kind == loyalty::DeltaKind::earn) {
                    earned_on_day[{tx.member_id, delivery.day}] += delta.amount;
                    earned_in_month[{tx.member_id, month}] += delta.amount;
                }
                const std::string rule(outcome.rule_id(delta));
                if (rule == "welcome") ++once[{tx.member_id, rule, ""}];
                if (rule == "monthly" || rule == "big-month") ++once[{tx.member_id, rule, month}];
                if (rule == "yearly") ++once[{tx.member_id, rule, month.substr(0, 4)}];
                if (rule == "treat") treats[tx.member_id].push_back(delivery.day);
                if (is_late && rule != "base") ++late_rewards;
            }
            member = loyalty::apply(member, outcome);
            latest[tx.member_id] = std::max(seen == latest.end() ? delivery.day : seen->second, delivery.day);
        }
        for (const auto& [key, count] : once) {
            INFO(std::get<0>(key) << " " << std::get<1>(key) << " " << std::get<2>(key));
            CHECK(count == 1);
        }
        for (const auto& [key, points] : earned_on_day) CHECK(points <= 120);
        for (const auto& [key, points] : earned_in_month) CHECK(points <= 900);
        for (auto& [member, days] : treats) {
            std::sort(days.begin(), days.end());
            for (std::size_t i = 1; i < days.size(); ++i) CHECK(days[i] - days[i - 1] >= 5);
        }
        // The histories exercise what they claim to.
        CHECK(late > 50);
        CHECK(late_rewards > 5);
        CHECK(refused > 5);
        CHECK(once.size() > 12 * 7);
    }
}
