#include "compile/compiled_program.hpp"

namespace loyalty::detail {

std::optional<Date> ExpiryPolicy::expiry_of(Date earned_on) const {
    switch (kind) {
        case Kind::never: return std::nullopt;
        case Kind::months_after_earning: return earned_on.add_months(months);
        case Kind::on_date: return date;
    }
    return std::nullopt;
}

}  // namespace loyalty::detail
