#include "core/line_amounts.hpp"
#include "expr/expression.hpp"

#include <cassert>
#include <string_view>

#include "core/time_zone.hpp"
#include "expr/field_catalog.hpp"
#include "loyalty/decimal.hpp"

namespace loyalty::detail {

struct CompiledExpression::Value {
    ValueType type = ValueType::boolean;
    std::int64_t number = 0;
    int scale = 0;
    std::string_view text;
};

namespace {

std::int64_t floor_divide(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

std::string_view attribute(const Attributes& attributes, const std::string& name) {
    const auto found = attributes.find(name);
    return found == attributes.end() ? std::string_view() : std::string_view(found->second);
}

/// Whether the transaction's day is the member's birthday; one born on Feb 29 has it on Feb 28
/// in years without Feb 29. No valid "birthday" attribute: never.
bool is_birthday(const ExpressionInput& input) {
    const auto born = Date::parse(attribute(input.member.attributes, "birthday"));
    const auto today = Date::from_days_since_epoch(floor_divide(input.local_seconds, 86'400));
    if (!born || !today) return false;
    if (born->month() == 2 && born->day() == 29 && !Date::from_ymd(today->year(), 2, 29)) {
        return today->month() == 2 && today->day() == 28;
    }
    return today->month() == born->month() && today->day() == born->day();
}

}  // namespace

bool CompiledExpression::is_true(const ExpressionInput& input) const {
    return evaluate(root_, input).number != 0;
}

CompiledExpression::Value CompiledExpression::read_field(const ExpressionNode& node,
                                                         const ExpressionInput& input) const {
    const Transaction& transaction = input.transaction;
    Value value;
    value.type = node.type;
    const int exponent = transaction.currency.exponent();
    switch (node.field) {
        case Field::transaction_total:
            value.number = input.net_total_minor_units;
            value.scale = exponent;
            break;
        case Field::transaction_gross:
            value.number = input.gross_total_minor_units;
            value.scale = exponent;
            break;
        case Field::transaction_channel: value.text = transaction.channel; break;
        case Field::transaction_date:
            value.number = floor_divide(input.local_seconds, 86'400);
            break;
        // An instant: literals compare with it as the instants they name (see the compiler).
        case Field::transaction_time: value.number = transaction.at.utc_seconds(); break;
        case Field::transaction_weekday: {
            // 1970-01-01, day 0, was a Thursday: index 3 from Monday.
            const std::int64_t day = floor_divide(input.local_seconds, 86'400);
            value.text = weekday_names()[static_cast<std::size_t>(((day + 3) % 7 + 7) % 7)];
            break;
        }
        case Field::transaction_item_count: value.number = input.item_count; break;
        case Field::transaction_attribute:
            value.text = attribute(transaction.attributes, node.text);
            break;
        case Field::item_sku: value.text = input.item->sku; break;
        case Field::item_category: value.text = input.item->category; break;
        case Field::item_quantity: value.number = input.item->quantity; break;
        case Field::item_unit_price:
            value.number = input.item->unit_price.minor_units();
            value.scale = exponent;
            break;
        case Field::item_amount:
            value.number = net_minor_units(*input.item);
            value.scale = exponent;
            break;
        case Field::item_attribute: value.text = attribute(input.item->attributes, node.text); break;
        case Field::member_tier: value.text = input.member.tier; break;
        // An evaluation checks the member's points are within the range before any rule reads them.
        case Field::member_points: value.number = input.member.checked_points().value_or(Points{}).value; break;
        case Field::member_attribute: value.text = attribute(input.member.attributes, node.text); break;
        case Field::member_is_birthday: value.number = is_birthday(input) ? 1 : 0; break;
        case Field::counter:
            value.number = input.counter_values[node.number];
            value.scale = node.type == ValueType::money ? exponent : 0;
            break;
    }
    return value;
}

namespace {

/// -1, 0 or 1; the compiler has made sure the two are comparable.
template <typename Value>
int compare_values(const Value& a, const Value& b) {
    if (a.type == ValueType::text) return a.text < b.text ? -1 : (a.text == b.text ? 0 : 1);
    if (a.scale == b.scale) return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    return compare(Decimal{a.number, a.scale}, Decimal{b.number, b.scale});
}

}  // namespace

CompiledExpression::Value CompiledExpression::evaluate(std::uint32_t index,
                                                       const ExpressionInput& input) const {
    const ExpressionNode& node = nodes_[index];
    Value result;  // boolean unless a literal or field says otherwise
    const auto compare_operands = [&](std::uint32_t left, std::uint32_t right) {
        return compare_values(evaluate(left, input), evaluate(right, input));
    };
    switch (node.operation) {
        case Operation::literal:
            result.type = node.type;
            result.number = node.number;
            result.scale = node.scale;
            result.text = node.text;
            return result;
        case Operation::field: return read_field(node, input);
        case Operation::equal: result.number = compare_operands(node.operands[0], node.operands[1]) == 0; break;
        case Operation::not_equal: result.number = compare_operands(node.operands[0], node.operands[1]) != 0; break;
        case Operation::less: result.number = compare_operands(node.operands[0], node.operands[1]) < 0; break;
        case Operation::less_equal: result.number = compare_operands(node.operands[0], node.operands[1]) <= 0; break;
        case Operation::greater: result.number = compare_operands(node.operands[0], node.operands[1]) > 0; break;
        case Operation::greater_equal: result.number = compare_operands(node.operands[0], node.operands[1]) >= 0; break;
        case Operation::in_list:
        case Operation::not_in_list: {
            const Value needle = evaluate(node.operands[0], input);
            bool found = false;
            for (std::size_t i = 1; i < node.operands.size() && !found; ++i) {
                found = compare_values(needle, evaluate(node.operands[i], input)) == 0;
            }
            result.number = found == (node.operation == Operation::in_list);
            break;
        }
        case Operation::logical_and:
            result.number = evaluate(node.operands[0], input).number != 0 &&
                            evaluate(node.operands[1], input).number != 0;
            break;
        case Operation::logical_or:
            result.number = evaluate(node.operands[0], input).number != 0 ||
                            evaluate(node.operands[1], input).number != 0;
            break;
        case Operation::logical_not: result.number = evaluate(node.operands[0], input).number == 0; break;
    }
    return result;
}

std::optional<std::vector<std::string>> CompiledExpression::required_texts(Field field) const {
    return required_texts(root_, field);
}

std::optional<std::vector<std::string>> CompiledExpression::required_texts(std::uint32_t index, Field field) const {
    const ExpressionNode& node = nodes_[index];
    const auto is_field = [&](std::uint32_t operand) {
        return nodes_[operand].operation == Operation::field && nodes_[operand].field == field;
    };
    const auto is_text = [&](std::uint32_t operand) {
        return nodes_[operand].operation == Operation::literal && nodes_[operand].type == ValueType::text;
    };
    switch (node.operation) {
        case Operation::equal: {
            const std::uint32_t left = node.operands[0];
            const std::uint32_t right = node.operands[1];
            if (is_field(left) && is_text(right)) return std::vector<std::string>{nodes_[right].text};
            if (is_field(right) && is_text(left)) return std::vector<std::string>{nodes_[left].text};
            return std::nullopt;
        }
        case Operation::in_list: {
            if (!is_field(node.operands[0])) return std::nullopt;
            std::vector<std::string> texts;
            for (std::size_t i = 1; i < node.operands.size(); ++i) {
                if (!is_text(node.operands[i])) return std::nullopt;
                texts.push_back(nodes_[node.operands[i]].text);
            }
            return texts;
        }
        case Operation::logical_and: {
            auto left = required_texts(node.operands[0], field);
            return left ? left : required_texts(node.operands[1], field);
        }
        default: return std::nullopt;
    }
}

std::string CompiledExpression::why_false(const ExpressionInput& input) const {
    return explain_false(root_, input);
}

std::string CompiledExpression::value_text(std::uint32_t index, const ExpressionInput& input) const {
    const Value value = evaluate(index, input);
    switch (value.type) {
        case ValueType::boolean: return value.number != 0 ? "true" : "false";
        case ValueType::text: return value.text.empty() ? "empty" : "'" + std::string(value.text) + "'";
        case ValueType::date: {
            const auto day = Date::from_days_since_epoch(value.number);
            return day ? day->to_string() : std::to_string(value.number);
        }
        // tx.time, the only field of this type, is shown as the program's clock reads it.
        case ValueType::local_time: return local_time_text(input.local_seconds);
        default: return Decimal{value.number, value.scale}.to_string();
    }
}

std::string CompiledExpression::explain_false(std::uint32_t index, const ExpressionInput& input) const {
    const ExpressionNode& node = nodes_[index];
    switch (node.operation) {
        case Operation::logical_and:
            for (const std::uint32_t operand : node.operands) {
                if (evaluate(operand, input).number == 0) return explain_false(operand, input);
            }
            return source_ + " is not met";
        case Operation::logical_or:
            return explain_false(node.operands[0], input) + "; and " + explain_false(node.operands[1], input);
        case Operation::logical_not: {
            const ExpressionNode& inner = nodes_[node.operands[0]];
            return "not (" + (inner.label.empty() ? source_ : inner.label) + ") is not met: it holds";
        }
        case Operation::literal: return "the condition is false as written";
        case Operation::field: return node.label + " is false";
        default: break;
    }
    std::string seen;
    for (const std::uint32_t operand : node.operands) {
        const ExpressionNode& side = nodes_[operand];
        if (side.operation != Operation::field) continue;
        seen += (seen.empty() ? ": " : ", ") + side.label + " is " + value_text(operand, input);
    }
    return node.label + " is not met" + seen;
}

}  // namespace loyalty::detail
