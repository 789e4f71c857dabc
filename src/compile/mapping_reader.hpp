#pragma once
// Reads one YAML mapping of a rule file against the keys it may hold.

#include <string>
#include <string_view>
#include <vector>

#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Ask for every key the mapping may have, then call `report_unknown_keys()`: anything not
/// asked for is an error with a suggestion, so a typo never silently disables a rule.
/// Keys given twice are reported on construction, naming both places.
class MappingReader {
public:
    /// `context` names the mapping in messages ("rule 'base'", "program").
    MappingReader(const RuleNode& node, std::string context, DiagnosticSink& sink);

    bool is_mapping() const { return node_.kind == RuleNode::Kind::mapping; }
    SourcePosition position() const { return node_.position; }
    const std::string& context() const { return context_; }

    /// The value under `key`, or null when absent.
    const RuleNode* optional(std::string_view key);
    /// The value under `key`; when absent, reports E103 and returns null.
    const RuleNode* required(std::string_view key);
    /// Reports E101 for every key that was not asked for.
    void report_unknown_keys();

private:
    const RuleNode& node_;
    std::string context_;
    DiagnosticSink& sink_;
    std::vector<std::string_view> known_keys_;
};

}  // namespace loyalty::detail
