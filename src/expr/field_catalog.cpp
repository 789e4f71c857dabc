#include "expr/field_catalog.hpp"

#include <array>

namespace loyalty::detail {
namespace {

struct NamedField {
    std::string_view name;
    Field field;
    ValueType type;
    bool needs_item;
};

constexpr std::array<NamedField, 15> named_fields{{
    {"tx.total", Field::transaction_total, ValueType::money, false},
    {"tx.gross", Field::transaction_gross, ValueType::money, false},
    {"tx.channel", Field::transaction_channel, ValueType::text, false},
    {"tx.date", Field::transaction_date, ValueType::date, false},
    {"tx.time", Field::transaction_time, ValueType::local_time, false},
    {"tx.weekday", Field::transaction_weekday, ValueType::text, false},
    {"tx.item_count", Field::transaction_item_count, ValueType::integer, false},
    {"item.sku", Field::item_sku, ValueType::text, true},
    {"item.category", Field::item_category, ValueType::text, true},
    {"item.quantity", Field::item_quantity, ValueType::integer, true},
    {"item.unit_price", Field::item_unit_price, ValueType::money, true},
    {"item.amount", Field::item_amount, ValueType::money, true},
    {"member.tier", Field::member_tier, ValueType::text, false},
    {"member.points", Field::member_points, ValueType::integer, false},
    {"member.is_birthday", Field::member_is_birthday, ValueType::boolean, false},
}};

struct AttributePrefix {
    std::string_view prefix;
    Field field;
    bool needs_item;
};

constexpr std::array<AttributePrefix, 3> attribute_prefixes{{
    {"tx.attr.", Field::transaction_attribute, false},
    {"item.attr.", Field::item_attribute, true},
    {"member.attr.", Field::member_attribute, false},
}};

}  // namespace

std::optional<FieldReference> find_field(std::string_view name) {
    for (const NamedField& entry : named_fields) {
        if (entry.name == name) return FieldReference{entry.field, entry.type, entry.needs_item, ""};
    }
    for (const AttributePrefix& entry : attribute_prefixes) {
        if (name.size() > entry.prefix.size() && name.substr(0, entry.prefix.size()) == entry.prefix) {
            return FieldReference{entry.field, ValueType::text, entry.needs_item,
                                  std::string(name.substr(entry.prefix.size()))};
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> field_names() {
    std::vector<std::string_view> names;
    for (const NamedField& entry : named_fields) names.push_back(entry.name);
    return names;
}

const std::vector<std::string_view>& weekday_names() {
    static const std::vector<std::string_view> names{"monday", "tuesday",  "wednesday", "thursday",
                                                     "friday", "saturday", "sunday"};
    return names;
}

}  // namespace loyalty::detail
