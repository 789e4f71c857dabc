#pragma once
// Whether a return can be accepted against what the ledger recorded of its purchase.

#include <optional>
#include <string>

#include "loyalty/sqlite_ledger.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::cli {

/// Why the return cannot be taken (a purchase never recorded, another member's purchase, more of
/// an item than was bought less what was returned before), or nothing when it can.
std::optional<std::string> check_return(const SqliteLedger& ledger, const Transaction& product_return);

}  // namespace loyalty::cli
