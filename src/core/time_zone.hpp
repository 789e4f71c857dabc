#pragma once
// The program's declared time zone: where its days, windows and periods begin and end.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace loyalty::detail {

/// A fixed UTC offset ("+01:00", "UTC") or a POSIX TZ rule ("EST5EDT,M3.2.0,M11.1.0").
/// Never the host's zone. Immutable: safe to share between threads.
class TimeZone {
public:
    /// UTC; programs always state their zone, so this only stands in until one is read.
    TimeZone() : name_("UTC") {}
    static std::optional<TimeZone> parse(std::string_view text);

    /// Seconds since 1970-01-01T00:00 on this zone's wall clock at the UTC instant given.
    std::int64_t local_seconds(std::int64_t utc_seconds) const;
    /// The instant a wall-clock reading names: in the hour repeated when clocks go back, its first
    /// occurrence (on daylight time); none for a reading the clocks skip when they go forward.
    std::optional<std::int64_t> utc_seconds(std::int64_t local_seconds) const;
    const std::string& name() const { return name_; }

private:
    struct Transition;
    /// The POSIX rule's daylight-saving transitions.
    struct DaylightRules;

    std::string name_;
    std::int64_t fixed_offset_seconds_ = 0;
    std::shared_ptr<const DaylightRules> daylight_;
};

/// Local seconds as rule files write them: "2026-11-27T00:00:00".
std::string local_time_text(std::int64_t local_seconds);

}  // namespace loyalty::detail
