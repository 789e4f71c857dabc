#include "core/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "loyalty/time.hpp"

namespace loyalty::detail {
namespace {

std::optional<std::int64_t> parse_fixed_offset(std::string_view text) {
    if (text == "UTC" || text == "Z") return 0;
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
        return std::nullopt;
    }
    for (std::size_t i : {std::size_t{1}, std::size_t{2}, std::size_t{4}, std::size_t{5}}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    const int hours = (text[1] - '0') * 10 + (text[2] - '0');
    const int minutes = (text[4] - '0') * 10 + (text[5] - '0');
    if (hours > 14 || minutes > 59) return std::nullopt;
    return (text[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

/// The part of a POSIX TZ rule before its transition dates: "EST5EDT" or "<+0330>-3:30".
struct PosixHead {
    std::string standard_name;
    /// POSIX counts west of Greenwich as positive: EST5 is UTC−5, so this is +18000.
    std::int64_t standard_offset_west_seconds = 0;
    std::string daylight_name;
    std::int64_t daylight_offset_west_seconds = 0;
    std::string_view rules;
};

class PosixHeadReader {
public:
    explicit PosixHeadReader(std::string_view text) : text_(text) {}

    std::optional<PosixHead> read() {
        PosixHead head;
        if (!name(head.standard_name)) return std::nullopt;
        const auto standard = offset();
        if (!standard) return std::nullopt;
        head.standard_offset_west_seconds = *standard;
        if (position_ == text_.size()) return head;
        if (!name(head.daylight_name)) return std::nullopt;
        head.daylight_offset_west_seconds = *standard - 3600;  // POSIX: one hour ahead by default
        if (position_ < text_.size() && text_[position_] != ',') {
            const auto daylight = offset();
            if (!daylight) return std::nullopt;
            head.daylight_offset_west_seconds = *daylight;
        }
        // Daylight saving without its dates would leave the switch to a guess.
        if (position_ >= text_.size() || text_[position_] != ',') return std::nullopt;
        head.rules = text_.substr(position_ + 1);
        return head;
    }

private:
    bool name(std::string& out) {
        const std::size_t start = position_;
        if (position_ < text_.size() && text_[position_] == '<') {
            const std::size_t end = text_.find('>', position_);
            if (end == std::string_view::npos) return false;
            out = std::string(text_.substr(start + 1, end - start - 1));
            position_ = end + 1;
            return out.size() >= 3;
        }
        while (position_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[position_]))) {
            ++position_;
        }
        out = std::string(text_.substr(start, position_ - start));
        return out.size() >= 3;
    }

    std::optional<int> number(int max) {
        const std::size_t start = position_;
        int value = 0;
        while (position_ < text_.size() && position_ - start < 2 && std::isdigit(static_cast<unsigned char>(text_[position_]))) {
            value = value * 10 + (text_[position_++] - '0');
        }
        if (position_ == start || value > max) return std::nullopt;
        return value;
    }

    std::optional<std::int64_t> offset() {
        int sign = 1;
        if (position_ < text_.size() && (text_[position_] == '+' || text_[position_] == '-')) {
            sign = text_[position_++] == '-' ? -1 : 1;
        }
        const auto hours = number(24);
        if (!hours) return std::nullopt;
        std::int64_t seconds = *hours * 3600;
        for (int multiplier : {60, 1}) {
            if (position_ >= text_.size() || text_[position_] != ':') break;
            ++position_;
            const auto part = number(59);
            if (!part) return std::nullopt;
            seconds += *part * multiplier;
        }
        return sign * seconds;
    }

    std::string_view text_;
    std::size_t position_ = 0;
};

/// A whole number from `min` to `max`, the whole of `text`.
std::optional<int> whole_in(std::string_view text, int min, int max) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < min || value > max) return std::nullopt;
    return value;
}

/// "[+-]hh[:mm[:ss]]" after a transition's "/": hours 0 to 24.
std::optional<std::int64_t> transition_time(std::string_view time) {
    int sign = 1;
    if (!time.empty() && (time[0] == '+' || time[0] == '-')) {
        sign = time[0] == '-' ? -1 : 1;
        time.remove_prefix(1);
    }
    std::int64_t seconds = 0;
    std::size_t part = 0;
    for (std::size_t start = 0; start <= time.size(); ++part) {
        const std::size_t end = std::min(time.find(':', start), time.size());
        const auto value = part > 2 ? std::nullopt : whole_in(time.substr(start, end - start), 0, part == 0 ? 24 : 59);
        if (!value) return std::nullopt;
        seconds += *value * (part == 0 ? 3600 : part == 1 ? 60 : 1);
        start = end + 1;
    }
    return sign * seconds;
}

/// The weekday of a day, 0 for Sunday: 1970-01-01 was a Thursday.
int weekday_of(std::int64_t days_since_epoch) { return static_cast<int>(((days_since_epoch + 4) % 7 + 7) % 7); }

}  // namespace

/// One POSIX transition: "Mm.w.d" (weekday d of week w of month m, week 5 the last), "Jn" (day n
/// of 1 to 365, never counting February 29) or "n" (day n of 0 to 365), at a wall-clock time.
struct TimeZone::Transition {
    enum class Form { month_week_weekday, julian_without_leap_day, day_of_year };
    Form form = Form::month_week_weekday;
    int month = 0, week = 0, weekday = 0, day = 0;
    /// The wall-clock time of day, 02:00 unless the rule says.
    std::int64_t seconds = 7200;

