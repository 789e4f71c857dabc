#pragma once
// An exact decimal number read from text: rates, factors and percentages.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loyalty {

/// A decimal value `mantissa × 10^-scale`, parsed from its text and never from a double.
/// A plain value type: safe to copy and share between threads.
struct Decimal {
    static constexpr int scale_max = 18;

    std::int64_t mantissa = 0;
    int scale = 0;

    /// Parses `-?digits(.digits)?` with no leading zeros, sign `+`, exponent, `_` or `,`.
    /// Returns nothing for any other text or a value beyond 64 bits.
    static std::optional<Decimal> parse(std::string_view text);

    bool is_negative() const { return mantissa < 0; }
    bool is_zero() const { return mantissa == 0; }
    /// The text it was written as, trailing zeros kept: "1.25", "2", "0.050".
    std::string to_string() const;
};

/// Exact comparison, whatever the scales: -1, 0 or 1.
int compare(const Decimal& left, const Decimal& right);

}  // namespace loyalty
