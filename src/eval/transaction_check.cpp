#include "eval/transaction_check.hpp"

#include "core/identifier.hpp"
#include "core/line_amounts.hpp"
#include "core/wide_integer.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

const std::string identifier_rule = "1 to " + std::to_string(limits::identifier_length_max) + " characters, none of them a control character";

class Checker {
public:
    Checker(const CompiledProgram& program, const Transaction& transaction)
        : program_(program), transaction_(transaction) {}

    /// Keeps the first problem; false, for `return fail(...)`.
    bool fail(const char* code, std::string field, std::string message) {
        if (!problem_) problem_ = EvaluationError{code, transaction_.id, std::move(field), std::move(message)};
        return false;
    }
    std::optional<EvaluationError> problem() { return std::move(problem_); }

    bool check_attributes(const Attributes& attributes, const std::string& field) {
        if (attributes.size() > limits::attributes_max) {
            return fail("T010", field, "more than " + std::to_string(limits::attributes_max) + " attributes");
        }
        for (const auto& [name, value] : attributes) {
            if (!is_identifier(name) || value.size() > limits::attribute_value_length_max) {
                return fail("T010", field + "." + name,
                            "attribute names are " + identifier_rule + ", and values at most " +
                                std::to_string(limits::attribute_value_length_max) + " characters");
            }
        }
        return true;
    }

    bool check_amount_currency(const Money& amount, const std::string& field) {
        if (amount.currency() != program_.currency) {
            return fail("T004", field,
                        "amount in " + std::string(amount.currency().code()) + ", but the program counts in " +
                            std::string(program_.currency.code()));
        }
        return true;
    }

    // The field's name is built only when it fails: every evaluation checks every line.
    static std::string item_field(std::size_t index, const char* rest) {
        return "items[" + std::to_string(index) + "]" + rest;
    }

    bool check_item(const LineItem& item, std::size_t index) {
        if (item.quantity <= 0 || item.quantity > limits::quantity_max) {
            return fail("T007", item_field(index, ".quantity"),
                        "quantity must be 1 to " + std::to_string(limits::quantity_max) + ", got " +
                            std::to_string(item.quantity));
        }
        if (item.unit_price.currency() != program_.currency &&
            !check_amount_currency(item.unit_price, item_field(index, ".unit_price"))) {
            return false;
        }
        if (item.unit_price.minor_units() < 0) {
            return fail("T008", item_field(index, ".unit_price"), "a price cannot be negative: " + item.unit_price.to_string());
        }
        if (!item.unit_price.times_checked(item.quantity)) {
            return fail("T030", item_field(index, ""),
                        "price × quantity " + (WideInteger(item.unit_price.minor_units()) * item.quantity).to_string() +
                            " minor units exceeds the limit of " + std::to_string(Money::minor_units_max));
        }
        if (item.discount) {
            if (item.discount->currency() != program_.currency &&
                !check_amount_currency(*item.discount, item_field(index, ".discount"))) {
                return false;
            }
            if (item.discount->minor_units() < 0 || item.discount->minor_units() > gross_minor_units(item)) {
                return fail("T009", item_field(index, ".discount"),
                            "a discount must be between 0 and the line's amount " +
                                Money::text_of(gross_minor_units(item), program_.currency) + ", got " +
                                item.discount->to_string());
            }
        }
        if (!is_identifier(item.sku, true) || !is_identifier(item.category, true)) {
            return fail("T001", item_field(index, ""),
                        "sku and category are at most " + std::to_string(limits::identifier_length_max) +
                            " characters, none of them a control character");
        }
        return item.attributes.empty() || check_attributes(item.attributes, item_field(index, ".attributes"));
    }

    bool check_charge(const std::optional<Money>& charge, const std::string& field) {
        if (!charge) return true;
        if (!check_amount_currency(*charge, field)) return false;
        if (charge->minor_units() < 0) return fail("T008", field, field + " cannot be negative: " + charge->to_string());
        if (transaction_.kind != TransactionKind::purchase) return fail("T008", field, "only a purchase has " + field);
        return true;
    }

