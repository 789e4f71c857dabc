#include "tree/diagnostic_sink.hpp"

#include <algorithm>

namespace loyalty::detail {

DiagnosticSink::DiagnosticSink(std::string file_name, std::string_view text)
    : file_name_(std::move(file_name)) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines_.push_back(std::move(line));
        start = end + 1;
    }
}

std::vector<Diagnostic> DiagnosticSink::take() {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    return std::move(diagnostics_);
}

void DiagnosticSink::error(SourcePosition position, std::string code, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = file_name_;
    diagnostic.line = std::max(position.line, 1);
    diagnostic.column = std::max(position.column, 1);
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    const auto index = static_cast<std::size_t>(diagnostic.line - 1);
    if (index < lines_.size()) diagnostic.source_line = lines_[index];
    diagnostics_.push_back(std::move(diagnostic));
}

}  // namespace loyalty::detail
