#pragma once
// A problem found in a rule file, with where it is and a stable code.

#include <string>
#include <vector>

namespace loyalty {

/// One problem in a rule file. `line` and `column` count from 1; `code` is stable and
/// documented in docs/errors.md ("E101"). A plain value type.
struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string code;
    std::string message;
    /// The whole source line the problem is on, for showing with a caret.
    std::string source_line;
};

/// `file:line:column: error[CODE]: message`, then the source line and a caret under the column.
std::string format(const Diagnostic& diagnostic);
/// Every diagnostic formatted, one after the other.
std::string format(const std::vector<Diagnostic>& diagnostics);

}  // namespace loyalty
