#pragma once
// What one earn rule gives on one purchase, and the sentence that says why.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compile/compiled_program.hpp"
#include "expr/expression.hpp"
#include "eval/evaluation_buffers.hpp"

namespace loyalty::detail {

struct EarnedPoints {
    std::int64_t points = 0;
    std::string explanation;
};

/// What the earn rules evaluated so far on one transaction earned, by rule index, in rule order:
/// boosts read it. Only the few rules a transaction reaches are kept, not one entry per rule, in
/// the evaluator's buffers.
class EarnedByRule {
public:
    explicit EarnedByRule(std::vector<std::pair<std::size_t, std::int64_t>>& buffer) : earned_(buffer) { earned_.clear(); }
    void record(std::size_t rule, std::int64_t points) { earned_.emplace_back(rule, points); }
    std::int64_t of(std::size_t rule) const {
        for (const auto& [index, points] : earned_) {
            if (index == rule) return points;
        }
        return 0;
    }

private:
    std::vector<std::pair<std::size_t, std::int64_t>>& earned_;
};

/// Points `rule` earns, knowing what the rules before it earned; works in `buffers`. Window and
/// condition are the caller's to check.
EarnedPoints evaluate_earn_rule(const EarnRule& rule, const ExpressionInput& input, const CompiledProgram& program,
                                const EarnedByRule& earned_by_rule, EvaluationBuffers& buffers);

}  // namespace loyalty::detail
