#include "eval/redemption.hpp"

#include <algorithm>

#include "compile/suggestion.hpp"
#include "eval/coupon_issue.hpp"
#include "eval/points_spending.hpp"
#include "explain/wording.hpp"

namespace loyalty::detail {
namespace {

void redeem(Evaluation& evaluation, const RedemptionRule& rule) {
    const auto index = static_cast<std::size_t>(&rule - evaluation.program.redemptions.data());
    const std::vector<PointsLot>& lots = evaluation.lots.in_order();
    Delta burn = evaluation.delta(DeltaKind::burn, rule.number, rule.points, Evaluation::reason(Reason::Kind::redemption, index));
    points_to_take(evaluation.buffers, rule.points, LotState::spendable, burn.consumed_lots);
    evaluation.add_lot_days(burn.reason, burn.consumed_lots, lots);
    take_lots(evaluation.buffers, burn.consumed_lots);
    burn.debit = AccountKind::member_points;
    burn.credit = AccountKind::program_points_redeemed;
    evaluation.outcome.deltas.push_back(std::move(burn));

    issue_coupon(evaluation, rule.number, rule.description, rule.coupon);
}

}  // namespace

void redeem_on_request(Evaluation& evaluation) {
    const Transaction& transaction = evaluation.transaction;
    const auto requested = transaction.attributes.find("redemption");
    if (requested == transaction.attributes.end()) {
        evaluation.refuse("T041", "attributes.redemption", "a redeem request names its redemption");
        return;
    }
    const auto& redemptions = evaluation.program.redemptions;
    const auto rule = std::find_if(redemptions.begin(), redemptions.end(),
                                   [&](const RedemptionRule& r) { return r.id == requested->second; });
    if (rule == redemptions.end()) {
        std::vector<std::string_view> ids;
        for (const RedemptionRule& r : redemptions) ids.push_back(r.id);
        evaluation.refuse("T041", "attributes.redemption",
                          "the program has no redemption '" + requested->second + "'" + did_you_mean(requested->second, ids));
        return;
    }
    if (evaluation.points_left() < rule->points) {
        evaluation.refuse("T040", "attributes.redemption",
                          rule->description + " takes " + points_phrase(rule->points) + ", and the member has " +
                              points_phrase(evaluation.points_left()));
        return;
    }
    redeem(evaluation, *rule);
}

void redeem_automatically(Evaluation& evaluation) {
    for (const RedemptionRule& rule : evaluation.program.redemptions) {
        if (!rule.automatic) continue;
        if (evaluation.points_left() < rule.points) {
            evaluation.trace(rule.id, false, [&] {
                return "the balance, " + points_phrase(evaluation.points_left()) + ", is short of " + points_phrase(rule.points);
            });
            continue;
        }
        redeem(evaluation, rule);
        evaluation.trace(rule.id, true, [&] { return "redeemed " + points_phrase(rule.points) + " for " + rule.description; });
    }
}

}  // namespace loyalty::detail
