#include "eval/member_summary.hpp"

namespace loyalty::detail {

Result<MemberSummary> summarize(const CompiledProgram& program, const Member& member, Date today,
                                int expiring_within_days) {
    const auto past_the_range = [&] {
        return InputError{"T030", "member '" + member.id + "': a balance exceeds the range of exact arithmetic"};
    };
    MemberSummary summary;
    const std::optional<Points> spendable = member.checked_points();
    const std::optional<Points> pending = member.checked_pending_points();
    if (!spendable || !pending) return past_the_range();
    summary.spendable = *spendable;
    summary.pending = *pending;
    summary.owed = member.owed;
    const Date horizon = today.add_days(expiring_within_days).value_or(today);
    const std::optional<Date> deadline = program.expiry.inactivity_deadline(member);
    for (const PointsLot& lot : member.lots) {
        const std::optional<Date> expires = deadline ? deadline : lot.expires_on;
        if (!expires || horizon < *expires) continue;
        const std::optional<Points> expiring = summary.expiring_soon.plus(lot.points);
        if (!expiring) return past_the_range();
        summary.expiring_soon = *expiring;
        if (!summary.next_expiry || *expires < *summary.next_expiry) summary.next_expiry = expires;
    }
    summary.tier = member.tier;
    summary.tier_kept_until = member.tier_kept_until;

    const TierLadder& ladder = program.tiers;
    if (!ladder.defined) return summary;
    const std::size_t current = ladder.index_of(member.tier);
    if (current + 1 >= ladder.levels.size()) return summary;
    const CounterRule& counter = program.counters[ladder.counter];
    const std::optional<std::int64_t> counted = counter.value_on(member.counters, today);
    if (!counted) return past_the_range();
    const std::int64_t value = *counted;
    const TierLadder::Level& next = ladder.levels[current + 1];
    const std::int64_t missing = next.from - value;
    const bool money = counter.measure == CounterMeasure::spend;
    const auto amount = [&](std::int64_t units) {
        return money ? Money::text_of(units, program.currency) : std::to_string(units);
    };
    summary.next_tier = next.name;
    summary.next_tier_explanation = amount(missing > 0 ? missing : 0) + " more for " + next.name + ": " +
                                    counter.description + " " + amount(value) + " of " + amount(next.from) + ".";
    return summary;
}

}  // namespace loyalty::detail
