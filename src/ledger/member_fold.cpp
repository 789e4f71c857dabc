#include "ledger/member_fold.hpp"

#include <algorithm>
#include <string>

#include "core/wide_integer.hpp"
#include "ledger/lot_order.hpp"

namespace loyalty::detail {
namespace {

/// Where a member's folding keeps and finds memory: the pools when a host gave them, none else.
class Recycling {
public:
    explicit Recycling(FoldPools* pools) : pools_(pools) {}

    PointsLot lot() { return pools_ ? FoldPools::take(pools_->lots) : PointsLot(); }
    CounterBucket bucket() { return pools_ ? FoldPools::take(pools_->counters) : CounterBucket(); }
    void keep(CounterBucket&& bucket) {
        if (pools_) FoldPools::keep(pools_->counters, std::move(bucket));
    }
    void keep(PointsLot&& lot) {
        if (pools_) FoldPools::keep(pools_->lots, std::move(lot));
    }
    /// Inserts or assigns `value` under `key` in `map`, a new entry in the memory of a kept one.
    template <typename Map, typename Node>
    void put(Map& map, std::vector<Node>* pool, const std::string& key, const typename Map::mapped_type& value) {
        if (const auto found = map.find(key); found != map.end()) {
            found->second = value;
            return;
        }
        if (pool == nullptr || pool->empty()) {
            map.emplace(key, value);
            return;
        }
        Node node = FoldPools::take(*pool);
        node.key() = key;
        node.mapped() = value;
        map.insert(std::move(node));
    }
    /// Removes the entries from `item` to `end` that `stale` accepts from a map or set, keeping
    /// their memory.
    template <typename Container, typename Node, typename Stale>
    void drop_if(Container& items, typename Container::iterator item, typename Container::iterator end,
                 std::vector<Node>* pool, Stale stale) {
        while (item != end) {
            const auto next = std::next(item);
            if (stale(*item)) {
                if (pool) {
                    FoldPools::keep(*pool, items.extract(item));
                } else {
                    items.erase(item);
                }
            }
            item = next;
        }
    }
    template <typename Container, typename Node, typename Stale>
    void drop_if(Container& items, std::vector<Node>* pool, Stale stale) {
        drop_if(items, items.begin(), items.end(), pool, stale);
    }
    std::vector<FoldPools::PurchaseNode>* purchases() { return pools_ ? &pools_->purchases : nullptr; }
    std::vector<FoldPools::CouponNode>* coupons() { return pools_ ? &pools_->coupons : nullptr; }
    std::vector<FoldPools::RuleUseNode>* rule_uses() { return pools_ ? &pools_->rule_uses : nullptr; }
    FoldPools* pools() { return pools_; }

private:
    FoldPools* pools_;
};

// Each step returns false for an outcome that does not fit the member, with `problem` saying how.
// An outcome evaluated against the member always fits: its sums stay within ±10^15 (the
// evaluation refuses others), so the int64 sums here are exact.

bool add_lot(Member& member, const Delta& delta, const Outcome& outcome, Recycling& recycling, std::string& problem) {
    if (!delta.new_lot) {
        problem = "delta " + outcome.delta_id(delta) + " credits points but makes no lot";
        return false;
    }
    PointsLot lot = recycling.lot();
    // Joined to a lot of its day, the new one's memory is kept.
    if (!insert_lot(member.lots, member.below_zero, delta, outcome, lot)) recycling.keep(std::move(lot));
    return true;
}

bool take_from_lots(Member& member, const Delta& delta, const Outcome& outcome, Recycling& recycling,
                    std::string& problem) {
    std::int64_t taken = 0;
    for (const LotChange& change : delta.consumed_lots) {
        const auto lot = std::find_if(member.lots.begin(), member.lots.end(),
                                      [&](const PointsLot& l) { return l.id == change.lot_id; });
        if (lot == member.lots.end() || lot->points.value < change.points || change.points <= 0 ||
            change.points > Points::value_max) {
            problem = "delta " + outcome.delta_id(delta) + " takes more from lot " + change.lot_id + " than it holds";
            return false;
        }
        lot->points.value -= change.points;
        taken += change.points;
    }
    if (taken != delta.amount && !(delta.kind == DeltaKind::clawback && taken < delta.amount)) {
        problem = "delta " + outcome.delta_id(delta) + " names lots that do not add up";
        return false;
    }
    // Only a clawback under a negative_balance policy takes more than the lots hold.
    const std::optional<Points> below_zero = member.below_zero.plus(Points{delta.amount - taken});
    if (!below_zero) {
        problem = "delta " + outcome.delta_id(delta) + " takes the balance below zero past the limit";
        return false;
    }
    member.below_zero = *below_zero;
    // Lots spent to nothing go, in order, their memory kept.
    auto kept_end = member.lots.begin();
    for (auto lot = member.lots.begin(); lot != member.lots.end(); ++lot) {
        if (lot->points.value == 0) continue;
        if (lot != kept_end) std::swap(*lot, *kept_end);
        ++kept_end;
    }
    while (member.lots.end() != kept_end) {
        recycling.keep(std::move(member.lots.back()));
        member.lots.pop_back();
    }
    return true;
}

bool use_coupon(Member& member, const Delta& delta, const Outcome& outcome, std::string& problem) {
    const auto coupon = delta.coupon ? member.coupons.find(delta.coupon->id) : member.coupons.end();
    if (coupon == member.coupons.end() || !coupon->second.used_by.empty()) {
        problem = "delta " + outcome.delta_id(delta) + " uses a coupon the member cannot use";
        return false;
    }
    coupon->second.used_by = outcome.transaction_id;
    return true;
}


void issue_coupon(Member& next, const Coupon& coupon, Recycling& recycling) {
    recycling.put(next.coupons, recycling.coupons(), coupon.id, coupon);
    if (!next.earliest_coupon_end || coupon.valid_until < *next.earliest_coupon_end) next.earliest_coupon_end = coupon.valid_until;
}

/// What a delta does to the member's holding on one side of it: its credit gains the amount, its
/// debit loses it. The evaluator names only the owner's accounts as member accounts.
bool fold_side(Member& next, const Delta& delta, AccountKind account, bool credited, const Outcome& outcome,
               Recycling& recycling, std::string& problem) {
    const std::int64_t change = credited ? delta.amount : -delta.amount;
    switch (account) {
        case AccountKind::member_points:
        case AccountKind::member_pending:
            return credited ? add_lot(next, delta, outcome, recycling, problem)
                            : take_from_lots(next, delta, outcome, recycling, problem);
        case AccountKind::member_coupons:
            if (credited && delta.kind == DeltaKind::coupon_issue) {
                if (!delta.coupon) {
                    problem = "delta " + outcome.delta_id(delta) + " issues no coupon";
                    return false;
                }
                issue_coupon(next, *delta.coupon, recycling);
            }
            return credited || delta.kind != DeltaKind::coupon_use || use_coupon(next, delta, outcome, problem);
        case AccountKind::member_credit:
            if (const auto credit = narrow(WideInteger(next.store_credit) + change, Money::minor_units_max)) {
                next.store_credit = *credit;
                return true;
            }
            problem = "delta " + outcome.delta_id(delta) + " takes store credit past the limit";
            return false;
        case AccountKind::member_owed:
            if (const auto owed = next.owed.minus(Points{change})) {
                next.owed = *owed;
                return true;
            }
            problem = "delta " + outcome.delta_id(delta) + " takes owed points past the limit";
            return false;
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
        case AccountKind::program_badges_awarded: return true;
    }
    return true;
}

bool fold_delta(Member& next, const Delta& delta, const Outcome& outcome, Recycling& recycling, std::string& problem) {
    // Pending points become spendable: one lot changes state, nothing is added or taken.
    if (delta.kind == DeltaKind::release) {
        if (release_lots(next.lots, next.below_zero, delta.consumed_lots)) return true;
        problem = "delta " + outcome.delta_id(delta) + " releases a lot that is not pending with the points it holds";
        return false;
    }
    return fold_side(next, delta, delta.credit, true, outcome, recycling, problem) &&
           fold_side(next, delta, delta.debit, false, outcome, recycling, problem);
}

bool add_to_counter(Member& next, const StateChange& change, Recycling& recycling, std::string& problem) {
    const auto bucket = std::find_if(next.counters.begin(), next.counters.end(), [&](const CounterBucket& b) {
        return b.counter_id == change.id && b.day == change.day;
    });
    if (bucket != next.counters.end()) {
        const std::optional<Points> value = Points{bucket->value}.plus(Points{change.amount});
        if (!value) {
            problem = "counter " + change.id + " would pass the limit";
            return false;
        }
        bucket->value = value->value;
        return true;
    }
    CounterBucket added = recycling.bucket();
    added.counter_id.assign(change.id);
    added.day = change.day;
    added.value = change.amount;
    next.counters.push_back(std::move(added));
    return true;
}

void use_rule(Member& next, const StateChange& change, Recycling& recycling) {
    std::vector<FoldPools::RuleUseNode>* pool = recycling.rule_uses();
    if (pool == nullptr || pool->empty()) {
        next.rule_uses.insert({change.id, change.day});
        return;
    }
    FoldPools::RuleUseNode node = FoldPools::take(*pool);
    node.value().rule_id.assign(change.id);
    node.value().period_start = change.day;
    auto inserted = next.rule_uses.insert(std::move(node));
    if (!inserted.inserted) FoldPools::keep(*pool, std::move(inserted.node));
}

void forget(Member& next, const StateChange& change, Recycling& recycling) {
    if (change.id.empty()) {
        recycling.drop_if(next.purchases, recycling.purchases(), [&](const auto& record) { return record.second.day < change.day; });
        return;
    }
    const auto stale = std::remove_if(next.counters.begin(), next.counters.end(),
                                      [&](const CounterBucket& b) { return b.counter_id == change.id && b.day < change.day; });
    // Moved behind the kept ones, the stale buckets still hold memory: it is kept.
    for (auto bucket = stale; bucket != next.counters.end(); ++bucket) recycling.keep(std::move(*bucket));
    next.counters.erase(stale, next.counters.end());
    const auto [first, last] = next.rule_uses.equal_range(std::string_view(change.id));
    recycling.drop_if(next.rule_uses, first, last, recycling.rule_uses(),
                      [&](const RuleUse& use) { return use.period_start < change.day; });
}

bool fold_change(Member& next, const StateChange& change, Recycling& recycling, std::string& problem) {
    switch (change.kind) {
        case StateChange::Kind::count: return add_to_counter(next, change, recycling, problem);
        case StateChange::Kind::use_rule: use_rule(next, change, recycling); break;
        case StateChange::Kind::forget: forget(next, change, recycling); break;
        case StateChange::Kind::record_purchase:
            if (!change.purchase) {
                problem = "a state change records no purchase";
                return false;
            }
            recycling.put(next.purchases, recycling.purchases(), change.purchase->id, *change.purchase);
            break;
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
            recycling.drop_if(next.coupons, recycling.coupons(), [&](const auto& coupon) { return coupon.second.valid_until < change.day; });
            next.find_earliest_coupon_end();
            break;
        case StateChange::Kind::merge_lots: merge_lots(next.lots, change.day, recycling.pools()); break;
        case StateChange::Kind::forgotten: next.forgotten_as_of = change.day; break;
    }
    return true;
}

}  // namespace

Result<bool, EvaluationError> is_new_to(const Member& member, const Outcome& outcome) {
    if (outcome.already_applied) return false;
    if (const AppliedTransaction* seen = member.find_applied(outcome.transaction_id)) {
        if (seen->fingerprint == outcome.transaction_fingerprint) return false;
        // Recorded with a fingerprint of the version before, which an outcome does not carry:
        // evaluating against this member compares it, and says whether it is a resend.
        return EvaluationError{"T020", outcome.transaction_id, "id",
                               seen->fingerprint.legacy
                                   ? "this id was already applied, under a fingerprint of the version before; "
                                     "evaluate the transaction against this member to tell a resend"
                                   : "this id was already applied with different contents"};
    }
    const std::optional<std::uint32_t> number = outcome.owner_number(member.id);
    if (!number) return false;
    const auto owned = [&number](const auto& effect) { return effect.owner == *number; };
    return std::any_of(outcome.deltas.begin(), outcome.deltas.end(), owned) ||
           std::any_of(outcome.state_changes.begin(), outcome.state_changes.end(), owned) ||
           outcome.member_id == member.id;
}

std::optional<EvaluationError> fold_into(Member& next, const Outcome& outcome, FoldPools* pools) {
    Recycling recycling(pools);
    std::string problem;
    // Effects name their owner by number: the member's is found once.
    const std::optional<std::uint32_t> number = outcome.owner_number(next.id);
    for (const Delta& delta : outcome.deltas) {
        if (delta.owner == number && !fold_delta(next, delta, outcome, recycling, problem)) {
            return EvaluationError{"T099", outcome.transaction_id, "", std::move(problem)};
        }
    }
    for (const StateChange& change : outcome.state_changes) {
        if (change.owner == number && !fold_change(next, change, recycling, problem)) {
            return EvaluationError{"T099", outcome.transaction_id, "", std::move(problem)};
        }
    }
    if (outcome.member_id == next.id && (!next.latest_day || *next.latest_day < outcome.day)) next.latest_day = outcome.day;
    next.recent_transactions.remember({outcome.transaction_id, outcome.transaction_fingerprint});
    return std::nullopt;
}

}  // namespace loyalty::detail
