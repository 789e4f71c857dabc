#include "loyalty/time.hpp"

#include <algorithm>

namespace loyalty {
namespace {

constexpr int year_min = 1;
constexpr int year_max = 9999;
constexpr std::int64_t seconds_per_day = 86'400;

/// Every default date and every counter's bucket is made from a year, month and day: the length
/// of a month is worked out here rather than asked of a calendar library.
constexpr int days_in_month(int year, int month) {
    if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

struct CivilDate {
    int year;
    int month;
    int day;
};

// The proleptic Gregorian calendar in closed form (H. Hinnant's days_from_civil and
// civil_from_days): dates are formatted on every evaluation, and this needs no table or lookup.
constexpr std::int64_t days_from_civil(int year, int month, int day) {
    const int shifted_year = month <= 2 ? year - 1 : year;
    const int era = (shifted_year >= 0 ? shifted_year : shifted_year - 399) / 400;
    const int year_of_era = shifted_year - era * 400;
    const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return static_cast<std::int64_t>(era) * 146'097 + day_of_era - 719'468;
}

constexpr CivilDate civil_from_days(std::int64_t days_since_epoch) {
    const std::int64_t z = days_since_epoch + 719'468;
    const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
    const std::int64_t day_of_era = z - era * 146'097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    const int year = static_cast<int>(year_of_era + era * 400) + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

constexpr std::int64_t first_day = days_from_civil(year_min, 1, 1);
constexpr std::int64_t last_day = days_from_civil(year_max, 12, 31);

/// Writes `value` as at least `width` digits (value >= 0).
void append_digits(std::string& text, int value, int width) {
    char digits[12];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0);
    for (int pad = count; pad < width; ++pad) text += '0';
    while (count > 0) text += digits[--count];
}

/// Reads exactly `count` digits at `position`, or fails.
std::optional<int> read_digits(std::string_view text, std::size_t position, std::size_t count) {
    if (position + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = position; i < position + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string two_digits(int value) {
    std::string text;
    append_digits(text, value, 2);
    return text;
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < year_min || year > year_max || month < 1 || month > 12 || day < 1) {
        return std::nullopt;
    }
    if (day > days_in_month(year, month)) return std::nullopt;
    return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::from_days_since_epoch(std::int64_t days) {
    if (days < first_day || days > last_day) return std::nullopt;
    return Date(days);
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = read_digits(text, 0, 4);
    const auto month = read_digits(text, 5, 2);
    const auto day = read_digits(text, 8, 2);
    if (!year || !month || !day) return std::nullopt;
    return from_ymd(*year, *month, *day);
}

std::optional<Date> Date::add_months(int months) const {
    const CivilDate date = civil_from_days(days_since_epoch_);
    const long index = static_cast<long>(date.year) * 12 + (date.month - 1) + months;
    const int year = static_cast<int>(index / 12);
    const int month = static_cast<int>(index % 12) + 1;
    if (year < year_min || year > year_max) return std::nullopt;
    return from_ymd(year, month, std::min(date.day, days_in_month(year, month)));
}

std::optional<Date> Date::add_days(std::int64_t days) const { return from_days_since_epoch(days_since_epoch_ + days); }

int Date::year() const { return civil_from_days(days_since_epoch_).year; }
int Date::month() const { return civil_from_days(days_since_epoch_).month; }
int Date::day() const { return civil_from_days(days_since_epoch_).day; }

std::string Date::to_string() const {
    std::string text;
    text.reserve(10);
    append_to(text);
    return text;
}

void Date::append_to(std::string& text) const {
    const CivilDate date = civil_from_days(days_since_epoch_);
    append_digits(text, date.year, 4);
    text += '-';
    append_digits(text, date.month, 2);
    text += '-';
    append_digits(text, date.day, 2);
}

std::optional<Timestamp> Timestamp::parse(std::string_view text) {
    if (text.size() < 20) return std::nullopt;
    const auto date = Date::parse(text.substr(0, 10));
    if (!date || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const auto hour = read_digits(text, 11, 2);
    const auto minute = read_digits(text, 14, 2);
    const auto second = read_digits(text, 17, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }

    std::size_t position = 19;
    if (text[position] == '.') {
        const std::size_t fraction_start = ++position;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
            ++position;
        }
        if (position == fraction_start || position - fraction_start > 9) return std::nullopt;
    }

    int offset_minutes = 0;
    const std::string_view zone = text.substr(position);
    if (zone != "Z") {
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') {
            return std::nullopt;
        }
        const auto offset_hours = read_digits(zone, 1, 2);
        const auto offset_rest = read_digits(zone, 4, 2);
        if (!offset_hours || !offset_rest || *offset_hours > 23 || *offset_rest > 59) {
            return std::nullopt;
        }
        offset_minutes = (zone[0] == '-' ? -1 : 1) * (*offset_hours * 60 + *offset_rest);
    }

    const std::int64_t local_seconds = date->days_since_epoch() * seconds_per_day +
                                       *hour * 3600 + *minute * 60 + *second;
    return Timestamp(local_seconds - std::int64_t{offset_minutes} * 60, offset_minutes);
}

std::string Timestamp::to_string() const {
    const std::int64_t local_seconds = utc_seconds_ + std::int64_t{offset_minutes_} * 60;
    std::int64_t days = local_seconds / seconds_per_day;
    std::int64_t second_of_day = local_seconds % seconds_per_day;
    if (second_of_day < 0) {
        second_of_day += seconds_per_day;
        --days;
    }
    const CivilDate date = civil_from_days(days);
    std::string text = std::to_string(date.year) + "-" + two_digits(date.month) + "-" + two_digits(date.day) + "T" +
                       two_digits(static_cast<int>(second_of_day / 3600)) + ":" +
                       two_digits(static_cast<int>(second_of_day / 60 % 60)) + ":" +
                       two_digits(static_cast<int>(second_of_day % 60));
    if (offset_minutes_ == 0) return text + "Z";
    const int magnitude = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
    return text + (offset_minutes_ < 0 ? "-" : "+") + two_digits(magnitude / 60) + ":" +
           two_digits(magnitude % 60);
}

}  // namespace loyalty
