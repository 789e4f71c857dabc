#include "compile/program_compiler.hpp"

#include <algorithm>
#include <map>

#include "compile/mapping_reader.hpp"
#include "compile/scalar_reader.hpp"
#include "compile/suggestion.hpp"
#include "expr/expression_compiler.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {
namespace {

class ProgramCompiler {
public:
    explicit ProgramCompiler(DiagnosticSink& sink) : sink_(sink), scalars_(sink) {}

    std::shared_ptr<const CompiledProgram> compile(const RuleNode& root) {
        MappingReader top(root, "the rule file", sink_);
        if (!top.is_mapping()) return nullptr;
        auto program = std::make_shared<CompiledProgram>();
        if (const RuleNode* header = top.required("program")) read_header(*header, *program);
        if (const RuleNode* points = top.optional("points")) read_points_policy(*points, *program);
        if (const RuleNode* returns = top.optional("returns")) {
            MappingReader reader(*returns, "'returns'", sink_);
            if (const RuleNode* days = reader.required("window_days")) {
                program->returns.window_days = scalars_.whole_number(*days, "window_days", 1, 3660).value_or(1);
                program->returns.accepted = true;
            }
            reader.report_unknown_keys();
        }
        // Counters first: conditions anywhere may read them.
        if (const RuleNode* counters = top.optional("counters")) {
            read_list(*counters, "counters", [&](const RuleNode& node) { read_counter(node, *program); });
        }
        const RuleNode* earn = top.optional("earn");
        const RuleNode* caps = top.optional("caps");
        const RuleNode* redemptions = top.optional("redemptions");
        const RuleNode* discounts = top.optional("discounts");
        const RuleNode* levels = top.optional("levels");
        const RuleNode* rebates = top.optional("rebates");
        const RuleNode* tiers = top.optional("tiers");
        top.report_unknown_keys();

        if (earn) read_list(*earn, "earn", [&](const RuleNode& node) { read_earn_rule(node, *program); });
        if (caps) read_list(*caps, "caps", [&](const RuleNode& node) { read_cap(node, *program); });
        if (levels) read_list(*levels, "levels", [&](const RuleNode& node) { read_level(node, *program); });
        if (rebates) read_list(*rebates, "rebates", [&](const RuleNode& node) { read_rebate(node, *program); });
        if (tiers) read_tiers(*tiers, *program);
        if (discounts) read_list(*discounts, "discounts", [&](const RuleNode& node) { read_discount(node, *program); });
        if (redemptions) {
            read_list(*redemptions, "redemptions", [&](const RuleNode& node) { read_redemption(node, *program); });
        }

        if (program->earn_rules.size() + program->caps.size() + program->redemptions.size() + program->counters.size() + program->discounts.size() + program->levels.size() >
            limits::rules_max) {
            sink_.error(root.position, "E120",
                        "more than " + std::to_string(limits::rules_max) + " rules in one program");
        }
        if (sink_.has_errors()) return nullptr;
        return program;
    }

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

    void read_header(const RuleNode& node, CompiledProgram& program) {
        MappingReader header(node, "program", sink_);
        if (const RuleNode* name = header.required("name")) {
            if (auto value = scalars_.text(*name, "name")) program.name = *value;
        }
        if (const RuleNode* version = header.required("version")) {
            if (auto value = scalars_.identifier(*version, "version")) program.version = *value;
        }
        // Until a valid currency is read, amounts are checked against one with four decimals,
        // so that a wrong currency code does not hide the rest of the file's problems.
        program.currency = *Currency::find("CLF");
        if (const RuleNode* currency = header.required("currency")) {
            if (auto code = scalars_.text(*currency, "currency")) {
                if (auto found = Currency::find(*code)) {
                    program.currency = *found;
                } else {
                    sink_.error(currency->position, "E110",
                                "'currency': '" + *code + "' is not an active ISO 4217 code such as "
                                "USD, EUR, MXN or JPY (upper case)");
                }
            }
        }
        if (const RuleNode* zone = header.required("time_zone")) {
            if (auto text = scalars_.text(*zone, "time_zone")) {
                if (auto parsed = TimeZone::parse(*text)) {
                    program.time_zone = *parsed;
                } else {
                    sink_.error(zone->position, "E111",
                                "'time_zone': '" + *text + "' is neither a UTC offset such as "
                                "'-05:00' nor a POSIX TZ rule such as 'EST5EDT,M3.2.0,M11.1.0'");
                }
            }
        }
        header.report_unknown_keys();
    }

