#include "eval/evaluator.hpp"

#include <stdexcept>

#include "core/wide_integer.hpp"
#include "eval/earn_rule_evaluation.hpp"
#include "eval/fingerprint.hpp"
#include "eval/transaction_check.hpp"
#include "eval/wording.hpp"
#include "loyalty/error.hpp"

namespace loyalty::detail {
namespace {

Delta earn_delta(const CompiledProgram& program, const Transaction& transaction,
                 const std::string& rule_id, EarnedPoints earned) {
    Delta delta;
    delta.id = transaction.id + "/" + rule_id + "@" + program.version;
    delta.kind = DeltaKind::earn;
    delta.rule_id = rule_id;
    delta.debit = {AccountKind::program_points_issued, ""};
    delta.credit = {AccountKind::member_points, transaction.member_id};
    delta.unit = "points";
    delta.amount = earned.points;
    delta.explanation = std::move(earned.explanation);
    return delta;
}

/// Trims the latest earn deltas first, so the rules listed first keep what they gave.
void apply_cap(const TransactionCap& cap, std::vector<Delta>& deltas) {
    WideInteger total = 0;
    for (const Delta& delta : deltas) total += delta.amount;
    if (total <= cap.points_max) return;
    const auto over = static_cast<std::int64_t>(total - cap.points_max);
    std::int64_t to_remove = over;
    for (auto delta = deltas.rbegin(); delta != deltas.rend() && to_remove > 0; ++delta) {
        const std::int64_t taken = std::min(delta->amount, to_remove);
        delta->amount -= taken;
        to_remove -= taken;
    }
    while (!deltas.empty() && deltas.back().amount == 0) deltas.pop_back();
    Delta& last = deltas.back();
    last.explanation += " Limited by " + cap.description + " to " + points_phrase(cap.points_max) +
                        " per transaction: " + points_phrase(over) + " over the cap not awarded.";
}

/// Broken here means a bug in the engine, never a bad input: refuse to hand it out.
void check_balanced(const Outcome& outcome) {
    for (const Delta& delta : outcome.deltas) {
        if (delta.amount <= 0 || delta.debit == delta.credit) {
            throw std::logic_error("loyalty: unbalanced delta " + delta.id);
        }
    }
}

void evaluate_purchase(const CompiledProgram& program, const Member& member,
                       const Transaction& transaction, Outcome& outcome) {
    Money gross(0, program.currency), net(0, program.currency);
    std::int64_t item_count = 0;
    for (const LineItem& item : transaction.items) {
        gross = gross + item.gross_amount();
        net = net + item.net_amount();
        item_count += item.quantity;
    }
    const ExpressionInput input{transaction,       member, nullptr, net.minor_units(),
                                gross.minor_units(), program.time_zone.local_seconds(transaction.at.utc_seconds()),
                                item_count};

    std::vector<std::int64_t> earned_by_rule(program.earn_rules.size(), 0);
    for (std::size_t i = 0; i < program.earn_rules.size(); ++i) {
        const EarnRule& rule = program.earn_rules[i];
        if (!rule.enabled || !rule.window.contains(input.local_seconds)) continue;
        if (rule.condition && !rule.condition->is_true(input)) continue;
        EarnedPoints earned = evaluate_earn_rule(rule, input, program, earned_by_rule);
        earned_by_rule[i] = earned.points;
        if (earned.points > 0) outcome.deltas.push_back(earn_delta(program, transaction, rule.id, std::move(earned)));
    }
    for (const TransactionCap& cap : program.caps) apply_cap(cap, outcome.deltas);
}

}  // namespace

void evaluate(const CompiledProgram& program, const Member& member, const Transaction& transaction,
              Outcome& outcome) {
    outcome.deltas.clear();
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
        if (transaction.kind == TransactionKind::purchase) {
            evaluate_purchase(program, member, transaction, outcome);
        }
    } catch (const ArithmeticError& error) {
        outcome.deltas.clear();
        throw TransactionError("T030", transaction.id, "", error.what());
    }
    check_balanced(outcome);
}

}  // namespace loyalty::detail
