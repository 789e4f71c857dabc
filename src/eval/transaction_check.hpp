#pragma once
// Refuses a transaction before anything is computed from it, naming the field at fault.

#include <optional>

#include "compile/compiled_program.hpp"
#include "loyalty/evaluation_error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// The first problem found (T0xx, documented in docs/errors.md), or nothing. A transaction it
/// accepts has every line's amount, and their total with shipping and tax, within Money's range.
std::optional<EvaluationError> check_transaction(const CompiledProgram& program, const Member& member,
                                                 const Transaction& transaction);

}  // namespace loyalty::detail
