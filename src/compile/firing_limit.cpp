#include "compile/compiled_program.hpp"

namespace loyalty::detail {

Date FiringLimit::period_of(Date today) const {
    switch (kind) {
        case Kind::per_calendar_year: return *Date::from_ymd(today.year(), 1, 1);
        case Kind::per_calendar_month: return *Date::from_ymd(today.year(), today.month(), 1);
        case Kind::cooldown_days: return today;
        case Kind::unlimited:
        case Kind::ever: return *Date::from_ymd(1970, 1, 1);
    }
    return today;
}

bool FiringLimit::blocks(Date used, Date today) const {
    switch (kind) {
        case Kind::unlimited: return false;
        case Kind::ever: return true;
        case Kind::per_calendar_year:
        case Kind::per_calendar_month: return used == period_of(today);
        // A late transaction is blocked by a firing after it as much as by one before it.
        case Kind::cooldown_days:
            return today < used.add_days(days).value_or(today) && used < today.add_days(days).value_or(today);
    }
    return false;
}

Date FiringLimit::keep_from(Date today) const {
    switch (kind) {
        case Kind::cooldown_days: return today.add_days(1 - days).value_or(today);
        case Kind::per_calendar_year:
        case Kind::per_calendar_month: return period_of(today);
        case Kind::unlimited:
        case Kind::ever: return *Date::from_ymd(1970, 1, 1);
    }
    return today;
}

}  // namespace loyalty::detail
