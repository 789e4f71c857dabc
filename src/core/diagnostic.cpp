#include "loyalty/diagnostic.hpp"

namespace loyalty {

std::string format(const Diagnostic& diagnostic) {
    // A problem of a whole file (an image's) has no line to point at.
    const std::string at = diagnostic.line == 0 ? "" : ":" + std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column);
    std::string text = diagnostic.file + at + ": error[" + diagnostic.code + "]: " + diagnostic.message + "\n";
    if (!diagnostic.source_line.empty()) {
        text += "  " + diagnostic.source_line + "\n";
        std::string caret = "  ";
        // Tabs stay tabs so the caret lines up under the column in a terminal.
        for (int i = 1; i < diagnostic.column &&
                        static_cast<std::size_t>(i - 1) < diagnostic.source_line.size();
             ++i) {
            caret += diagnostic.source_line[static_cast<std::size_t>(i - 1)] == '\t' ? '\t' : ' ';
        }
        text += caret + "^\n";
    }
    return text;
}

std::string format(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) text += format(diagnostic);
    return text;
}

}  // namespace loyalty
