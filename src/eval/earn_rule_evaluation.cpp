#include "eval/earn_rule_evaluation.hpp"

#include <algorithm>

#include "core/wide_integer.hpp"
#include "eval/line_discount.hpp"
#include "eval/wording.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

/// What each line (then shipping and tax, when the rate includes them) counts toward the rate,
/// less its share of what points paid, when the rate excludes that.
void earn_base(const RateEarn& rate, const ExpressionInput& input, std::vector<std::int64_t>& amounts) {
    const Transaction& transaction = input.transaction;
    amounts.clear();
    for (std::size_t index = 0; index < transaction.items.size(); ++index) {
        amounts.push_back(rate.base == EarnBase::net ? input.line_paid_minor_units[index]
                                                     : transaction.items[index].gross_amount().minor_units());
    }
    if (rate.with_shipping && transaction.shipping) amounts.push_back(transaction.shipping->minor_units());
    if (rate.with_tax && transaction.tax) amounts.push_back(transaction.tax->minor_units());
    if (rate.without_points_payment && input.points_payment_minor_units > 0) {
        Money total(0, transaction.currency);
        for (const std::int64_t amount : amounts) total = total + Money(amount, transaction.currency);
        spread_discount(std::min(input.points_payment_minor_units, total.minor_units()), amounts);
    }
}

void append_base_phrase(std::string& text, const RateEarn& rate, const ExpressionInput& input, const Money& base) {
    const Transaction& transaction = input.transaction;
    text += base.to_string();
    text += rate.base == EarnBase::net ? " paid" : " spent before discounts";
    const bool shipping = rate.with_shipping && transaction.shipping;
    const bool tax = rate.with_tax && transaction.tax;
    if (shipping || tax) {
        text += std::string(" with ") + (shipping ? "shipping" : "") + (shipping && tax ? " and " : "") + (tax ? "tax" : "");
    }
    if (rate.without_points_payment && input.points_payment_minor_units > 0) {
        text += ", not counting " + Money(input.points_payment_minor_units, transaction.currency).to_string() +
                " paid with points";
    }
}

/// Room for a typical explanation with a cap's sentence added, so that building one allocates
/// once.
constexpr std::size_t explanation_reserve = 256;

/// Says how the points were rounded, when they were, and ends the sentence.
void end_sentence(std::string& explanation, bool rounded, Rounding rounding) {
    if (rounded) {
        explanation += ", ";
        explanation += rounding_phrase(rounding);
    }
    explanation += '.';
}

