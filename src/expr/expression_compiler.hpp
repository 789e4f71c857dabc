#pragma once
// `when:` text → a type-checked CompiledExpression, or diagnostics at the exact column.

#include <optional>
#include <string_view>

#include "compile/compiled_program.hpp"
#include "expr/expression.hpp"
#include "loyalty/currency.hpp"
#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// Where a condition stands decides which fields it may read.
struct ExpressionScope {
    /// `item.*` fields exist only in conditions evaluated once per line item.
    bool item_fields = false;
    /// Amount literals compared with money must fit this currency's decimals.
    Currency currency;
    /// The counters `counter.ID` may name: those defined so far.
    const std::vector<CounterRule>* counters = nullptr;
    /// The program's clock: a local time literal names the instant it reads there.
    const TimeZone* time_zone = nullptr;
};

/// Compiles the scalar `node` (the value of `key`). Reports at most one problem per condition:
/// the first, with its column in the rule file.
std::optional<CompiledExpression> compile_expression(const RuleNode& node, std::string_view key,
                                                     const ExpressionScope& scope,
                                                     DiagnosticSink& sink);

}  // namespace loyalty::detail
