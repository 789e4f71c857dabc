#pragma once
// An amount of money in integer minor units of one currency.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "loyalty/currency.hpp"

namespace loyalty {

/// Money as a whole number of minor units (cents) and its currency. Arithmetic is checked: the
/// constructor and the operators throw `ArithmeticError` for a result beyond `±minor_units_max` or
/// for two currencies, and the checked forms (`of`, `plus`, `minus`, `times_checked`) return
/// nothing instead, for code that does not throw.
/// A plain value type: safe to copy and share between threads.
class Money {
public:
    /// 10^15 minor units: far beyond any basket, far below where 128-bit products could overflow.
    static constexpr std::int64_t minor_units_max = 1'000'000'000'000'000;

    /// Zero in no currency (ISO 4217 "XXX"): what an unset amount holds.
    Money() : minor_units_(0) {}
    Money(std::int64_t minor_units, Currency currency);
    static std::optional<Money> of(std::int64_t minor_units, Currency currency);

    /// Parses "60.50" in `currency`; fails on more decimals than the currency has, on any text
    /// that is not a plain decimal, or beyond the range.
    static std::optional<Money> parse(std::string_view text, Currency currency);

    std::int64_t minor_units() const { return minor_units_; }
    const Currency& currency() const { return currency_; }

    Money operator+(const Money& other) const;
    Money operator-(const Money& other) const;
    /// Times a whole quantity, checked.
    Money times(std::int64_t quantity) const;
    std::optional<Money> plus(const Money& other) const;
    std::optional<Money> minus(const Money& other) const;
    std::optional<Money> times_checked(std::int64_t quantity) const;

    /// "60.50 USD"
    std::string to_string() const;
    /// "60.50"
    std::string amount_text() const;
    /// "60.50 USD" for any whole number of minor units, within the range or not.
    static std::string text_of(std::int64_t minor_units, Currency currency);

    friend bool operator==(const Money& a, const Money& b) {
        return a.minor_units_ == b.minor_units_ && a.currency_ == b.currency_;
    }
    friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }

private:
    std::int64_t minor_units_;
    Currency currency_;
};

}  // namespace loyalty