    void read_counter(const RuleNode& node, CompiledProgram& program) {
        MappingReader reader(node, "a counter", sink_);
        if (!reader.is_mapping()) return;
        CounterRule counter;
        counter.id = read_rule_id(reader).value_or("");
        counter.description = read_description(reader, counter.id);
        if (const RuleNode* counts = reader.required("counts")) {
            counter.measure = static_cast<CounterMeasure>(
                scalars_.choice(*counts, "counts", {"purchases", "items", "spend"}).value_or(0));
        }
        if (const RuleNode* period = reader.required("period")) {
            const auto index = scalars_.choice(*period, "period", {"lifetime", "calendar_year", "calendar_month", "rolling_days"});
            counter.period = static_cast<CounterPeriod>(index.value_or(0));
        }
        const RuleNode* days = reader.optional("days");
        if (counter.period == CounterPeriod::rolling_days) {
            if (!days) sink_.error(node.position, "E103", "counter '" + counter.id + "': 'period: rolling_days' needs 'days'");
            if (days) counter.rolling_days = static_cast<int>(scalars_.whole_number(*days, "days", 1, 3660).value_or(1));
        } else if (days) {
            sink_.error(days->position, "E115", "'days' belongs to 'period: rolling_days'");
        }
        if (const RuleNode* when = reader.optional("when")) {
            counter.line_filter = compile_expression(*when, "when", {true, program.currency, &program.counters}, sink_);
        }
        reader.report_unknown_keys();
        program.counters.push_back(std::move(counter));
    }

    void read_points_policy(const RuleNode& node, CompiledProgram& program) {
        MappingReader points(node, "'points'", sink_);
        if (const RuleNode* expiry = points.optional("expiry")) read_expiry(*expiry, program.expiry);
        points.report_unknown_keys();
    }

