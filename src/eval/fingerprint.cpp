#include "loyalty/fingerprint.hpp"

#include <cstdio>

#include "core/hex_digit.hpp"
#include "core/sha256.hpp"
#include "core/stable_hash.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty {
namespace {

template <typename Hash>
void add_money(Hash& hash, const Money& money) {
    hash.add(money.currency().code());
    hash.add_number(money.minor_units());
}

template <typename Hash>
void add_attributes(Hash& hash, const Attributes& attributes) {
    hash.add_number(static_cast<std::int64_t>(attributes.size()));
    for (const auto& [name, value] : attributes) {
        hash.add(name);
        hash.add(value);
    }
}

/// Every field in a fixed order, into `hash`: FNV-1a for version 1, bytes for SHA-256 in version 2.
template <typename Hash>
void add_fields(Hash& hash, const Transaction& transaction) {
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
        add_money(hash, item.unit_price);
        hash.add_number(item.quantity);
        hash.add_number(item.discount.has_value());
        if (item.discount) add_money(hash, *item.discount);
        add_attributes(hash, item.attributes);
    }
    hash.add_number(static_cast<std::int64_t>(transaction.coupons.size()));
    for (const std::string& coupon : transaction.coupons) hash.add(coupon);
    add_attributes(hash, transaction.attributes);
    // Added only when present, so the fingerprints of transactions without them stay as they were.
    if (transaction.shipping) {
        hash.add("shipping");
        add_money(hash, *transaction.shipping);
    }
    if (transaction.tax) {
        hash.add("tax");
        add_money(hash, *transaction.tax);
    }
    if (transaction.points_payment != 0) {
        hash.add("points_payment");
        hash.add_number(transaction.points_payment);
    }
}

/// The fields as bytes into `hash`: each text after its length, each number as eight bytes.
class FieldBytes {
public:
    explicit FieldBytes(detail::Sha256& hash) : hash_(hash) {}
    void add(std::string_view text) {
        add_number(static_cast<std::int64_t>(text.size()));
        hash_.add(text);
    }
    void add_number(std::int64_t value) {
        const auto bits = static_cast<std::uint64_t>(value);
        char bytes[8];
        for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(bits >> (8 * i));
        hash_.add(std::string_view(bytes, sizeof bytes));
    }

private:
    detail::Sha256& hash_;
};

std::uint64_t word(const detail::Sha256Digest& digest, std::size_t from) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < 8; ++i) value = (value << 8) | digest[from + i];
    return value;
}

}  // namespace

Fingerprint fingerprint(const Transaction& transaction) {
    // Kept per thread: a fingerprint per evaluation allocates nothing once the first is taken.
    thread_local detail::Sha256 hash;
    FieldBytes fields(hash);
    add_fields(fields, transaction);
    const detail::Sha256Digest digest = hash.finish();
    return {word(digest, 0), word(digest, 8), false};
}

Fingerprint legacy_fingerprint(const Transaction& transaction) {
    detail::StableHash hash;
    add_fields(hash, transaction);
    return {0, hash.value(), true};
}

bool fingerprint_matches(const Fingerprint& recorded, const Transaction& transaction) {
    return recorded == (recorded.legacy ? legacy_fingerprint(transaction) : fingerprint(transaction));
}

std::string fingerprint_text(const Fingerprint& fingerprint) {
    char buffer[33];
    if (fingerprint.legacy) {
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fingerprint.low));
    } else {
        std::snprintf(buffer, sizeof buffer, "%016llx%016llx", static_cast<unsigned long long>(fingerprint.high),
                      static_cast<unsigned long long>(fingerprint.low));
    }
    return buffer;
}

std::optional<Fingerprint> fingerprint_from_text(std::string_view text) {
    if (text.size() != 16 && text.size() != 32) return std::nullopt;
    std::uint64_t words[2] = {0, 0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int digit = detail::hex_digit_value(text[i]);
        if (digit < 0) return std::nullopt;
        std::uint64_t& into = words[text.size() == 32 && i < 16 ? 0 : 1];
        into = (into << 4) | static_cast<std::uint64_t>(digit);
    }
    return Fingerprint{text.size() == 32 ? words[0] : 0, words[1], text.size() == 16};
}

}  // namespace loyalty
