#include <fstream>
#include <map>
#include <sstream>

#include "loyalty/outcome.hpp"
#include "loyalty/rule_test.hpp"
#include "testing/rule_test_file.hpp"
#include "yaml/rule_tree_loader.hpp"

namespace loyalty {
namespace {

using detail::ExpectedDelta;
using detail::ExpectedOutcome;

std::string describe(const Outcome& outcome, const Delta& delta, const std::string& explanation) {
    return std::string(outcome.rule_id(delta)) + " " + std::string(to_string(delta.kind)) + " " + std::to_string(delta.amount) + " " +
           outcome.unit(delta) + " to " + outcome.account(delta, delta.credit).to_string() + ": " + explanation;
}

std::string describe(const ExpectedDelta& delta) {
    std::string text;
    const auto add = [&](const char* name, const std::string& value) {
        text += (text.empty() ? "" : ", ") + std::string(name) + " " + value;
    };
    if (delta.rule_id) add("rule", *delta.rule_id);
    if (delta.kind) add("kind", *delta.kind);
    if (delta.amount) add("amount", std::to_string(*delta.amount));
    if (delta.account) add("account", *delta.account);
    if (delta.explanation) add("explanation", "\"" + *delta.explanation + "\"");
    return text.empty() ? "any delta" : text;
}

bool matches(const ExpectedDelta& expected, const Outcome& outcome, const Delta& actual, const std::string& explanation) {
    const bool to_account = !expected.account || *expected.account == outcome.account(actual, actual.credit).to_string() ||
                            *expected.account == outcome.account(actual, actual.debit).to_string();
    return (!expected.rule_id || *expected.rule_id == outcome.rule_id(actual)) &&
           (!expected.kind || *expected.kind == to_string(actual.kind)) &&
           (!expected.amount || *expected.amount == actual.amount) && to_account &&
           (!expected.explanation || *expected.explanation == explanation);
}

/// Every way `actual` differs from what `expect` names; empty when it matches.
std::string compare_deltas(const std::vector<ExpectedDelta>& expected, const Program& program, const Outcome& outcome) {
    const std::vector<Delta>& actual = outcome.deltas;
    // The program evaluated the outcome just now: its explanations always render.
    const std::vector<std::string> explanations = program.explain(outcome).value();
    bool same = expected.size() == actual.size();
    for (std::size_t i = 0; same && i < expected.size(); ++i) same = matches(expected[i], outcome, actual[i], explanations[i]);
    if (same) return "";
    std::string text = "    expected " + std::to_string(expected.size()) + " deltas:\n";
    for (const auto& delta : expected) text += "      " + describe(delta) + "\n";
    text += "    got " + std::to_string(actual.size()) + ":\n";
    for (std::size_t i = 0; i < actual.size(); ++i) text += "      " + describe(outcome, actual[i], explanations[i]) + "\n";
    return text;
}

/// The rules that did not fire, and why not.
std::string why_not(const Outcome& outcome) {
    std::string text;
    for (const TraceStep& step : outcome.trace) {
        if (!step.fired) text += "      " + step.rule_id + ": " + step.reason + "\n";
    }
    return text.empty() ? text : "    not fired:\n" + text;
}

std::string compare_state(const ExpectedOutcome& expect, const Member& member) {
    std::string text;
    if (expect.points && *expect.points != member.points().value) {
        text += "    expected a balance of " + std::to_string(*expect.points) + " points, got " +
                std::to_string(member.points().value) + "\n";
    }
    if (expect.pending && *expect.pending != member.pending_points().value) {
        text += "    expected " + std::to_string(*expect.pending) + " points pending, got " +
                std::to_string(member.pending_points().value) + "\n";
    }
    if (expect.owed && *expect.owed != member.owed.value) {
        text += "    expected " + std::to_string(*expect.owed) + " points owed, got " + std::to_string(member.owed.value) + "\n";
    }
    if (expect.tier && *expect.tier != member.tier) {
        text += "    expected tier '" + *expect.tier + "', got '" + member.tier + "'\n";
    }
    return text;
}

/// The notices' codes against those a step expects, in order: empty when they agree.
std::string compare_notices(const std::vector<std::string>& expected_codes, const Outcome& outcome) {
    std::vector<std::string> codes;
    std::string messages;
    for (const Notice& notice : outcome.notices) {
        codes.push_back(notice.code);
        messages += "      " + notice.code + ": " + notice.message + "\n";
    }
    if (codes == expected_codes) return "";
    std::string expected;
    for (const std::string& code : expected_codes) expected += (expected.empty() ? "" : ", ") + code;
    return "    expected notices [" + expected + "], got:\n" + (messages.empty() ? "      none\n" : messages);
}

RuleTestCaseResult run_case(const Program& program, const detail::TestCase& test) {
    RuleTestCaseResult result{test.name, true, ""};
    Member member = test.member;
    // Members the case's member refers, or who referred it: they start empty when first named.
    std::map<std::string, Member> others;
    EvaluationOptions options{true};  // with a trace, so that a missing delta says why
    options.other_member = [&](const std::string& id) -> const Member* {
        const auto other = others.find(id);
        return other == others.end() ? nullptr : &other->second;
    };
    EvaluatorState state;
    Outcome outcome;
    for (std::size_t i = 0; i < test.steps.size(); ++i) {
        const detail::TestStep& step = test.steps[i];
        const Transaction& transaction = step.transaction;
        std::string problems;
        const auto error = program.evaluate(member, transaction, state, outcome, options);
        if (step.expect.error) {
            if (!error) {
                problems += "    expected error " + *step.expect.error + ", but it was accepted\n";
            } else if (error->code != *step.expect.error) {
                problems += "    expected error " + *step.expect.error + ", got " + error->code + ": " + error->message + "\n";
            }
        } else if (error) {
            problems += "    refused: error[" + error->code + "] " + error->field + ": " + error->message + "\n";
        } else {
            if (step.expect.deltas) {
                const std::string differences = compare_deltas(*step.expect.deltas, program, outcome);
                problems += differences;
                if (!differences.empty()) problems += why_not(outcome);
            }
            if (step.expect.notices) problems += compare_notices(*step.expect.notices, outcome);
            if (step.expect.already_applied && *step.expect.already_applied != outcome.already_applied) {
                problems += std::string("    expected it ") + (*step.expect.already_applied ? "to be" : "not to be") +
                            " recognised as already applied\n";
            }
            for (const std::string& owner : outcome.owners()) {
                if (owner == member.id) {
                    member = apply(member, outcome);
                    continue;
                }
                Member& other = others.try_emplace(owner).first->second;
                other.id = owner;
                other = apply(other, outcome);
            }
        }
        problems += compare_state(step.expect, member);
        if (!problems.empty()) {
            result.passed = false;
            result.failure += "  step " + std::to_string(i + 1) + " at line " + std::to_string(step.position.line) +
                              " (" + std::string(to_string(transaction.kind)) + " " + transaction.id + "):\n" + problems;
        }
    }
    const std::string final_problems = compare_state(test.final_state, member);
    if (!final_problems.empty()) {
        result.passed = false;
        result.failure += "  at the end:\n" + final_problems;
    }
    return result;
}

}  // namespace

RuleTestFileResult run_rule_test_file(const std::string& test_file_path) {
    RuleTestFileResult result;
    result.test_file = test_file_path;
    std::ifstream file(test_file_path, std::ios::binary);
    if (!file) {
        result.diagnostics.push_back({test_file_path, 1, 1, "E010", "cannot open the file", ""});
        return result;
    }
    std::ostringstream text;
    text << file.rdbuf();
    const std::string source = text.str();

    detail::DiagnosticSink sink(test_file_path, source);
    const auto tree = detail::load_rule_tree(source, sink);
    const auto rule_file = tree ? detail::read_rule_file_name(*tree, test_file_path, sink) : std::nullopt;
    if (!rule_file) {
        result.diagnostics = sink.take();
        return result;
    }
    result.rule_file = *rule_file;
    LoadResult loaded = Program::load_file(*rule_file);
    if (!loaded.ok()) {
        result.diagnostics = std::move(loaded.diagnostics);
        return result;
    }
    const auto tests = detail::read_test_file(*tree, *rule_file, *loaded.program, sink);
    result.diagnostics = sink.take();
    if (!tests) return result;
    for (const detail::TestCase& test : tests->cases) result.cases.push_back(run_case(*loaded.program, test));
    return result;
}

}  // namespace loyalty
