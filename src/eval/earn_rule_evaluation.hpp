#pragma once
// What one earn rule gives on one purchase, and the sentence that says why.

#include <cstdint>
#include <string>
#include <vector>

#include "compile/compiled_program.hpp"
#include "expr/expression.hpp"

namespace loyalty::detail {

struct EarnedPoints {
    std::int64_t points = 0;
    std::string explanation;
};

/// Points `rule` earns; `earned_by_rule[i]` holds what earlier rule i earned on this purchase
/// (boosts read it). Window and condition are the caller's to check.
EarnedPoints evaluate_earn_rule(const EarnRule& rule, const ExpressionInput& input,
                                const CompiledProgram& program,
                                const std::vector<std::int64_t>& earned_by_rule);

}  // namespace loyalty::detail
