#include "eval/balance_range.hpp"


namespace loyalty::detail {

void check_member_in_range(Evaluation& evaluation) {
    const Member& member = evaluation.member;
    std::int64_t held = 0;
    for (const PointsLot& lot : member.lots) held = evaluation.add(held, lot.points.value, "the member's points");
    evaluation.add(member.owed.value, 0, "the member's owed points");
    evaluation.add(member.below_zero.value, 0, "the member's points below zero");
}

// Runs on every evaluation: 64-bit sums, each checked as it goes.
void check_balances_stay_in_range(Evaluation& evaluation) {
    const Member& member = evaluation.member;
    std::int64_t held = 0;
    evaluation.lots.for_each([&](const PointsLot& lot) { held = evaluation.add(held, lot.points.value, "points"); });
    std::int64_t owed = member.owed.value;
    std::int64_t credit = member.store_credit;
    bool credits_others = false;
    for (const Delta& delta : evaluation.outcome.deltas) {
        if (delta.owner != 0) {
            credits_others = true;
            continue;
        }
        if (delta.debit == AccountKind::member_owed) owed = evaluation.add(owed, delta.amount, "owed points");
        if (delta.credit == AccountKind::member_owed) owed = evaluation.add(owed, -delta.amount, "owed points");
        if (delta.credit == AccountKind::member_credit) credit = evaluation.add(credit, delta.amount, "store credit");
    }
    for (const StateChange& change : evaluation.outcome.state_changes) {
        if (change.kind != StateChange::Kind::count) continue;
        for (const CounterBucket& bucket : member.counters) {
            if (bucket.day == change.day && bucket.counter_id == change.id) evaluation.add(bucket.value, change.amount, "a counter");
        }
    }
    if (!credits_others) return;
    // A referrer's balance, when the host lets the evaluation read it.
    const auto& other_member = evaluation.options->other_member;
    for (const Delta& delta : evaluation.outcome.deltas) {
        const bool to_points = delta.credit == AccountKind::member_points || delta.credit == AccountKind::member_pending;
        if (delta.owner == 0 || !to_points || !other_member) continue;
        const Member* other = other_member(evaluation.outcome.owner_id(delta.owner));
        if (other == nullptr) continue;
        std::int64_t held_by_other = delta.amount;
        for (const PointsLot& lot : other->lots) held_by_other = evaluation.add(held_by_other, lot.points.value, "points");
    }
}

}  // namespace loyalty::detail
