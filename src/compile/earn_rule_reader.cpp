// The earn section: rates, multipliers, bonuses, boosts, coupons and benefits; and caps.
#include <algorithm>

#include "compile/program_reader.hpp"
#include "compile/suggestion.hpp"
#include "expr/expression_compiler.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {

void ProgramCompiler::read_group(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a group", sink_);
    if (!reader.is_mapping()) return;
    RuleGroup group;
    group.id = read_rule_id(reader).value_or("");
    if (const RuleNode* mode = reader.required("mode")) {
        group.first_match = scalars_.choice(*mode, "mode", {"all", "first"}).value_or(0) == 1;
    }
    reader.report_unknown_keys();
    program.groups.push_back(std::move(group));
}

FiringLimit ProgramCompiler::read_firing_limit(MappingReader& rule, const std::string& context) {
    FiringLimit limit;
    const RuleNode* once = rule.optional("once");
    const RuleNode* cooldown = rule.optional("cooldown_days");
    if (once && cooldown) sink_.error(cooldown->position, "E115", context + ": 'once' and 'cooldown_days' do not go together");
    if (once) {
        const auto index = scalars_.choice(*once, "once", {"ever", "per_calendar_year", "per_calendar_month"});
        if (index) limit.kind = static_cast<FiringLimit::Kind>(*index + 1);
    } else if (cooldown) {
        limit.kind = FiringLimit::Kind::cooldown_days;
        limit.days = static_cast<int>(scalars_.whole_number(*cooldown, "cooldown_days", 1, 3660).value_or(1));
    }
    return limit;
}

std::optional<std::size_t> ProgramCompiler::read_group_reference(const RuleNode& node, const CompiledProgram& program) {
    const auto name = scalars_.identifier(node, "group");
    if (!name) return std::nullopt;
    const auto& groups = program.groups;
    const auto found = std::find_if(groups.begin(), groups.end(), [&](const RuleGroup& g) { return g.id == *name; });
    if (found != groups.end()) return static_cast<std::size_t>(found - groups.begin());
    std::vector<std::string_view> ids;
    for (const RuleGroup& g : groups) ids.push_back(g.id);
    sink_.error(node.position, "E113", "'group': no group '" + *name + "' under 'groups:'" + did_you_mean(*name, ids));
    return std::nullopt;
}

