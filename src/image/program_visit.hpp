#pragma once
// Every field of a compiled program, in the order an image holds them: one function per type,
// used by the writer and the reader alike. What a program derives when it is compiled (the rules'
// numbers and table, the index of earn rules) is not stored: the loader derives it again.

#include <variant>

#include "compile/compiled_program.hpp"
#include "image/image_archive.hpp"

namespace loyalty::detail::image {

inline constexpr int small_max = 1'000'000;

template <typename Archive>
void visit_expression(Archive& archive, CompiledExpression& expression) {
    std::vector<ExpressionNode> nodes = Archive::reading ? std::vector<ExpressionNode>{} : expression.nodes();
    std::uint32_t root = expression.root();
    std::string source = expression.source();
    list(archive, nodes, [](Archive& a, ExpressionNode& node) {
        a.choice(node.operation, Operation::logical_not);
        a.choice(node.type, ValueType::local_time);
        a.choice(node.field, Field::counter);
        a.number(node.number);
        a.small(node.scale, 0, Decimal::scale_max);
        a.text(node.text);
        list(a, node.operands, [](Archive& b, std::uint32_t& operand) { b.index(operand); });
        a.text(node.label);
    });
    archive.index(root);
    archive.text(source);
    if constexpr (Archive::reading) expression = CompiledExpression(std::move(nodes), root, std::move(source));
}

template <typename Archive>
void visit_condition(Archive& archive, std::optional<CompiledExpression>& condition) {
    maybe(archive, condition, [](Archive& a, CompiledExpression& expression) { visit_expression(a, expression); });
}

template <typename Archive>
void visit(Archive& archive, CounterRule& counter) {
    archive.text(counter.id);
    archive.text(counter.description);
    archive.choice(counter.measure, CounterMeasure::spend);
    archive.choice(counter.period, CounterPeriod::rolling_days);
    archive.small(counter.rolling_days, 0, small_max);
    visit_condition(archive, counter.line_filter);
}

template <typename Archive>
void visit(Archive& archive, CouponSpec& coupon) {
    archive.choice(coupon.benefit, CouponBenefit::free_item);
    archive.decimal(coupon.percent);
    archive.money(coupon.amount);
    archive.text(coupon.sku);
    archive.number(coupon.valid_days);
    archive.number(coupon.starts_after_days);
    archive.choice(coupon.rounding, Rounding::half_even);
}

template <typename Archive>
void visit(Archive& archive, RateEarn& rate) {
    archive.decimal(rate.points);
    archive.money(rate.per);
    archive.choice(rate.base, EarnBase::gross);
    archive.flag(rate.with_shipping);
    archive.flag(rate.with_tax);
    archive.flag(rate.without_points_payment);
    archive.number(rate.block);
    archive.choice(rate.rounding, Rounding::half_even);
    list(archive, rate.multipliers, [](Archive& a, ItemMultiplier& multiplier) {
        visit_expression(a, multiplier.condition);
        a.decimal(multiplier.factor);
        a.text(multiplier.description);
    });
    archive.small(rate.factor_scale, 0, Decimal::scale_max);
}

template <typename Archive>
void visit_action(Archive& archive, decltype(EarnRule::action)& action) {
    std::size_t kind = action.index();
    archive.index(kind);
    if constexpr (Archive::reading) {
        switch (kind) {
            case 0: action.template emplace<RateEarn>(); break;
            case 1: action.template emplace<FixedBonus>(); break;
            case 2: action.template emplace<EarnBoost>(); break;
            case 3: action.template emplace<CouponAction>(); break;
            case 4: action.template emplace<BenefitAction>(); break;
            default: return archive.fail("an unknown kind of earn rule");
        }
    }
    if (auto* rate = std::get_if<RateEarn>(&action)) visit(archive, *rate);
    if (auto* bonus = std::get_if<FixedBonus>(&action)) archive.number(bonus->points);
    if (auto* boost = std::get_if<EarnBoost>(&action)) {
        list(archive, boost->targets, [](Archive& a, std::size_t& target) { a.index(target); });
        archive.decimal(boost->factor);
        archive.choice(boost->rounding, Rounding::half_even);
    }
    if (auto* coupon = std::get_if<CouponAction>(&action)) visit(archive, coupon->coupon);
    if (auto* benefit = std::get_if<BenefitAction>(&action)) archive.text(benefit->name);
}

template <typename Archive>
void visit_instant(Archive& archive, std::optional<std::int64_t>& instant) {
    maybe(archive, instant, [](Archive& a, std::int64_t& value) { a.number(value); });
}

template <typename Archive>
void visit(Archive& archive, EarnRule& rule) {
    archive.text(rule.id);
    archive.text(rule.description);
    archive.flag(rule.enabled);
    archive.text(rule.on_event);
    archive.choice(rule.limit.kind, FiringLimit::Kind::cooldown_days);
    archive.small(rule.limit.days, 0, small_max);
    archive.number(rule.referrer_points);
    visit_condition(archive, rule.condition);
    visit_instant(archive, rule.window.from_utc_seconds);
    visit_instant(archive, rule.window.until_utc_seconds);
    visit_instant(archive, rule.window.from_local_seconds);
    visit_instant(archive, rule.window.until_local_seconds);
    visit_action(archive, rule.action);
    maybe(archive, rule.group, [](Archive& a, std::size_t& group) { a.index(group); });
    archive.flag(rule.stop);
    archive.number(rule.one_in);
}

template <typename Archive>
void visit(Archive& archive, LevelReward& level) {
    archive.text(level.id);
    archive.text(level.description);
    archive.index(level.counter);
    archive.number(level.level);
    maybe(archive, level.coupon, [](Archive& a, CouponSpec& coupon) { visit(a, coupon); });
    archive.text(level.badge);
    archive.number(level.points);
}

template <typename Archive>
void visit(Archive& archive, EarnCap& cap) {
    archive.text(cap.id);
    archive.text(cap.description);
    archive.number(cap.points_max);
    maybe(archive, cap.period, [](Archive& a, CounterRule& period) { visit(a, period); });
    archive.flag(cap.reject);
}

template <typename Archive>
void visit(Archive& archive, MemberDiscount& discount) {
    archive.text(discount.id);
    archive.text(discount.description);
    archive.decimal(discount.percent);
    archive.choice(discount.rounding, Rounding::half_even);
    visit_condition(archive, discount.condition);
}

template <typename Archive>
void visit(Archive& archive, RedemptionRule& redemption) {
    archive.text(redemption.id);
    archive.text(redemption.description);
    archive.number(redemption.points);
    archive.flag(redemption.automatic);
    visit(archive, redemption.coupon);
}

template <typename Archive>
void visit(Archive& archive, Rebate& rebate) {
    archive.text(rebate.id);
    archive.text(rebate.description);
    archive.index(rebate.counter);
    archive.flag(rebate.marginal);
    list(archive, rebate.brackets, [](Archive& a, Rebate::Bracket& bracket) {
        a.number(bracket.from);
        a.decimal(bracket.percent);
    });
    archive.choice(rebate.rounding, Rounding::half_even);
}

template <typename Archive>
void visit_policies(Archive& archive, CompiledProgram& program) {
    archive.choice(program.expiry.kind, ExpiryPolicy::Kind::months_without_activity);
    archive.small(program.expiry.months, 0, small_max);
    archive.date(program.expiry.date);
    archive.text(program.expiry.description);
    maybe(archive, program.pay_rate, [](Archive& a, PointsPayRate& rate) {
        a.number(rate.points);
        a.money(rate.worth);
    });
    archive.number(program.pending_days);
    archive.flag(program.returns.accepted);
    archive.number(program.returns.window_days);
    archive.flag(program.returns.negative_balance);
    archive.flag(program.returns.keep_referrer_points);
    archive.number(program.late_days_allowed);
}

template <typename Archive>
void visit(Archive& archive, CompiledProgram& program) {
    archive.text(program.name);
    archive.text(program.version);
    archive.text(program.source);
    archive.currency(program.currency);
    archive.time_zone(program.time_zone);
    visit_policies(archive, program);
    list(archive, program.counters, [](Archive& a, CounterRule& counter) { visit(a, counter); });
    list(archive, program.groups, [](Archive& a, RuleGroup& group) {
        a.text(group.id);
        a.flag(group.first_match);
    });
    list(archive, program.earn_rules, [](Archive& a, EarnRule& rule) { visit(a, rule); });
    list(archive, program.caps, [](Archive& a, EarnCap& cap) { visit(a, cap); });
    list(archive, program.redemptions, [](Archive& a, RedemptionRule& redemption) { visit(a, redemption); });
    list(archive, program.discounts, [](Archive& a, MemberDiscount& discount) { visit(a, discount); });
    list(archive, program.levels, [](Archive& a, LevelReward& level) { visit(a, level); });
    list(archive, program.rebates, [](Archive& a, Rebate& rebate) { visit(a, rebate); });
    archive.flag(program.tiers.defined);
    archive.index(program.tiers.counter);
    list(archive, program.tiers.levels, [](Archive& a, TierLadder::Level& level) {
        a.text(level.name);
        a.number(level.from);
    });
}

}  // namespace loyalty::detail::image
