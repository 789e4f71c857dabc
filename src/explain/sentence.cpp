#include "explain/sentence.hpp"

#include <charconv>

namespace loyalty::detail {

std::size_t Sentence::extra_groups(std::size_t width) {
    const std::uint64_t end = std::uint64_t{reason.first_extra} + reason.extra_count;
    if (end > outcome.reason_numbers.size() || reason.extra_count % width != 0) {
        broken_ = true;
        return 0;
    }
    return reason.extra_count / width;
}

void Sentence::append_number(std::int64_t value) {
    char digits[24];
    text.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void Sentence::append_money(std::int64_t minor_units) {
    if (minor_units < -Money::minor_units_max || minor_units > Money::minor_units_max) {
        broken_ = true;
        minor_units = 0;
    }
    text += Money::text_of(minor_units, program.currency);
}

void Sentence::append_date(std::int64_t days) {
    const std::optional<Date> date = Date::from_days_since_epoch(days);
    if (!date) {
        broken_ = true;
        return;
    }
    date->append_to(text);
}

void Sentence::append_period(std::int64_t first_day, std::int64_t month) {
    const std::optional<Date> date = Date::from_days_since_epoch(first_day);
    if (!date) {
        broken_ = true;
        return;
    }
    // "2026-11-01" is the period "2026-11", and "2026-01-01" the year "2026".
    const std::string day = date->to_string();
    text.append(day, 0, month != 0 ? 7 : 4);
}

}  // namespace loyalty::detail
