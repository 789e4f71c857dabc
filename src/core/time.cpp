#include "loyalty/time.hpp"

#include <algorithm>
#include <cstdio>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace loyalty {
namespace {

namespace gregorian = boost::gregorian;

constexpr int year_min = 1900;
constexpr int year_max = 9999;
constexpr std::int64_t seconds_per_day = 86'400;

const gregorian::date& epoch() {
    static const gregorian::date date(1970, 1, 1);
    return date;
}

gregorian::date to_gregorian(std::int64_t days_since_epoch) {
    return epoch() + gregorian::days(static_cast<long>(days_since_epoch));
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
    char buffer[12];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < year_min || year > year_max || month < 1 || month > 12 || day < 1) {
        return std::nullopt;
    }
    if (day > gregorian::gregorian_calendar::end_of_month_day(
                  static_cast<unsigned short>(year), static_cast<unsigned short>(month))) {
        return std::nullopt;
    }
    const gregorian::date date(static_cast<unsigned short>(year),
                               static_cast<unsigned short>(month),
                               static_cast<unsigned short>(day));
    return Date((date - epoch()).days());
}

std::optional<Date> Date::from_days_since_epoch(std::int64_t days) {
    const auto first = from_ymd(year_min, 1, 1);
    const auto last = from_ymd(year_max, 12, 31);
    if (days < first->days_since_epoch() || days > last->days_since_epoch()) return std::nullopt;
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
    const auto date = to_gregorian(days_since_epoch_);
    const long index = static_cast<long>(date.year()) * 12 + (date.month() - 1) + months;
    const int year = static_cast<int>(index / 12);
    const int month = static_cast<int>(index % 12) + 1;
    if (year < year_min || year > year_max) return std::nullopt;
    const int last = gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                      static_cast<unsigned short>(month));
    return from_ymd(year, month, std::min<int>(date.day(), last));
}

std::optional<Date> Date::add_days(std::int64_t days) const { return from_days_since_epoch(days_since_epoch_ + days); }

int Date::year() const { return to_gregorian(days_since_epoch_).year(); }
int Date::month() const { return to_gregorian(days_since_epoch_).month(); }
int Date::day() const { return to_gregorian(days_since_epoch_).day(); }

std::string Date::to_string() const {
    const auto date = to_gregorian(days_since_epoch_);
    return std::to_string(static_cast<int>(date.year())) + "-" + two_digits(date.month()) + "-" +
           two_digits(date.day());
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
    const auto date = to_gregorian(days);
    std::string text = std::to_string(static_cast<int>(date.year())) + "-" +
                       two_digits(date.month()) + "-" + two_digits(date.day()) + "T" +
                       two_digits(static_cast<int>(second_of_day / 3600)) + ":" +
                       two_digits(static_cast<int>(second_of_day / 60 % 60)) + ":" +
                       two_digits(static_cast<int>(second_of_day % 60));
    if (offset_minutes_ == 0) return text + "Z";
    const int magnitude = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
    return text + (offset_minutes_ < 0 ? "-" : "+") + two_digits(magnitude / 60) + ":" +
           two_digits(magnitude % 60);
}

}  // namespace loyalty
