#pragma once
// The fields a condition can read, by the names rule authors write.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.hpp"

namespace loyalty::detail {

struct FieldReference {
    Field field = Field::transaction_total;
    ValueType type = ValueType::text;
    /// Only in conditions checked once per line item.
    bool needs_item = false;
    /// For `tx.attr.NAME`, `item.attr.NAME`, `member.attr.NAME`: NAME.
    std::string attribute;
};

/// The field `name` stands for ("tx.channel", "item.attr.brand"), or nothing.
std::optional<FieldReference> find_field(std::string_view name);
/// Every named field, for suggestions.
std::vector<std::string_view> field_names();
/// "monday" … "sunday", as `tx.weekday` gives them.
const std::vector<std::string_view>& weekday_names();

}  // namespace loyalty::detail
