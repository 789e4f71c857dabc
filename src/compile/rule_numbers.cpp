#include "compile/compiled_program.hpp"

namespace loyalty::detail {

void CompiledProgram::number_rules() {
    auto ids = std::make_shared<std::vector<std::string>>(std::begin(built_in_rule_ids), std::end(built_in_rule_ids));
    const auto number = [&ids](auto& rules) {
        for (auto& rule : rules) {
            rule.number = static_cast<std::uint32_t>(ids->size());
            ids->push_back(rule.id);
        }
    };
    number(earn_rules);
    number(redemptions);
    number(discounts);
    number(levels);
    number(rebates);
    rule_ids = std::move(ids);
}

}  // namespace loyalty::detail
