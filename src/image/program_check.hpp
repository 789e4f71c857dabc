#pragma once
// What evaluation takes for granted about a compiled program, checked: an image read from a file
// may hold anything, and the loader hands on only a program the compiler could have written.

#include <optional>
#include <string>

#include "compile/compiled_program.hpp"

namespace loyalty::detail {

/// Nothing when the program holds only what a rule file compiles to (types that match, indexes
/// within their lists, amounts and days within their bounds); otherwise the first problem.
std::optional<std::string> check_compiled_program(const CompiledProgram& program);

}  // namespace loyalty::detail
