#pragma once
// A line's amounts in minor units, for lines the transaction check accepted.

#include <cstdint>

#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// price × quantity. The transaction check refuses a line whose product, or a transaction whose
/// total, would leave Money's range, so this is exact and so is any sum of a transaction's lines.
inline std::int64_t gross_minor_units(const LineItem& item) { return item.unit_price.minor_units() * item.quantity; }

/// price × quantity − discount, the discount being at most the gross amount.
inline std::int64_t net_minor_units(const LineItem& item) {
    return gross_minor_units(item) - (item.discount ? item.discount->minor_units() : 0);
}

}  // namespace loyalty::detail
