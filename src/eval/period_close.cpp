#include "eval/period_close.hpp"

#include <algorithm>

#include "core/wide_integer.hpp"

namespace loyalty::detail {
namespace {

struct Period {
    bool month = false;
    Date start = *Date::from_ymd(1970, 1, 1);
    Date end = *Date::from_ymd(1970, 1, 1);  // last day
    std::string name;
};

std::optional<Period> parse_period(const std::string& text) {
    Period period;
    period.name = text;
    if (text.size() == 4) {
        const auto start = Date::parse(text + "-01-01");
        if (!start) return std::nullopt;
        period.start = *start;
        period.end = *Date::parse(text + "-12-31");
        return period;
    }
    const auto start = text.size() == 7 ? Date::parse(text + "-01") : std::nullopt;
    if (!start) return std::nullopt;
    period.month = true;
    period.start = *start;
    period.end = *start->add_months(1)->add_days(-1);
    return period;
}

bool counts_by(const CounterRule& counter, const Period& period) {
    return counter.period == (period.month ? CounterPeriod::calendar_month : CounterPeriod::calendar_year);
}

std::int64_t value_in(Evaluation& evaluation, const CounterRule& counter, Date bucket) {
    std::int64_t total = 0;
    for (const CounterBucket& b : evaluation.member.counters) {
        if (b.counter_id == counter.id && b.day == bucket) total = evaluation.add(total, b.value, "a counter");
    }
    return total;
}

/// The last day of the period after the one `day` falls in.
Date end_of_next_period(const CounterRule& counter, Date day) {
    if (counter.period == CounterPeriod::calendar_month) {
        return *Date::from_ymd(day.year(), day.month(), 1)->add_months(2)->add_days(-1);
    }
    return *Date::from_ymd(day.year() + 1, 12, 31);
}

void change_tier(Evaluation& evaluation, const std::string& tier, Date kept_until, const Reason& why) {
    if (tier != evaluation.member.tier) {
        Delta delta = evaluation.delta(DeltaKind::tier_change, BuiltInRule::tiers, 1, why, DeltaPart::Kind::tier);
        delta.part.text = tier;
        delta.debit = AccountKind::program_tiers;
        delta.credit = AccountKind::member_tier;
        evaluation.outcome.deltas.push_back(std::move(delta));
    }
    evaluation.change(StateChange::Kind::set_tier, tier, kept_until);
}

void pay_rebate(Evaluation& evaluation, const Rebate& rebate, const Period& period) {
    const CounterRule& counter = evaluation.program.counters[rebate.counter];
    if (!counts_by(counter, period)) return;
    if (evaluation.used(rebate.id, period.start)) return;
    const std::int64_t spend = value_in(evaluation, counter, period.start);

    int scale = 0;
    for (const auto& bracket : rebate.brackets) scale = std::max(scale, bracket.percent.scale);
    WideInteger numerator = 0;
    for (std::size_t i = 0; i < rebate.brackets.size(); ++i) {
        const auto& bracket = rebate.brackets[i];
        if (spend < bracket.from) break;
        const bool last = i + 1 == rebate.brackets.size() || spend < rebate.brackets[i + 1].from;
        const std::int64_t upper = last ? spend : rebate.brackets[i + 1].from;
        const std::int64_t part = rebate.marginal ? upper - bracket.from : spend;
        const WideInteger rate = WideInteger(bracket.percent.mantissa) * power_of_ten(scale - bracket.percent.scale);
        if (rebate.marginal) {
            numerator += WideInteger(part) * rate;
        } else if (last) {
            numerator = WideInteger(part) * rate;
        }
    }
    evaluation.change(StateChange::Kind::use_rule, rebate.id, period.start);
    const std::int64_t amount = evaluation.narrow(divide_rounded(numerator, power_of_ten(scale) * 100, rebate.rounding),
                                                  Money::minor_units_max, "rebate");
    if (amount <= 0) return;
    const auto index = static_cast<std::size_t>(&rebate - evaluation.program.rebates.data());
    Delta delta = evaluation.delta(DeltaKind::rebate, rebate.number, amount,
                                   Evaluation::reason(Reason::Kind::rebate, index,
                                                      {spend, period.start.days_since_epoch(), period.month ? 1 : 0}));
    delta.debit = AccountKind::program_rebates;
    delta.credit = AccountKind::member_credit;
    evaluation.outcome.deltas.push_back(std::move(delta));
}

void review_tier(Evaluation& evaluation, const Period& period) {
    const TierLadder& ladder = evaluation.program.tiers;
    // A program without tiers may have no counter at all for `ladder.counter` to name.
    if (!ladder.defined) return;
    const CounterRule& counter = evaluation.program.counters[ladder.counter];
    if (!counts_by(counter, period)) return;
    const std::int64_t value = value_in(evaluation, counter, period.start);
    const std::size_t qualified = ladder.level_for(value);
    const std::size_t current = ladder.index_of(evaluation.member.tier);
    const auto& kept = evaluation.member.tier_kept_until;
    const Date next_end = end_of_next_period(counter, period.start);
    const std::int64_t first_day = period.start.days_since_epoch();
    const std::int64_t month = period.month ? 1 : 0;
    if (qualified >= current) {
        change_tier(evaluation, ladder.levels[qualified].name, std::max(next_end, kept.value_or(next_end)),
                    Evaluation::reason(Reason::Kind::tier_review, qualified, {value, first_day, month, Reason::not_below}));
    } else if (!kept || !(period.end < *kept)) {
        change_tier(evaluation, ladder.levels[qualified].name, next_end,
                    Evaluation::reason(Reason::Kind::tier_review, qualified,
                                       {value, first_day, month, static_cast<std::int64_t>(current),
                                        kept.value_or(period.end).days_since_epoch()}));
    }
}

}  // namespace

void upgrade_tier(Evaluation& evaluation, const std::vector<std::int64_t>& added) {
    const TierLadder& ladder = evaluation.program.tiers;
    if (!ladder.defined) return;
    const CounterRule& counter = evaluation.program.counters[ladder.counter];
    const std::int64_t now = evaluation.add(evaluation.counter_values[ladder.counter], added[ladder.counter], "a counter");
    const std::size_t reached = ladder.level_for(now);
    // A member without a tier is on the bottom one already.
    if (reached <= ladder.index_of(evaluation.member.tier)) return;
    const std::string& name = ladder.levels[reached].name;
    // A purchase that comes late never shortens what a later one promised.
    Date kept_until = end_of_next_period(counter, evaluation.today);
    if (evaluation.member.tier_kept_until && kept_until < *evaluation.member.tier_kept_until) {
        kept_until = *evaluation.member.tier_kept_until;
    }
    change_tier(evaluation, name, kept_until,
                Evaluation::reason(Reason::Kind::tier_reached, reached, {now, kept_until.days_since_epoch()}));
}

void close_period(Evaluation& evaluation) {
    const Transaction& transaction = evaluation.transaction;
    const auto text = transaction.attributes.find("period");
    const auto period = text == transaction.attributes.end() ? std::nullopt : parse_period(text->second);
    if (!period) {
        evaluation.refuse("T060", "attributes.period", "a period close names its period: \"2026\", or \"2026-11\" for a month");
        return;
    }
    if (!(period->end < evaluation.today)) {
        evaluation.refuse("T061", "at", "period " + period->name + " is not over yet on " + evaluation.today.to_string());
        return;
    }
    for (const Rebate& rebate : evaluation.program.rebates) pay_rebate(evaluation, rebate, *period);
    review_tier(evaluation, *period);
}

}  // namespace loyalty::detail
