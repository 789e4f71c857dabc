#include "image/program_check.hpp"

#include <algorithm>
#include <set>

#include "loyalty/limits.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

/// The value type a field reads, and whether it reads the line being looked at.
struct FieldShape {
    ValueType type;
    bool needs_item;
};

FieldShape shape_of(Field field) {
    switch (field) {
        case Field::transaction_total:
        case Field::transaction_gross: return {ValueType::money, false};
        case Field::transaction_channel:
        case Field::transaction_weekday:
        case Field::transaction_attribute: return {ValueType::text, false};
        case Field::transaction_date: return {ValueType::date, false};
        case Field::transaction_time: return {ValueType::local_time, false};
        case Field::transaction_item_count: return {ValueType::integer, false};
        case Field::item_sku:
        case Field::item_category:
        case Field::item_attribute: return {ValueType::text, true};
        case Field::item_quantity: return {ValueType::integer, true};
        case Field::item_unit_price:
        case Field::item_amount: return {ValueType::money, true};
        case Field::member_tier:
        case Field::member_attribute: return {ValueType::text, false};
        case Field::member_points: return {ValueType::integer, false};
        case Field::member_is_birthday: return {ValueType::boolean, false};
        case Field::counter: return {ValueType::integer, false};
    }
    return {ValueType::boolean, false};
}

std::size_t operand_count(Operation operation) {
    switch (operation) {
        case Operation::literal:
        case Operation::field: return 0;
        case Operation::logical_not: return 1;
        case Operation::equal:
        case Operation::not_equal:
        case Operation::less:
        case Operation::less_equal:
        case Operation::greater:
        case Operation::greater_equal:
        case Operation::logical_and:
        case Operation::logical_or: return 2;
        case Operation::in_list:
        case Operation::not_in_list: return 0;  // a needle and one element at least: checked apart
    }
    return 0;
}

bool orders(Operation operation) {
    return operation == Operation::less || operation == Operation::less_equal || operation == Operation::greater ||
           operation == Operation::greater_equal;
}

class Checker {
public:
    explicit Checker(const CompiledProgram& program) : program_(program) {}

    std::optional<std::string> run();

private:
    bool fail(std::string problem) {
        if (!problem_) problem_ = std::move(problem);
        return false;
    }
    bool within(std::int64_t value, std::int64_t low, std::int64_t high, const char* what) {
        return (value >= low && value <= high) || fail(std::string(what) + " out of its range");
    }
    bool node(const std::vector<ExpressionNode>& nodes, std::size_t index, bool item_scope, std::vector<int>& depth);
    bool field(const ExpressionNode& node, bool item_scope);
    bool expression(const CompiledExpression& expression, bool item_scope);
    bool condition(const std::optional<CompiledExpression>& condition, bool item_scope) {
        return !condition || expression(*condition, item_scope);
    }
    bool counter(const CounterRule& counter);
    bool counter_index(std::size_t index, const char* what) {
        return index < program_.counters.size() || fail(std::string(what) + " names a counter the program has not");
    }
    bool amount(const Money& money, bool positive, const char* what) {
        if (!(money.currency() == program_.currency)) return fail(std::string(what) + " in another currency");
        return !positive || money.minor_units() > 0 || fail(std::string(what) + " is not above zero");
    }
    bool percent(const Decimal& value, const char* what) {
        return (compare(value, Decimal{0, 0}) >= 0 && compare(value, Decimal{100, 0}) <= 0) ||
               fail(std::string(what) + " is not a percentage");
    }
    bool coupon(const CouponSpec& coupon);
    bool earn_rule(const EarnRule& rule, std::size_t index);
    bool rate(const RateEarn& rate);
    bool rewards();
    bool policies();

    const CompiledProgram& program_;
    std::optional<std::string> problem_;
};

bool Checker::node(const std::vector<ExpressionNode>& nodes, std::size_t index, bool item_scope, std::vector<int>& depth) {
    const ExpressionNode& node = nodes[index];
    int deepest = 0;
    for (const std::uint32_t operand : node.operands) {
        // Operands come before the node that uses them: no cycle, and a bounded recursion.
        if (operand >= index) return fail("an expression whose operand is not before it");
        deepest = std::max(deepest, depth[operand]);
    }
    depth[index] = deepest + 1;
    if (depth[index] > 2 * limits::expression_depth_max + 2) return fail("an expression nested too deeply");
    const std::size_t operands = node.operands.size();
    switch (node.operation) {
        case Operation::literal:
            if (operands != 0) return fail("a literal with operands");
            if (node.type == ValueType::boolean && node.number != 0 && node.number != 1) return fail("a boolean neither 0 nor 1");
            return true;
        case Operation::field: return operands == 0 ? field(node, item_scope) : fail("a field with operands");
        case Operation::in_list:
        case Operation::not_in_list:
            if (operands < 2) return fail("a list without elements");
            for (std::size_t i = 1; i < operands; ++i) {
                const ExpressionNode& element = nodes[node.operands[i]];
                if (element.operation != Operation::literal) return fail("a list element that is not a literal");
                if (!comparable(nodes[node.operands[0]].type, element.type)) return fail("a list of the wrong type");
            }
            break;
        case Operation::logical_and:
        case Operation::logical_or:
        case Operation::logical_not:
            if (operands != operand_count(node.operation)) return fail("a condition with the wrong operands");
            for (const std::uint32_t operand : node.operands) {
                if (nodes[operand].type != ValueType::boolean) return fail("a condition of something not a condition");
            }
            break;
        case Operation::equal:
        case Operation::not_equal:
        case Operation::less:
        case Operation::less_equal:
        case Operation::greater:
        case Operation::greater_equal: {
            if (operands != 2) return fail("a comparison without two sides");
            const ValueType a = nodes[node.operands[0]].type, b = nodes[node.operands[1]].type;
            if (!comparable(a, b)) return fail("a comparison of values that do not compare");
            if (orders(node.operation) && (a == ValueType::text || a == ValueType::boolean)) {
                return fail("an ordering of values that do not order");
            }
            break;
        }
    }
    return node.type == ValueType::boolean || fail("a comparison or condition that is not boolean");
}

