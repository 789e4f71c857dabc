#pragma once
// What one earn rule gives on one purchase, and the sentence that says why.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compile/compiled_program.hpp"
#include "expr/expression.hpp"
#include "eval/evaluation.hpp"

namespace loyalty::detail {

struct EarnedPoints {
    std::int64_t points = 0;
    Reason reason;
    /// False for a boost of rules that earned nothing: there is nothing to say of it.
    bool has_reason = true;
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

/// Points the earn rule at `rule_index` earns, knowing what the rules before it earned, and the
/// reason, its extras in the outcome's reason numbers. Window and condition are the caller's to
/// check. Refuses the transaction (T030) for points past the range.
EarnedPoints evaluate_earn_rule(std::size_t rule_index, const ExpressionInput& input, Evaluation& evaluation,
                                const EarnedByRule& earned_by_rule);

}  // namespace loyalty::detail
