#include "json/object_reader.hpp"
#include "loyalty/error.hpp"
#include "loyalty/json.hpp"
#include "loyalty/limits.hpp"

namespace loyalty {
namespace {

using detail::Json;
using detail::ObjectReader;
using detail::id_for_messages;
using detail::parse_json;

[[noreturn]] void fail_transaction(const std::string& id, const std::string& field, const std::string& message) {
    throw TransactionError("T100", id, field, message);
}

TransactionKind read_kind(const ObjectReader& reader) {
    const std::string kind = reader.text("kind", true);
    if (kind == "purchase") return TransactionKind::purchase;
    if (kind == "return") return TransactionKind::product_return;
    if (kind == "event") return TransactionKind::event;
    reader.fail("kind", "'" + kind + "' is not one of: purchase, return, event");
}

LineItem read_item(const Json& json, std::size_t index, const std::string& id, Currency currency) {
    const ObjectReader reader(json, "items[" + std::to_string(index) + "]", id, fail_transaction,
                              {"sku", "category", "unit_price", "quantity", "discount", "attributes"});
    LineItem item;
    item.sku = reader.text("sku", false);
    item.category = reader.text("category", false);
    item.unit_price = reader.money("unit_price", currency, true);
    item.quantity = reader.whole_number("quantity", 1);
    if (reader.find("discount")) item.discount = reader.money("discount", currency, true);
    item.attributes = reader.attributes("attributes");
    return item;
}

}  // namespace

Transaction transaction_from_json(std::string_view text) {
    if (text.size() > limits::transaction_json_bytes_max) {
        fail_transaction("", "", "longer than " + std::to_string(limits::transaction_json_bytes_max) +
                                     " bytes, the most one transaction takes");
    }
    const Json json = parse_json(text, fail_transaction);
    const std::string id = id_for_messages(json);
    const ObjectReader reader(json, "", id, fail_transaction,
                              {"id", "member", "at", "kind", "channel", "event", "original_transaction",
                               "currency", "items", "coupons", "shipping", "tax", "points_payment", "attributes"});

    Transaction transaction;
    transaction.id = reader.text("id", true);
    transaction.member_id = reader.text("member", true);
    const std::string at = reader.text("at", true);
    const auto timestamp = Timestamp::parse(at);
    if (!timestamp) {
        reader.fail("at", "'" + at + "' is not a time such as 2026-03-02T10:15:00-05:00 (the offset is required)");
    }
    transaction.at = *timestamp;
    transaction.kind = read_kind(reader);
    transaction.channel = reader.text("channel", false);
    transaction.event_name = reader.text("event", false);
    transaction.original_transaction_id = reader.text("original_transaction", false);
    const std::string code = reader.text("currency", true);
    const auto currency = Currency::find(code);
    if (!currency) reader.fail("currency", "'" + code + "' is not an ISO 4217 currency code");
    transaction.currency = *currency;
    if (const Json* items = reader.find("items")) {
        if (!items->is_array()) reader.fail("items", "expected a list of items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            transaction.items.push_back(read_item((*items)[i], i, id, *currency));
        }
    }
    if (const Json* coupons = reader.find("coupons")) {
        if (!coupons->is_array()) reader.fail("coupons", "expected a list of coupon ids");
        for (const Json& coupon : *coupons) {
            if (!coupon.is_string()) reader.fail("coupons", "coupon ids are strings");
            transaction.coupons.push_back(coupon.get<std::string>());
        }
    }
    if (reader.find("shipping")) transaction.shipping = reader.money("shipping", *currency, true);
    if (reader.find("tax")) transaction.tax = reader.money("tax", *currency, true);
    transaction.points_payment = reader.whole_number("points_payment", 0);
    transaction.attributes = reader.attributes("attributes");
    return transaction;
}

}  // namespace loyalty

namespace loyalty {

Result<Transaction, EvaluationError> read_transaction_json(std::string_view json) {
    try {
        return transaction_from_json(json);
    } catch (const TransactionError& error) {
        return EvaluationError{error.code(), error.transaction_id(), error.field(), error.detail()};
    }
}

}  // namespace loyalty
