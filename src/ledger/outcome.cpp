#include "loyalty/outcome.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/wide_integer.hpp"
#include "ledger/lot_order.hpp"
#include "loyalty/error.hpp"

namespace loyalty {
namespace {

void add_lot(Member& member, const Delta& delta) {
    if (!delta.new_lot) throw std::logic_error("loyalty: delta " + delta.id + " credits points but makes no lot");
    PointsLot lot;
    detail::insert_lot(member.lots, member.below_zero, delta, lot);
}

void take_from_lots(Member& member, const Delta& delta) {
    std::int64_t taken = 0;
    for (const LotChange& change : delta.consumed_lots) {
        const auto lot = std::find_if(member.lots.begin(), member.lots.end(),
                                      [&](const PointsLot& l) { return l.id == change.lot_id; });
        if (lot == member.lots.end() || lot->points.value < change.points || change.points <= 0) {
            throw std::logic_error("loyalty: delta " + delta.id + " takes more from lot " + change.lot_id +
                                   " than it holds");
        }
        lot->points -= Points{change.points};
        taken += change.points;
    }
    if (taken != delta.amount && !(delta.kind == DeltaKind::clawback && taken < delta.amount)) {
        throw std::logic_error("loyalty: delta " + delta.id + " names lots that do not add up");
    }
    // Only a clawback under a negative_balance policy takes more than the lots hold.
    member.below_zero += Points{delta.amount - taken};
    member.lots.erase(std::remove_if(member.lots.begin(), member.lots.end(),
                                     [](const PointsLot& l) { return l.points.value == 0; }),
                      member.lots.end());
}

void use_coupon(Member& member, const Delta& delta, const std::string& transaction_id) {
    const auto coupon = delta.coupon ? member.coupons.find(delta.coupon->id) : member.coupons.end();
    if (coupon == member.coupons.end() || !coupon->second.used_by.empty()) {
        throw std::logic_error("loyalty: delta " + delta.id + " uses a coupon the member cannot use");
    }
    coupon->second.used_by = transaction_id;
}

/// Removes the items `stale` accepts from a map or set.
template <typename Container, typename Stale>
void erase_if(Container& items, Stale stale) {
    for (auto item = items.begin(); item != items.end();) item = stale(*item) ? items.erase(item) : std::next(item);
}

}  // namespace

std::string_view to_string(StateChange::Kind kind) {
    switch (kind) {
        case StateChange::Kind::count: return "count";
        case StateChange::Kind::use_rule: return "use_rule";
        case StateChange::Kind::forget: return "forget";
        case StateChange::Kind::record_purchase: return "record_purchase";
        case StateChange::Kind::restore_coupon: return "restore_coupon";
        case StateChange::Kind::set_tier: return "set_tier";
        case StateChange::Kind::active: return "active";
        case StateChange::Kind::forget_coupons: return "forget_coupons";
        case StateChange::Kind::merge_lots: return "merge_lots";
        case StateChange::Kind::forgotten: return "forgotten";
    }
    return "unknown";
}

Points Outcome::points_change(const std::string& of_member) const {
    Points change;
    const Account own{AccountKind::member_points, of_member};
    for (const Delta& delta : deltas) {
        if (delta.unit != "points") continue;
        if (delta.credit == own) change += Points{delta.amount};
        if (delta.debit == own) change -= Points{delta.amount};
    }
    return change;
}

std::vector<std::string> Outcome::owners() const {
    std::vector<std::string> owners;
    if (already_applied) return owners;
    owners.push_back(member_id);
    const auto add = [&owners](const std::string& other) {
        if (std::find(owners.begin(), owners.end(), other) == owners.end()) owners.push_back(other);
    };
    for (const Delta& delta : deltas) add(delta.owner);
    for (const StateChange& change : state_changes) add(change.owner);
    return owners;
}

std::vector<Posting> Outcome::postings() const {
    std::vector<Posting> all;
    for (const Delta& delta : deltas) {
        for (Posting& posting : delta.postings()) all.push_back(std::move(posting));
    }
    return all;
}

namespace {

/// Whether the outcome changes `member`: false when it has the outcome's transaction already, or
/// when the outcome owns nothing of it; T020 when it has the id with other contents.
bool is_new_to(const Member& member, const Outcome& outcome) {
    if (outcome.already_applied) return false;
    if (const AppliedTransaction* seen = member.find_applied(outcome.transaction_id)) {
        if (seen->fingerprint == outcome.transaction_fingerprint) return false;
        // Recorded with a fingerprint of the version before, which an outcome does not carry:
        // evaluating against this member compares it, and says whether it is a resend.
        throw TransactionError("T020", outcome.transaction_id, "id",
                               seen->fingerprint.legacy
                                   ? "this id was already applied, under a fingerprint of the version before; evaluate "
                                     "the transaction against this member to tell a resend"
                                   : "this id was already applied with different contents");
    }
    const auto owned = [&member](const auto& effect) { return effect.owner == member.id; };
    return std::any_of(outcome.deltas.begin(), outcome.deltas.end(), owned) ||
           std::any_of(outcome.state_changes.begin(), outcome.state_changes.end(), owned) ||
           outcome.member_id == member.id;
}

void issue_coupon(Member& next, const Coupon& coupon) {
    next.coupons.insert_or_assign(coupon.id, coupon);
    if (!next.earliest_coupon_end || coupon.valid_until < *next.earliest_coupon_end) next.earliest_coupon_end = coupon.valid_until;
}

/// What a delta does to the member's holding on one side of it: its credit gains the amount, its
/// debit loses it. The evaluator names only the owner's accounts as member accounts.
void fold_side(Member& next, const Delta& delta, const Account& account, bool credited, const std::string& transaction_id) {
    switch (account.kind) {
        case AccountKind::member_points:
        case AccountKind::member_pending: credited ? add_lot(next, delta) : take_from_lots(next, delta); break;
        case AccountKind::member_coupons:
            if (credited && delta.kind == DeltaKind::coupon_issue) issue_coupon(next, *delta.coupon);
            if (!credited && delta.kind == DeltaKind::coupon_use) use_coupon(next, delta, transaction_id);
            break;
        case AccountKind::member_credit:
            next.store_credit = detail::narrow(detail::WideInteger(next.store_credit) + (credited ? delta.amount : -delta.amount),
                                               Money::minor_units_max, "store credit");
            break;
        case AccountKind::member_owed: next.owed += Points{credited ? -delta.amount : delta.amount}; break;
        case AccountKind::member_savings:
        case AccountKind::member_badges:
        case AccountKind::member_tier:
        case AccountKind::member_benefits:
        case AccountKind::program_points_issued:
        case AccountKind::program_points_redeemed:
        case AccountKind::program_points_expired:
        case AccountKind::program_coupons_issued:
        case AccountKind::program_coupons_redeemed:
        case AccountKind::program_discounts:
        case AccountKind::program_rebates:
        case AccountKind::program_tiers:
        case AccountKind::program_benefits:
        case AccountKind::program_badges_awarded: break;
    }
}

void fold_delta(Member& next, const Delta& delta, const std::string& transaction_id) {
    // Pending points become spendable: one lot changes state, nothing is added or taken.
    if (delta.kind == DeltaKind::release) {
        detail::release_lots(next.lots, next.below_zero, delta.consumed_lots);
        return;
    }
    fold_side(next, delta, delta.credit, true, transaction_id);
    fold_side(next, delta, delta.debit, false, transaction_id);
}

void add_to_counter(Member& next, const StateChange& change) {
    const auto bucket = std::find_if(next.counters.begin(), next.counters.end(), [&](const CounterBucket& b) {
        return b.counter_id == change.id && b.day == change.day;
    });
    if (bucket != next.counters.end()) {
        bucket->value = (Points{bucket->value} + Points{change.amount}).value;
    } else {
        next.counters.push_back({change.id, change.day, change.amount});
    }
}

void keep_purchase(Member& next, const PurchaseRecord& purchase) { next.purchases.insert_or_assign(purchase.id, purchase); }

void forget(Member& next, const StateChange& change) {
    if (change.id.empty()) {
        erase_if(next.purchases, [&](const auto& record) { return record.second.day < change.day; });
        return;
    }
    next.counters.erase(std::remove_if(next.counters.begin(), next.counters.end(),
                                       [&](const CounterBucket& b) { return b.counter_id == change.id && b.day < change.day; }),
                        next.counters.end());
    auto [first, last] = next.rule_uses.equal_range(std::string_view(change.id));
    while (first != last) first = first->period_start < change.day ? next.rule_uses.erase(first) : std::next(first);
}

void fold_change(Member& next, const StateChange& change) {
    switch (change.kind) {
        case StateChange::Kind::count: add_to_counter(next, change); break;
        case StateChange::Kind::use_rule: next.rule_uses.insert({change.id, change.day}); break;
        case StateChange::Kind::forget: forget(next, change); break;
        case StateChange::Kind::record_purchase: keep_purchase(next, *change.purchase); break;
        case StateChange::Kind::restore_coupon:
            if (const auto coupon = next.coupons.find(change.id); coupon != next.coupons.end()) coupon->second.used_by.clear();
            break;
        case StateChange::Kind::set_tier:
            next.tier = change.id;
            next.tier_kept_until = change.day;
            break;
        case StateChange::Kind::active:
            if (!next.last_active_on || *next.last_active_on < change.day) next.last_active_on = change.day;
            break;
        case StateChange::Kind::forget_coupons:
            erase_if(next.coupons, [&](const auto& coupon) { return coupon.second.valid_until < change.day; });
            next.find_earliest_coupon_end();
            break;
        case StateChange::Kind::merge_lots: detail::merge_lots(next.lots, change.day); break;
        case StateChange::Kind::forgotten: next.forgotten_as_of = change.day; break;
    }
}

void fold_in(Member& next, const Outcome& outcome) {
    for (const Delta& delta : outcome.deltas) {
        if (delta.owner == next.id) fold_delta(next, delta, outcome.transaction_id);
    }
    for (const StateChange& change : outcome.state_changes) {
        if (change.owner == next.id) fold_change(next, change);
    }
    if (outcome.member_id == next.id && (!next.latest_day || *next.latest_day < outcome.day)) next.latest_day = outcome.day;
    next.recent_transactions.remember({outcome.transaction_id, outcome.transaction_fingerprint});
}

}  // namespace

Member apply(const Member& member, const Outcome& outcome) {
    if (!is_new_to(member, outcome)) return member;
    Member next = member;
    fold_in(next, outcome);
    return next;
}

void apply_in_place(Member& member, const Outcome& outcome) {
    if (is_new_to(member, outcome)) fold_in(member, outcome);
}

}  // namespace loyalty
