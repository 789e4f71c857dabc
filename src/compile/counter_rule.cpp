#include "compile/compiled_program.hpp"

#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

Date first_of_year(Date day) { return *Date::from_ymd(day.year(), 1, 1); }
Date first_of_month(Date day) { return day.add_days(1 - day.day()).value_or(day); }

}  // namespace

Date CounterRule::bucket_of(Date day) const {
    switch (period) {
        case CounterPeriod::lifetime: return *Date::from_ymd(1970, 1, 1);
        case CounterPeriod::calendar_year: return first_of_year(day);
        case CounterPeriod::calendar_month: return first_of_month(day);
        case CounterPeriod::rolling_days: return day;
    }
    return day;
}

Date CounterRule::window_start(Date today) const {
    if (period == CounterPeriod::rolling_days) return today.add_days(1 - rolling_days).value_or(today);
    return bucket_of(today);
}

std::optional<std::int64_t> CounterRule::value_on(const std::vector<CounterBucket>& buckets, Date today) const {
    const Date from = window_start(today);
    Points total;
    for (const CounterBucket& bucket : buckets) {
        if (bucket.counter_id != id || bucket.day < from || today < bucket.day) continue;
        const std::optional<Points> sum = total.plus(Points{bucket.value});
        if (!sum) return std::nullopt;
        total = *sum;
    }
    return total.value;
}

Date CounterRule::keep_from(Date today) const {
    switch (period) {
        case CounterPeriod::lifetime: return *Date::from_ymd(1970, 1, 1);
        case CounterPeriod::calendar_year: return *Date::from_ymd(today.year() - 1, 1, 1);
        case CounterPeriod::calendar_month: return first_of_month(today).add_months(-1).value_or(today);
        case CounterPeriod::rolling_days: return window_start(today);
    }
    return today;
}

}  // namespace loyalty::detail