    void read_expiry(const RuleNode& node, ExpiryPolicy& expiry) {
        MappingReader reader(node, "'expiry'", sink_);
        const RuleNode* months = reader.optional("months_after_earning");
        const RuleNode* on = reader.optional("on");
        reader.report_unknown_keys();
        if (reader.is_mapping() && (months != nullptr) == (on != nullptr)) {
            sink_.error(node.position, months ? "E115" : "E103",
                        "'expiry' takes exactly one of 'months_after_earning' or 'on'");
            return;
        }
        if (months) {
            expiry.kind = ExpiryPolicy::Kind::months_after_earning;
            expiry.months = static_cast<int>(scalars_.whole_number(*months, "months_after_earning", 1, 1200).value_or(12));
            expiry.description = "points expire " + std::to_string(expiry.months) + " months after they are earned";
        } else if (on) {
            const auto seconds = scalars_.local_time(*on, "on");
            if (seconds && *seconds % 86'400 != 0) {
                sink_.error(on->position, "E108", "'on': expiry is a date, YYYY-MM-DD: points expire as it begins");
            } else if (seconds) {
                expiry.kind = ExpiryPolicy::Kind::on_date;
                expiry.date = *Date::from_days_since_epoch(*seconds / 86'400);
                expiry.description = "points expire on " + expiry.date.to_string();
            }
        }
    }

    /// Records the id, reporting one already used by another rule.
    std::optional<std::string> read_rule_id(MappingReader& rule) {
        const RuleNode* id_node = rule.required("id");
        if (!id_node) return std::nullopt;
        auto id = scalars_.identifier(*id_node, "id");
        if (!id) return std::nullopt;
        const auto [earlier, inserted] = rule_ids_.emplace(*id, id_node->position);
        if (!inserted) {
            sink_.error(id_node->position, "E112",
                        "rule id '" + *id + "' is already used at line " +
                            std::to_string(earlier->second.line));
        }
        return id;
    }

    std::string read_description(MappingReader& rule, const std::string& id) {
        if (const RuleNode* node = rule.optional("description")) {
            if (auto text = scalars_.text(*node, "description")) return *text;
        }
        return id;
    }

    ActiveWindow read_window(const RuleNode& node) {
        ActiveWindow window;
        MappingReader reader(node, "'active'", sink_);
        const RuleNode* from = reader.optional("from");
        const RuleNode* until = reader.optional("until");
        reader.report_unknown_keys();
        if (reader.is_mapping() && !from && !until) {
            sink_.error(node.position, "E103", "'active' needs 'from', 'until' or both");
        }
        if (from) window.from_local_seconds = scalars_.local_time(*from, "from");
        if (until) window.until_local_seconds = scalars_.local_time(*until, "until");
        if (window.from_local_seconds && window.until_local_seconds &&
            *window.until_local_seconds <= *window.from_local_seconds) {
            sink_.error(until->position, "E114",
                        "'until' " + until->text + " is not after 'from' " + from->text +
                            "; the window would never be open");
        }
        return window;
    }

    void read_earn_rule(const RuleNode& node, CompiledProgram& program) {
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
            earn.condition = compile_expression(*when, "when", {false, program.currency, &program.counters}, sink_);
        }
        if (const RuleNode* active = rule.optional("active")) earn.window = read_window(*active);
        if (const RuleNode* on = rule.optional("on")) {
            const auto event = scalars_.identifier(*on, "on");
            if (event && *event != "purchase") earn.on_event = *event;
        }
        const RuleNode* once = rule.optional("once");
        const RuleNode* cooldown = rule.optional("cooldown_days");
        if (once && cooldown) sink_.error(cooldown->position, "E115", context + ": 'once' and 'cooldown_days' do not go together");
        if (once) {
            const auto index = scalars_.choice(*once, "once", {"ever", "per_calendar_year", "per_calendar_month"});
            if (index) earn.limit.kind = static_cast<FiringLimit::Kind>(*index + 1);
        } else if (cooldown) {
            earn.limit.kind = FiringLimit::Kind::cooldown_days;
            earn.limit.days = static_cast<int>(scalars_.whole_number(*cooldown, "cooldown_days", 1, 3660).value_or(1));
        }
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

    RateEarn read_rate(const RuleNode& node, const RuleNode* multipliers,
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

    Rounding read_rounding(const RuleNode& node) {
        const auto index = scalars_.choice(node, "rounding", {"floor", "ceil", "half_up", "half_even"});
        return index ? static_cast<Rounding>(*index) : Rounding::floor;
    }

    std::optional<ItemMultiplier> read_multiplier(const RuleNode& node, const CompiledProgram& program) {
        MappingReader reader(node, "a multiplier", sink_);
        const RuleNode* when = reader.required("when");
        const RuleNode* factor = reader.required("factor");
        const RuleNode* description = reader.optional("description");
        reader.report_unknown_keys();
        if (!when || !factor) return std::nullopt;
        auto condition = compile_expression(*when, "when", {true, program.currency, &program.counters}, sink_);
        const auto value = scalars_.decimal(*factor, "factor", Sign::non_negative);
        if (!condition || !value) return std::nullopt;
        std::string text = condition->source();
        if (description) text = scalars_.text(*description, "description").value_or(text);
        return ItemMultiplier{std::move(*condition), *value, std::move(text)};
    }

    EarnBoost read_boost(const RuleNode& node, const CompiledProgram& program) {
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

    void read_cap(const RuleNode& node, CompiledProgram& program) {
        MappingReader reader(node, "a cap", sink_);
        if (!reader.is_mapping()) return;
        TransactionCap cap;
        cap.id = read_rule_id(reader).value_or("");
        cap.description = read_description(reader, cap.id);
        if (const RuleNode* points_max = reader.required("points_max")) {
            cap.points_max = scalars_.whole_number(*points_max, "points_max", 1, Points::value_max).value_or(0);
        }
        if (const RuleNode* per = reader.required("per")) scalars_.choice(*per, "per", {"transaction"});
        reader.report_unknown_keys();
        program.caps.push_back(std::move(cap));
    }

    /// The counter `key` names, reporting an unknown one; `need` names the measures it may have.
    std::optional<std::size_t> read_counter_reference(MappingReader& reader, const CompiledProgram& program,
                                                      std::optional<CounterMeasure> need) {
        const RuleNode* name = reader.required("counter");
        if (!name) return std::nullopt;
        const auto id = scalars_.identifier(*name, "counter");
        if (!id) return std::nullopt;
        std::vector<std::string_view> ids;
        for (std::size_t i = 0; i < program.counters.size(); ++i) {
            ids.push_back(program.counters[i].id);
            if (program.counters[i].id != *id) continue;
            const CounterRule& counter = program.counters[i];
            if (need && counter.measure != *need) {
                sink_.error(name->position, "E115", "'counter': '" + *id + "' must count spend");
                return std::nullopt;
            }
            if (counter.period != CounterPeriod::calendar_year && counter.period != CounterPeriod::calendar_month) {
                sink_.error(name->position, "E115", "'counter': '" + *id + "' must count over a calendar year or month");
                return std::nullopt;
            }
            return i;
        }
        sink_.error(name->position, "E113", "'counter': no counter '" + *id + "' under 'counters:'" + did_you_mean(*id, ids));
        return std::nullopt;
    }

    std::int64_t read_threshold(const RuleNode& node, std::string_view key, const CounterRule& counter,
                                const CompiledProgram& program) {
        if (counter.measure == CounterMeasure::spend) {
            return scalars_.money(node, key, program.currency, Sign::non_negative).value_or(Money(0, program.currency)).minor_units();
        }
        return scalars_.whole_number(node, key, 0, Points::value_max).value_or(0);
    }

    void read_rebate(const RuleNode& node, CompiledProgram& program) {
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

    void read_tiers(const RuleNode& node, CompiledProgram& program) {
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
            if (const RuleNode* name = level.required("name")) entry.name = scalars_.identifier(*name, "name").value_or("");
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

    void read_level(const RuleNode& node, CompiledProgram& program) {
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

    void read_discount(const RuleNode& node, CompiledProgram& program) {
        MappingReader reader(node, "a discount", sink_);
        if (!reader.is_mapping()) return;
        MemberDiscount discount;
        discount.id = read_rule_id(reader).value_or("");
        discount.description = read_description(reader, discount.id);
        if (const RuleNode* percent = reader.required("percent_off")) {
            discount.percent = scalars_.decimal(*percent, "percent_off", Sign::positive).value_or(Decimal{});
            if (compare(discount.percent, Decimal{100, 0}) > 0) {
                sink_.error(percent->position, "E106", "'percent_off': " + percent->text + " is more than 100");
            }
        }
        if (const RuleNode* when = reader.optional("when")) {
            discount.condition = compile_expression(*when, "when", {false, program.currency, &program.counters}, sink_);
        }
        if (const RuleNode* rounding = reader.optional("rounding")) discount.rounding = read_rounding(*rounding);
        reader.report_unknown_keys();
        program.discounts.push_back(std::move(discount));
    }

    void read_redemption(const RuleNode& node, CompiledProgram& program) {
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

    CouponSpec read_coupon(const RuleNode& node, const CompiledProgram& program) {
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
            const auto value = scalars_.decimal(*percent, "percent_off", Sign::positive);
            if (value && compare(*value, Decimal{100, 0}) > 0) {
                sink_.error(percent->position, "E106", "'percent_off': " + percent->text + " is more than 100");
            }
            coupon.percent = value.value_or(Decimal{});
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

    DiagnosticSink& sink_;
    ScalarReader scalars_;
    std::map<std::string, SourcePosition> rule_ids_;
};

}  // namespace

std::shared_ptr<const CompiledProgram> compile_program(const RuleNode& root, DiagnosticSink& sink) {
    return ProgramCompiler(sink).compile(root);
}

}  // namespace loyalty::detail