bool Checker::field(const ExpressionNode& node, bool item_scope) {
    FieldShape shape = shape_of(node.field);
    if (node.field == Field::counter) {
        if (node.number < 0 || static_cast<std::size_t>(node.number) >= program_.counters.size()) {
            return fail("an expression reads a counter the program has not");
        }
        const bool spend = program_.counters[static_cast<std::size_t>(node.number)].measure == CounterMeasure::spend;
        shape.type = spend ? ValueType::money : ValueType::integer;
    }
    if (shape.needs_item && !item_scope) return fail("a line's field read where there is no line");
    return node.type == shape.type || fail("a field of the wrong type");
}

bool Checker::expression(const CompiledExpression& expression, bool item_scope) {
    const auto& nodes = expression.nodes();
    if (nodes.empty() || expression.root() >= nodes.size()) return fail("an expression without its root");
    if (nodes.size() > 4 * limits::expression_length_max) return fail("an expression longer than a rule file writes");
    std::vector<int> depth(nodes.size(), 0);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (!node(nodes, i, item_scope, depth)) return false;
    }
    return nodes[expression.root()].type == ValueType::boolean || fail("a condition that is not boolean");
}

bool Checker::counter(const CounterRule& counter) {
    if (counter.period == CounterPeriod::rolling_days) {
        if (!within(counter.rolling_days, 1, 3660, "a counter's days")) return false;
    }
    return condition(counter.line_filter, true);
}

