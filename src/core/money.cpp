#include "loyalty/money.hpp"

#include "core/raise.hpp"
#include "core/wide_integer.hpp"
#include "loyalty/decimal.hpp"

namespace loyalty {
namespace {

bool within_range(std::int64_t minor_units) {
    return minor_units <= Money::minor_units_max && minor_units >= -Money::minor_units_max;
}

[[noreturn]] void raise_out_of_range(const detail::WideInteger& value) {
    detail::raise_out_of_range("amount in minor units", value, Money::minor_units_max);
}

void require_same_currency(const Money& a, const Money& b) {
    if (a.currency() != b.currency()) detail::raise_currency_mismatch(a.currency(), b.currency());
}

}  // namespace

Money::Money(std::int64_t minor_units, Currency currency) : minor_units_(minor_units), currency_(currency) {
    if (!within_range(minor_units)) raise_out_of_range(minor_units);
}

std::optional<Money> Money::of(std::int64_t minor_units, Currency currency) {
    if (!within_range(minor_units)) return std::nullopt;
    Money money;
    money.minor_units_ = minor_units;
    money.currency_ = currency;
    return money;
}

std::optional<Money> Money::parse(std::string_view text, Currency currency) {
    const auto decimal = Decimal::parse(text);
    if (!decimal || decimal->scale > currency.exponent()) return std::nullopt;
    const auto minor = detail::narrow(detail::WideInteger(decimal->mantissa) *
                                          detail::power_of_ten(currency.exponent() - decimal->scale),
                                      minor_units_max);
    if (!minor) return std::nullopt;
    return of(*minor, currency);
}

// Within ±minor_units_max, a sum or difference of two fits an int64: only the result needs checking.
std::optional<Money> Money::plus(const Money& other) const {
    if (currency_ != other.currency_) return std::nullopt;
    return of(minor_units_ + other.minor_units_, currency_);
}

std::optional<Money> Money::minus(const Money& other) const {
    if (currency_ != other.currency_) return std::nullopt;
    return of(minor_units_ - other.minor_units_, currency_);
}

std::optional<Money> Money::times_checked(std::int64_t quantity) const {
    // Every line of every evaluation is priced here: the product is formed in int64 when it fits.
    std::int64_t product = 0;
    if (__builtin_mul_overflow(minor_units_, quantity, &product)) return std::nullopt;
    return of(product, currency_);
}

Money Money::operator+(const Money& other) const {
    require_same_currency(*this, other);
    if (auto sum = plus(other)) return *sum;
    raise_out_of_range(detail::WideInteger(minor_units_) + other.minor_units_);
}

Money Money::operator-(const Money& other) const {
    require_same_currency(*this, other);
    if (auto difference = minus(other)) return *difference;
    raise_out_of_range(detail::WideInteger(minor_units_) - other.minor_units_);
}

Money Money::times(std::int64_t quantity) const {
    if (auto product = times_checked(quantity)) return *product;
    raise_out_of_range(detail::WideInteger(minor_units_) * quantity);
}

std::string Money::amount_text() const {
    return Decimal{minor_units_, currency_.exponent()}.to_string();
}

std::string Money::text_of(std::int64_t minor_units, Currency currency) {
    std::string text = Decimal{minor_units, currency.exponent()}.to_string();
    text += ' ';
    text += currency.code();
    return text;
}

std::string Money::to_string() const { return text_of(minor_units_, currency_); }

}  // namespace loyalty