    /// Every line within Money's range, and at most items_max of them: the int64 sum is exact.
    bool check_total() {
        std::int64_t total = 0;
        for (const LineItem& item : transaction_.items) total += gross_minor_units(item);
        if (transaction_.shipping) total += transaction_.shipping->minor_units();
        if (transaction_.tax) total += transaction_.tax->minor_units();
        if (total > Money::minor_units_max) {
            return fail("T030", "items",
                        "the transaction's total of " + std::to_string(total) + " minor units exceeds the limit of " +
                            std::to_string(Money::minor_units_max));
        }
        return true;
    }

    bool check(const Member& member);

private:
    const CompiledProgram& program_;
    const Transaction& transaction_;
    std::optional<EvaluationError> problem_;
};

bool Checker::check(const Member& member) {
    const Transaction& transaction = transaction_;
    const CompiledProgram& program = program_;
    if (!is_identifier(transaction.id)) return fail("T001", "id", "a transaction id is " + identifier_rule);
    if (transaction.member_id.empty()) return fail("T002", "member", "the member id is missing");
    if (!is_identifier(transaction.member_id)) return fail("T002", "member", "a member id is " + identifier_rule);
    if (!is_identifier(transaction.channel, true)) {
        return fail("T001", "channel", "a channel is at most " + std::to_string(limits::identifier_length_max) +
                                            " characters, none of them a control character");
    }
    if (!is_identifier(transaction.original_transaction_id, true)) {
        return fail("T011", "original_transaction", "a transaction id is " + identifier_rule);
    }
    if (!is_identifier(transaction.event_name, true)) return fail("T011", "event", "an event name is " + identifier_rule);
    if (transaction.coupons.size() > limits::coupons_presented_max) {
        return fail("T005", "coupons", "more than " + std::to_string(limits::coupons_presented_max) + " coupons presented");
    }
    for (std::size_t i = 0; i < transaction.coupons.size(); ++i) {
        if (!is_identifier(transaction.coupons[i])) {
            return fail("T001", "coupons[" + std::to_string(i) + "]", "a coupon id is " + identifier_rule);
        }
    }
    if (transaction.member_id != member.id) {
        return fail("T003", "member", "the transaction is for member '" + transaction.member_id +
                                           "', but member '" + member.id + "' was given");
    }
    if (transaction.currency != program.currency) {
        return fail("T004", "currency",
                     "currency " + std::string(transaction.currency.code()) +
                         " is not the program's currency " + std::string(program.currency.code()));
    }
    if (transaction.items.size() > limits::items_max) {
        return fail("T005", "items", "more than " + std::to_string(limits::items_max) + " line items");
    }
    switch (transaction.kind) {
        case TransactionKind::purchase:
            if (transaction.items.empty()) return fail("T006", "items", "a purchase needs at least one item");
            break;
        case TransactionKind::product_return:
            if (transaction.original_transaction_id.empty()) {
                return fail("T011", "original_transaction", "a return must name the purchase it returns");
            }
            if (transaction.items.empty()) return fail("T006", "items", "a return needs the returned items");
            break;
        case TransactionKind::event:
            if (transaction.event_name.empty()) return fail("T011", "event", "an event must be named");
            break;
    }
    for (std::size_t i = 0; i < transaction.items.size(); ++i) {
        if (!check_item(transaction.items[i], i)) return false;
    }
    if (!check_charge(transaction.shipping, "shipping") || !check_charge(transaction.tax, "tax") || !check_total()) return false;
    if (transaction.points_payment != 0) {
        if (transaction.points_payment < 0) return fail("T042", "points_payment", "a points payment cannot be negative");
        if (transaction.kind != TransactionKind::purchase) {
            return fail("T042", "points_payment", "only a purchase can be paid with points");
        }
        if (!program.pay_rate) {
            return fail("T042", "points_payment", "this program takes no points as payment (it has no 'points.pay_rate')");
        }
    }
    return check_attributes(transaction.attributes, "attributes");
}

}  // namespace

std::optional<EvaluationError> check_transaction(const CompiledProgram& program, const Member& member,
                                                 const Transaction& transaction) {
    Checker checker(program, transaction);
    if (checker.check(member)) return std::nullopt;
    return checker.problem();
}

}  // namespace loyalty::detail
