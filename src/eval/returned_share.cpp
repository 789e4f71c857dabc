#include "eval/returned_share.hpp"

#include "core/wide_integer.hpp"
#include "loyalty/limits.hpp"

namespace loyalty::detail {
namespace {

constexpr int chunk_bits = 32;

int bit_width(std::uint64_t value) {
    int width = 0;
    for (; value != 0; value >>= 1) ++width;
    return width;
}

/// 2^exponent mod modulus, for a modulus below 2^32: every product stays within 64 bits.
std::uint64_t power_of_two_mod(std::uint64_t exponent, std::uint64_t modulus) {
    std::uint64_t result = 1 % modulus;
    std::uint64_t base = 2 % modulus;
    for (; exponent != 0; exponent >>= 1) {
        if (exponent & 1) result = result * base % modulus;
        base = base * base % modulus;
    }
    return result;
}

/// A line's part of whole × paid × back / quantity: a whole part, and the numerator of what is
/// left over its quantity, a fraction below 1.
struct LineShare {
    WideInteger whole_part;
    std::uint64_t numerator = 0;
};

LineShare line_share(const PurchaseRecord::Line& line, const WideInteger& whole) {
    const WideInteger quantity(line.quantity);
    const WideInteger value_back = WideInteger(line.paid) * WideInteger(line.returned_quantity);
    const WideInteger scaled_remainder = whole * (value_back % quantity);
    return {whole * (value_back / quantity) + scaled_remainder / quantity,
            static_cast<std::uint64_t>(*(scaled_remainder % quantity).to_int64())};
}

/// floor(Σ numerator_i / quantity_i) over the lines, each numerator below its quantity: the sum,
/// below the number of lines, is read in base 2^32, each line's fraction truncated at the same
/// digit. After j digits the truncated sum A is at most n units of the last digit short (n lines
/// with a fraction), so the floor is decided once the gap to the next integer, kept as
/// (candidate + 1)·2^(32j) − A, falls to 0 or below, or reaches n. A sum that is not that integer
/// differs from it by at least 1 / (the product of the quantities), so the gap decides within
/// log2 of that product, plus log2 n, bits; one still undecided then is the integer itself.
template <typename Numerators>
std::int64_t floor_of_fractions(const PurchaseRecord& record, const Numerators& numerator_of) {
    std::uint64_t truncated = 0;
    std::int64_t fractions = 0;
    int bits = 0;
    for (const PurchaseRecord::Line& line : record.lines) {
        if (line.returned_quantity == 0) continue;
        const std::uint64_t numerator = numerator_of(line);
        if (numerator == 0) continue;
        const auto quantity = static_cast<std::uint64_t>(line.quantity);
        truncated += (numerator << chunk_bits) / quantity;
        ++fractions;
        bits += bit_width(quantity);
    }
    const auto candidate = static_cast<std::int64_t>(truncated >> chunk_bits);
    std::int64_t gap = static_cast<std::int64_t>((static_cast<std::uint64_t>(candidate + 1) << chunk_bits) - truncated);
    const int digits_needed = (bits + bit_width(static_cast<std::uint64_t>(fractions))) / chunk_bits + 2;
    for (int digit = 1; digit <= digits_needed; ++digit) {
        if (gap <= 0) return candidate + 1;
        if (gap >= fractions) return candidate;
        std::int64_t next_digits = 0;
        for (const PurchaseRecord::Line& line : record.lines) {
            if (line.returned_quantity == 0) continue;
            const auto quantity = static_cast<std::uint64_t>(line.quantity);
            // The remainder after `digit` digits: numerator · 2^(32·digit) mod quantity.
            const std::uint64_t remainder =
                numerator_of(line) * power_of_two_mod(static_cast<std::uint64_t>(chunk_bits * digit), quantity) % quantity;
            next_digits += static_cast<std::int64_t>((remainder << chunk_bits) / quantity);
        }
        gap = (gap << chunk_bits) - next_digits;
    }
    return gap <= 0 || gap < fractions ? candidate + 1 : candidate;
}

/// floor(whole × Σ paid_i × back_i / quantity_i / paid) for whole >= 0: the whole part of each
/// line's share taken apart from its fraction, so that only fractions below 1 remain to be summed.
/// floor((M + f) / P) is floor((M + floor(f)) / P) for an integer M and P > 0.
WideInteger floor_by_value(const PurchaseRecord& record, const WideInteger& whole, std::int64_t paid) {
    WideInteger integer_part = 0;
    for (const PurchaseRecord::Line& line : record.lines) {
        if (line.returned_quantity != 0) integer_part += line_share(line, whole).whole_part;
    }
    const std::int64_t fractions = floor_of_fractions(
        record, [&](const PurchaseRecord::Line& line) { return line_share(line, whole).numerator; });
    return (integer_part + WideInteger(fractions)) / WideInteger(paid);
}

}  // namespace

ReturnedShare::ReturnedShare(const PurchaseRecord& record) : record_(record), everything_(record.fully_returned()) {
    for (const PurchaseRecord::Line& line : record.lines) {
        if (line.quantity < 1 || line.quantity > limits::quantity_max || line.paid < 0 || line.paid > Money::minor_units_max ||
            line.returned_quantity < 0 || line.returned_quantity > line.quantity) {
            within_bounds_ = false;
            return;
        }
        paid_ += line.paid;
        units_ += line.quantity;
        units_back_ += line.returned_quantity;
        if (paid_ > Money::minor_units_max) {
            within_bounds_ = false;
            return;
        }
    }
}

std::optional<std::int64_t> ReturnedShare::of(std::int64_t whole) const {
    if (everything_) return whole;
    if (!within_bounds_) return std::nullopt;
    if (paid_ == 0) return of_units(whole);
    // Toward zero, as for the magnitude of a negative whole.
    const WideInteger magnitude = whole < 0 ? -WideInteger(whole) : WideInteger(whole);
    const WideInteger share = floor_by_value(record_, magnitude, paid_);
    return (whole < 0 ? -share : share).to_int64();
}

std::optional<std::int64_t> ReturnedShare::of_units(std::int64_t whole) const {
    if (everything_) return whole;
    if (!within_bounds_) return std::nullopt;
    if (units_ == 0) return 0;
    return (WideInteger(whole) * WideInteger(units_back_) / WideInteger(units_)).to_int64();
}

}  // namespace loyalty::detail
