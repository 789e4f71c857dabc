#pragma once
// Refuses a transaction before anything is computed from it, naming the field at fault.

#include "compile/compiled_program.hpp"
#include "loyalty/member.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// Throws TransactionError (T0xx, documented in docs/errors.md) at the first problem.
void check_transaction(const CompiledProgram& program, const Member& member,
                       const Transaction& transaction);

}  // namespace loyalty::detail
