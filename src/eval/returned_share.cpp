#include "eval/returned_share.hpp"

namespace loyalty::detail {

using boost::multiprecision::cpp_int;

ReturnedShare::ReturnedShare(const PurchaseRecord& record) : everything_(record.fully_returned()) {
    cpp_int paid = 0, units = 0, units_back = 0;
    for (const PurchaseRecord::Line& line : record.lines) {
        paid += line.paid;
        units += line.quantity;
        units_back += line.returned_quantity;
    }
    if (units != 0) by_units_ = {units_back, units};
    if (paid == 0) {
        by_value_ = by_units_;
        return;
    }
    // Σ paid × back / quantity over the lines, as one fraction; then over what the purchase paid.
    Fraction value_back;
    for (const PurchaseRecord::Line& line : record.lines) {
        if (line.returned_quantity == 0) continue;
        value_back.numerator = value_back.numerator * line.quantity +
                               cpp_int(line.paid) * line.returned_quantity * value_back.denominator;
        value_back.denominator *= line.quantity;
    }
    by_value_ = {value_back.numerator, value_back.denominator * paid};
}

std::int64_t ReturnedShare::floor_of(std::int64_t whole, const Fraction& share) {
    const cpp_int floor = share.numerator * whole / share.denominator;
    return floor.convert_to<std::int64_t>();
}

std::int64_t ReturnedShare::of(std::int64_t whole) const { return everything_ ? whole : floor_of(whole, by_value_); }

std::int64_t ReturnedShare::of_units(std::int64_t whole) const {
    return everything_ ? whole : floor_of(whole, by_units_);
}

}  // namespace loyalty::detail
