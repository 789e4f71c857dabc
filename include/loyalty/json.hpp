#pragma once
// JSON for what a host stores and exchanges: transactions, member state, outcomes.
//
// Amounts are JSON strings ("4.50"): a JSON number would pass through binary floating point
// in most readers, and money never does.

#include <string>
#include <string_view>

#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/program.hpp"
#include "loyalty/result.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty {

/// Reads one transaction; or the error (T1xx) naming the transaction id, when it could be read,
/// and the field at fault.
Result<Transaction, EvaluationError> read_transaction_json(std::string_view json);
/// Reads a member's state; or the error (M1xx) naming the field at fault.
Result<Member> read_member_json(std::string_view json);
/// The same, throwing TransactionError and Error with those facts.
Transaction transaction_from_json(std::string_view json);
Member member_from_json(std::string_view json);

/// Compact, one line, keys in a fixed order: the same bytes for the same value on every host.
/// Throws std::invalid_argument when a text in the value is not valid UTF-8.
std::string to_json(const Transaction& transaction);
std::string to_json(const Member& member);
/// An outcome with every delta's explanation, which `program`, the one that evaluated it,
/// renders; throws std::invalid_argument with the X00x message for another program's outcome.
std::string to_json(const Outcome& outcome, const Program& program);

}  // namespace loyalty
