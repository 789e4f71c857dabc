#pragma once
// Calendar dates and instants; the engine never reads the clock or the host's time zone.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loyalty {

/// A day of the proleptic Gregorian calendar, years 0001 to 9999.
/// A plain value type: safe to copy and share between threads.
class Date {
public:
    /// Parses `YYYY-MM-DD`; nothing for a day that does not exist (2023-02-29).
    static std::optional<Date> parse(std::string_view text);
    static std::optional<Date> from_ymd(int year, int month, int day);
    /// The day that many days after 1970-01-01 (negative: before); nothing outside 0001–9999.
    static std::optional<Date> from_days_since_epoch(std::int64_t days);

    int year() const;
    int month() const;
    int day() const;
    /// The same day `months` later (earlier when negative), on the month's last day when it is
    /// shorter: 2024-01-31 + 1 month is 2024-02-29, 2025-02-28 + 1 month is 2025-03-28.
    std::optional<Date> add_months(int months) const;
    std::optional<Date> add_days(std::int64_t days) const;
    /// Days since 1970-01-01.
    std::int64_t days_since_epoch() const { return days_since_epoch_; }
    /// "2026-03-02"
    std::string to_string() const;
    /// Appends to_string() to `text`, without a string of its own.
    void append_to(std::string& text) const;

    friend bool operator==(Date a, Date b) { return a.days_since_epoch_ == b.days_since_epoch_; }
    friend bool operator!=(Date a, Date b) { return !(a == b); }
    friend bool operator<(Date a, Date b) { return a.days_since_epoch_ < b.days_since_epoch_; }
    friend bool operator<=(Date a, Date b) { return !(b < a); }

private:
    explicit Date(std::int64_t days_since_epoch) : days_since_epoch_(days_since_epoch) {}
    std::int64_t days_since_epoch_;
};

/// An instant, as written by its source: UTC seconds plus the offset it was given with.
/// A plain value type: safe to copy and share between threads.
class Timestamp {
public:
    /// 1970-01-01T00:00:00Z
    Timestamp() : utc_seconds_(0), offset_minutes_(0) {}

    /// Parses RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. The offset is required: a
    /// time without one means nothing without a zone. A fraction of a second is dropped.
    static std::optional<Timestamp> parse(std::string_view text);

    std::int64_t utc_seconds() const { return utc_seconds_; }
    int offset_minutes() const { return offset_minutes_; }
    /// Back in the offset it was written with: "2026-03-02T10:15:00-05:00".
    std::string to_string() const;

    friend bool operator==(Timestamp a, Timestamp b) { return a.utc_seconds_ == b.utc_seconds_; }
    friend bool operator<(Timestamp a, Timestamp b) { return a.utc_seconds_ < b.utc_seconds_; }

private:
    Timestamp(std::int64_t utc_seconds, int offset_minutes)
        : utc_seconds_(utc_seconds), offset_minutes_(offset_minutes) {}
    std::int64_t utc_seconds_;
    int offset_minutes_;
};

}  // namespace loyalty
