#include "c_api/c_transaction.hpp"

#include <string>

#include "c_api/c_errors.hpp"
#include "loyalty/json.hpp"
#include "core/utf8.hpp"

namespace loyalty::c_api {
namespace {

/// What a read stopped at: its code, field and message.
struct Unreadable {
    const char* code;
    std::string field;
    std::string message;
};

class StructReader {
public:
    explicit StructReader(std::optional<Unreadable>& problem) : problem_(problem) {}

    /// `text`, or "" for NULL when it may be absent.
    void text(const char* given, bool required, const std::string& field, std::string& into) {
        if (problem_) return;
        if (given == nullptr) {
            if (required) problem_ = Unreadable{"C001", field, "is NULL"};
            into.clear();
            return;
        }
        into = given;
        if (detail::first_invalid_utf8(into)) problem_ = Unreadable{"T100", field, "is not valid UTF-8"};
    }

    std::optional<Money> money(std::int64_t minor_units, Currency currency, const std::string& field) {
        if (problem_) return std::nullopt;
        auto money = Money::of(minor_units, currency);
        if (!money) problem_ = Unreadable{"T100", field, std::to_string(minor_units) + " is past the engine's bounds"};
        return money;
    }

    void attributes(const loyalty_attribute* given, std::size_t count, const std::string& field, Attributes& into) {
        into.clear();
        if (count > 0 && given == nullptr) problem_ = Unreadable{"C001", field, "is NULL"};
        std::string name, value;
        for (std::size_t i = 0; i < count && !problem_; ++i) {
            const std::string at = field + "[" + std::to_string(i) + "]";
            text(given[i].name, true, at + ".name", name);
            text(given[i].value, true, at + ".value", value);
            into.insert_or_assign(name, value);
        }
    }

    bool failed() const { return problem_.has_value(); }

private:
    std::optional<Unreadable>& problem_;
};

std::optional<TransactionKind> kind_of(loyalty_transaction_kind kind) {
    switch (kind) {
        case LOYALTY_PURCHASE: return TransactionKind::purchase;
        case LOYALTY_RETURN: return TransactionKind::product_return;
        case LOYALTY_EVENT: return TransactionKind::event;
    }
    return std::nullopt;
}

void read_items(StructReader& reader, const loyalty_transaction& given, Currency currency, Transaction& transaction,
                std::optional<Unreadable>& problem) {
    if (given.item_count > 0 && given.items == nullptr) problem = Unreadable{"C001", "items", "is NULL"};
    transaction.items.resize(problem ? 0 : given.item_count);
    for (std::size_t i = 0; i < transaction.items.size() && !reader.failed(); ++i) {
        const loyalty_line_item& item = given.items[i];
        LineItem& line = transaction.items[i];
        const std::string field = "items[" + std::to_string(i) + "]";
        reader.text(item.sku, true, field + ".sku", line.sku);
        reader.text(item.category, false, field + ".category", line.category);
        if (const auto price = reader.money(item.unit_price, currency, field + ".unit_price")) line.unit_price = *price;
        line.quantity = item.quantity;
        line.discount = item.has_discount ? reader.money(item.discount, currency, field + ".discount") : std::nullopt;
        reader.attributes(item.attributes, item.attribute_count, field + ".attributes", line.attributes);
    }
}

}  // namespace

std::optional<EvaluationError> read_transaction(const loyalty_transaction& given, Transaction& transaction) {
    std::optional<Unreadable> problem;
    StructReader reader(problem);
    reader.text(given.id, true, "id", transaction.id);
    reader.text(given.member_id, true, "member", transaction.member_id);
    std::string text;
    reader.text(given.at, true, "at", text);
    const auto at = problem ? std::nullopt : Timestamp::parse(text);
    if (!problem && !at) {
        problem = Unreadable{"T100", "at", "'" + text + "' is not a time such as 2026-03-02T10:15:00-05:00 (the offset is required)"};
    }
    if (at) transaction.at = *at;
    const auto kind = kind_of(given.kind);
    if (!problem && !kind) problem = Unreadable{"T100", "kind", "is not a loyalty_transaction_kind"};
    if (kind) transaction.kind = *kind;
    reader.text(given.channel, false, "channel", transaction.channel);
    reader.text(given.event_name, false, "event", transaction.event_name);
    reader.text(given.original_transaction_id, false, "original_transaction", transaction.original_transaction_id);
    reader.text(given.currency, true, "currency", text);
    const auto currency = problem ? std::nullopt : Currency::find(text);
    if (!problem && !currency) problem = Unreadable{"T100", "currency", "'" + text + "' is not an ISO 4217 currency code"};
    if (currency) {
        transaction.currency = *currency;
        read_items(reader, given, *currency, transaction, problem);
        transaction.shipping = given.has_shipping ? reader.money(given.shipping, *currency, "shipping") : std::nullopt;
        transaction.tax = given.has_tax ? reader.money(given.tax, *currency, "tax") : std::nullopt;
    }
    if (!problem && given.coupon_count > 0 && given.coupons == nullptr) problem = Unreadable{"C001", "coupons", "is NULL"};
    transaction.coupons.resize(problem ? 0 : given.coupon_count);
    for (std::size_t i = 0; i < transaction.coupons.size(); ++i) {
        reader.text(given.coupons[i], true, "coupons[" + std::to_string(i) + "]", transaction.coupons[i]);
    }
    transaction.points_payment = given.points_payment;
    reader.attributes(given.attributes, given.attribute_count, "attributes", transaction.attributes);
    if (!problem) return std::nullopt;
    return EvaluationError{problem->code, transaction.id, problem->field, problem->message};
}

}  // namespace loyalty::c_api

using loyalty::c_api::fail;
using loyalty::c_api::fail_null;
using loyalty::c_api::guarded;

extern "C" {

loyalty_status loyalty_transaction_to_json(const loyalty_transaction* transaction, char** json, loyalty_error** error) {
    return guarded(error, [&] {
        if (json == nullptr) return fail_null(error, "json");
        *json = nullptr;
        if (transaction == nullptr) return fail_null(error, "transaction");
        loyalty::Transaction read;
        if (const auto problem = loyalty::c_api::read_transaction(*transaction, read)) {
            return fail(error, LOYALTY_INVALID_INPUT, *problem);
        }
        *json = loyalty::c_api::copy_for_caller(loyalty::to_json(read));
        return LOYALTY_OK;
    });
}

loyalty_status loyalty_transaction_normalize_json(const char* json, size_t length, char** normalized,
                                                  loyalty_error** error) {
    return guarded(error, [&] {
        if (normalized == nullptr) return fail_null(error, "normalized");
        *normalized = nullptr;
        if (json == nullptr) return fail_null(error, "json");
        const auto read = loyalty::read_transaction_json(std::string_view(json, length));
        if (!read) return fail(error, LOYALTY_INVALID_INPUT, read.error());
        *normalized = loyalty::c_api::copy_for_caller(loyalty::to_json(read.value()));
        return LOYALTY_OK;
    });
}

}  // extern "C"
