#include "eval/balance_range.hpp"

#include <string>

#include "loyalty/error.hpp"

namespace loyalty::detail {
namespace {

[[noreturn]] void out_of_range(const char* what, std::int64_t value) {
    throw ArithmeticError(std::string(what) + " would reach " + std::to_string(value) + ", past the limit of " +
                          std::to_string(Points::value_max));
}

/// `total + amount`, both within ±10^15, so the 64-bit sum is exact; ArithmeticError when it
/// leaves the range.
std::int64_t add_within_range(std::int64_t total, std::int64_t amount, const char* what) {
    const std::int64_t sum = total + amount;
    if (sum > Points::value_max || sum < -Points::value_max) out_of_range(what, sum);
    return sum;
}

}  // namespace

// Runs on every evaluation: 64-bit sums, each checked as it goes.
void check_balances_stay_in_range(const Evaluation& evaluation) {
    const Member& member = evaluation.member;
    std::int64_t held = 0;
    evaluation.lots.for_each([&](const PointsLot& lot) { held = add_within_range(held, lot.points.value, "points"); });
    std::int64_t owed = member.owed.value;
    std::int64_t credit = member.store_credit;
    bool credits_others = false;
    for (const Delta& delta : evaluation.outcome.deltas) {
        if (delta.owner != member.id) {
            credits_others = true;
            continue;
        }
        if (delta.debit.kind == AccountKind::member_owed) owed = add_within_range(owed, delta.amount, "owed points");
        if (delta.credit.kind == AccountKind::member_owed) owed = add_within_range(owed, -delta.amount, "owed points");
        if (delta.credit.kind == AccountKind::member_credit) credit = add_within_range(credit, delta.amount, "store credit");
    }
    for (const StateChange& change : evaluation.outcome.state_changes) {
        if (change.kind != StateChange::Kind::count) continue;
        for (const CounterBucket& bucket : member.counters) {
            if (bucket.day == change.day && bucket.counter_id == change.id) add_within_range(bucket.value, change.amount, "a counter");
        }
    }
    if (!credits_others) return;
    // A referrer's balance, when the host lets the evaluation read it.
    const auto& other_member = evaluation.options->other_member;
    for (const Delta& delta : evaluation.outcome.deltas) {
        const bool to_points = delta.credit.kind == AccountKind::member_points || delta.credit.kind == AccountKind::member_pending;
        if (delta.owner == member.id || !to_points || !other_member) continue;
        const Member* other = other_member(delta.owner);
        if (other == nullptr) continue;
        std::int64_t held_by_other = delta.amount;
        for (const PointsLot& lot : other->lots) held_by_other = add_within_range(held_by_other, lot.points.value, "points");
    }
}

}  // namespace loyalty::detail