    /// Checks everything first: a rule that parses is one that every year can apply.
    static std::optional<Transition> parse(std::string_view rule) {
        Transition transition;
        const std::size_t slash = rule.find('/');
        if (slash != std::string_view::npos) {
            const auto time = transition_time(rule.substr(slash + 1));
            if (!time) return std::nullopt;
            transition.seconds = *time;
        }
        const std::string_view day = rule.substr(0, slash);
        if (day.empty()) return std::nullopt;
        if (day[0] == 'J' || day[0] != 'M') {
            const bool julian = day[0] == 'J';
            const auto number = julian ? whole_in(day.substr(1), 1, 365) : whole_in(day, 0, 365);
            if (!number) return std::nullopt;
            transition.form = julian ? Form::julian_without_leap_day : Form::day_of_year;
            transition.day = *number;
            return transition;
        }
        const std::size_t first = day.find('.'), second = day.find('.', first + 1);
        if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
        const auto month = whole_in(day.substr(1, first - 1), 1, 12);
        const auto week = whole_in(day.substr(first + 1, second - first - 1), 1, 5);
        const auto weekday = whole_in(day.substr(second + 1), 0, 6);
        if (!month || !week || !weekday) return std::nullopt;
        transition.month = *month;
        transition.week = *week;
        transition.weekday = *weekday;
        return transition;
    }

    /// The wall-clock seconds at which it happens in `year`; none when the year is outside the
    /// calendar's range.
    std::optional<std::int64_t> in_year(int year) const {
        const auto january_first = Date::from_ymd(year, 1, 1);
        if (!january_first) return std::nullopt;
        std::int64_t days = january_first->days_since_epoch();
        switch (form) {
            case Form::julian_without_leap_day:
                days += day - 1 + (day >= 60 && Date::from_ymd(year, 2, 29) ? 1 : 0);
                break;
            case Form::day_of_year: days += day; break;
            case Form::month_week_weekday: {
                const std::int64_t first_of_month = Date::from_ymd(year, month, 1)->days_since_epoch();
                int day_of_month = 1 + (weekday - weekday_of(first_of_month) + 7) % 7 + 7 * (week - 1);
                // Week 5 is the last such weekday of the month, whether the month has four or five.
                while (!Date::from_ymd(year, month, day_of_month)) day_of_month -= 7;
                days = first_of_month + day_of_month - 1;
                break;
            }
        }
        return days * 86'400 + seconds;
    }
};

struct TimeZone::DaylightRules {
    /// When daylight time starts, on the standard-time clock, and ends, on the daylight-time clock.
    Transition start;
    Transition end;
    /// How far daylight time is ahead of standard time.
    std::int64_t offset_seconds = 3600;
};

std::optional<TimeZone> TimeZone::parse(std::string_view text) {
    TimeZone zone;
    zone.name_ = std::string(text);
    if (const auto offset = parse_fixed_offset(text)) {
        zone.fixed_offset_seconds_ = *offset;
        return zone;
    }
    const auto head = PosixHeadReader(text).read();
    if (!head) return std::nullopt;
    zone.fixed_offset_seconds_ = -head->standard_offset_west_seconds;
    if (head->daylight_name.empty()) return zone;
    const std::size_t comma = head->rules.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    const auto start = Transition::parse(head->rules.substr(0, comma));
    const auto end = Transition::parse(head->rules.substr(comma + 1));
    if (!start || !end) return std::nullopt;
    zone.daylight_ = std::make_shared<const DaylightRules>(
        DaylightRules{*start, *end, head->standard_offset_west_seconds - head->daylight_offset_west_seconds});
    return zone;
}

std::int64_t TimeZone::local_seconds(std::int64_t utc_seconds) const {
    const std::int64_t standard = utc_seconds + fixed_offset_seconds_;
    if (!daylight_) return standard;
    const DaylightRules& rules = *daylight_;
    const std::int64_t day = standard >= 0 ? standard / 86'400 : -((-standard + 86'399) / 86'400);
    const auto date = Date::from_days_since_epoch(day);
    // Outside the calendar's years nothing is evaluated: the transaction is refused (T031).
    if (!date) return standard;
    const auto start = rules.start.in_year(date->year());
    const auto end = rules.end.in_year(date->year());
    if (!start || !end) return standard;
    // DST starts at a standard-time wall clock and ends at a daylight-time one.
    const std::int64_t end_on_standard = *end - rules.offset_seconds;
    const bool in_dst = *start < end_on_standard ? (standard >= *start && standard < end_on_standard)
                                                 : (standard >= *start || standard < end_on_standard);  // southern hemisphere
    return in_dst ? standard + rules.offset_seconds : standard;
}

std::optional<std::int64_t> TimeZone::utc_seconds(std::int64_t local) const {
    const std::int64_t on_standard_time = local - fixed_offset_seconds_;
    if (!daylight_) return on_standard_time;
    const std::int64_t on_daylight_time = on_standard_time - daylight_->offset_seconds;
    // The earlier instant first: in the repeated hour both read the same.
    for (const std::int64_t candidate : {std::min(on_standard_time, on_daylight_time), std::max(on_standard_time, on_daylight_time)}) {
        if (local_seconds(candidate) == local) return candidate;
    }
    return std::nullopt;
}

std::string local_time_text(std::int64_t local_seconds) {
    const std::int64_t day = local_seconds >= 0 ? local_seconds / 86'400 : -((-local_seconds + 86'399) / 86'400);
    const std::int64_t seconds = local_seconds - day * 86'400;
    const auto date = Date::from_days_since_epoch(day);
    char clock[16];
    std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    return (date ? date->to_string() : std::to_string(day)) + clock;
}

}  // namespace loyalty::detail