void ProgramCompiler::read_earn_rule(const RuleNode& node, CompiledProgram& program) {
    MappingReader rule(node, "an earn rule", sink_);
    if (!rule.is_mapping()) return;
    EarnRule earn;
    const auto id = read_rule_id(rule);
    const std::string context = "rule '" + id.value_or("?") + "'";
    earn.id = id.value_or("");
    earn.description = read_description(rule, earn.id);
    if (const RuleNode* enabled = rule.optional("enabled")) {
        earn.enabled = scalars_.boolean(*enabled, "enabled").value_or(true);
    }
    if (const RuleNode* when = rule.optional("when")) {
        earn.condition = compile_expression(*when, "when", {false, program.currency, &program.counters, &program.time_zone}, sink_);
    }
    if (const RuleNode* active = rule.optional("active")) earn.window = read_window(*active, program);
    if (const RuleNode* on = rule.optional("on")) {
        const auto event = scalars_.identifier(*on, "on");
        if (event && *event != "purchase") earn.on_event = *event;
    }
    earn.limit = read_firing_limit(rule, context);
    if (const RuleNode* group = rule.optional("group")) earn.group = read_group_reference(*group, program);
    if (const RuleNode* stop = rule.optional("stop")) earn.stop = scalars_.boolean(*stop, "stop").value_or(false);
    const RuleNode* referrer = rule.optional("referrer_bonus");

    if (const RuleNode* one_in = rule.optional("one_in")) {
        earn.one_in = scalars_.whole_number(*one_in, "one_in", 2, 1'000'000'000).value_or(0);
    }
    const RuleNode* rate = rule.optional("rate");
    const RuleNode* multipliers = rule.optional("multipliers");
    const RuleNode* bonus = rule.optional("bonus");
    const RuleNode* boost = rule.optional("boost");
    const RuleNode* coupon = rule.optional("coupon");
    const RuleNode* benefit = rule.optional("benefit");
    rule.report_unknown_keys();

    const int actions = (rate != nullptr) + (bonus != nullptr) + (boost != nullptr) + (coupon != nullptr) +
                        (benefit != nullptr);
    if (actions != 1) {
        sink_.error(node.position, actions == 0 ? "E103" : "E115",
                    context + " must have exactly one of 'rate', 'bonus', 'boost', 'coupon' or 'benefit'" +
                        (actions == 0 ? "" : ", not several"));
        return;
    }
    if (multipliers && !rate) {
        sink_.error(multipliers->position, "E115",
                    context + ": 'multipliers' belong to a 'rate' rule");
    }
    if (referrer && !bonus) {
        sink_.error(referrer->position, "E115", context + ": 'referrer_bonus' belongs to a 'bonus' rule");
    } else if (referrer) {
        earn.referrer_points = scalars_.whole_number(*referrer, "referrer_bonus", 1, Points::value_max).value_or(0);
    }
    if (rate) {
        earn.action = read_rate(*rate, multipliers, program);
    } else if (coupon) {
        earn.action = CouponAction{read_coupon(*coupon, program)};
    } else if (benefit) {
        earn.action = BenefitAction{scalars_.identifier(*benefit, "benefit").value_or("")};
    } else if (bonus) {
        FixedBonus fixed;
        fixed.points = scalars_.whole_number(*bonus, "bonus", 1, Points::value_max).value_or(0);
        earn.action = fixed;
    } else {
        earn.action = read_boost(*boost, program);
    }
    program.earn_rules.push_back(std::move(earn));
}

RateEarn ProgramCompiler::read_rate(const RuleNode& node, const RuleNode* multipliers,
                   const CompiledProgram& program) {
    RateEarn rate;
    MappingReader reader(node, "'rate'", sink_);
    if (const RuleNode* points = reader.required("points")) {
        rate.points = scalars_.decimal(*points, "points", Sign::positive).value_or(Decimal{});
    }
    rate.per = Money(1, program.currency);
    if (const RuleNode* per = reader.required("per")) {
        rate.per = scalars_.money(*per, "per", program.currency, Sign::positive).value_or(rate.per);
    }
    if (const RuleNode* base = reader.optional("base")) {
        rate.base = scalars_.choice(*base, "base", {"net", "gross"}).value_or(0) == 0
                        ? EarnBase::net
                        : EarnBase::gross;
    }
    if (const RuleNode* include = reader.optional("include")) {
        read_list(*include, "include", [&](const RuleNode& item) {
            const auto index = scalars_.choice(item, "include", {"shipping", "tax"});
            if (index) (*index == 0 ? rate.with_shipping : rate.with_tax) = true;
        });
    }
    if (const RuleNode* exclude = reader.optional("exclude")) {
        read_list(*exclude, "exclude", [&](const RuleNode& item) {
            rate.without_points_payment = scalars_.choice(item, "exclude", {"points_payment"}).has_value();
        });
    }
    if (const RuleNode* block = reader.optional("block")) {
        rate.block = scalars_.whole_number(*block, "block", 1, 1'000'000).value_or(1);
    }
    if (const RuleNode* rounding = reader.optional("rounding")) {
        rate.rounding = read_rounding(*rounding);
    }
    reader.report_unknown_keys();
    if (multipliers) {
        read_list(*multipliers, "multipliers", [&](const RuleNode& item) {
            if (auto multiplier = read_multiplier(item, program)) {
                rate.factor_scale = std::max(rate.factor_scale, multiplier->factor.scale);
                rate.multipliers.push_back(std::move(*multiplier));
            }
        });
    }
    return rate;
}

std::optional<ItemMultiplier> ProgramCompiler::read_multiplier(const RuleNode& node, const CompiledProgram& program) {
    MappingReader reader(node, "a multiplier", sink_);
    const RuleNode* when = reader.required("when");
    const RuleNode* factor = reader.required("factor");
    const RuleNode* description = reader.optional("description");
    reader.report_unknown_keys();
    if (!when || !factor) return std::nullopt;
    auto condition = compile_expression(*when, "when", {true, program.currency, &program.counters, &program.time_zone}, sink_);
    const auto value = scalars_.decimal(*factor, "factor", Sign::non_negative);
    if (!condition || !value) return std::nullopt;
    std::string text = condition->source();
    if (description) text = scalars_.text(*description, "description").value_or(text);
    return ItemMultiplier{std::move(*condition), *value, std::move(text)};
}

EarnBoost ProgramCompiler::read_boost(const RuleNode& node, const CompiledProgram& program) {
    EarnBoost boost;
    MappingReader reader(node, "'boost'", sink_);
    if (const RuleNode* rules = reader.required("rules")) {
        const auto ids = scalars_.identifier_list(*rules, "rules");
        for (std::size_t i = 0; ids && i < ids->size(); ++i) {
            const auto& earlier = program.earn_rules;
            const auto found = std::find_if(earlier.begin(), earlier.end(),
                                            [&](const EarnRule& r) { return r.id == (*ids)[i]; });
            if (found == earlier.end()) {
                sink_.error(rules->items[i].position, "E113",
                            "'rules': no earn rule '" + (*ids)[i] +
                                "' before this one; a boost applies to rules listed above it");
            } else {
                boost.targets.push_back(static_cast<std::size_t>(found - earlier.begin()));
            }
        }
    }
    if (const RuleNode* factor = reader.required("factor")) {
        const auto value = scalars_.decimal(*factor, "factor", Sign::positive);
        if (value && compare(*value, Decimal{1, 0}) <= 0) {
            sink_.error(factor->position, "E106",
                        "'factor': " + factor->text + " is out of range; a boost multiplies by "
                        "more than 1 (1.25 is 25 % more)");
        } else if (value) {
            boost.factor = *value;
        }
    }
    if (const RuleNode* rounding = reader.optional("rounding")) boost.rounding = read_rounding(*rounding);
    reader.report_unknown_keys();
    return boost;
}

void ProgramCompiler::read_cap(const RuleNode& node, CompiledProgram& program) {
    MappingReader reader(node, "a cap", sink_);
    if (!reader.is_mapping()) return;
    EarnCap cap;
    cap.id = read_rule_id(reader).value_or("");
    cap.description = read_description(reader, cap.id);
    if (const RuleNode* points_max = reader.required("points_max")) {
        cap.points_max = scalars_.whole_number(*points_max, "points_max", 1, Points::value_max).value_or(0);
    }
    if (const RuleNode* per = reader.required("per")) {
        const auto index = scalars_.choice(*per, "per", {"transaction", "day", "calendar_month", "calendar_year"});
        if (index.value_or(0) != 0) {
            CounterRule period;
            period.id = cap.id;
            period.measure = CounterMeasure::spend;
            period.period = *index == 1 ? CounterPeriod::rolling_days
                                        : (*index == 2 ? CounterPeriod::calendar_month : CounterPeriod::calendar_year);
            period.rolling_days = 1;
            cap.period = std::move(period);
        }
    }
    if (const RuleNode* over = reader.optional("over")) {
        cap.reject = scalars_.choice(*over, "over", {"truncate", "reject"}).value_or(0) == 1;
    }
    reader.report_unknown_keys();
    program.caps.push_back(std::move(cap));
}

}  // namespace loyalty::detail
