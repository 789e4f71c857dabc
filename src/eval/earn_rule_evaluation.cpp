#include "eval/earn_rule_evaluation.hpp"

#include "core/wide_integer.hpp"
#include "eval/wording.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

EarnedPoints earn_rate(const EarnRule& rule, const RateEarn& rate, const ExpressionInput& input,
                       const CompiledProgram& program) {
    const Transaction& transaction = input.transaction;
    const WideInteger unit_factor = power_of_ten(rate.factor_scale);
    WideInteger weighted_spend = 0;
    Money base(0, program.currency);
    // Spend each matched multiplier applied to, for the explanation.
    std::vector<Money> multiplied(rate.multipliers.size(), base);

    for (std::size_t index = 0; index < transaction.items.size(); ++index) {
        const LineItem& item = transaction.items[index];
        const Money line = rate.base == EarnBase::net ? Money(input.line_paid_minor_units[index], program.currency)
                                                      : item.gross_amount();
        base = base + line;
        WideInteger factor = unit_factor;
        ExpressionInput item_input = input;
        item_input.item = &item;
        for (std::size_t m = 0; m < rate.multipliers.size(); ++m) {
            const ItemMultiplier& multiplier = rate.multipliers[m];
            if (!multiplier.condition.is_true(item_input)) continue;
            factor = WideInteger(multiplier.factor.mantissa) *
                     power_of_ten(rate.factor_scale - multiplier.factor.scale);
            multiplied[m] = multiplied[m] + line;
            break;  // the first matching multiplier wins
        }
        weighted_spend += WideInteger(line.minor_units()) * factor;
    }

    const WideInteger numerator = weighted_spend * rate.points.mantissa;
    const WideInteger denominator = WideInteger(rate.per.minor_units()) *
                                    power_of_ten(rate.factor_scale + rate.points.scale);
    const std::int64_t points =
        narrow(divide_rounded(numerator, denominator, rate.rounding), Points::value_max, "points earned");

    std::string explanation = rule.description + ": " + points_phrase(points) + " for " +
                              base.to_string() +
                              (rate.base == EarnBase::net ? " paid" : " spent before discounts") +
                              " at " + points_phrase(rate.points) + " per " + rate.per.to_string();
    for (std::size_t m = 0; m < rate.multipliers.size(); ++m) {
        if (multiplied[m].minor_units() == 0) continue;
        explanation += ", ×" + rate.multipliers[m].factor.to_string() + " on " + multiplied[m].to_string() + " (" +
                       rate.multipliers[m].description + ")";
    }
    if (numerator % denominator != 0) explanation += ", " + rounding_phrase(rate.rounding);
    return {points, explanation + "."};
}

EarnedPoints earn_boost(const EarnRule& rule, const EarnBoost& boost, const CompiledProgram& program,
                        const std::vector<std::int64_t>& earned_by_rule) {
    WideInteger boosted = 0;
    std::string sources;
    for (std::size_t target : boost.targets) {
        if (earned_by_rule[target] == 0) continue;
        boosted += earned_by_rule[target];
        sources += (sources.empty() ? "" : ", ") + program.earn_rules[target].description;
    }
    if (boosted == 0) return {};
    // (factor − 1) × boosted, at the factor's scale.
    const WideInteger scale = power_of_ten(boost.factor.scale);
    const WideInteger numerator = boosted * (WideInteger(boost.factor.mantissa) - scale);
    const std::int64_t points =
        narrow(divide_rounded(numerator, scale, boost.rounding), Points::value_max, "points earned");
    std::string explanation = rule.description + ": " + points_phrase(points) + " more, ×" +
                              boost.factor.to_string() + " on the " +
                              points_phrase(static_cast<std::int64_t>(boosted)) + " from " + sources;
    if (numerator % scale != 0) explanation += ", " + rounding_phrase(boost.rounding);
    return {points, explanation + "."};
}

}  // namespace

EarnedPoints evaluate_earn_rule(const EarnRule& rule, const ExpressionInput& input,
                                const CompiledProgram& program,
                                const std::vector<std::int64_t>& earned_by_rule) {
    if (const auto* rate = std::get_if<RateEarn>(&rule.action)) {
        return earn_rate(rule, *rate, input, program);
    }
    if (const auto* bonus = std::get_if<FixedBonus>(&rule.action)) {
        return {bonus->points, rule.description + ": " + points_phrase(bonus->points) + " bonus."};
    }
    return earn_boost(rule, std::get<EarnBoost>(rule.action), program, earned_by_rule);
}

}  // namespace loyalty::detail
