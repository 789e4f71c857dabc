#include "compile/compiled_program.hpp"

namespace loyalty::detail {

void CompiledProgram::number_rules() {
    auto table = std::make_shared<RuleTable>();
    table->ids.assign(std::begin(built_in_rule_ids), std::end(built_in_rule_ids));
    table->unit_names.resize(table->ids.size());
    table->currency = currency;
    const auto number = [&table](auto& of_kind, auto unit_name) {
        for (auto& rule : of_kind) {
            rule.number = static_cast<std::uint32_t>(table->ids.size());
            table->ids.push_back(rule.id);
            table->unit_names.push_back(unit_name(rule));
        }
    };
    const auto none = [](const auto&) { return std::string(); };
    number(earn_rules, [](const EarnRule& rule) {
        const auto* benefit = std::get_if<BenefitAction>(&rule.action);
        return benefit ? benefit->name : std::string();
    });
    number(redemptions, none);
    number(discounts, none);
    number(levels, [](const LevelReward& level) { return level.badge; });
    number(rebates, none);
    rules = std::move(table);
}

}  // namespace loyalty::detail
