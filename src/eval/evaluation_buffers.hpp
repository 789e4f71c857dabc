#pragma once
// The working memory inside an EvaluatorState: what an evaluation works in besides its result.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eval/earn_plan.hpp"
#include "ledger/fold_pools.hpp"
#include "loyalty/ledger.hpp"
#include "loyalty/member.hpp"
#include "loyalty/state_change.hpp"

namespace loyalty::detail {

/// Kept by the EvaluatorState a host reuses, so that evaluating on one thread does not allocate
/// it again on every transaction. The engine overwrites it on every evaluation.
struct EvaluationBuffers {
    /// The member's lots as the steps of the evaluation leave them, once a step needs them in
    /// order (EvaluationLots), and those the evaluation credits before.
    std::vector<PointsLot> lots;
    std::vector<PointsLot> credited_lots;
    /// Lots the evaluation dropped or will need: their ids keep their memory. At most
    /// spare_lots_max are kept.
    std::vector<PointsLot> spare_lots;
    /// What burns took from lots in earlier evaluations: their lot ids keep their memory.
    std::vector<LotChange> spare_lot_changes;
    static constexpr std::size_t spare_lots_max = 256;
    /// What each line costs after discounts and coupons.
    std::vector<std::int64_t> line_paid;
    /// What each line (and shipping, tax) counts toward an earn rate, and the spend each
    /// multiplier applied to.
    std::vector<std::int64_t> earn_base;
    std::vector<std::int64_t> multiplied;
    /// What each earn rule that was reached earned, by rule index.
    std::vector<std::pair<std::size_t, std::int64_t>> earned_by_rule;
    /// The coupons a purchase used, by their place in the transaction's list.
    std::vector<std::size_t> coupons_used;
    /// What the earn rules give before caps, and the caps' notes on it.
    std::vector<PlannedEarn> planned_earns;
    std::vector<PlannedCapNote> cap_notes;
    /// Each counter's value before the transaction, and what the transaction adds to it.
    std::vector<std::int64_t> counter_values;
    std::vector<std::int64_t> counter_added;
    /// The previous outcomes' deltas: a new delta is written into the memory of one of its kind
    /// (its id, rule, lots taken, coupon). At most spare_deltas_max are kept.
    std::vector<Delta> spare_deltas;
    static constexpr std::size_t spare_deltas_max = 64;
    /// The previous outcomes' state changes, likewise: a purchase record, a counter's id.
    std::vector<StateChange> spare_changes;
    /// What members drop as outcomes are applied, for what the next ones add.
    FoldPools fold;

    /// Keeps `delta`'s memory for a later take_delta, unless enough are kept already.
    void recycle_delta(Delta&& delta) {
        if (spare_deltas.size() < spare_deltas_max) spare_deltas.push_back(std::move(delta));
    }
    /// A kept delta, of `kind` when there is one, or a new one. Its fields still hold what they
    /// held: the caller sets every one.
    Delta take_delta(DeltaKind kind) { return take_of_kind(spare_deltas, kind); }
    /// The same for state changes.
    void recycle_change(StateChange&& change) {
        if (spare_changes.size() < spare_deltas_max) spare_changes.push_back(std::move(change));
    }
    StateChange take_change(StateChange::Kind kind) { return take_of_kind(spare_changes, kind); }

    /// Keeps `lot`'s memory for a later take_lot, unless enough are kept already.
    void recycle_lot(PointsLot&& lot) {
        if (spare_lots.size() < spare_lots_max) spare_lots.push_back(std::move(lot));
    }
    /// A kept lot, or a new one. Its fields still hold what they held: the caller sets every one.
    PointsLot take_lot() {
        if (spare_lots.empty()) return {};
        PointsLot lot = std::move(spare_lots.back());
        spare_lots.pop_back();
        return lot;
    }
    /// Makes `lots` equal to `member_lots`, each lot written into the memory of one it had or a
    /// kept one.
    void copy_lots(const std::vector<PointsLot>& member_lots) {
        resize_keeping_memory(lots, member_lots.size(), spare_lots, spare_lots_max);
        std::copy(member_lots.begin(), member_lots.end(), lots.begin());
    }
    /// Resizes `changes`, keeping the memory of the changes it drops for those it will need.
    void resize_lot_changes(std::vector<LotChange>& changes, std::size_t size) {
        resize_keeping_memory(changes, size, spare_lot_changes, spare_lots_max);
    }
    /// Removes the lots `drop` accepts, keeping the order of the others and the memory of all.
    template <typename Drop>
    void drop_lots_if(Drop drop) {
        drop_keeping_memory(lots, 0, drop, spare_lots, spare_lots_max);
    }

private:
    template <typename Item, typename Kind>
    static Item take_of_kind(std::vector<Item>& spare, Kind kind) {
        if (spare.empty()) return {};
        const auto same = std::find_if(spare.rbegin(), spare.rend(), [kind](const Item& item) { return item.kind == kind; });
        if (same != spare.rend() && same != spare.rbegin()) std::swap(*same, spare.back());
        Item item = std::move(spare.back());
        spare.pop_back();
        return item;
    }
    /// Items dropped go to `spare` (up to `spare_max`), items added come from there.
    template <typename Item>
    static void resize_keeping_memory(std::vector<Item>& items, std::size_t size, std::vector<Item>& spare,
                                      std::size_t spare_max) {
        while (items.size() > size) {
            if (spare.size() < spare_max) spare.push_back(std::move(items.back()));
            items.pop_back();
        }
        while (items.size() < size) {
            if (spare.empty()) {
                items.emplace_back();
                continue;
            }
            items.push_back(std::move(spare.back()));
            spare.pop_back();
        }
    }
    /// Removes the items from `first` on that `drop` accepts: the others keep their order, the
    /// dropped go to `spare`.
    template <typename Item, typename Drop>
    static void drop_keeping_memory(std::vector<Item>& items, std::size_t first, Drop drop, std::vector<Item>& spare,
                                    std::size_t spare_max) {
        auto kept_end = items.begin() + static_cast<std::ptrdiff_t>(first);
        for (auto item = kept_end; item != items.end(); ++item) {
            if (drop(*item)) continue;
            if (item != kept_end) std::swap(*item, *kept_end);
            ++kept_end;
        }
        resize_keeping_memory(items, static_cast<std::size_t>(kept_end - items.begin()), spare, spare_max);
    }
};

}  // namespace loyalty::detail
