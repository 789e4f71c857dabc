#include "explain/wording.hpp"

#include <charconv>

#include "compile/compiled_program.hpp"

namespace loyalty::detail {

std::string points_phrase(std::int64_t points) {
    std::string text;
    append_points_phrase(text, points);
    return text;
}

void append_points_phrase(std::string& text, std::int64_t points) {
    char digits[24];
    text.append(digits, std::to_chars(digits, digits + sizeof digits, points).ptr);
    text += points == 1 || points == -1 ? " point" : " points";
}

std::string points_phrase(const Decimal& points) {
    const bool one = points.mantissa == 1 && points.scale == 0;
    std::string text = points.to_string();
    text += one ? " point" : " points";
    return text;
}

std::string_view rounding_phrase(Rounding rounding) {
    switch (rounding) {
        case Rounding::floor: return "rounded down";
        case Rounding::ceil: return "rounded up";
        case Rounding::half_up: return "rounded to the nearest point";
        case Rounding::half_even: return "rounded to the nearest point, halves to even";
    }
    return "rounded";
}

std::string_view cap_period_phrase(const EarnCap& cap) {
    if (!cap.period) return "per transaction";
    switch (cap.period->period) {
        case CounterPeriod::calendar_month: return "per calendar month";
        case CounterPeriod::calendar_year: return "per calendar year";
        case CounterPeriod::lifetime:
        case CounterPeriod::rolling_days: break;
    }
    return "per day";
}

void append_coupon_issue_phrase(std::string& text, std::string_view description, Date valid_from, Date valid_until) {
    text += "Coupon for ";
    text += description;
    text += ", valid from ";
    valid_from.append_to(text);
    text += " through ";
    valid_until.append_to(text);
    text += '.';
}

}  // namespace loyalty::detail
