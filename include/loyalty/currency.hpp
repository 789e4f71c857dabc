#pragma once
// ISO 4217 currencies and the number of decimals their amounts carry.

#include <array>
#include <optional>
#include <string_view>

namespace loyalty {

/// An ISO 4217 currency: its three-letter code and its exponent (USD 2, JPY 0, KWD 3).
/// A plain value type: safe to copy and share between threads.
class Currency {
public:
    /// ISO 4217 "XXX", no currency: what an unset field holds. No program uses it, so an
    /// amount left unset is refused by evaluation rather than taken for zero dollars.
    Currency() : code_{'X', 'X', 'X'}, exponent_(0) {}

    /// The active ISO 4217 currency with that upper-case code, or nothing.
    static std::optional<Currency> find(std::string_view code);

    std::string_view code() const { return {code_.data(), code_.size()}; }
    /// Decimals in one major unit: 1.00 USD is 100 minor units.
    int exponent() const { return exponent_; }

    // Every sum of amounts compares currencies: three characters, not a call to memcmp.
    friend bool operator==(const Currency& a, const Currency& b) {
        return a.code_[0] == b.code_[0] && a.code_[1] == b.code_[1] && a.code_[2] == b.code_[2];
    }
    friend bool operator!=(const Currency& a, const Currency& b) { return !(a == b); }

private:
    Currency(std::array<char, 3> code, int exponent) : code_(code), exponent_(exponent) {}

    std::array<char, 3> code_;
    int exponent_;
};

}  // namespace loyalty
