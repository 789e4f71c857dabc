#include "eval/transaction_check.hpp"

#include "core/identifier.hpp"
#include "loyalty/error.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

const std::string identifier_rule = "1 to " + std::to_string(limits::identifier_length_max) + " characters, none of them a control character";

class Checker {
public:
    Checker(const CompiledProgram& program, const Transaction& transaction)
        : program_(program), transaction_(transaction) {}

    [[noreturn]] void fail(const char* code, const std::string& field, const std::string& message) const {
        throw TransactionError(code, transaction_.id, field, message);
    }

    void check_attributes(const Attributes& attributes, const std::string& field) const {
        if (attributes.size() > limits::attributes_max) {
            fail("T010", field, "more than " + std::to_string(limits::attributes_max) + " attributes");
        }
        for (const auto& [name, value] : attributes) {
            if (!is_identifier(name) || value.size() > limits::attribute_value_length_max) {
                fail("T010", field + "." + name,
                     "attribute names are " + identifier_rule + ", and values at most " +
                         std::to_string(limits::attribute_value_length_max) + " characters");
            }
        }
    }

    void check_amount_currency(const Money& amount, const std::string& field) const {
        if (amount.currency() != program_.currency) {
            fail("T004", field,
                 "amount in " + std::string(amount.currency().code()) + ", but the program counts in " +
                     std::string(program_.currency.code()));
        }
    }

    // The field's name is built only when it fails: every evaluation checks every line.
    static std::string item_field(std::size_t index, const char* rest) {
        return "items[" + std::to_string(index) + "]" + rest;
    }

    void check_item(const LineItem& item, std::size_t index) const {
        if (item.quantity <= 0 || item.quantity > limits::quantity_max) {
            fail("T007", item_field(index, ".quantity"),
                 "quantity must be 1 to " + std::to_string(limits::quantity_max) + ", got " +
                     std::to_string(item.quantity));
        }
        if (item.unit_price.currency() != program_.currency) check_amount_currency(item.unit_price, item_field(index, ".unit_price"));
        if (item.unit_price.minor_units() < 0) {
            fail("T008", item_field(index, ".unit_price"), "a price cannot be negative: " + item.unit_price.to_string());
        }
        if (item.discount) {
            if (item.discount->currency() != program_.currency) check_amount_currency(*item.discount, item_field(index, ".discount"));
            if (item.discount->minor_units() < 0 ||
                item.discount->minor_units() > item.gross_amount().minor_units()) {
                fail("T009", item_field(index, ".discount"),
                     "a discount must be between 0 and the line's amount " +
                         item.gross_amount().to_string() + ", got " + item.discount->to_string());
            }
        }
        if (!is_identifier(item.sku, true) || !is_identifier(item.category, true)) {
            fail("T001", item_field(index, ""), "sku and category are at most " +
                                    std::to_string(limits::identifier_length_max) + " characters, none of them a control character");
        }
        if (!item.attributes.empty()) check_attributes(item.attributes, item_field(index, ".attributes"));
    }

    void check_charge(const std::optional<Money>& charge, const std::string& field) const {
        if (!charge) return;
        check_amount_currency(*charge, field);
        if (charge->minor_units() < 0) fail("T008", field, field + " cannot be negative: " + charge->to_string());
        if (transaction_.kind != TransactionKind::purchase) fail("T008", field, "only a purchase has " + field);
    }

private:
    const CompiledProgram& program_;
    const Transaction& transaction_;
};

}  // namespace

void check_transaction(const CompiledProgram& program, const Member& member,
                       const Transaction& transaction) {
    const Checker checker(program, transaction);
    if (!is_identifier(transaction.id)) checker.fail("T001", "id", "a transaction id is " + identifier_rule);
    if (transaction.member_id.empty()) checker.fail("T002", "member", "the member id is missing");
    if (!is_identifier(transaction.member_id)) checker.fail("T002", "member", "a member id is " + identifier_rule);
    if (!is_identifier(transaction.channel, true)) {
        checker.fail("T001", "channel", "a channel is at most " + std::to_string(limits::identifier_length_max) +
                                            " characters, none of them a control character");
    }
    if (!is_identifier(transaction.original_transaction_id, true)) {
        checker.fail("T011", "original_transaction", "a transaction id is " + identifier_rule);
    }
    if (!is_identifier(transaction.event_name, true)) checker.fail("T011", "event", "an event name is " + identifier_rule);
    if (transaction.coupons.size() > limits::coupons_presented_max) {
        checker.fail("T005", "coupons", "more than " + std::to_string(limits::coupons_presented_max) + " coupons presented");
    }
    for (std::size_t i = 0; i < transaction.coupons.size(); ++i) {
        if (!is_identifier(transaction.coupons[i])) {
            checker.fail("T001", "coupons[" + std::to_string(i) + "]", "a coupon id is " + identifier_rule);
        }
    }
    if (transaction.member_id != member.id) {
        checker.fail("T003", "member", "the transaction is for member '" + transaction.member_id +
                                           "', but member '" + member.id + "' was given");
    }
    if (transaction.currency != program.currency) {
        checker.fail("T004", "currency",
                     "currency " + std::string(transaction.currency.code()) +
                         " is not the program's currency " + std::string(program.currency.code()));
    }
    if (transaction.items.size() > limits::items_max) {
        checker.fail("T005", "items", "more than " + std::to_string(limits::items_max) + " line items");
    }
    switch (transaction.kind) {
        case TransactionKind::purchase:
            if (transaction.items.empty()) checker.fail("T006", "items", "a purchase needs at least one item");
            break;
        case TransactionKind::product_return:
            if (transaction.original_transaction_id.empty()) {
                checker.fail("T011", "original_transaction", "a return must name the purchase it returns");
            }
            if (transaction.items.empty()) checker.fail("T006", "items", "a return needs the returned items");
            break;
        case TransactionKind::event:
            if (transaction.event_name.empty()) checker.fail("T011", "event", "an event must be named");
            break;
    }
    for (std::size_t i = 0; i < transaction.items.size(); ++i) checker.check_item(transaction.items[i], i);
    checker.check_charge(transaction.shipping, "shipping");
    checker.check_charge(transaction.tax, "tax");
    if (transaction.points_payment != 0) {
        if (transaction.points_payment < 0) checker.fail("T042", "points_payment", "a points payment cannot be negative");
        if (transaction.kind != TransactionKind::purchase) {
            checker.fail("T042", "points_payment", "only a purchase can be paid with points");
        }
        if (!program.pay_rate) {
            checker.fail("T042", "points_payment", "this program takes no points as payment (it has no 'points.pay_rate')");
        }
    }
    checker.check_attributes(transaction.attributes, "attributes");
}

}  // namespace loyalty::detail