bool Checker::coupon(const CouponSpec& coupon) {
    if (!within(coupon.valid_days, 0, 36'500, "a coupon's valid days") ||
        !within(coupon.starts_after_days, 0, 36'500, "a coupon's days before it starts")) {
        return false;
    }
    switch (coupon.benefit) {
        case CouponBenefit::percent_off:
            return (!coupon.percent.is_zero() && percent(coupon.percent, "a coupon's percentage")) ||
                   fail("a coupon of no percentage");
        case CouponBenefit::amount_off: return amount(coupon.amount, true, "a coupon's amount");
        case CouponBenefit::free_item: return !coupon.sku.empty() || fail("a free item without its SKU");
    }
    return false;
}

bool Checker::rate(const RateEarn& rate) {
    if (rate.points.mantissa <= 0 || !amount(rate.per, true, "a rate's spend") ||
        !within(rate.block, 1, 1'000'000, "a rate's block")) {
        return fail("a rate of no points");
    }
    int scale = 0;
    for (const ItemMultiplier& multiplier : rate.multipliers) {
        if (multiplier.factor.is_negative() || !expression(multiplier.condition, true)) {
            return fail("a multiplier below zero");
        }
        scale = std::max(scale, multiplier.factor.scale);
    }
    return rate.factor_scale == scale || fail("a rate whose multipliers' scale is not theirs");
}

bool Checker::earn_rule(const EarnRule& rule, std::size_t index) {
    if (!condition(rule.condition, false)) return false;
    if (rule.limit.kind == FiringLimit::Kind::cooldown_days && !within(rule.limit.days, 1, 3660, "a cooldown")) return false;
    if (rule.one_in != 0 && !within(rule.one_in, 2, 1'000'000'000, "a rule's one_in")) return false;
    if (!within(rule.referrer_points, 0, Points::value_max, "a referrer's bonus")) return false;
    if (rule.group && *rule.group >= program_.groups.size()) return fail("a rule in a group the program has not");
    if (const auto* rate_earn = std::get_if<RateEarn>(&rule.action)) return rate(*rate_earn);
    if (const auto* bonus = std::get_if<FixedBonus>(&rule.action)) {
        return within(bonus->points, 1, Points::value_max, "a bonus");
    }
    if (const auto* boost = std::get_if<EarnBoost>(&rule.action)) {
        if (boost->targets.empty() || boost->factor.is_negative()) return fail("a boost of nothing");
        for (const std::size_t target : boost->targets) {
            if (target >= index) return fail("a boost of a rule that is not before it");
        }
        return true;
    }
    if (const auto* coupon_action = std::get_if<CouponAction>(&rule.action)) return coupon(coupon_action->coupon);
    return true;
}

bool Checker::rewards() {
    for (const LevelReward& level : program_.levels) {
        if (!counter_index(level.counter, "a level") || !within(level.level, 1, Points::value_max, "a level") ||
            !within(level.points, 0, Points::value_max, "a level's points") || (level.coupon && !coupon(*level.coupon))) {
            return false;
        }
    }
    for (const EarnCap& cap : program_.caps) {
        if (!within(cap.points_max, 1, Points::value_max, "a cap") || (cap.period && !counter(*cap.period))) return false;
    }
    for (const MemberDiscount& discount : program_.discounts) {
        if (discount.percent.is_zero() || !percent(discount.percent, "a discount") || !condition(discount.condition, false)) {
            return fail("a discount of no percentage");
        }
    }
    for (const RedemptionRule& redemption : program_.redemptions) {
        if (!within(redemption.points, 1, Points::value_max, "a redemption's points") || !coupon(redemption.coupon)) return false;
    }
    for (const Rebate& rebate : program_.rebates) {
        if (!counter_index(rebate.counter, "a rebate")) return false;
        if (program_.counters[rebate.counter].measure != CounterMeasure::spend) return fail("a rebate on a counter of no spend");
        if (rebate.brackets.empty()) return fail("a rebate without brackets");
        for (std::size_t i = 0; i < rebate.brackets.size(); ++i) {
            const Rebate::Bracket& bracket = rebate.brackets[i];
            if (!percent(bracket.percent, "a rebate's percentage") || !within(bracket.from, 0, Money::minor_units_max, "a bracket")) return false;
            if (i > 0 && bracket.from <= rebate.brackets[i - 1].from) return fail("rebate brackets out of order");
        }
    }
    return true;
}

bool Checker::policies() {
    const ExpiryPolicy& expiry = program_.expiry;
    if ((expiry.kind == ExpiryPolicy::Kind::months_after_earning || expiry.kind == ExpiryPolicy::Kind::months_without_activity) &&
        !within(expiry.months, 1, 1200, "an expiry's months")) {
        return false;
    }
    if (program_.pay_rate && (!within(program_.pay_rate->points, 1, Points::value_max, "a pay rate's points") ||
                              !amount(program_.pay_rate->worth, true, "a pay rate's worth"))) {
        return false;
    }
    if (!within(program_.pending_days, 0, 3660, "pending days") ||
        !within(program_.returns.window_days, program_.returns.accepted ? 1 : 0, 3660, "a return window") ||
        !within(program_.late_days_allowed, 0, limits::late_days_allowed_max, "the days a transaction may be late")) {
        return false;
    }
    const TierLadder& tiers = program_.tiers;
    if (!tiers.defined) return tiers.levels.empty() || fail("tiers that are not defined");
    if (!counter_index(tiers.counter, "the tiers")) return false;
    if (tiers.levels.empty() || tiers.levels.front().from != 0) return fail("tiers that do not start at 0");
    for (std::size_t i = 1; i < tiers.levels.size(); ++i) {
        if (tiers.levels[i].from <= tiers.levels[i - 1].from) return fail("tiers out of order");
    }
    return true;
}

std::optional<std::string> Checker::run() {
    const std::size_t rule_count = program_.earn_rules.size() + program_.redemptions.size() + program_.discounts.size() +
                                   program_.levels.size() + program_.rebates.size();
    if (rule_count > limits::rules_max || program_.counters.size() > limits::rules_max || program_.caps.size() > limits::rules_max) {
        return std::string("more rules than a program holds");
    }
    std::set<std::string_view> ids;
    for (const char* built_in : built_in_rule_ids) ids.insert(built_in);
    const auto unique = [&](const std::string& id) {
        return (!id.empty() && ids.insert(id).second) || fail("a rule id used twice, or empty: '" + id + "'");
    };
    for (const CounterRule& each : program_.counters) {
        if (!counter(each)) return problem_;
    }
    for (std::size_t i = 0; i < program_.earn_rules.size(); ++i) {
        if (!unique(program_.earn_rules[i].id) || !earn_rule(program_.earn_rules[i], i)) return problem_;
    }
    for (const auto& each : program_.redemptions) {
        if (!unique(each.id)) return problem_;
    }
    for (const auto& each : program_.discounts) {
        if (!unique(each.id)) return problem_;
    }
    for (const auto& each : program_.levels) {
        if (!unique(each.id)) return problem_;
    }
    for (const auto& each : program_.rebates) {
        if (!unique(each.id)) return problem_;
    }
    if (!rewards() || !policies()) return problem_;
    return std::nullopt;
}

}  // namespace

std::optional<std::string> check_compiled_program(const CompiledProgram& program) { return Checker(program).run(); }

}  // namespace loyalty::detail
