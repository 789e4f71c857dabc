#pragma once
// YAML text → RuleNode tree. The only part of the library that sees yaml-cpp.

#include <optional>
#include <string_view>

#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Reads exactly one YAML document, strictly: no anchors, aliases, tags, tab indentation,
/// invalid UTF-8, second documents, or nesting beyond limits::rule_nesting_depth_max. Every
/// problem goes to `sink`; returns nothing when the text could not be read into a tree.
std::optional<RuleNode> load_rule_tree(std::string_view text, DiagnosticSink& sink);

}  // namespace loyalty::detail
