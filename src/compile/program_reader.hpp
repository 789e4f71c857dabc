#pragma once
// Reads a rule tree into a CompiledProgram, one section at a time, reporting every problem.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "compile/compiled_program.hpp"
#include "compile/mapping_reader.hpp"
#include "compile/scalar_reader.hpp"
#include "tree/diagnostic_sink.hpp"
#include "tree/rule_node.hpp"

namespace loyalty::detail {

/// One use per rule file: keeps the rule ids seen so far, to report one used twice.
class ProgramCompiler {
public:
    explicit ProgramCompiler(DiagnosticSink& sink) : sink_(sink), scalars_(sink) {}
    std::shared_ptr<CompiledProgram> compile(const RuleNode& root);

private:
    template <typename ReadItem>
    void read_list(const RuleNode& node, std::string_view key, ReadItem read_item) {
        if (node.kind != RuleNode::Kind::sequence) {
            sink_.error(node.position, "E104",
                        "'" + std::string(key) + "': expected a list of rules, each starting with '- id:'");
            return;
        }
        for (const RuleNode& item : node.items) read_item(item);
    }

    void read_header(const RuleNode& node, CompiledProgram& program);
    void read_counter(const RuleNode& node, CompiledProgram& program);
    void read_points_policy(const RuleNode& node, CompiledProgram& program);
    void read_expiry(const RuleNode& node, ExpiryPolicy& expiry);
    /// Records the id, reporting one already used by another rule.
    std::optional<std::string> read_rule_id(MappingReader& rule);
    std::string read_description(MappingReader& rule, const std::string& id);
    ActiveWindow read_window(const RuleNode& node, const CompiledProgram& program);
    /// The instant a local time names on the program's clock, and in `local` the reading as
    /// written; E108 when the clocks skip it.
    std::optional<std::int64_t> read_instant(const RuleNode& node, std::string_view key, const CompiledProgram& program,
                                             std::optional<std::int64_t>& local);
    void read_group(const RuleNode& node, CompiledProgram& program);
    void read_earn_rule(const RuleNode& node, CompiledProgram& program);
    /// `once` or `cooldown_days`, which do not go together.
    FiringLimit read_firing_limit(MappingReader& rule, const std::string& context);
    /// The index of the group `node` names, reporting an unknown one.
    std::optional<std::size_t> read_group_reference(const RuleNode& node, const CompiledProgram& program);
    RateEarn read_rate(const RuleNode& node, const RuleNode* multipliers,
                       const CompiledProgram& program);
    Rounding read_rounding(const RuleNode& node);
    std::optional<ItemMultiplier> read_multiplier(const RuleNode& node, const CompiledProgram& program);
    EarnBoost read_boost(const RuleNode& node, const CompiledProgram& program);
    void read_cap(const RuleNode& node, CompiledProgram& program);
    /// The calendar counter the mapping's `counter` names, reporting an unknown one; with `need`,
    /// it must count that measure.
    std::optional<std::size_t> read_counter_reference(MappingReader& reader, const CompiledProgram& program,
                                                      std::optional<CounterMeasure> need);
    std::int64_t read_threshold(const RuleNode& node, std::string_view key, const CounterRule& counter,
                                const CompiledProgram& program);
    void read_rebate(const RuleNode& node, CompiledProgram& program);
    void read_tiers(const RuleNode& node, CompiledProgram& program);
    void read_level(const RuleNode& node, CompiledProgram& program);
    /// A percentage above 0 and at most 100.
    Decimal read_percent_off(const RuleNode& node);
    void read_discount(const RuleNode& node, CompiledProgram& program);
    void read_redemption(const RuleNode& node, CompiledProgram& program);
    CouponSpec read_coupon(const RuleNode& node, const CompiledProgram& program);

    DiagnosticSink& sink_;
    ScalarReader scalars_;
    std::map<std::string, SourcePosition> rule_ids_;
};

}  // namespace loyalty::detail
