#pragma once
// JSON for what a host stores and exchanges: transactions, member state, outcomes.
//
// Amounts are JSON strings ("4.50"): a JSON number would pass through binary floating point
// in most readers, and money never does.

#include <string>
#include <string_view>

#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty {

/// Reads one transaction. Throws TransactionError (T1xx) naming the transaction id, when it
/// could be read, and the field at fault.
Transaction transaction_from_json(std::string_view json);
/// Reads a member's state. Throws Error (M1xx) naming the field at fault.
Member member_from_json(std::string_view json);

/// Compact, one line, keys in a fixed order: the same bytes for the same value on every host.
/// Throws std::invalid_argument when a text in the value is not valid UTF-8.
std::string to_json(const Transaction& transaction);
std::string to_json(const Member& member);
std::string to_json(const Outcome& outcome);

}  // namespace loyalty
