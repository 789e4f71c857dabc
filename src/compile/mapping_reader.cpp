#include "compile/mapping_reader.hpp"

#include <algorithm>

#include "compile/suggestion.hpp"

namespace loyalty::detail {

MappingReader::MappingReader(const RuleNode& node, std::string context, DiagnosticSink& sink)
    : node_(node), context_(std::move(context)), sink_(sink) {
    if (!is_mapping()) {
        sink_.error(node_.position, "E104", "expected a mapping of keys to values for " + context_);
        return;
    }
    for (std::size_t i = 0; i < node_.entries.size(); ++i) {
        const RuleNode& key = node_.entries[i].first;
        if (key.kind != RuleNode::Kind::scalar) {
            sink_.error(key.position, "E104", "keys in " + context_ + " must be plain words");
            continue;
        }
        for (std::size_t j = 0; j < i; ++j) {
            const RuleNode& earlier = node_.entries[j].first;
            if (earlier.kind == RuleNode::Kind::scalar && earlier.text == key.text) {
                sink_.error(key.position, "E102",
                            "duplicate key '" + key.text + "' in " + context_ +
                                " (first given at line " + std::to_string(earlier.position.line) +
                                ", column " + std::to_string(earlier.position.column) + ")");
                break;
            }
        }
    }
}

const RuleNode* MappingReader::optional(std::string_view key) {
    known_keys_.push_back(key);
    if (!is_mapping()) return nullptr;
    for (const auto& [entry_key, value] : node_.entries) {
        if (entry_key.kind == RuleNode::Kind::scalar && entry_key.text == key) return &value;
    }
    return nullptr;
}

const RuleNode* MappingReader::required(std::string_view key) {
    const RuleNode* value = optional(key);
    if (value == nullptr && is_mapping()) {
        sink_.error(node_.position, "E103",
                    "missing required key '" + std::string(key) + "' in " + context_);
    }
    return value;
}

void MappingReader::report_unknown_keys() {
    if (!is_mapping()) return;
    for (const auto& [key, value] : node_.entries) {
        if (key.kind != RuleNode::Kind::scalar) continue;
        if (std::find(known_keys_.begin(), known_keys_.end(), key.text) != known_keys_.end()) {
            continue;
        }
        std::string expected;
        for (std::string_view known : known_keys_) {
            expected += (expected.empty() ? "" : ", ") + std::string(known);
        }
        sink_.error(key.position, "E101",
                    "unknown key '" + key.text + "' in " + context_ +
                        did_you_mean(key.text, known_keys_) + "; expected one of: " + expected);
    }
}

}  // namespace loyalty::detail
