#include "eval/earn_rule_evaluation.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "core/line_amounts.hpp"
#include "core/wide_integer.hpp"
#include "eval/line_discount.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

/// What each line (then shipping and tax, when the rate includes them) counts toward the rate,
/// less its share of what points paid, when the rate excludes that.
/// Their sum is at most the transaction's total, which the transaction check keeps within Money's
/// range: the sums of them below are exact in int64.
void earn_base(const RateEarn& rate, const ExpressionInput& input, std::vector<std::int64_t>& amounts) {
    const Transaction& transaction = input.transaction;
    amounts.clear();
    for (std::size_t index = 0; index < transaction.items.size(); ++index) {
        amounts.push_back(rate.base == EarnBase::net ? input.line_paid_minor_units[index]
                                                     : gross_minor_units(transaction.items[index]));
    }
    if (rate.with_shipping && transaction.shipping) amounts.push_back(transaction.shipping->minor_units());
    if (rate.with_tax && transaction.tax) amounts.push_back(transaction.tax->minor_units());
    if (rate.without_points_payment && input.points_payment_minor_units > 0) {
        const std::int64_t total = std::accumulate(amounts.begin(), amounts.end(), std::int64_t{0});
        spread_discount(std::min(input.points_payment_minor_units, total), amounts);
    }
}

EarnedPoints earn_rate(std::size_t rule, const RateEarn& rate, const ExpressionInput& input, Evaluation& evaluation) {
    const Transaction& transaction = input.transaction;
    EvaluationBuffers& buffers = evaluation.buffers;
    const WideInteger unit_factor = power_of_ten(rate.factor_scale);
    WideInteger weighted_spend = 0;
    std::int64_t base = 0;
    // Spend each matched multiplier applied to, for the explanation.
    std::vector<std::int64_t>& multiplied = buffers.multiplied;
    multiplied.assign(rate.multipliers.size(), 0);
    std::vector<std::int64_t>& amounts = buffers.earn_base;
    earn_base(rate, input, amounts);
    for (std::size_t index = 0; index < amounts.size(); ++index) {
        const std::int64_t line = amounts[index];
        base += line;
        WideInteger factor = unit_factor;
        ExpressionInput item_input = input;
        // Shipping and tax come after the items and match no multiplier.
        item_input.item = index < transaction.items.size() ? &transaction.items[index] : nullptr;
        for (std::size_t m = 0; item_input.item && m < rate.multipliers.size(); ++m) {
            const ItemMultiplier& multiplier = rate.multipliers[m];
            if (!multiplier.condition.is_true(item_input)) continue;
            factor = WideInteger(multiplier.factor.mantissa) *
                     power_of_ten(rate.factor_scale - multiplier.factor.scale);
            multiplied[m] += line;
            break;  // the first matching multiplier wins
        }
        weighted_spend += WideInteger(line) * factor;
    }
    const WideInteger numerator = weighted_spend * rate.points.mantissa;
    const WideInteger denominator = WideInteger(rate.per.minor_units()) *
                                    power_of_ten(rate.factor_scale + rate.points.scale) * rate.block;
    const std::int64_t points = evaluation.narrow(divide_rounded(numerator, denominator, rate.rounding) * rate.block,
                                                  Points::value_max, "points earned");
    const bool paid_with_points_excluded = rate.without_points_payment && input.points_payment_minor_units > 0;
    const std::int64_t flags = (numerator % denominator != 0 ? Reason::rounded : std::int64_t{0}) |
                               (rate.with_shipping && transaction.shipping ? Reason::with_shipping : 0) |
                               (rate.with_tax && transaction.tax ? Reason::with_tax : 0);
    Reason reason = Evaluation::reason(Reason::Kind::earn_rate, rule,
                                       {points, base, paid_with_points_excluded ? input.points_payment_minor_units : 0, flags});
    evaluation.start_extras(reason);
    for (const std::int64_t spend : multiplied) evaluation.add_extra(reason, spend);
    return {points, reason};
}

EarnedPoints earn_boost(std::size_t rule, const EarnBoost& boost, Evaluation& evaluation,
                        const EarnedByRule& earned_by_rule) {
    WideInteger boosted = 0;
    for (std::size_t target : boost.targets) boosted += earned_by_rule.of(target);
    if (boosted == 0) return {0, Evaluation::reason(Reason::Kind::earn_boost, rule), false};
    // (factor − 1) × boosted, at the factor's scale.
    const WideInteger scale = power_of_ten(boost.factor.scale);
    const WideInteger numerator = boosted * (WideInteger(boost.factor.mantissa) - scale);
    const std::int64_t points =
        evaluation.narrow(divide_rounded(numerator, scale, boost.rounding), Points::value_max, "points earned");
    // What the targets earned is bounded by int64 alone: the caps may trim it yet.
    const std::int64_t boosted_points = evaluation.narrow(boosted, INT64_MAX, "points boosted");
    Reason reason = Evaluation::reason(Reason::Kind::earn_boost, rule,
                                       {points, boosted_points, numerator % scale != 0 ? Reason::rounded : std::int64_t{0}});
    evaluation.start_extras(reason);
    for (std::size_t target : boost.targets) {
        if (earned_by_rule.of(target) != 0) evaluation.add_extra(reason, static_cast<std::int64_t>(target));
    }
    return {points, reason};
}

}  // namespace

EarnedPoints evaluate_earn_rule(std::size_t rule_index, const ExpressionInput& input, Evaluation& evaluation,
                                const EarnedByRule& earned_by_rule) {
    const EarnRule& rule = evaluation.program.earn_rules[rule_index];
    if (const auto* rate = std::get_if<RateEarn>(&rule.action)) return earn_rate(rule_index, *rate, input, evaluation);
    if (const auto* bonus = std::get_if<FixedBonus>(&rule.action)) {
        return {bonus->points, Evaluation::reason(Reason::Kind::earn_bonus, rule_index)};
    }
    return earn_boost(rule_index, std::get<EarnBoost>(rule.action), evaluation, earned_by_rule);
}

}  // namespace loyalty::detail
