#include "eval/return_evaluation.hpp"

#include <algorithm>

#include "eval/points_spending.hpp"
#include "eval/returned_share.hpp"
#include "ledger/lot_order.hpp"
#include "loyalty/error.hpp"

namespace loyalty::detail {
namespace {

const CounterRule* find_counter(const CompiledProgram& program, const std::string& id) {
    const auto found = std::find_if(program.counters.begin(), program.counters.end(),
                                    [&](const CounterRule& counter) { return counter.id == id; });
    return found == program.counters.end() ? nullptr : &*found;
}

/// Points given back with the expiry of the lots that paid may be due already: they expire now,
/// as those lots did, so that nothing outlives its date. They are in the spendable lot earned
/// today with that expiry (with any other points of today that expire then, all due).
void expire_if_due(Evaluation& evaluation, const std::optional<Date>& expires_on) {
    if (!expires_on || evaluation.today < *expires_on) return;
    auto& lots = evaluation.lots.in_order();
    const auto lot = std::find_if(lots.begin(), lots.end(), [&](const PointsLot& l) {
        return l.earned_on == evaluation.today && l.expires_on == expires_on && !l.pending_until;
    });
    if (lot == lots.end()) return;
    Delta expire = evaluation.delta(DeltaKind::expire, BuiltInRule::expiry, lot->points.value,
                                    Evaluation::reason(Reason::Kind::refund_expiry, 0, {lot->expires_on->days_since_epoch()}),
                                    DeltaPart::Kind::refund);
    expire.debit = AccountKind::member_points;
    expire.credit = AccountKind::program_points_expired;
    expire.consumed_lots = {{lot->id, lot->points.value}};
    lots.erase(lot);
    evaluation.outcome.deltas.push_back(std::move(expire));
}

/// `purchase` as a new record, in the memory of the record it held: its id and its lists keep
/// their memory, every field is as a new record has it.
PurchaseRecord& new_record(std::optional<PurchaseRecord>& purchase) {
    if (!purchase) return purchase.emplace();
    PurchaseRecord& record = *purchase;
    std::string id = std::move(record.id);
    auto lines = std::move(record.lines);
    auto counted = std::move(record.counted);
    auto coupons_used = std::move(record.coupons_used);
    auto counted_taken_back = std::move(record.counted_taken_back);
    std::string referrer = std::move(record.referrer);
    record = PurchaseRecord{};
    record.id = std::move(id);
    record.referrer = std::move(referrer);
    record.lines = std::move(lines);
    record.counted = std::move(counted);
    record.coupons_used = std::move(coupons_used);
    record.counted_taken_back = std::move(counted_taken_back);
    return record;
}

/// The purchase the return names, when this member made it, it is not later than the return,
/// and its window still holds the return's day; otherwise a refusal, and nothing.
const PurchaseRecord* returnable_purchase(Evaluation& evaluation) {
    const Transaction& transaction = evaluation.transaction;
    const auto found = evaluation.member.purchases.find(transaction.original_transaction_id);
    if (found == evaluation.member.purchases.end()) {
        evaluation.refuse("T050", "original_transaction",
                          "purchase '" + transaction.original_transaction_id + "' is not one of this member's "
                          "purchases within the return window");
        return nullptr;
    }
    const PurchaseRecord* original = &found->second;
    if (evaluation.today < original->day || (original->at && transaction.at < *original->at)) {
        evaluation.refuse("T053", "at",
                          "the return is dated " + transaction.at.to_string() + ", before purchase '" + original->id +
                              "' (" + (original->at ? original->at->to_string() : original->day.to_string()) + ")");
        return nullptr;
    }
    const std::int64_t window_days = evaluation.program.returns.window_days;
    const Date last_day = original->day.add_days(window_days).value_or(original->day);
    if (last_day < evaluation.today) {
        evaluation.refuse("T050", "original_transaction",
                          "purchase '" + original->id + "' of " + original->day.to_string() + " could be returned through " +
                              last_day.to_string() + " (" + std::to_string(window_days) +
                              " days), and this return is on " + evaluation.today.to_string());
        return nullptr;
    }
    return original;
}

/// Whose points a return takes back: the buyer's, or the referrer's the purchase paid.
struct Holder {
    /// Its owner number in the outcome.
    std::uint32_t owner;
    /// Its lots as the evaluation leaves them, in `buffers.lots`.
    EvaluationBuffers& buffers;
    Points& below_zero;
    /// Whose points: the referrer's deltas have parts of their own.
    bool referrer;
};

/// A reason of a return's: `returned` holds what came back, then the numbers of `kind`.
Reason return_reason(const Reason& returned, Reason::Kind kind, std::int64_t third = 0, std::int64_t fourth = 0) {
    Reason reason = returned;
    reason.kind = kind;
    reason.numbers[2] = third;
    reason.numbers[3] = fourth;
    return reason;
}

/// Takes `take` points back from `holder`: pending lots first (they were held for this), then
/// spendable ones, the purchase's own lots first each time; what was spent is owed, or taken
/// below zero, as the program says.
void take_back(Evaluation& evaluation, Holder& holder, const PurchaseRecord& record, std::int64_t take,
               const Reason& returned) {
    std::vector<PointsLot>& lots = holder.buffers.lots;
    // Points of a day are one lot: the purchase's own are in the lots earned on its day.
    std::stable_partition(lots.begin(), lots.end(), [&](const PointsLot& lot) { return lot.earned_on == record.day; });
    const std::int64_t from_pending = std::min(take, lots_total(lots, LotState::pending));
    if (from_pending > 0) {
        Delta clawback = evaluation.delta(DeltaKind::clawback, BuiltInRule::returns, from_pending,
                                          return_reason(returned, Reason::Kind::clawback_pending, take),
                                          holder.referrer ? DeltaPart::Kind::referrer_pending : DeltaPart::Kind::pending);
        clawback.owner = holder.owner;
        clawback.debit = AccountKind::member_pending;
        clawback.credit = AccountKind::program_points_issued;
        clawback.consumed_lots = take_points(holder.buffers, from_pending, LotState::pending);
        evaluation.outcome.deltas.push_back(std::move(clawback));
        take -= from_pending;
    }
    if (take > 0) {
        const std::int64_t from_lots = std::min(take, lots_total(lots, LotState::spendable));
        std::vector<LotChange> taken = take_points(holder.buffers, from_lots);
        const std::int64_t short_of = take - from_lots;
        const bool below_zero = evaluation.program.returns.negative_balance;
        if (from_lots > 0 || below_zero) {
            Delta clawback = evaluation.delta(DeltaKind::clawback, BuiltInRule::returns, below_zero ? take : from_lots,
                                              return_reason(returned, Reason::Kind::clawback_points, take, from_lots),
                                              holder.referrer ? DeltaPart::Kind::referrer_points : DeltaPart::Kind::points);
            clawback.owner = holder.owner;
            clawback.debit = AccountKind::member_points;
            clawback.credit = AccountKind::program_points_issued;
            clawback.consumed_lots = std::move(taken);
            evaluation.outcome.deltas.push_back(std::move(clawback));
            if (below_zero) holder.below_zero.value = evaluation.add(holder.below_zero.value, short_of, "points below zero");
        }
        if (short_of > 0 && !below_zero) {
            Delta debt = evaluation.delta(DeltaKind::clawback, BuiltInRule::returns, short_of,
                                          return_reason(returned, Reason::Kind::clawback_owed),
                                          holder.referrer ? DeltaPart::Kind::referrer_owed : DeltaPart::Kind::owed);
            debt.owner = holder.owner;
            debt.debit = AccountKind::member_owed;
            debt.credit = AccountKind::program_points_issued;
            evaluation.outcome.deltas.push_back(std::move(debt));
        }
    }
    std::sort(lots.begin(), lots.end(), spent_before);
}

/// The referrer's share of what comes back, from the referrer's own lots, which the host gives
/// through EvaluationOptions::other_member.
void take_back_from_referrer(Evaluation& evaluation, const PurchaseRecord& record, std::int64_t take,
                             const Reason& returned) {
    const auto& lookup = evaluation.options->other_member;
    const Member* referrer = lookup ? lookup(record.referrer) : nullptr;
    if (referrer == nullptr || referrer->id != record.referrer) {
        evaluation.refuse("T054", "original_transaction",
                          "the return takes back points purchase '" + record.id + "' gave member '" + record.referrer +
                              "' for the referral, and the referrer's state was not given");
        return;
    }
    EvaluationBuffers referrer_lots;
    referrer_lots.copy_lots(referrer->lots);
    Points below_zero = referrer->below_zero;
    Holder holder{evaluation.other_owner(referrer->id), referrer_lots, below_zero, true};
    take_back(evaluation, holder, record, take, returned);
}

/// Marks on `record` the lines the return brings back, and adds each (its line, its quantity)
/// to `returned`; false, with a refusal, when the purchase has not that much of one left.
bool mark_returned_lines(Evaluation& evaluation, PurchaseRecord& record, Reason& returned) {
    const Transaction& transaction = evaluation.transaction;
    evaluation.start_extras(returned);
    for (std::size_t i = 0; i < transaction.items.size(); ++i) {
        const LineItem& item = transaction.items[i];
        auto line = std::find_if(record.lines.begin(), record.lines.end(), [&](const PurchaseRecord::Line& l) {
            return l.sku == item.sku && l.quantity - l.returned_quantity >= item.quantity;
        });
        if (line == record.lines.end()) {
            return evaluation.refuse("T051", "items[" + std::to_string(i) + "]",
                                     "purchase '" + record.id + "' has no " + std::to_string(item.quantity) + " of '" +
                                         item.sku + "' left to return");
        }
        line->returned_quantity += item.quantity;
        evaluation.add_extra(returned, line - record.lines.begin());
        evaluation.add_extra(returned, item.quantity);
    }
    return true;
}

/// The purchase's totals for the share of it returned so far, all lines' returns counted.
struct ReturnedNow {
    std::int64_t purchase_paid;
    std::int64_t paid;
    std::int64_t points;
    std::int64_t points_paid_back;
    std::int64_t referrer_points;
};

std::optional<ReturnedNow> returned_now(const ReturnedShare& share, const PurchaseRecord& record) {
    const std::int64_t purchase_paid = record.paid();
    const auto paid = share.of(purchase_paid);
    const auto points = share.of(record.points);
    const auto points_paid_back = share.of(record.points_paid);
    const auto referrer_points = share.of(record.referrer_points);
    if (!paid || !points || !points_paid_back || !referrer_points) return std::nullopt;
    return ReturnedNow{purchase_paid, *paid, *points, *points_paid_back, *referrer_points};
}

/// A state a host wrote by hand can hold such a purchase; the engine never records one.
void refuse_beyond_bounds(Evaluation& evaluation, const PurchaseRecord& record) {
    evaluation.refuse("T030", "original_transaction",
                      "purchase '" + record.id + "' holds numbers past the engine's bounds: the share of it returned "
                      "cannot be taken exactly");
}

/// Lowers each counter the purchase counted by what its returned share no longer counts, in
/// the buckets the member still keeps; false when a share is past the engine's bounds.
bool take_back_counts(Evaluation& evaluation, PurchaseRecord& record, const ReturnedShare& share) {
    for (std::size_t k = 0; k < record.counted.size(); ++k) {
        const PurchaseRecord::Counted& counted = record.counted[k];
        const CounterRule* counter = find_counter(evaluation.program, counted.counter_id);
        if (counter == nullptr) continue;
        std::optional<std::int64_t> now;
        switch (counter->measure) {
            case CounterMeasure::purchases: now = record.fully_returned() ? counted.amount : 0; break;
            case CounterMeasure::items: now = share.of_units(counted.amount); break;
            case CounterMeasure::spend: now = share.of(counted.amount); break;
        }
        if (!now) return false;
        const std::int64_t lower = *now - record.counted_taken_back[k];
        record.counted_taken_back[k] = *now;
        const bool bucket_kept = std::any_of(evaluation.member.counters.begin(), evaluation.member.counters.end(),
                                             [&](const CounterBucket& b) { return b.counter_id == counted.counter_id && b.day == counted.bucket; });
        if (lower != 0 && bucket_kept) {
            evaluation.change(StateChange::Kind::count, counted.counter_id, counted.bucket, -lower);
        }
    }
    return true;
}

/// Gives back `give` of the points that paid for the purchase, with the expiry of the lots
/// that paid.
void refund_points_paid(Evaluation& evaluation, const PurchaseRecord& record, std::int64_t give,
                        const Reason& returned) {
    const auto& expires = record.points_paid_expires_on;
    Delta refund = evaluation.delta(DeltaKind::refund, BuiltInRule::returns, give,
                                    return_reason(returned, Reason::Kind::refund, record.points_paid),
                                    DeltaPart::Kind::refund);
    refund.debit = AccountKind::program_points_redeemed;
    refund.credit = AccountKind::member_points;
    refund.new_lot = NewLot{evaluation.today, expires, std::nullopt};
    evaluation.credit_member(refund);
    evaluation.outcome.deltas.push_back(std::move(refund));
    expire_if_due(evaluation, expires);
}

/// A purchase returned in full gives back the coupons it used.
void restore_coupons(Evaluation& evaluation, const PurchaseRecord& record, const Reason& returned) {
    for (const std::string& coupon_id : record.coupons_used) {
        Delta restore = evaluation.delta(DeltaKind::coupon_restore, BuiltInRule::returns, 1,
                                         return_reason(returned, Reason::Kind::coupon_restore),
                                         DeltaPart::Kind::restored_coupon);
        restore.part.text = coupon_id;
        restore.debit = AccountKind::program_coupons_redeemed;
        restore.credit = AccountKind::member_coupons;
        evaluation.outcome.deltas.push_back(std::move(restore));
        evaluation.change(StateChange::Kind::restore_coupon, coupon_id, evaluation.today);
    }
}

}  // namespace

void record_purchase(Evaluation& evaluation, const std::vector<std::int64_t>& line_paid) {
    if (!evaluation.program.returns.accepted) return;
    const Transaction& transaction = evaluation.transaction;
    const auto& changes = evaluation.outcome.state_changes;
    const auto counts = static_cast<std::size_t>(std::count_if(
        changes.begin(), changes.end(), [](const StateChange& c) { return c.kind == StateChange::Kind::count; }));
    PurchaseRecord& record = new_record(evaluation.change(StateChange::Kind::record_purchase, "", evaluation.today).purchase);
    record.id = transaction.id;
    record.day = evaluation.today;
    record.at = transaction.at;
    record.lines.resize(transaction.items.size());
    for (std::size_t i = 0; i < transaction.items.size(); ++i) {
        PurchaseRecord::Line& line = record.lines[i];
        line.sku = transaction.items[i].sku;
        line.quantity = transaction.items[i].quantity;
        line.paid = line_paid[i];
        line.returned_quantity = 0;
    }
    record.points = evaluation.earned.own_points;
    if (evaluation.earned.referrer) {
        record.referrer = *evaluation.earned.referrer;
    } else {
        record.referrer.clear();
    }
    record.referrer_points = evaluation.earned.referrer_points;
    record.coupons_used.resize(evaluation.coupons_used.size());
    for (std::size_t i = 0; i < evaluation.coupons_used.size(); ++i) {
        record.coupons_used[i] = transaction.coupons[evaluation.coupons_used[i]];
    }
    record.counted.resize(counts);
    auto counted = record.counted.begin();
    for (const StateChange& change : changes) {
        if (change.kind != StateChange::Kind::count) continue;
        counted->counter_id = change.id;
        counted->bucket = change.day;
        counted->amount = change.amount;
        ++counted;
    }
    record.counted_taken_back.assign(counts, 0);
    record.points_paid = evaluation.points_payment.points;
    record.points_paid_expires_on = evaluation.points_payment.soonest_expiry;
}

void evaluate_return(Evaluation& evaluation) {
    if (!evaluation.program.returns.accepted) {
        evaluation.refuse("T052", "kind", "this program takes no returns (it has no 'returns:')");
        return;
    }
    const PurchaseRecord* original = returnable_purchase(evaluation);
    if (original == nullptr) return;
    PurchaseRecord record = *original;
    const bool returned_before = record.fully_returned();
    // What came back, line by line: the start of every sentence of this return.
    Reason returned = Evaluation::reason(Reason::Kind::refund);
    if (!mark_returned_lines(evaluation, record, returned)) return;

    // Running totals: what has come back so far decides what has been taken back so far.
    const ReturnedShare share(record);
    const std::optional<ReturnedNow> now = returned_now(share, record);
    if (!now || !take_back_counts(evaluation, record, share)) {
        refuse_beyond_bounds(evaluation, record);
        return;
    }
    const std::int64_t take = now->points - record.points_taken_back;
    returned.numbers[0] = now->paid - record.returned_paid;
    returned.numbers[1] = now->purchase_paid;
    record.points_taken_back = now->points;
    record.returned_paid = now->paid;
    const std::int64_t give = now->points_paid_back - record.points_paid_back;
    record.points_paid_back = now->points_paid_back;
    // Before the clawback, so points it takes back can come from them rather than be owed.
    if (give > 0) refund_points_paid(evaluation, record, give, returned);
    evaluation.lots.in_order();
    Holder buyer{0, evaluation.buffers, evaluation.below_zero, false};
    take_back(evaluation, buyer, record, take, returned);
    if (record.referrer_points > 0 && !evaluation.program.returns.keep_referrer_points) {
        const std::int64_t referrer_take = now->referrer_points - record.referrer_points_taken_back;
        record.referrer_points_taken_back = now->referrer_points;
        if (referrer_take > 0) take_back_from_referrer(evaluation, record, referrer_take, returned);
    }
    if (record.fully_returned() && !returned_before) restore_coupons(evaluation, record, returned);
    evaluation.change(StateChange::Kind::record_purchase, "", evaluation.today).purchase = std::move(record);
}

}  // namespace loyalty::detail
