#pragma once
// A compiled `when:` condition: typed nodes in one array, fields addressed by enum, never by name
// at evaluation time (attribute names excepted: they are the host's own keys).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/member.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

enum class ValueType { boolean, integer, decimal, money, text, date, local_time };

/// Values compare when they are of one type, or both numbers (an integer, a decimal, an amount):
/// what the compiler allows, and the image loader checks.
inline bool comparable(ValueType a, ValueType b) {
    const auto numeric = [](ValueType type) {
        return type == ValueType::integer || type == ValueType::decimal || type == ValueType::money;
    };
    return a == b || (numeric(a) && numeric(b));
}

enum class Field {
    transaction_total,      // money: net of line discounts
    transaction_gross,      // money: before line discounts
    transaction_channel,    // text
    transaction_date,       // date on the program's wall clock
    transaction_time,       // local time on the program's wall clock
    transaction_weekday,    // text: "monday" … "sunday"
    transaction_item_count, // integer: sum of quantities
    transaction_attribute,  // text
    item_sku,
    item_category,
    item_quantity,
    item_unit_price,
    item_amount,            // money: price × quantity − discount
    item_attribute,
    member_tier,
    member_points,
    member_attribute,
    member_is_birthday,     // boolean: today is the birthday in attribute "birthday" (Feb 29: Feb 28 in other years)
    counter,                // a counter's value before this transaction; `number` is its index
};

enum class Operation {
    literal, field, equal, not_equal, less, less_equal, greater, greater_equal,
    in_list, not_in_list, logical_and, logical_or, logical_not,
};

struct ExpressionNode {
    Operation operation = Operation::literal;
    ValueType type = ValueType::boolean;
    Field field = Field::transaction_total;
    /// Numbers: mantissa; dates: days; local times: seconds; booleans: 0 or 1.
    std::int64_t number = 0;
    /// Decimal places of `number` (money: the currency's exponent).
    int scale = 0;
    /// Text literals, and attribute names for attribute fields.
    std::string text;
    /// Operands (two for comparisons and and/or, one for not); list elements for in_list.
    std::vector<std::uint32_t> operands;
    /// Fields, comparisons and lists as written ("tx.total >= 100.00"), for traces.
    std::string label;
};

/// What a condition is evaluated against. `item` is set only inside item multipliers.
struct ExpressionInput {
    const Transaction& transaction;
    const Member& member;
    const LineItem* item;
    /// What each line costs after line discounts and coupons, in the items' order.
    const std::int64_t* line_paid_minor_units;
    std::int64_t net_total_minor_units;
    std::int64_t gross_total_minor_units;
    std::int64_t local_seconds;
    std::int64_t item_count;
    /// Each counter's value before this transaction, by the counter's index.
    const std::int64_t* counter_values;
    /// What points paid of this purchase.
    std::int64_t points_payment_minor_units = 0;
};

class CompiledExpression {
public:
    /// No condition yet: only a place an image is read into, which the loader fills and checks.
    CompiledExpression() = default;
    CompiledExpression(std::vector<ExpressionNode> nodes, std::uint32_t root, std::string source)
        : nodes_(std::move(nodes)), root_(root), source_(std::move(source)) {}

    bool is_true(const ExpressionInput& input) const;
    /// For a condition that is false on `input`: the part that failed and the values it saw,
    /// "tx.total >= 100.00 is not met: tx.total is 99.99".
    std::string why_false(const ExpressionInput& input) const;
    /// The texts `field` must equal for the condition to hold, when its top says so
    /// (`field == "x"`, `field in ["x", "y"]`, or either side of an `and`); none otherwise.
    std::optional<std::vector<std::string>> required_texts(Field field) const;
    /// The condition as written, for explanations and traces.
    const std::string& source() const { return source_; }
    /// Its nodes, each after its operands, and the one whose value it is: what a program image holds.
    const std::vector<ExpressionNode>& nodes() const { return nodes_; }
    std::uint32_t root() const { return root_; }

private:
    struct Value;
    Value evaluate(std::uint32_t index, const ExpressionInput& input) const;
    Value read_field(const ExpressionNode& node, const ExpressionInput& input) const;
    std::string explain_false(std::uint32_t index, const ExpressionInput& input) const;
    std::string value_text(std::uint32_t index, const ExpressionInput& input) const;
    std::optional<std::vector<std::string>> required_texts(std::uint32_t index, Field field) const;

    std::vector<ExpressionNode> nodes_;
    std::uint32_t root_ = 0;
    std::string source_;
};

}  // namespace loyalty::detail
