// Rewards beyond earning: coupons, redemptions, member discounts, levels, rebates and tiers.
#include "compile/program_reader.hpp"

#include <algorithm>
#include "compile/suggestion.hpp"
#include "expr/expression_compiler.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {

void ProgramCompiler::read_rebate(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a rebate", sink_);
    if (!reader.is_mapping()) return;
    Rebate rebate;
    rebate.id = read_rule_id(reader).value_or("");
    rebate.description = read_description(reader, rebate.id);
    const auto counter = read_counter_reference(reader, program, CounterMeasure::spend);
    if (const RuleNode* mode = reader.required("mode")) {
        rebate.marginal = scalars_.choice(*mode, "mode", {"whole", "marginal"}).value_or(0) == 1;
    }
    if (const RuleNode* rounding = reader.optional("rounding")) rebate.rounding = read_rounding(*rounding);
    const RuleNode* brackets = reader.required("brackets");
    reader.report_unknown_keys();
    if (!brackets || !counter) return;
    rebate.counter = *counter;
    read_list(*brackets, "brackets", [&](const RuleNode& item) {
        MappingReader bracket(item, "a bracket", sink_);
        Rebate::Bracket entry;
        if (const RuleNode* from = bracket.required("from")) {
            entry.from = read_threshold(*from, "from", program.counters[*counter], program);
            if (!rebate.brackets.empty() && entry.from <= rebate.brackets.back().from) {
                sink_.error(from->position, "E114", "'from': brackets go up; " + from->text + " is not above the one before");
            }
        }
        if (const RuleNode* percent = bracket.required("percent")) {
            entry.percent = scalars_.decimal(*percent, "percent", Sign::non_negative).value_or(Decimal{});
        }
        bracket.report_unknown_keys();
        rebate.brackets.push_back(entry);
    });
    program.rebates.push_back(std::move(rebate));
}

void ProgramCompiler::read_tiers(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "'tiers'", sink_);
    const auto counter = read_counter_reference(reader, program, std::nullopt);
    const RuleNode* levels = reader.required("levels");
    reader.report_unknown_keys();
    if (!levels || !counter) return;
    program.tiers.defined = true;
    program.tiers.counter = *counter;
    read_list(*levels, "levels", [&](const RuleNode& item) {
        MappingReader level(item, "a tier", sink_);
        TierLadder::Level entry;
        if (const RuleNode* name = level.required("name")) {
            entry.name = scalars_.identifier(*name, "name").value_or("");
            // A member's tier is its name: two levels of one name could not be told apart.
            const auto& levels_so_far = program.tiers.levels;
            if (!entry.name.empty() && std::any_of(levels_so_far.begin(), levels_so_far.end(),
                                                   [&](const TierLadder::Level& l) { return l.name == entry.name; })) {
                sink_.error(name->position, "E117", "tier '" + entry.name + "' is already a level of the ladder");
            }
        }
        if (const RuleNode* from = level.required("from")) {
            entry.from = read_threshold(*from, "from", program.counters[*counter], program);
            const bool first = program.tiers.levels.empty();
            if ((first && entry.from != 0) || (!first && entry.from <= program.tiers.levels.back().from)) {
                sink_.error(from->position, "E114",
                            first ? "'from': the first tier starts at 0" : "'from': tiers go up; levels may not overlap");
            }
        }
        level.report_unknown_keys();
        program.tiers.levels.push_back(entry);
    });
}

