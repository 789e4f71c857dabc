#pragma once
// Collects every problem found in one rule file, each with its position and source line.

#include <string>
#include <string_view>
#include <vector>

#include "loyalty/diagnostic.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

class DiagnosticSink {
public:
    DiagnosticSink(std::string file_name, std::string_view text);

    void error(SourcePosition position, std::string code, std::string message);

    bool has_errors() const { return !diagnostics_.empty(); }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    /// Every diagnostic, in the order of their positions in the file.
    std::vector<Diagnostic> take();

private:
    std::string file_name_;
    std::vector<std::string> lines_;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace loyalty::detail
