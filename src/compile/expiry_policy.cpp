#include "compile/compiled_program.hpp"

namespace loyalty::detail {

std::optional<Date> ExpiryPolicy::expiry_of(Date earned_on) const {
    switch (kind) {
        case Kind::never: return std::nullopt;
        case Kind::months_after_earning: return earned_on.add_months(months);
        case Kind::on_date: return date;
        case Kind::months_without_activity: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Date> ExpiryPolicy::inactivity_deadline(const Member& member) const {
    if (kind != Kind::months_without_activity) return std::nullopt;
    std::optional<Date> active = member.last_active_on;
    for (const PointsLot& lot : member.lots) {
        if (!active || *active < lot.earned_on) active = lot.earned_on;
    }
    if (!active) return std::nullopt;
    return active->add_months(months);
}

}  // namespace loyalty::detail
