#include "eval/forgetting.hpp"

#include <algorithm>

#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

/// Coupons long past their last day are forgotten.
void forget_stale_coupons(Evaluation& evaluation) {
    const Date coupons_kept = evaluation.horizon.add_days(-limits::expired_coupon_kept_days).value_or(evaluation.horizon);
    const auto& earliest = evaluation.member.earliest_coupon_end;
    if (earliest && *earliest < coupons_kept) evaluation.change(StateChange::Kind::forget_coupons, "", coupons_kept);
}

}  // namespace

// Counter buckets, rule uses and coupons that no window needs any more are forgotten, so that a
// member's state does not grow with its history. "Any more" is as of the horizon: a transaction
// that comes late, within the allowance, still finds its own periods. What anything keeps
// depends on the horizon alone, and what a transaction adds is never before it: once the member
// has forgotten as of a horizon, nothing more is stale until the horizon moves on, so the state
// is looked through once per day at most, not on every transaction.
void forget_what_no_window_needs(Evaluation& evaluation) {
    const Date horizon = evaluation.horizon;
    const auto& forgotten_as_of = evaluation.member.forgotten_as_of;
    if (forgotten_as_of && !(*forgotten_as_of < horizon)) return;
    evaluation.change(StateChange::Kind::forgotten, "", horizon);
    const auto forget_stale_buckets = [&](const CounterRule& counter) {
        const Date keep = counter.keep_from(horizon);
        const bool stale = std::any_of(evaluation.member.counters.begin(), evaluation.member.counters.end(),
                                       [&](const CounterBucket& b) { return b.counter_id == counter.id && b.day < keep; });
        if (stale) evaluation.change(StateChange::Kind::forget, counter.id, keep);
    };
    for (const CounterRule& counter : evaluation.program.counters) forget_stale_buckets(counter);
    for (const EarnCap& cap : evaluation.program.caps) {
        if (cap.period) forget_stale_buckets(*cap.period);
    }
    if (evaluation.program.returns.accepted) {
        const Date keep = horizon.add_days(-evaluation.program.returns.window_days).value_or(horizon);
        const bool stale = std::any_of(evaluation.member.purchases.begin(), evaluation.member.purchases.end(),
                                       [&](const auto& record) { return record.second.day < keep; });
        if (stale) evaluation.change(StateChange::Kind::forget, "", keep);
    }
    // A rule's uses are in period order: the first is the oldest.
    const auto forget_stale_uses = [&](const std::string& rule_id, Date keep) {
        const auto oldest = evaluation.member.rule_uses.lower_bound(std::string_view(rule_id));
        const bool stale = oldest != evaluation.member.rule_uses.end() && oldest->rule_id == rule_id && oldest->period_start < keep;
        if (stale) evaluation.change(StateChange::Kind::forget, rule_id, keep);
    };
    // A member without uses has none to forget: a program of a thousand rules costs nothing here.
    if (evaluation.member.rule_uses.empty()) {
        forget_stale_coupons(evaluation);
        return;
    }
    for (const LevelReward& level : evaluation.program.levels) {
        forget_stale_uses(level.id, evaluation.program.counters[level.counter].bucket_of(horizon));
    }
    // A close of a period whose counts are forgotten pays nothing: its use need not be kept.
    for (const Rebate& rebate : evaluation.program.rebates) {
        forget_stale_uses(rebate.id, evaluation.program.counters[rebate.counter].keep_from(horizon));
    }
    for (const EarnRule& rule : evaluation.program.earn_rules) {
        if (rule.limit.kind != FiringLimit::Kind::unlimited) forget_stale_uses(rule.id, rule.limit.keep_from(horizon));
    }
    forget_stale_coupons(evaluation);
}

void set_late_horizon(Evaluation& evaluation) {
    const Date today = evaluation.today;
    const std::optional<Date>& member_latest = evaluation.member.latest_day;
    const Date latest = member_latest && today < *member_latest ? *member_latest : today;
    const std::int64_t allowed = evaluation.program.late_days_allowed;
    evaluation.horizon = latest.add_days(-allowed).value_or(latest);
    if (today < evaluation.horizon) {
        evaluation.refuse("T032", "at",
                          "the transaction's day " + today.to_string() + " is more than " + std::to_string(allowed) +
                              " days before " + latest.to_string() +
                              ", the member's latest, the most the program allows (late_transactions.allowed_days)");
    }
}

}  // namespace loyalty::detail