EarnedPoints earn_rate(const EarnRule& rule, const RateEarn& rate, const ExpressionInput& input,
                       const CompiledProgram& program, EvaluationBuffers& buffers) {
    const Transaction& transaction = input.transaction;
    const WideInteger unit_factor = power_of_ten(rate.factor_scale);
    WideInteger weighted_spend = 0;
    Money base(0, program.currency);
    // Spend each matched multiplier applied to, for the explanation.
    std::vector<std::int64_t>& multiplied = buffers.multiplied;
    multiplied.assign(rate.multipliers.size(), 0);
    std::vector<std::int64_t>& amounts = buffers.earn_base;
    earn_base(rate, input, amounts);
    for (std::size_t index = 0; index < amounts.size(); ++index) {
        const Money line(amounts[index], program.currency);
        base = base + line;
        WideInteger factor = unit_factor;
        ExpressionInput item_input = input;
        // Shipping and tax come after the items and match no multiplier.
        item_input.item = index < transaction.items.size() ? &transaction.items[index] : nullptr;
        for (std::size_t m = 0; item_input.item && m < rate.multipliers.size(); ++m) {
            const ItemMultiplier& multiplier = rate.multipliers[m];
            if (!multiplier.condition.is_true(item_input)) continue;
            factor = WideInteger(multiplier.factor.mantissa) *
                     power_of_ten(rate.factor_scale - multiplier.factor.scale);
            multiplied[m] = (Money(multiplied[m], program.currency) + line).minor_units();
            break;  // the first matching multiplier wins
        }
        weighted_spend += WideInteger(line.minor_units()) * factor;
    }
    const WideInteger numerator = weighted_spend * rate.points.mantissa;
    const WideInteger denominator = WideInteger(rate.per.minor_units()) *
                                    power_of_ten(rate.factor_scale + rate.points.scale) * rate.block;
    const std::int64_t points = narrow(divide_rounded(numerator, denominator, rate.rounding) * rate.block,
                                       Points::value_max, "points earned");
    std::string explanation = buffers.take_text();
    explanation.reserve(explanation_reserve);
    explanation += rule.description;
    explanation += ": ";
    explanation += points_phrase(points);
    explanation += " for ";
    append_base_phrase(explanation, rate, input, base);
    explanation += " at ";
    explanation += points_phrase(rate.points);
    explanation += " per ";
    explanation += rate.per.to_string();
    for (std::size_t m = 0; m < rate.multipliers.size(); ++m) {
        if (multiplied[m] == 0) continue;
        explanation += ", ×";
        explanation += rate.multipliers[m].factor.to_string();
        explanation += " on ";
        explanation += Money(multiplied[m], program.currency).to_string();
        explanation += " (";
        explanation += rate.multipliers[m].description;
        explanation += ')';
    }
    if (rate.block > 1) explanation += ", in multiples of " + std::to_string(rate.block);
    end_sentence(explanation, numerator % denominator != 0, rate.rounding);
    return {points, std::move(explanation)};
}

EarnedPoints earn_boost(const EarnRule& rule, const EarnBoost& boost, const CompiledProgram& program,
                        const EarnedByRule& earned_by_rule, EvaluationBuffers& buffers) {
    WideInteger boosted = 0;
    for (std::size_t target : boost.targets) boosted += earned_by_rule.of(target);
    if (boosted == 0) return {};
    // (factor − 1) × boosted, at the factor's scale.
    const WideInteger scale = power_of_ten(boost.factor.scale);
    const WideInteger numerator = boosted * (WideInteger(boost.factor.mantissa) - scale);
    const std::int64_t points =
        narrow(divide_rounded(numerator, scale, boost.rounding), Points::value_max, "points earned");
    std::string explanation = buffers.take_text();
    explanation.reserve(explanation_reserve);
    explanation += rule.description;
    explanation += ": ";
    explanation += points_phrase(points);
    explanation += " more, ×";
    explanation += boost.factor.to_string();
    explanation += " on the ";
    explanation += points_phrase(static_cast<std::int64_t>(boosted));
    explanation += " from ";
    bool first_source = true;
    for (std::size_t target : boost.targets) {
        if (earned_by_rule.of(target) == 0) continue;
        if (!first_source) explanation += ", ";
        explanation += program.earn_rules[target].description;
        first_source = false;
    }
    end_sentence(explanation, numerator % scale != 0, boost.rounding);
    return {points, std::move(explanation)};
}

}  // namespace

EarnedPoints evaluate_earn_rule(const EarnRule& rule, const ExpressionInput& input,
                                const CompiledProgram& program,
                                const EarnedByRule& earned_by_rule, EvaluationBuffers& buffers) {
    if (const auto* rate = std::get_if<RateEarn>(&rule.action)) {
        return earn_rate(rule, *rate, input, program, buffers);
    }
    if (const auto* bonus = std::get_if<FixedBonus>(&rule.action)) {
        std::string explanation = buffers.take_text();
        explanation.reserve(rule.description.size() + 32);
        explanation += rule.description;
        explanation += ": ";
        explanation += points_phrase(bonus->points);
        explanation += " bonus.";
        return {bonus->points, std::move(explanation)};
    }
    return earn_boost(rule, std::get<EarnBoost>(rule.action), program, earned_by_rule, buffers);
}

}  // namespace loyalty::detail
