#pragma once
// A rule file as a tree that keeps where every value was written, free of any YAML library.

#include <string>
#include <utility>
#include <vector>

namespace loyalty::detail {

/// 1-based line and column in a rule file.
struct SourcePosition {
    int line = 0;
    int column = 0;
};

struct RuleNode {
    enum class Kind { null, scalar, sequence, mapping };

    Kind kind = Kind::null;
    SourcePosition position;
    /// The scalar's text exactly as written, without quotes.
    std::string text;
    /// Written without quotes: only plain scalars may be numbers, booleans or dates.
    bool plain = false;
    std::vector<RuleNode> items;
    /// Mapping entries in file order; a key given twice stays twice, for the validator to report.
    std::vector<std::pair<RuleNode, RuleNode>> entries;
};

}  // namespace loyalty::detail
