#include "eval/fingerprint.hpp"

#include "eval/stable_hash.hpp"

namespace loyalty::detail {

std::uint64_t fingerprint(const Transaction& transaction) {
    StableHash hash;
    hash.add(transaction.id);
    hash.add(transaction.member_id);
    hash.add_number(transaction.at.utc_seconds());
    hash.add_number(static_cast<std::int64_t>(transaction.kind));
    hash.add(transaction.channel);
    hash.add(transaction.event_name);
    hash.add(transaction.original_transaction_id);
    hash.add(transaction.currency.code());
    hash.add_number(static_cast<std::int64_t>(transaction.items.size()));
    for (const LineItem& item : transaction.items) {
        hash.add(item.sku);
        hash.add(item.category);
        hash.add_money(item.unit_price);
        hash.add_number(item.quantity);
        hash.add_number(item.discount.has_value());
        if (item.discount) hash.add_money(*item.discount);
        hash.add_attributes(item.attributes);
    }
    hash.add_number(static_cast<std::int64_t>(transaction.coupons.size()));
    for (const std::string& coupon : transaction.coupons) hash.add(coupon);
    hash.add_attributes(transaction.attributes);
    // Added only when present, so the fingerprints of transactions without them stay as they were.
    if (transaction.shipping) {
        hash.add("shipping");
        hash.add_money(*transaction.shipping);
    }
    if (transaction.tax) {
        hash.add("tax");
        hash.add_money(*transaction.tax);
    }
    if (transaction.points_payment != 0) {
        hash.add("points_payment");
        hash.add_number(transaction.points_payment);
    }
    return hash.value();
}

}  // namespace loyalty::detail