void ProgramCompiler::read_level(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a level", sink_);
    if (!reader.is_mapping()) return;
    LevelReward level;
    level.id = read_rule_id(reader).value_or("");
    level.description = read_description(reader, level.id);
    const CounterRule* counter = nullptr;
    if (const RuleNode* name = reader.required("counter")) {
        const auto id = scalars_.identifier(*name, "counter");
        std::vector<std::string_view> ids;
        for (std::size_t i = 0; i < program.counters.size(); ++i) {
            ids.push_back(program.counters[i].id);
            if (id && program.counters[i].id == *id) {
                level.counter = i;
                counter = &program.counters[i];
            }
        }
        if (id && !counter) {
            sink_.error(name->position, "E113", "'counter': no counter '" + *id + "' under 'counters:'" + did_you_mean(*id, ids));
        }
    }
    if (const RuleNode* reaches = reader.required("reaches"); reaches && counter) {
        if (counter->measure == CounterMeasure::spend) {
            level.level = scalars_.money(*reaches, "reaches", program.currency, Sign::positive)
                              .value_or(Money(0, program.currency))
                              .minor_units();
        } else {
            level.level = scalars_.whole_number(*reaches, "reaches", 1, Points::value_max).value_or(0);
        }
    }
    const RuleNode* coupon = reader.optional("coupon");
    const RuleNode* badge = reader.optional("badge");
    const RuleNode* bonus = reader.optional("bonus");
    reader.report_unknown_keys();
    if ((coupon != nullptr) + (badge != nullptr) + (bonus != nullptr) != 1) {
        sink_.error(node.position, "E115", "level '" + level.id + "' gives exactly one of 'coupon', 'badge' or 'bonus'");
    } else if (coupon) {
        level.coupon = read_coupon(*coupon, program);
    } else if (badge) {
        level.badge = scalars_.identifier(*badge, "badge").value_or("");
    } else {
        level.points = scalars_.whole_number(*bonus, "bonus", 1, Points::value_max).value_or(0);
    }
    program.levels.push_back(std::move(level));
}

void ProgramCompiler::read_discount(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a discount", sink_);
    if (!reader.is_mapping()) return;
    MemberDiscount discount;
    discount.id = read_rule_id(reader).value_or("");
    discount.description = read_description(reader, discount.id);
    if (const RuleNode* percent = reader.required("percent_off")) discount.percent = read_percent_off(*percent);
    if (const RuleNode* when = reader.optional("when")) {
        discount.condition = compile_expression(*when, "when", {false, program.currency, &program.counters, &program.time_zone}, sink_);
    }
    if (const RuleNode* rounding = reader.optional("rounding")) discount.rounding = read_rounding(*rounding);
    reader.report_unknown_keys();
    program.discounts.push_back(std::move(discount));
}

void ProgramCompiler::read_redemption(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a redemption", sink_);
    if (!reader.is_mapping()) return;
    RedemptionRule redemption;
    redemption.id = read_rule_id(reader).value_or("");
    redemption.description = read_description(reader, redemption.id);
    if (const RuleNode* points = reader.required("points")) {
        redemption.points = scalars_.whole_number(*points, "points", 1, Points::value_max).value_or(1);
    }
    if (const RuleNode* automatic = reader.optional("automatic")) {
        redemption.automatic = scalars_.boolean(*automatic, "automatic").value_or(false);
    }
    if (const RuleNode* coupon = reader.required("coupon")) redemption.coupon = read_coupon(*coupon, program);
    reader.report_unknown_keys();
    program.redemptions.push_back(std::move(redemption));
}

CouponSpec ProgramCompiler::read_coupon(const RuleNode& node, const CompiledProgram& program) {
    CouponSpec coupon;
    MappingReader reader(node, "'coupon'", sink_);
    const RuleNode* percent = reader.optional("percent_off");
    const RuleNode* amount = reader.optional("amount_off");
    const RuleNode* sku = reader.optional("free_item");
    if (const RuleNode* days = reader.required("valid_days")) {
        coupon.valid_days = scalars_.whole_number(*days, "valid_days", 0, 36'500).value_or(30);
    }
    if (const RuleNode* later = reader.optional("starts_after_days")) {
        coupon.starts_after_days = scalars_.whole_number(*later, "starts_after_days", 0, 36'500).value_or(0);
    }
    if (const RuleNode* rounding = reader.optional("rounding")) coupon.rounding = read_rounding(*rounding);
    reader.report_unknown_keys();
    const int benefits = (percent != nullptr) + (amount != nullptr) + (sku != nullptr);
    if (reader.is_mapping() && benefits != 1) {
        sink_.error(node.position, benefits == 0 ? "E103" : "E115",
                    "a coupon gives exactly one of 'percent_off', 'amount_off' or 'free_item'");
    } else if (percent) {
        coupon.benefit = CouponBenefit::percent_off;
        coupon.percent = read_percent_off(*percent);
    } else if (amount) {
        coupon.benefit = CouponBenefit::amount_off;
        coupon.amount = scalars_.money(*amount, "amount_off", program.currency, Sign::positive)
                            .value_or(Money(0, program.currency));
    } else if (sku) {
        coupon.benefit = CouponBenefit::free_item;
        coupon.sku = scalars_.text(*sku, "free_item").value_or("");
    }
    return coupon;
}

}  // namespace loyalty::detail
