#include "eval/evaluator.hpp"

#include <algorithm>
#include <numeric>

#include "core/line_amounts.hpp"
#include "eval/balance_range.hpp"
#include "eval/coupon_issue.hpp"
#include "eval/coupon_use.hpp"
#include "eval/earn_rules.hpp"
#include "eval/evaluation.hpp"
#include "eval/forgetting.hpp"
#include "eval/line_discount.hpp"
#include "eval/points_spending.hpp"
#include "eval/period_close.hpp"
#include "eval/points_payment.hpp"
#include "eval/redemption.hpp"
#include "eval/return_evaluation.hpp"
#include "eval/transaction_check.hpp"
#include "ledger/lot_order.hpp"

namespace loyalty::detail {
namespace {

/// Any evaluation at time t first expires the lots due by t, whatever the transaction.
void expire_lots(Evaluation& evaluation) {
    const std::optional<Date> deadline = evaluation.program.expiry.inactivity_deadline(evaluation.member);
    const bool inactive = deadline && !(evaluation.today < *deadline);
    const auto expiry = [&](const PointsLot& lot) { return inactive ? deadline : lot.expires_on; };
    const auto due = [&](const PointsLot& lot) { return expiry(lot) && !(evaluation.today < *expiry(lot)); };
    // Most evaluations expire nothing: one look through the lots, not three.
    if (!evaluation.lots.any_of(due)) return;
    // Spendable lots, then pending ones (a policy that expires points within their pending days).
    for (const bool pending : {false, true}) {
        std::vector<LotChange> expired;
        std::int64_t total = 0;
        Reason reason = Evaluation::reason(Reason::Kind::expiry);
        evaluation.start_extras(reason);
        for (const PointsLot& lot : evaluation.lots.in_order()) {
            if (!due(lot) || lot.pending_until.has_value() != pending) continue;
            expired.push_back({lot.id, lot.points.value});
            total += lot.points.value;
            evaluation.add_extra(reason, Evaluation::earned_day(&lot));
            evaluation.add_extra(reason, expiry(lot)->days_since_epoch());
        }
        if (expired.empty()) continue;
        Delta delta = evaluation.delta(DeltaKind::expire, BuiltInRule::expiry, total, reason,
                                       pending ? DeltaPart::Kind::pending : DeltaPart::Kind::none);
        delta.debit = pending ? AccountKind::member_pending : AccountKind::member_points;
        delta.credit = AccountKind::program_points_expired;
        delta.consumed_lots = std::move(expired);
        evaluation.outcome.deltas.push_back(std::move(delta));
    }
    evaluation.buffers.drop_lots_if(due);
}

/// Pending lots whose day has come become spendable, before anything looks at the balance.
void release_pending(Evaluation& evaluation) {
    const auto due = [&](const PointsLot& lot) { return lot.pending_until && !(evaluation.today < *lot.pending_until); };
    if (!evaluation.lots.any_of(due)) return;
    std::vector<PointsLot>& lots = evaluation.lots.in_order();
    std::vector<LotChange> released;
    std::int64_t total = 0;
    for (const PointsLot& lot : lots) {
        if (!due(lot)) continue;
        released.push_back({lot.id, lot.points.value});
        total += lot.points.value;
    }
    if (released.empty()) return;
    Reason reason = Evaluation::reason(Reason::Kind::release);
    evaluation.add_lot_days(reason, released, lots);
    if (!release_lots(lots, evaluation.below_zero, released)) {
        evaluation.refuse("T099", "", "released a lot that is not pending with the points it holds");
        return;
    }
    Delta delta = evaluation.delta(DeltaKind::release, BuiltInRule::pending, total, reason);
    delta.debit = AccountKind::member_pending;
    delta.credit = AccountKind::member_points;
    delta.consumed_lots = std::move(released);
    evaluation.outcome.deltas.push_back(std::move(delta));
}

/// Under an expiry policy of months without activity: a purchase, or points earned or spent, is
/// activity; points expiring or a referral's points are not.
void record_activity(Evaluation& evaluation) {
    if (evaluation.program.expiry.kind != ExpiryPolicy::Kind::months_without_activity) return;
    const bool active = evaluation.transaction.kind == TransactionKind::purchase ||
                        std::any_of(evaluation.outcome.deltas.begin(), evaluation.outcome.deltas.end(), [&](const Delta& d) {
                            return d.kind != DeltaKind::expire && d.kind != DeltaKind::clawback && d.kind != DeltaKind::release &&
                                   (Evaluation::is_own_points(d, d.credit) || Evaluation::is_own_points(d, d.debit));
                        });
    if (active) evaluation.change(StateChange::Kind::active, "", evaluation.today);
}

/// Lots past the return window that expire together become one, so that a member's lots are
/// bounded by the days their points expire on rather than by the purchases made. Done last: this
/// transaction's deltas name the lots as they were.
void merge_old_lots(Evaluation& evaluation) {
    const Date before = evaluation.program.returns.accepted
                            ? evaluation.horizon.add_days(-evaluation.program.returns.window_days).value_or(evaluation.horizon)
                            : evaluation.horizon;
    if (lots_to_merge(evaluation.member.lots, before)) {
        evaluation.change(StateChange::Kind::merge_lots, "", before);
    }
}

/// Broken here means a bug in the engine, never a bad input: refuse to hand it out (T099).
void check_balanced(Evaluation& evaluation) {
    const Outcome& outcome = evaluation.outcome;
    for (const Delta& delta : outcome.deltas) {
        if (outcome.owner_id(delta.owner).empty()) {
            evaluation.refuse("T099", "", "delta " + outcome.delta_id(delta) + " names an owner the outcome does not have");
            return;
        }
        std::int64_t from_lots = 0;
        for (const LotChange& change : delta.consumed_lots) from_lots += change.points;
        const bool debits_points =
            delta.debit == AccountKind::member_points || delta.debit == AccountKind::member_pending;
        // A clawback may take the balance below zero; nothing else takes more than the lots hold.
        const bool lots_add_up = from_lots == delta.amount || (delta.kind == DeltaKind::clawback && from_lots < delta.amount);
        if (delta.amount <= 0 || delta.debit == delta.credit || (debits_points && !lots_add_up)) {
            evaluation.refuse("T099", "", "unbalanced delta " + outcome.delta_id(delta));
            return;
        }
    }
}

/// The counters' values before this transaction, in their windows, into the evaluation's buffers.
void read_counters(Evaluation& evaluation) {
    std::vector<std::int64_t>& values = evaluation.buffers.counter_values;
    values.clear();
    for (const CounterRule& counter : evaluation.program.counters) {
        const std::optional<std::int64_t> value = counter.value_on(evaluation.member.counters, evaluation.today);
        if (!value) {
            evaluation.refuse("T030", "", "the member's counter " + counter.id + " exceeds the limit of " +
                                              std::to_string(Points::value_max));
            return;
        }
        values.push_back(*value);
    }
}

void apply_member_discounts(Evaluation& evaluation, const ExpressionInput& input, std::vector<std::int64_t>& line_paid) {
    for (std::size_t index = 0; index < evaluation.program.discounts.size(); ++index) {
        const MemberDiscount& discount = evaluation.program.discounts[index];
        if (discount.condition && !discount.condition->is_true(input)) {
            evaluation.trace(discount.id, false, [&] { return discount.condition->why_false(input); });
            continue;
        }
        const std::int64_t cost = std::accumulate(line_paid.begin(), line_paid.end(), std::int64_t{0});
        const std::int64_t amount = percent_of(cost, discount.percent, discount.rounding);
        if (amount == 0) {
            evaluation.trace(discount.id, false, [&] { return std::string("nothing to take off: the purchase costs nothing"); });
            continue;
        }
        spread_discount(amount, line_paid);
        Delta delta = evaluation.delta(DeltaKind::discount, discount.number, amount,
                                       Evaluation::reason(Reason::Kind::member_discount, index, {cost}));
        delta.debit = AccountKind::program_discounts;
        delta.credit = AccountKind::member_savings;
        evaluation.trace(discount.id, true, [&] { return evaluation.explanation(delta); });
        evaluation.outcome.deltas.push_back(std::move(delta));
    }
}

/// What this purchase adds to each counter, by the counter's index, in the evaluator's buffers;
/// also written as state changes.
const std::vector<std::int64_t>& count(Evaluation& evaluation, const ExpressionInput& input,
                                       const std::vector<std::int64_t>& line_paid) {
    std::vector<std::int64_t>& added = evaluation.buffers.counter_added;
    added.clear();
    const auto& items = evaluation.transaction.items;
    for (const CounterRule& counter : evaluation.program.counters) {
        std::int64_t amount = 0;
        bool any_line = false;
        for (std::size_t i = 0; i < items.size(); ++i) {
            ExpressionInput line_input = input;
            line_input.item = &items[i];
            if (counter.line_filter && !counter.line_filter->is_true(line_input)) continue;
            any_line = true;
            // At most items_max lines of quantity_max, or lines within the transaction's total: exact.
            if (counter.measure == CounterMeasure::items) amount += items[i].quantity;
            if (counter.measure == CounterMeasure::spend) amount += line_paid[i];
        }
        if (counter.measure == CounterMeasure::purchases) amount = any_line ? 1 : 0;
        if (amount != 0) {
            evaluation.change(StateChange::Kind::count, counter.id, counter.bucket_of(evaluation.today), amount);
        }
        added.push_back(amount);
    }
    return added;
}

/// A counter's value as a rule author writes it: an amount for spend, a number otherwise.
std::string counter_amount(const CompiledProgram& program, const CounterRule& counter, std::int64_t value) {
    return counter.measure == CounterMeasure::spend ? Money::text_of(value, program.currency) : std::to_string(value);
}

/// Levels reached by the counters, this transaction included, once per counter period each.
void reward_levels(Evaluation& evaluation, const std::vector<std::int64_t>& added) {
    const CompiledProgram& program = evaluation.program;
    for (std::size_t index = 0; index < program.levels.size(); ++index) {
        const LevelReward& level = program.levels[index];
        const CounterRule& counter = program.counters[level.counter];
        const std::int64_t now = evaluation.add(evaluation.counter_values[level.counter], added[level.counter], "a counter");
        if (evaluation.refused()) return;
        const Date period = counter.bucket_of(evaluation.today);
        if (evaluation.used(level.id, period)) {
            evaluation.trace(level.id, false, [&] { return "already given for the period from " + period.to_string(); });
            continue;
        }
        if (now < level.level) {
            evaluation.trace(level.id, false, [&] {
                return "counter." + counter.id + " is " + counter_amount(program, counter, now) + ", short of " +
                       counter_amount(program, counter, level.level);
            });
            continue;
        }
        evaluation.change(StateChange::Kind::use_rule, level.id, period);
        evaluation.trace(level.id, true, [&] {
            return "counter." + counter.id + " reached " + counter_amount(program, counter, now) + " of " +
                   counter_amount(program, counter, level.level) + ": " + level.description;
        });
        if (level.coupon) {
            issue_coupon(evaluation, level.number, level.description, *level.coupon);
        } else if (!level.badge.empty()) {
            Delta badge = evaluation.delta(DeltaKind::badge, level.number, 1, Evaluation::reason(Reason::Kind::badge, index));
            badge.debit = AccountKind::program_badges_awarded;
            badge.credit = AccountKind::member_badges;
            evaluation.outcome.deltas.push_back(std::move(badge));
        } else {
            Delta delta = earn_delta(evaluation, level.number, level.points, Evaluation::reason(Reason::Kind::level_points, index));
            evaluation.credit_member(delta);
            evaluation.outcome.deltas.push_back(std::move(delta));
        }
    }
}

void evaluate_purchase(Evaluation& evaluation) {
    const Transaction& transaction = evaluation.transaction;
    // The transaction check keeps the total, shipping and tax included, within Money's range: the
    // sums of amounts here are exact in int64.
    std::int64_t gross = 0;
    std::int64_t item_count = 0;
    std::vector<std::int64_t>& line_paid = evaluation.buffers.line_paid;
    line_paid.clear();
    for (const LineItem& item : transaction.items) {
        gross += gross_minor_units(item);
        line_paid.push_back(net_minor_units(item));
        item_count += item.quantity;
    }
    ExpressionInput input{transaction, evaluation.member, nullptr,   line_paid.data(), 0, gross, evaluation.local_seconds,
                          item_count,  evaluation.counter_values.data()};
    const auto paid = [&] { return std::accumulate(line_paid.begin(), line_paid.end(), std::int64_t{0}); };
    use_coupons(evaluation, line_paid);
    if (evaluation.refused()) return;
    input.net_total_minor_units = paid();
    apply_member_discounts(evaluation, input, line_paid);
    input.net_total_minor_units = paid();
    std::int64_t cost = input.net_total_minor_units;
    if (transaction.shipping) cost += transaction.shipping->minor_units();
    if (transaction.tax) cost += transaction.tax->minor_units();
    pay_with_points(evaluation, cost);
    if (evaluation.refused()) return;
    input.points_payment_minor_units = evaluation.points_payment.value;
    const std::vector<std::int64_t>& added = count(evaluation, input, line_paid);
    run_earn_rules(evaluation, input);
    if (evaluation.refused()) return;
    record_purchase(evaluation, line_paid);
    reward_levels(evaluation, added);
    if (evaluation.refused()) return;
    upgrade_tier(evaluation, added);
}

void evaluate_event(Evaluation& evaluation) {
    if (evaluation.transaction.event_name == "redeem") redeem_on_request(evaluation);
    if (evaluation.transaction.event_name == "period_close") close_period(evaluation);
    if (evaluation.refused()) return;
    const ExpressionInput input{evaluation.transaction, evaluation.member, nullptr, nullptr, 0, 0,
                                evaluation.local_seconds, 0, evaluation.counter_values.data()};
    run_earn_rules(evaluation, input);
}

/// A refused transaction leaves nothing to apply: what the steps before the refusal wrote goes,
/// its memory kept for the next evaluation.
void discard(Outcome& outcome, EvaluationBuffers& buffers) {
    for (Delta& delta : outcome.deltas) buffers.recycle_delta(std::move(delta));
    outcome.deltas.clear();
    outcome.reason_numbers.clear();
    outcome.notices.clear();
    for (StateChange& change : outcome.state_changes) buffers.recycle_change(std::move(change));
    outcome.state_changes.clear();
    outcome.other_members.clear();
}

/// Empties `outcome` for a new evaluation, keeping its memory, and names what it is of.
void start_outcome(const CompiledProgram& program, const Transaction& transaction, EvaluationBuffers& buffers,
                   Outcome& outcome) {
    discard(outcome, buffers);
    outcome.trace.clear();
    outcome.already_applied = false;
    outcome.transaction_id = transaction.id;
    outcome.member_id = transaction.member_id;
    outcome.program_name = program.name;
    outcome.program_version = program.version;
    outcome.program_digest = program.digest;
    // The same program's ids are shared once, not counted again on every evaluation.
    if (outcome.rules != program.rules) outcome.rules = program.rules;
}

/// A transaction the member already applied is marked so, and changes nothing; one whose id
/// was applied with other contents is refused.
std::optional<EvaluationError> check_resent(const Member& member, const Transaction& transaction, Outcome& outcome) {
    const AppliedTransaction* seen = member.find_applied(transaction.id);
    if (seen == nullptr) return std::nullopt;
    // A fingerprint of the version before is compared in its own version.
    if (seen->fingerprint.legacy ? !fingerprint_matches(seen->fingerprint, transaction)
                                 : seen->fingerprint != outcome.transaction_fingerprint) {
        return EvaluationError{"T020", transaction.id, "id", "this id was already applied with different contents"};
    }
    outcome.already_applied = true;
    return std::nullopt;
}

}  // namespace

std::optional<EvaluationError> evaluate(const CompiledProgram& program, const Member& member,
                                        const Transaction& transaction, EvaluationBuffers& buffers, Outcome& outcome,
                                        const EvaluationOptions& options) {
    start_outcome(program, transaction, buffers, outcome);
    if (auto problem = check_transaction(program, member, transaction)) return problem;
    outcome.transaction_fingerprint = fingerprint(transaction);
    if (auto problem = check_resent(member, transaction, outcome)) return problem;
    if (outcome.already_applied) return std::nullopt;
    const std::int64_t local_seconds = program.time_zone.local_seconds(transaction.at.utc_seconds());
    const std::int64_t day = local_seconds >= 0 ? local_seconds / 86'400 : -((-local_seconds + 86'399) / 86'400);
    const auto today = Date::from_days_since_epoch(day);
    if (!today) {
        return EvaluationError{"T031", transaction.id, "at",
                               "the day on the program's clock is outside the years 0001 to 9999"};
    }
    outcome.day = *today;
    EvaluationLots lots(member.lots, buffers);
    buffers.coupons_used.clear();
    Evaluation evaluation{program,
                          member,
                          transaction,
                          local_seconds,
                          *today,
                          outcome,
                          buffers,
                          lots,
                          member.below_zero,
                          buffers.counter_values,
                          {},
                          {},
                          buffers.coupons_used,
                          *Date::from_ymd(1970, 1, 1),
                          nullptr,
                          std::nullopt};
    evaluation.options = &options;
    // Each step returns once the transaction is refused; the ones after it do not run.
    const auto run = [&evaluation](void (*step)(Evaluation&)) {
        if (!evaluation.refused()) step(evaluation);
    };
    run(set_late_horizon);
    run(check_member_in_range);
    run(read_counters);
    run(forget_what_no_window_needs);
    run(release_pending);
    run(expire_lots);
    switch (transaction.kind) {
        case TransactionKind::purchase: run(evaluate_purchase); break;
        case TransactionKind::event: run(evaluate_event); break;
        case TransactionKind::product_return: run(evaluate_return); break;
    }
    if (transaction.kind != TransactionKind::product_return) run(redeem_automatically);
    run(record_activity);
    run(merge_old_lots);
    run(check_balances_stay_in_range);
    run(check_balanced);
    if (!evaluation.refused()) return std::nullopt;
    discard(outcome, buffers);
    return std::move(evaluation.refusal);
}

}  // namespace loyalty::detail
