#include "eval/evaluation.hpp"

#include <algorithm>

#include "explain/explanation.hpp"

namespace loyalty::detail {

Delta Evaluation::delta(DeltaKind kind, std::uint32_t rule, std::int64_t amount, const Reason& reason,
                        DeltaPart::Kind part, std::uint32_t part_number) const {
    // Every field is set, into the memory of an earlier delta of this kind where there is one.
    Delta delta = buffers.take_delta(kind);
    delta.part.kind = part;
    delta.part.number = part_number;
    delta.part.text.clear();
    delta.kind = kind;
    delta.rule = rule;
    delta.owner = 0;
    delta.debit = AccountKind::member_points;
    delta.credit = AccountKind::member_points;
    delta.amount = amount;
    delta.reason = reason;
    delta.new_lot.reset();
    buffers.resize_lot_changes(delta.consumed_lots, 0);
    // A coupon issue writes every field of the coupon it keeps; no other kind has one to begin with.
    if (kind != DeltaKind::coupon_issue) delta.coupon.reset();
    return delta;
}

StateChange& Evaluation::change(StateChange::Kind kind, std::string_view id, Date day, std::int64_t amount) const {
    StateChange change = buffers.take_change(kind);
    change.kind = kind;
    change.owner = 0;
    change.id.assign(id.data(), id.size());
    change.day = day;
    change.amount = amount;
    // A purchase record is written whole by record_purchase or a return; no other kind has one.
    if (kind != StateChange::Kind::record_purchase) change.purchase.reset();
    outcome.state_changes.push_back(std::move(change));
    return outcome.state_changes.back();
}

std::uint32_t Evaluation::other_owner(std::string_view member_id) const {
    if (const auto known = outcome.owner_number(member_id)) return *known;
    outcome.other_members.emplace_back(member_id);
    return static_cast<std::uint32_t>(outcome.other_members.size());
}

void Evaluation::credit_member(const Delta& delta) { lots.credit(delta, outcome, below_zero); }

void Evaluation::add_lot_days(Reason& reason, const std::vector<LotChange>& taken,
                              const std::vector<PointsLot>& before) const {
    start_extras(reason);
    for (const LotChange& change : taken) {
        const auto lot = std::find_if(before.begin(), before.end(), [&](const PointsLot& l) { return l.id == change.lot_id; });
        add_extra(reason, earned_day(lot == before.end() ? nullptr : &*lot));
    }
}

std::string Evaluation::sentence(const Reason& reason) const {
    std::string text;
    append_reason(text, program, outcome, reason);
    return text;
}

std::string Evaluation::explanation(const Delta& delta) const {
    std::string text;
    append_explanation(text, program, outcome, delta);
    return text;
}

bool Evaluation::refuse(const char* code, std::string field, std::string message) {
    if (!refusal) refusal = EvaluationError{code, transaction.id, std::move(field), std::move(message)};
    return false;
}

std::int64_t Evaluation::add(std::int64_t total, std::int64_t amount, const char* what) {
    std::int64_t sum = 0;
    if (!__builtin_add_overflow(total, amount, &sum) && sum <= Points::value_max && sum >= -Points::value_max) return sum;
    refuse("T030", "", std::string(what) + " would reach " + (WideInteger(total) + amount).to_string() +
                           ", past the limit of " + std::to_string(Points::value_max));
    return 0;
}

std::int64_t Evaluation::narrow(const WideInteger& value, std::int64_t limit, const char* what) {
    if (const auto narrowed = detail::narrow(value, limit)) return *narrowed;
    refuse("T030", "", std::string(what) + " " + value.to_string() + " exceeds the limit of " + std::to_string(limit));
    return 0;
}

std::int64_t Evaluation::points_left() const { return lots.total(LotState::spendable); }

}  // namespace loyalty::detail
