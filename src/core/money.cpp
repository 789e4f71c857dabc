#include "loyalty/money.hpp"

#include "core/wide_integer.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/error.hpp"

namespace loyalty {
namespace {

std::int64_t checked_minor_units(const detail::WideInteger& value) {
    return detail::narrow(value, Money::minor_units_max, "amount in minor units");
}

// Amounts are added on every line of every evaluation: within ±minor_units_max, a sum or
// difference of two fits an int64, so only the result needs checking, and only when out of range
// does the wide type build the message.
std::int64_t checked_minor_units(std::int64_t value) {
    if (value > Money::minor_units_max || value < -Money::minor_units_max) return checked_minor_units(detail::WideInteger(value));
    return value;
}

void require_same_currency(const Money& a, const Money& b) {
    if (a.currency() != b.currency()) {
        throw ArithmeticError("cannot combine " + std::string(a.currency().code()) + " and " +
                              std::string(b.currency().code()) + " amounts");
    }
}

}  // namespace

Money::Money(std::int64_t minor_units, Currency currency)
    : minor_units_(checked_minor_units(minor_units)), currency_(currency) {}

std::optional<Money> Money::parse(std::string_view text, Currency currency) {
    const auto decimal = Decimal::parse(text);
    if (!decimal || decimal->scale > currency.exponent()) return std::nullopt;
    const detail::WideInteger minor = detail::WideInteger(decimal->mantissa) *
                                      detail::power_of_ten(currency.exponent() - decimal->scale);
    if (minor > minor_units_max || minor < -minor_units_max) return std::nullopt;
    return Money(static_cast<std::int64_t>(minor), currency);
}

Money Money::operator+(const Money& other) const {
    require_same_currency(*this, other);
    return Money(minor_units_ + other.minor_units_, currency_);
}

Money Money::operator-(const Money& other) const {
    require_same_currency(*this, other);
    return Money(minor_units_ - other.minor_units_, currency_);
}

Money Money::times(std::int64_t quantity) const {
    // Every line of every evaluation is priced here: the wide type only when the product leaves
    // int64, to say so.
    std::int64_t product = 0;
    if (__builtin_mul_overflow(minor_units_, quantity, &product)) {
        return Money(checked_minor_units(detail::WideInteger(minor_units_) * quantity), currency_);
    }
    return Money(product, currency_);
}

std::string Money::amount_text() const {
    return Decimal{minor_units_, currency_.exponent()}.to_string();
}

std::string Money::to_string() const {
    std::string text = amount_text();
    text += ' ';
    text += currency_.code();
    return text;
}

}  // namespace loyalty
