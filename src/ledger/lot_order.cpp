#include "ledger/lot_order.hpp"

#include <algorithm>
#include <string>
#include <tuple>

namespace loyalty::detail {

bool spent_before(const PointsLot& a, const PointsLot& b) {
    if (a.expires_on.has_value() != b.expires_on.has_value()) return a.expires_on.has_value();
    if (a.expires_on && *a.expires_on != *b.expires_on) return *a.expires_on < *b.expires_on;
    return std::tie(a.earned_on, a.id) < std::tie(b.earned_on, b.id);
}

namespace {

/// The lot `lot`'s points join: the one earned the same day that expires and is released on the
/// same days (not the opening balance), found by its expiry and day alone, whatever the ids.
/// Points earned on one day that expire and are released together are one lot, so a member's
/// lots are bounded by days, however many purchases a day brings.
PointsLot* same_day_lot(std::vector<PointsLot>& lots, const PointsLot& lot) {
    const auto before_the_day = [](const PointsLot& a, const PointsLot& b) {
        if (a.expires_on.has_value() != b.expires_on.has_value()) return a.expires_on.has_value();
        if (a.expires_on && *a.expires_on != *b.expires_on) return *a.expires_on < *b.expires_on;
        return a.earned_on < b.earned_on;
    };
    for (auto same_day = std::lower_bound(lots.begin(), lots.end(), lot, before_the_day);
         same_day != lots.end() && same_day->earned_on == lot.earned_on && same_day->expires_on == lot.expires_on; ++same_day) {
        if (same_day->pending_until == lot.pending_until && !same_day->is_opening_balance()) return &*same_day;
    }
    return nullptr;
}

}  // namespace

bool insert_lot(std::vector<PointsLot>& lots, Points& below_zero, const Delta& delta, const Outcome& outcome,
                PointsLot& lot) {
    // Pending points are not spendable yet: they fill the gap when they are released.
    const std::int64_t filled = delta.new_lot->pending_until ? 0 : std::min(below_zero.value, delta.amount);
    below_zero.value -= filled;
    if (filled == delta.amount) return false;
    lot.points = Points{delta.amount - filled};
    lot.earned_on = delta.new_lot->earned_on;
    lot.expires_on = delta.new_lot->expires_on;
    lot.pending_until = delta.new_lot->pending_until;
    if (PointsLot* same_day = same_day_lot(lots, lot)) {
        same_day->points.value += lot.points.value;
        return false;
    }
    // A lot of its own is known by the delta's id, written only then.
    lot.id.clear();
    outcome.append_delta_id(lot.id, delta);
    lots.insert(std::upper_bound(lots.begin(), lots.end(), lot, spent_before), std::move(lot));
    return true;
}

bool place_lot(std::vector<PointsLot>& lots, PointsLot& lot) {
    if (PointsLot* same_day = same_day_lot(lots, lot)) {
        same_day->points.value += lot.points.value;
        return false;
    }
    lots.insert(std::upper_bound(lots.begin(), lots.end(), lot, spent_before), std::move(lot));
    return true;
}

namespace {

bool mergeable(const PointsLot& lot, Date before) {
    return lot.earned_on < before && !lot.pending_until && !lot.is_opening_balance();
}

}  // namespace

bool lots_to_merge(const std::vector<PointsLot>& lots, Date before) {
    // In spending order, lots that expire on the same day are next to one another.
    const PointsLot* previous = nullptr;
    for (const PointsLot& lot : lots) {
        if (!mergeable(lot, before)) continue;
        if (previous && previous->expires_on == lot.expires_on) return true;
        previous = &lot;
    }
    return false;
}

bool merge_lots(std::vector<PointsLot>& lots, Date before, FoldPools* pools) {
    bool merged = false;
    for (std::size_t first = 0; first < lots.size(); ++first) {
        if (!mergeable(lots[first], before)) continue;
        for (std::size_t other = first + 1; other < lots.size();) {
            if (mergeable(lots[other], before) && lots[other].expires_on == lots[first].expires_on) {
                lots[first].points.value += lots[other].points.value;
                if (pools) FoldPools::keep(pools->lots, std::move(lots[other]));
                lots.erase(lots.begin() + static_cast<std::ptrdiff_t>(other));
                merged = true;
            } else {
                ++other;
            }
        }
    }
    return merged;
}

bool release_lots(std::vector<PointsLot>& lots, Points& below_zero, const std::vector<LotChange>& released) {
    bool all_pending = true;
    for (const LotChange& change : released) {
        const auto lot = std::find_if(lots.begin(), lots.end(), [&](const PointsLot& l) { return l.id == change.lot_id; });
        if (lot == lots.end() || !lot->pending_until || lot->points.value != change.points) {
            all_pending = false;
            continue;
        }
        lot->pending_until.reset();
        const std::int64_t filled = std::min(below_zero.value, lot->points.value);
        below_zero.value -= filled;
        lot->points.value -= filled;
    }
    lots.erase(std::remove_if(lots.begin(), lots.end(), [](const PointsLot& l) { return l.points.value == 0; }), lots.end());
    return all_pending;
}

}  // namespace loyalty::detail
