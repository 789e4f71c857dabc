#include "core/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/local_time/posix_time_zone.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include "loyalty/time.hpp"

namespace loyalty::detail {
namespace {

namespace posix_time = boost::posix_time;

const posix_time::ptime& epoch() {
    static const posix_time::ptime time(boost::gregorian::date(1970, 1, 1));
    return time;
}

std::int64_t seconds_since_epoch(const posix_time::ptime& time) {
    return (time - epoch()).total_seconds();
}

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
bool whole_in(std::string_view text, int min, int max) {
    if (text.empty() || text.size() > 3) return false;
    int value = 0;
    for (const char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        value = value * 10 + (c - '0');
    }
    return value >= min && value <= max;
}

/// One POSIX transition: "Mm.w.d", "Jn" or "n", then optionally "/time". Boost takes whatever
/// it is given (a week 11 became an invalid enum value), so the engine checks first.
bool valid_transition(std::string_view rule) {
    const std::size_t slash = rule.find('/');
    const std::string_view day = rule.substr(0, slash);
    if (slash != std::string_view::npos) {
        std::string_view time = rule.substr(slash + 1);
        if (!time.empty() && (time[0] == '+' || time[0] == '-')) time.remove_prefix(1);
        std::size_t part = 0;
        for (std::size_t start = 0; start <= time.size(); ++part) {
            const std::size_t end = std::min(time.find(':', start), time.size());
            if (part > 2 || !whole_in(time.substr(start, end - start), 0, part == 0 ? 24 : 59)) return false;
            start = end + 1;
        }
    }
    if (day.empty()) return false;
    if (day[0] == 'J') return whole_in(day.substr(1), 1, 365);
    if (day[0] != 'M') return whole_in(day, 0, 365);
    const std::size_t first = day.find('.'), second = day.find('.', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos) return false;
    return whole_in(day.substr(1, first - 1), 1, 12) && whole_in(day.substr(first + 1, second - first - 1), 1, 5) &&
           whole_in(day.substr(second + 1), 0, 6);
}

/// "-05:00:00" from seconds.
std::string signed_duration(std::int64_t seconds) {
    const std::int64_t magnitude = seconds < 0 ? -seconds : seconds;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%c%02lld:%02lld:%02lld", seconds < 0 ? '-' : '+',
                  static_cast<long long>(magnitude / 3600), static_cast<long long>(magnitude / 60 % 60),
                  static_cast<long long>(magnitude % 60));
    return buffer;
}

}  // namespace

struct TimeZone::DaylightRules {
    boost::local_time::posix_time_zone zone;
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
    if (comma == std::string_view::npos || !valid_transition(head->rules.substr(0, comma)) ||
        !valid_transition(head->rules.substr(comma + 1))) {
        return std::nullopt;
    }
    // Boost's posix_time_zone counts east as positive and the daylight offset as a shift from
    // standard time, unlike POSIX: hand it its own dialect, with the transition rules unchanged.
    const std::string boost_rule =
        head->standard_name + signed_duration(zone.fixed_offset_seconds_) + head->daylight_name +
        signed_duration(head->standard_offset_west_seconds - head->daylight_offset_west_seconds) + "," +
        std::string(head->rules);
    try {
        zone.daylight_ = std::make_shared<const DaylightRules>(
            DaylightRules{boost::local_time::posix_time_zone(boost_rule)});
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return zone;
}

std::int64_t TimeZone::local_seconds(std::int64_t utc_seconds) const {
    const std::int64_t standard = utc_seconds + fixed_offset_seconds_;
    if (!daylight_) return standard;
    const auto& rules = daylight_->zone;

    // DST starts at a standard-time wall clock and ends at a daylight-time one.
    const posix_time::ptime standard_time = epoch() + posix_time::seconds(static_cast<long>(standard));
    const auto year = standard_time.date().year();
    const std::int64_t dst_offset = rules.dst_offset().total_seconds();
    const std::int64_t start = seconds_since_epoch(rules.dst_local_start_time(year));
    const std::int64_t end = seconds_since_epoch(rules.dst_local_end_time(year)) - dst_offset;
    const bool in_dst = start < end ? (standard >= start && standard < end)
                                    : (standard >= start || standard < end);  // southern hemisphere
    return in_dst ? standard + dst_offset : standard;
}

std::optional<std::int64_t> TimeZone::utc_seconds(std::int64_t local) const {
    const std::int64_t on_standard_time = local - fixed_offset_seconds_;
    if (!daylight_) return on_standard_time;
    const std::int64_t on_daylight_time = on_standard_time - daylight_->zone.dst_offset().total_seconds();
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
