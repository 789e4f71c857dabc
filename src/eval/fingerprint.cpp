#include "eval/fingerprint.hpp"

#include <string_view>

namespace loyalty::detail {
namespace {

class Fnv1a {
public:
    void add(std::string_view text) {
        add_number(static_cast<std::int64_t>(text.size()));  // length first: "ab","c" ≠ "a","bc"
        for (char c : text) add_byte(static_cast<unsigned char>(c));
    }
    void add_number(std::int64_t value) {
        auto bits = static_cast<std::uint64_t>(value);
        for (int i = 0; i < 8; ++i) add_byte(static_cast<unsigned char>(bits >> (8 * i)));
    }
    void add_money(const Money& money) {
        add(money.currency().code());
        add_number(money.minor_units());
    }
    void add_attributes(const Attributes& attributes) {
        add_number(static_cast<std::int64_t>(attributes.size()));
        for (const auto& [name, value] : attributes) {
            add(name);
            add(value);
        }
    }
    std::uint64_t value() const { return hash_; }

private:
    void add_byte(unsigned char byte) {
        hash_ ^= byte;
        hash_ *= 0x100000001b3ULL;
    }
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::uint64_t fingerprint(const Transaction& transaction) {
    Fnv1a hash;
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
    return hash.value();
}

}  // namespace loyalty::detail
