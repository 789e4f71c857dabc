#include "eval/points_payment.hpp"

#include <algorithm>
#include <numeric>

#include "eval/points_spending.hpp"
#include "explain/wording.hpp"

namespace loyalty::detail {

void pay_with_points(Evaluation& evaluation, std::int64_t cost) {
    const Transaction& transaction = evaluation.transaction;
    const std::int64_t points = transaction.points_payment;
    if (points == 0) return;
    // The transaction check made sure the program has a rate.
    const PointsPayRate& rate = *evaluation.program.pay_rate;
    const Currency currency = evaluation.program.currency;
    const WideInteger worth = WideInteger(points) * rate.worth.minor_units();
    if (worth % rate.points != 0) {
        evaluation.refuse("T044", "points_payment",
                          points_phrase(points) + " are not worth a whole amount at " + points_phrase(rate.points) + " pay " +
                              rate.worth.to_string() + "; pay in steps of " +
                              points_phrase(rate.points / std::gcd(rate.points, rate.worth.minor_units())));
        return;
    }
    const std::int64_t value = evaluation.narrow(worth / rate.points, Money::minor_units_max, "points payment");
    if (evaluation.refused()) return;
    if (evaluation.points_left() < points) {
        evaluation.refuse("T043", "points_payment",
                          "paying with " + points_phrase(points) + " needs that many spendable points; the member has " +
                              points_phrase(evaluation.points_left()));
        return;
    }
    if (value > cost) {
        evaluation.refuse("T045", "points_payment",
                          points_phrase(points) + " pay " + Money::text_of(value, currency) +
                              ", more than the purchase costs: " + Money::text_of(cost, currency));
        return;
    }
    const std::vector<PointsLot>& lots = evaluation.lots.in_order();
    Delta burn = evaluation.delta(DeltaKind::burn, BuiltInRule::points_payment, points,
                                  Evaluation::reason(Reason::Kind::points_payment, 0, {value}));
    points_to_take(evaluation.buffers, points, LotState::spendable, burn.consumed_lots);
    std::optional<Date> soonest;
    for (const LotChange& change : burn.consumed_lots) {
        const auto lot = std::find_if(lots.begin(), lots.end(), [&](const PointsLot& l) { return l.id == change.lot_id; });
        if (lot->expires_on && (!soonest || *lot->expires_on < *soonest)) soonest = lot->expires_on;
    }
    evaluation.add_lot_days(burn.reason, burn.consumed_lots, lots);
    take_lots(evaluation.buffers, burn.consumed_lots);
    burn.debit = AccountKind::member_points;
    burn.credit = AccountKind::program_points_redeemed;
    evaluation.outcome.deltas.push_back(std::move(burn));
    evaluation.points_payment = {points, value, soonest};
}

}  // namespace loyalty::detail
