#pragma once
// The hot path: one transaction against one member under a compiled program.

#include "compile/compiled_program.hpp"
#include "eval/evaluation_buffers.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// Fills `outcome`, working in `buffers`. Throws TransactionError for an invalid transaction,
/// including one whose arithmetic would leave the engine's exact range.
void evaluate(const CompiledProgram& program, const Member& member, const Transaction& transaction,
              EvaluationBuffers& buffers, Outcome& outcome, EvaluationOptions options);

}  // namespace loyalty::detail
