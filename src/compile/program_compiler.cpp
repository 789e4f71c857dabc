#include "compile/program_compiler.hpp"

#include <algorithm>

#include "compile/program_reader.hpp"
#include "compile/suggestion.hpp"
#include "expr/expression_compiler.hpp"
#include "loyalty/limits.hpp"
#include "loyalty/points.hpp"

namespace loyalty::detail {

std::shared_ptr<CompiledProgram> ProgramCompiler::compile(const RuleNode& root) {
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
        if (const RuleNode* spent = reader.optional("spent")) {
            program->returns.negative_balance = scalars_.choice(*spent, "spent", {"owe", "negative_balance"}).value_or(0) == 1;
        }
        if (const RuleNode* referrer = reader.optional("referrer_points")) {
            program->returns.keep_referrer_points =
                scalars_.choice(*referrer, "referrer_points", {"take_back", "keep"}).value_or(0) == 1;
        }
        reader.report_unknown_keys();
    }
    if (const RuleNode* late = top.optional("late_transactions")) {
        MappingReader reader(*late, "'late_transactions'", sink_);
        if (const RuleNode* days = reader.required("allowed_days")) {
            program->late_days_allowed = scalars_.whole_number(*days, "allowed_days", 0, limits::late_days_allowed_max)
                                             .value_or(program->late_days_allowed);
        }
        reader.report_unknown_keys();
    }
    // Counters first: conditions anywhere may read them.
    if (const RuleNode* counters = top.optional("counters")) {
        read_list(*counters, "counters", [&](const RuleNode& node) { read_counter(node, *program); });
    }
    if (const RuleNode* groups = top.optional("groups")) {
        read_list(*groups, "groups", [&](const RuleNode& node) { read_group(node, *program); });
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
    program->earn_index = EarnRuleIndex(program->earn_rules);
    program->number_rules();
    return program;
}

void ProgramCompiler::read_header(const RuleNode& node, CompiledProgram& program) {
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

void ProgramCompiler::read_counter(const RuleNode& node, CompiledProgram& program) {
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
        counter.line_filter = compile_expression(*when, "when", {true, program.currency, &program.counters, &program.time_zone}, sink_);
    }
    reader.report_unknown_keys();
    program.counters.push_back(std::move(counter));
}

void ProgramCompiler::read_points_policy(const RuleNode& node, CompiledProgram& program) {
    MappingReader points(node, "'points'", sink_);
    if (const RuleNode* expiry = points.optional("expiry")) read_expiry(*expiry, program.expiry);
    if (const RuleNode* pending = points.optional("pending_days")) {
        program.pending_days = scalars_.whole_number(*pending, "pending_days", 1, 3660).value_or(0);
    }
    if (const RuleNode* pay_rate = points.optional("pay_rate")) {
        MappingReader reader(*pay_rate, "'pay_rate'", sink_);
        PointsPayRate rate{1, Money(1, program.currency)};
        if (const RuleNode* count = reader.required("points")) {
            rate.points = scalars_.whole_number(*count, "points", 1, Points::value_max).value_or(1);
        }
        if (const RuleNode* worth = reader.required("worth")) {
            rate.worth = scalars_.money(*worth, "worth", program.currency, Sign::positive).value_or(rate.worth);
        }
        reader.report_unknown_keys();
        program.pay_rate = rate;
    }
    points.report_unknown_keys();
}

void ProgramCompiler::read_expiry(const RuleNode& node, ExpiryPolicy& expiry) {
    MappingReader reader(node, "'expiry'", sink_);
    const RuleNode* months = reader.optional("months_after_earning");
    const RuleNode* on = reader.optional("on");
    const RuleNode* inactive = reader.optional("months_without_activity");
    reader.report_unknown_keys();
    const int given = (months != nullptr) + (on != nullptr) + (inactive != nullptr);
    if (reader.is_mapping() && given != 1) {
        sink_.error(node.position, given > 1 ? "E115" : "E103",
                    "'expiry' takes exactly one of 'months_after_earning', 'on' or 'months_without_activity'");
        return;
    }
    if (inactive) {
        expiry.kind = ExpiryPolicy::Kind::months_without_activity;
        expiry.months = static_cast<int>(scalars_.whole_number(*inactive, "months_without_activity", 1, 1200).value_or(12));
        expiry.description = "points expire after " + std::to_string(expiry.months) +
                             " months without a purchase or a redemption";
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
std::optional<std::string> ProgramCompiler::read_rule_id(MappingReader& rule) {
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

std::string ProgramCompiler::read_description(MappingReader& rule, const std::string& id) {
    if (const RuleNode* node = rule.optional("description")) {
        if (auto text = scalars_.text(*node, "description")) return *text;
    }
    return id;
}

std::optional<std::int64_t> ProgramCompiler::read_instant(const RuleNode& node, std::string_view key,
                                                         const CompiledProgram& program, std::optional<std::int64_t>& local) {
    local = scalars_.local_time(node, key);
    if (!local) return std::nullopt;
    const auto utc = program.time_zone.utc_seconds(*local);
    if (!utc) {
        sink_.error(node.position, "E108",
                    "'" + std::string(key) + "': " + node.text + " does not exist on the program's clock (" +
                        program.time_zone.name() + "): the clocks go forward over it");
    }
    return utc;
}

ActiveWindow ProgramCompiler::read_window(const RuleNode& node, const CompiledProgram& program) {
    ActiveWindow window;
    MappingReader reader(node, "'active'", sink_);
    const RuleNode* from = reader.optional("from");
    const RuleNode* until = reader.optional("until");
    reader.report_unknown_keys();
    if (reader.is_mapping() && !from && !until) {
        sink_.error(node.position, "E103", "'active' needs 'from', 'until' or both");
    }
    if (from) window.from_utc_seconds = read_instant(*from, "from", program, window.from_local_seconds);
    if (until) window.until_utc_seconds = read_instant(*until, "until", program, window.until_local_seconds);
    if (window.from_utc_seconds && window.until_utc_seconds && *window.until_utc_seconds <= *window.from_utc_seconds) {
        sink_.error(until->position, "E114",
                    "'until' " + until->text + " is not after 'from' " + from->text +
                        "; the window would never be open");
    }
    return window;
}

Rounding ProgramCompiler::read_rounding(const RuleNode& node) {
    const auto index = scalars_.choice(node, "rounding", {"floor", "ceil", "half_up", "half_even"});
    return index ? static_cast<Rounding>(*index) : Rounding::floor;
}

/// The counter `key` names, reporting an unknown one; `need` names the measures it may have.
std::optional<std::size_t> ProgramCompiler::read_counter_reference(MappingReader& reader, const CompiledProgram& program,
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

std::int64_t ProgramCompiler::read_threshold(const RuleNode& node, std::string_view key, const CounterRule& counter,
                            const CompiledProgram& program) {
    if (counter.measure == CounterMeasure::spend) {
        return scalars_.money(node, key, program.currency, Sign::non_negative).value_or(Money(0, program.currency)).minor_units();
    }
    return scalars_.whole_number(node, key, 0, Points::value_max).value_or(0);
}

/// A percentage above 0 and at most 100.
Decimal ProgramCompiler::read_percent_off(const RuleNode& node) {
    const auto value = scalars_.decimal(node, "percent_off", Sign::positive);
    if (value && compare(*value, Decimal{100, 0}) > 0) {
        sink_.error(node.position, "E106", "'percent_off': " + node.text + " is more than 100");
    }
    return value.value_or(Decimal{});
}

std::shared_ptr<CompiledProgram> compile_program(const RuleNode& root, DiagnosticSink& sink) {
    return ProgramCompiler(sink).compile(root);
}

}  // namespace loyalty::detail
