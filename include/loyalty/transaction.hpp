#pragma once
// What happened at the till or the web shop: the input of one evaluation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/attributes.hpp"
#include "loyalty/currency.hpp"
#include "loyalty/fingerprint.hpp"
#include "loyalty/money.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

enum class TransactionKind {
    purchase,
    product_return,  ///< names the purchase it returns in `original_transaction_id`
    event,           ///< a named happening such as a birthday, in `event_name`
};

struct LineItem {
    std::string sku;
    std::string category;
    Money unit_price;
    std::int64_t quantity = 1;
    /// A discount the host already gave on this line, in the same currency.
    std::optional<Money> discount;
    Attributes attributes;

    /// price × quantity
    Money gross_amount() const { return unit_price.times(quantity); }
    /// price × quantity − discount
    Money net_amount() const { return discount ? gross_amount() - *discount : gross_amount(); }
};

/// One transaction. Amounts are Money in the program's currency; the evaluation checks every
/// field and refuses the whole transaction, naming the field, if any is wrong.
/// A plain value type: safe to copy and share between threads.
struct Transaction {
    std::string id;
    std::string member_id;
    Timestamp at;
    TransactionKind kind = TransactionKind::purchase;
    std::string channel;
    std::string event_name;
    std::string original_transaction_id;
    Currency currency;
    std::vector<LineItem> items;
    /// Ids of the coupons the member presents with a purchase.
    std::vector<std::string> coupons;
    /// Charged on top of the items; earns only under rate rules that include it.
    std::optional<Money> shipping;
    std::optional<Money> tax;
    /// Points the member spends to pay part of a purchase, at the program's `points.pay_rate`.
    std::int64_t points_payment = 0;
    Attributes attributes;
};

std::string_view to_string(TransactionKind kind);


}  // namespace loyalty
