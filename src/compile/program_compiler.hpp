#pragma once
// Rule tree → CompiledProgram: validates every key and value, resolves rule references.

#include <memory>

#include "compile/compiled_program.hpp"
#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Reports every problem to `sink`; returns null when there was any.
std::shared_ptr<CompiledProgram> compile_program(const RuleNode& root, DiagnosticSink& sink);

}  // namespace loyalty::detail
