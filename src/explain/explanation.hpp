#pragma once
// A delta's explanation, rendered from its reason: the one place sentences are written.

#include <string>

#include "compile/compiled_program.hpp"
#include "loyalty/outcome.hpp"

namespace loyalty::detail {

/// Appends the sentence that explains `delta` of `outcome`, as `program` evaluated it; false when
/// its reason names what the program or the outcome does not hold (an outcome edited, or another
/// program's), and `text` is then to be dropped.
bool append_explanation(std::string& text, const CompiledProgram& program, const Outcome& outcome, const Delta& delta);
/// The sentence of `reason` alone, with no delta: what an earn rule gave before any cap or hold,
/// as a trace shows it.
bool append_reason(std::string& text, const CompiledProgram& program, const Outcome& outcome, const Reason& reason);

}  // namespace loyalty::detail
