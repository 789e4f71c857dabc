#pragma once
// Declarative tests for a program's rules: a YAML file beside the rule file states a member,
// the transactions it makes, and what must come out. See docs/cli.md, `loyalty test`.

#include <string>
#include <vector>

#include "loyalty/diagnostic.hpp"

namespace loyalty {

struct RuleTestCaseResult {
    std::string name;
    bool passed = false;
    /// Why it failed: expected against actual, with rule ids and explanations. Empty when passed.
    std::string failure;
};

struct RuleTestFileResult {
    std::string test_file;
    std::string rule_file;
    /// Problems in the test file or its rule file; when any, no case ran.
    std::vector<Diagnostic> diagnostics;
    std::vector<RuleTestCaseResult> cases;
};

/// Runs every case of one test file (`NAME.test.yaml`, testing `NAME.yaml` unless it names
/// another with `program:`). Never throws for what the files say; their problems come back as
/// diagnostics.
RuleTestFileResult run_rule_test_file(const std::string& test_file_path);

}  // namespace loyalty
