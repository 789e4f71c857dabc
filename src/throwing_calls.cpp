// The calls that throw: a convenience over the ones that return their errors, which the
// evaluation core is made of (docs/design.md, Errors).

#include "eval/evaluator_state_access.hpp"
#include "ledger/member_fold.hpp"
#include "loyalty/error.hpp"
#include "loyalty/evaluator_state.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/program.hpp"

namespace loyalty {
namespace {

[[noreturn]] void raise(EvaluationError error) {
    throw TransactionError(std::move(error.code), std::move(error.transaction_id), std::move(error.field),
                           std::move(error.message));
}

}  // namespace

Outcome Program::evaluate(const Member& member, const Transaction& transaction, EvaluationOptions options) const {
    EvaluatorState state;
    Outcome outcome;
    if (auto error = evaluate(member, transaction, state, outcome, std::move(options))) raise(std::move(*error));
    return outcome;
}

Points Outcome::points_change(const std::string& of_member) const {
    Points change;
    const Account own{AccountKind::member_points, of_member};
    for (const Delta& delta : deltas) {
        if (unit(delta) != "points") continue;
        if (account(delta, delta.credit) == own) change += Points{delta.amount};
        if (account(delta, delta.debit) == own) change -= Points{delta.amount};
    }
    return change;
}

Member apply(const Member& member, const Outcome& outcome) {
    const auto is_new = detail::is_new_to(member, outcome);
    if (!is_new) raise(is_new.error());
    if (!*is_new) return member;
    Member next = member;
    if (auto error = detail::fold_into(next, outcome, nullptr)) raise(std::move(*error));
    return next;
}

void apply_in_place(Member& member, const Outcome& outcome) {
    const auto is_new = detail::is_new_to(member, outcome);
    if (!is_new) raise(is_new.error());
    if (!*is_new) return;
    if (auto error = detail::fold_into(member, outcome, nullptr)) raise(std::move(*error));
}

}  // namespace loyalty
