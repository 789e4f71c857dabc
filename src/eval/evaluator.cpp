#include "eval/evaluator.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/wide_integer.hpp"
#include "eval/coupon_use.hpp"
#include "eval/earn_rule_evaluation.hpp"
#include "eval/evaluation.hpp"
#include "eval/fingerprint.hpp"
#include "eval/transaction_check.hpp"
#include "eval/redemption.hpp"
#include "eval/wording.hpp"
#include "ledger/lot_order.hpp"
#include "loyalty/error.hpp"

namespace loyalty::detail {
namespace {

Delta earn_delta(const Evaluation& evaluation, const std::string& rule_id, EarnedPoints earned) {
    Delta delta = evaluation.delta(DeltaKind::earn, rule_id, earned.points, std::move(earned.explanation));
    delta.debit = {AccountKind::program_points_issued, ""};
    delta.credit = {AccountKind::member_points, evaluation.transaction.member_id};
    delta.new_lot = NewLot{evaluation.today, evaluation.program.expiry.expiry_of(evaluation.today)};
    return delta;
}

/// Any evaluation at time t first expires the lots due by t, whatever the transaction.
void expire_lots(Evaluation& evaluation) {
    std::vector<LotChange> expired;
    std::int64_t total = 0;
    std::string detail;
    for (const PointsLot& lot : evaluation.lots) {
        if (!lot.expires_on || evaluation.today < *lot.expires_on) continue;
        expired.push_back({lot.id, lot.points.value});
        total += lot.points.value;
        detail += (detail.empty() ? "" : ", ") + points_phrase(lot.points.value) +
                  (lot.id == "opening" ? " of the opening balance" : " earned on " + lot.earned_on.to_string()) +
                  " expired on " + lot.expires_on->to_string();
    }
    if (expired.empty()) return;
    evaluation.lots.erase(std::remove_if(evaluation.lots.begin(), evaluation.lots.end(),
                                         [&](const PointsLot& lot) { return lot.expires_on && !(evaluation.today < *lot.expires_on); }),
                          evaluation.lots.end());
    const std::string& why = evaluation.program.expiry.description;
    Delta delta = evaluation.delta(DeltaKind::expire, "expiry", total,
                                   "Points expired: " + detail + (why.empty() ? "" : " (" + why + ")") + ".");
    delta.debit = {AccountKind::member_points, evaluation.transaction.member_id};
    delta.credit = {AccountKind::program_points_expired, ""};
    delta.consumed_lots = std::move(expired);
    evaluation.outcome.deltas.push_back(std::move(delta));
}

/// Trims the latest earn deltas first, so the rules listed first keep what they gave.
void apply_cap(const TransactionCap& cap, std::vector<Delta>& deltas) {
    WideInteger total = 0;
    for (const Delta& delta : deltas) {
        if (delta.kind == DeltaKind::earn) total += delta.amount;
    }
    if (total <= cap.points_max) return;
    const auto over = static_cast<std::int64_t>(total - cap.points_max);
    std::int64_t to_remove = over;
    for (auto delta = deltas.rbegin(); delta != deltas.rend() && to_remove > 0; ++delta) {
        if (delta->kind != DeltaKind::earn) continue;
        const std::int64_t taken = std::min(delta->amount, to_remove);
        delta->amount -= taken;
        to_remove -= taken;
    }
    deltas.erase(std::remove_if(deltas.begin(), deltas.end(),
                                [](const Delta& delta) { return delta.kind == DeltaKind::earn && delta.amount == 0; }),
                 deltas.end());
    const auto last_earn = std::find_if(deltas.rbegin(), deltas.rend(),
                                        [](const Delta& delta) { return delta.kind == DeltaKind::earn; });
    last_earn->explanation += " Limited by " + cap.description + " to " + points_phrase(cap.points_max) +
                              " per transaction: " + points_phrase(over) + " over the cap not awarded.";
}

/// Broken here means a bug in the engine, never a bad input: refuse to hand it out.
void check_balanced(const Outcome& outcome) {
    for (const Delta& delta : outcome.deltas) {
        std::int64_t from_lots = 0;
        for (const LotChange& change : delta.consumed_lots) from_lots += change.points;
        const bool debits_points = delta.debit.kind == AccountKind::member_points;
        if (delta.amount <= 0 || delta.debit == delta.credit || (debits_points && from_lots != delta.amount)) {
            throw std::logic_error("loyalty: unbalanced delta " + delta.id);
        }
    }
}

void evaluate_purchase(Evaluation& evaluation) {
    const CompiledProgram& program = evaluation.program;
    const Transaction& transaction = evaluation.transaction;
    Money gross(0, program.currency);
    std::int64_t item_count = 0;
    std::vector<std::int64_t> line_paid;
    for (const LineItem& item : transaction.items) {
        gross = gross + item.gross_amount();
        line_paid.push_back(item.net_amount().minor_units());
        item_count += item.quantity;
    }
    use_coupons(evaluation, line_paid);
    Money paid(0, program.currency);
    for (const std::int64_t line : line_paid) paid = paid + Money(line, program.currency);
    const ExpressionInput input{transaction,       evaluation.member,   nullptr,
                                line_paid.data(),  paid.minor_units(),  gross.minor_units(),
                                evaluation.local_seconds, item_count};

    const std::size_t first_earn = evaluation.outcome.deltas.size();
    std::vector<std::int64_t> earned_by_rule(program.earn_rules.size(), 0);
    for (std::size_t i = 0; i < program.earn_rules.size(); ++i) {
        const EarnRule& rule = program.earn_rules[i];
        if (!rule.enabled || !rule.window.contains(input.local_seconds)) continue;
        if (rule.condition && !rule.condition->is_true(input)) continue;
        EarnedPoints earned = evaluate_earn_rule(rule, input, program, earned_by_rule);
        earned_by_rule[i] = earned.points;
        if (earned.points > 0) evaluation.outcome.deltas.push_back(earn_delta(evaluation, rule.id, std::move(earned)));
    }
    for (const TransactionCap& cap : program.caps) apply_cap(cap, evaluation.outcome.deltas);
    for (std::size_t i = first_earn; i < evaluation.outcome.deltas.size(); ++i) {
        const Delta& delta = evaluation.outcome.deltas[i];
        if (delta.kind != DeltaKind::earn) continue;
        PointsLot lot{delta.id, delta.new_lot->earned_on, delta.new_lot->expires_on, Points{delta.amount}};
        evaluation.lots.insert(std::upper_bound(evaluation.lots.begin(), evaluation.lots.end(), lot, spent_before),
                               std::move(lot));
    }
}

}  // namespace

void evaluate(const CompiledProgram& program, const Member& member, const Transaction& transaction,
              Outcome& outcome) {
    outcome.deltas.clear();
    outcome.notices.clear();
    outcome.already_applied = false;
    outcome.transaction_id = transaction.id;
    outcome.program_name = program.name;
    outcome.program_version = program.version;

    try {
        check_transaction(program, member, transaction);
        outcome.transaction_fingerprint = fingerprint(transaction);
        if (const AppliedTransaction* seen = member.find_applied(transaction.id)) {
            if (seen->fingerprint != outcome.transaction_fingerprint) {
                throw TransactionError("T020", transaction.id, "id",
                                       "this id was already applied with different contents");
            }
            outcome.already_applied = true;
            return;
        }
        const std::int64_t local_seconds = program.time_zone.local_seconds(transaction.at.utc_seconds());
        const std::int64_t day = local_seconds >= 0 ? local_seconds / 86'400 : -((-local_seconds + 86'399) / 86'400);
        const auto today = Date::from_days_since_epoch(day);
        if (!today) throw TransactionError("T031", transaction.id, "at", "the date is outside 1900 to 9999");
        Evaluation evaluation{program, member, transaction, local_seconds, *today, outcome, member.lots};
        expire_lots(evaluation);
        switch (transaction.kind) {
            case TransactionKind::purchase: evaluate_purchase(evaluation); break;
            case TransactionKind::event:
                if (transaction.event_name == "redeem") redeem_on_request(evaluation);
                break;
            case TransactionKind::product_return: break;
        }
        if (transaction.kind != TransactionKind::product_return) redeem_automatically(evaluation);
    } catch (const ArithmeticError& error) {
        outcome.deltas.clear();
        outcome.notices.clear();
        throw TransactionError("T030", transaction.id, "", error.what());
    } catch (const TransactionError&) {
        outcome.deltas.clear();
        outcome.notices.clear();
        throw;
    }
    check_balanced(outcome);
}

}  // namespace loyalty::detail
