#pragma once
// A rule test file read into steps and expectations, strictly, with positions.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/member.hpp"
#include "loyalty/program.hpp"
#include "loyalty/transaction.hpp"
#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Only what a test names is compared.
struct ExpectedDelta {
    std::optional<std::string> rule_id;
    std::optional<std::string> kind;
    std::optional<std::int64_t> amount;
    std::optional<std::string> account;
    std::optional<std::string> explanation;
};

struct ExpectedOutcome {
    std::optional<std::vector<ExpectedDelta>> deltas;
    std::optional<std::int64_t> points;
    std::optional<std::int64_t> pending;
    std::optional<std::int64_t> owed;
    std::optional<std::string> tier;
    std::optional<std::string> error;
    std::optional<bool> already_applied;
    /// The notice codes, in order.
    std::optional<std::vector<std::string>> notices;
};

struct TestStep {
    SourcePosition position;
    Transaction transaction;
    ExpectedOutcome expect;
};

struct TestCase {
    std::string name;
    Member member;
    std::vector<TestStep> steps;
    ExpectedOutcome final_state;
};

struct TestFile {
    std::string rule_file;
    std::vector<TestCase> cases;
};

/// The rule file a test file names (`program:`), relative to the test file; by default the
/// test file's own name without ".test". Reports problems to `sink`.
std::optional<std::string> read_rule_file_name(const RuleNode& root, const std::string& test_file_path,
                                               DiagnosticSink& sink);

/// Reads the cases; amounts are in the program's currency.
std::optional<TestFile> read_test_file(const RuleNode& root, const std::string& rule_file, const Program& program,
                                       DiagnosticSink& sink);

}  // namespace loyalty::detail
