#include "loyalty/decimal.hpp"

#include "core/wide_integer.hpp"

namespace loyalty {

std::optional<Decimal> Decimal::parse(std::string_view text) {
    std::size_t position = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) position = 1;

    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    const std::size_t integer_start = position;
    while (position < text.size() && is_digit(text[position])) ++position;
    const std::size_t integer_digits = position - integer_start;
    if (integer_digits == 0) return std::nullopt;
    if (integer_digits > 1 && text[integer_start] == '0') return std::nullopt;  // octal-looking

    int scale = 0;
    if (position < text.size() && text[position] == '.') {
        ++position;
        const std::size_t fraction_start = position;
        while (position < text.size() && is_digit(text[position])) ++position;
        scale = static_cast<int>(position - fraction_start);
        if (scale == 0 || scale > scale_max) return std::nullopt;
    }
    if (position != text.size()) return std::nullopt;

    detail::WideInteger magnitude = 0;
    for (char c : text.substr(integer_start)) {
        if (c == '.') continue;
        magnitude = magnitude * 10 + (c - '0');
        if (!magnitude.to_int64()) return std::nullopt;
    }
    const std::int64_t value = *magnitude.to_int64();
    return Decimal{negative ? -value : value, scale};
}

std::string Decimal::to_string() const {
    // Written backwards into a buffer large enough for any int64 at any scale: amounts are
    // formatted on every evaluation. Unsigned negation gives the magnitude of INT64_MIN too.
    char buffer[48];
    char* const end = buffer + sizeof buffer;
    char* first = end;
    std::uint64_t magnitude = mantissa < 0 ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
    int fraction_digits = 0;
    do {
        if (scale > 0 && fraction_digits == scale) *--first = '.';
        *--first = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
        ++fraction_digits;
    } while (magnitude > 0 || fraction_digits <= scale);
    if (mantissa < 0) *--first = '-';
    return std::string(first, end);
}

int compare(const Decimal& left, const Decimal& right) {
    const int scale = left.scale > right.scale ? left.scale : right.scale;
    const detail::WideInteger a = detail::WideInteger(left.mantissa) *
                                  detail::power_of_ten(scale - left.scale);
    const detail::WideInteger b = detail::WideInteger(right.mantissa) *
                                  detail::power_of_ten(scale - right.scale);
    return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace loyalty
