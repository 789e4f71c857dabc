#pragma once
// The hot path: one transaction against one member under a compiled program.

#include "compile/compiled_program.hpp"
#include "eval/evaluation_buffers.hpp"
#include <optional>

#include "loyalty/evaluation_error.hpp"
#include "loyalty/member.hpp"
#include "loyalty/outcome.hpp"
#include "loyalty/transaction.hpp"

namespace loyalty::detail {

/// Fills `outcome`, working in `buffers`; or, for an invalid transaction (including one whose
/// arithmetic would leave the engine's exact range), leaves it without deltas or state changes and
/// says why.
std::optional<EvaluationError> evaluate(const CompiledProgram& program, const Member& member,
                                        const Transaction& transaction, EvaluationBuffers& buffers, Outcome& outcome,
                                        const EvaluationOptions& options);

}  // namespace loyalty::detail
