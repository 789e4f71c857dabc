#include "core/time_zone.hpp"

#include <cctype>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/local_time/posix_time_zone.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

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
    // A POSIX rule names its standard zone in letters first; anything else is not a zone.
    if (text.size() < 4 || !std::isalpha(static_cast<unsigned char>(text[0]))) return std::nullopt;
    try {
        auto rules = std::make_shared<const DaylightRules>(
            DaylightRules{boost::local_time::posix_time_zone(std::string(text))});
        zone.fixed_offset_seconds_ = rules->zone.base_utc_offset().total_seconds();
        if (rules->zone.has_dst()) zone.daylight_ = std::move(rules);
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

}  // namespace loyalty::detail
