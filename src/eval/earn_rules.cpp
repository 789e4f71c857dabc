#include "eval/earn_rules.hpp"

#include <algorithm>

#include "core/stable_hash.hpp"
#include "core/time_zone.hpp"
#include "eval/coupon_issue.hpp"
#include "eval/earn_caps.hpp"
#include "explain/wording.hpp"

namespace loyalty::detail {
namespace {

/// About one in `rule.one_in`, drawn from the program, the rule and the transaction id alone.
bool drawn(const Evaluation& evaluation, const EarnRule& rule) {
    if (rule.one_in == 0) return true;
    StableHash hash;
    hash.add(evaluation.program.name);
    hash.add(rule.id);
    hash.add(evaluation.transaction.id);
    return hash.value() % static_cast<std::uint64_t>(rule.one_in) == 0;
}

/// The earlier firing that keeps a once-limited rule from firing today, if any.
const RuleUse* blocking_use(const Evaluation& evaluation, const EarnRule& rule) {
    if (rule.limit.kind == FiringLimit::Kind::unlimited) return nullptr;
    const auto [first, last] = evaluation.member.rule_uses.equal_range(std::string_view(rule.id));
    const auto use = std::find_if(first, last, [&](const RuleUse& u) { return rule.limit.blocks(u.period_start, evaluation.today); });
    return use == last ? nullptr : &*use;
}

/// Why an earlier firing, in the period starting `used`, blocks this one.
std::string blocked_phrase(const FiringLimit& limit, Date used) {
    switch (limit.kind) {
        case FiringLimit::Kind::ever: return "already fired once, and it fires once ever";
        case FiringLimit::Kind::per_calendar_year: return "already fired in " + std::to_string(used.year()) + ", and it fires once per calendar year";
        case FiringLimit::Kind::per_calendar_month:
            return "already fired in the month from " + used.to_string() + ", and it fires once per calendar month";
        case FiringLimit::Kind::cooldown_days:
            return "fired on " + used.to_string() + ", and it fires at most once per " + std::to_string(limit.days) + " days";
        case FiringLimit::Kind::unlimited: break;
    }
    return "already fired";
}

/// Points a purchase credits anyone wait out the program's pending days, the referrer's too.
void hold_if_pending(const Evaluation& evaluation, Delta& delta) {
    const std::int64_t pending_days = evaluation.program.pending_days;
    if (pending_days == 0 || evaluation.transaction.kind != TransactionKind::purchase) return;
    delta.credit = AccountKind::member_pending;
    delta.new_lot->pending_until = evaluation.today.add_days(pending_days);
}

/// Whether the member has a referrer whom `rule`'s referral points go to.
const std::string* referrer_of(const Evaluation& evaluation, const EarnRule& rule) {
    const auto referrer = evaluation.member.attributes.find("referrer");
    if (rule.referrer_points == 0 || referrer == evaluation.member.attributes.end() || referrer->second.empty() ||
        referrer->second == evaluation.member.id) {
        return nullptr;
    }
    return &referrer->second;
}

/// The referrer's delta, and what the purchase's record keeps of it.
void add_referrer_delta(Evaluation& evaluation, const PlannedEarn& planned) {
    const EarnRule& rule = evaluation.program.earn_rules[planned.rule];
    const std::string& referrer = *referrer_of(evaluation, rule);
    evaluation.earned.referrer = &referrer;
    evaluation.earned.referrer_points += planned.points;
    Delta delta = evaluation.delta(DeltaKind::earn, rule.number, planned.points, planned.reason, DeltaPart::Kind::referrer);
    delta.owner = evaluation.other_owner(referrer);
    delta.debit = AccountKind::program_points_issued;
    delta.credit = AccountKind::member_points;
    delta.new_lot = NewLot{evaluation.today, evaluation.program.expiry.expiry_of(evaluation.today), std::nullopt};
    hold_if_pending(evaluation, delta);
    evaluation.outcome.deltas.push_back(std::move(delta));
}

void mark_used(Evaluation& evaluation, const EarnRule& rule) {
    if (rule.limit.kind == FiringLimit::Kind::unlimited) return;
    evaluation.change(StateChange::Kind::use_rule, rule.id, rule.limit.period_of(evaluation.today));
}

/// Plans what `rule` gives; false when a rate or boost came to nothing.
bool fire(Evaluation& evaluation, const ExpressionInput& input, std::size_t index, EarnedByRule& earned_by_rule) {
    const EarnRule& rule = evaluation.program.earn_rules[index];
    std::vector<PlannedEarn>& plan = evaluation.buffers.planned_earns;
    if (std::holds_alternative<BenefitAction>(rule.action)) {
        plan.push_back({PlannedEarn::What::benefit, index, 1, Evaluation::reason(Reason::Kind::benefit, index)});
        evaluation.trace(rule.id, true, [&] { return evaluation.sentence(plan.back().reason); });
        return true;
    }
    if (const auto* coupon = std::get_if<CouponAction>(&rule.action)) {
        plan.push_back({PlannedEarn::What::coupon, index, 1, Evaluation::reason(Reason::Kind::coupon_issue, index)});
        evaluation.trace(rule.id, true, [&] {
            const CouponValidity validity = coupon_validity(evaluation, coupon->coupon);
            std::string text;
            append_coupon_issue_phrase(text, rule.description, validity.from, validity.until);
            return text;
        });
        return true;
    }
    const std::size_t first_number = evaluation.outcome.reason_numbers.size();
    const EarnedPoints earned = evaluate_earn_rule(index, input, evaluation, earned_by_rule);
    earned_by_rule.record(index, earned.points);
    if (earned.points <= 0) {
        evaluation.trace(rule.id, false, [&] {
            return "earned nothing: " + (earned.has_reason ? evaluation.sentence(earned.reason) : std::string());
        });
        evaluation.outcome.reason_numbers.resize(first_number);
        return false;
    }
    evaluation.trace(rule.id, true, [&] { return evaluation.sentence(earned.reason); });
    plan.push_back({PlannedEarn::What::points, index, earned.points, earned.reason});
    if (referrer_of(evaluation, rule)) {
        plan.push_back({PlannedEarn::What::referral, index, rule.referrer_points, Evaluation::reason(Reason::Kind::referral, index)});
    }
    return true;
}

/// The deltas of the plan as the caps left it, in the order the rules fired, each once, with the
/// buyer's points credited to its lots and what was earned kept for the purchase's record. A
/// once-limited rule is used when it gave anything: one whose points a cap took entirely stays
/// unused.
void make_earn_deltas(Evaluation& evaluation) {
    const std::vector<PlannedEarn>& plan = evaluation.buffers.planned_earns;
    const std::vector<PlannedCapNote>& notes = evaluation.buffers.cap_notes;
    for (std::size_t entry = 0; entry < plan.size(); ++entry) {
        const PlannedEarn& planned = plan[entry];
        const EarnRule& rule = evaluation.program.earn_rules[planned.rule];
        if (planned.points == 0) continue;
        switch (planned.what) {
            case PlannedEarn::What::points: {
                Reason reason = planned.reason;
                reason.first_cap_note = static_cast<std::uint32_t>(evaluation.outcome.reason_numbers.size());
                for (const PlannedCapNote& note : notes) {
                    if (note.entry != entry) continue;
                    evaluation.outcome.reason_numbers.insert(evaluation.outcome.reason_numbers.end(),
                                                             {static_cast<std::int64_t>(note.cap), note.used, note.over});
                    ++reason.cap_note_count;
                }
                Delta delta = earn_delta(evaluation, rule.number, planned.points, reason);
                evaluation.credit_member(delta);
                evaluation.outcome.deltas.push_back(std::move(delta));
                evaluation.earned.own_points += planned.points;
                break;
            }
            case PlannedEarn::What::referral: add_referrer_delta(evaluation, planned); break;
            case PlannedEarn::What::benefit: {
                Delta delta = evaluation.delta(DeltaKind::benefit, rule.number, 1, planned.reason);
                delta.debit = AccountKind::program_benefits;
                delta.credit = AccountKind::member_benefits;
                evaluation.outcome.deltas.push_back(std::move(delta));
                break;
            }
            case PlannedEarn::What::coupon:
                issue_coupon(evaluation, rule.number, rule.description, std::get<CouponAction>(rule.action).coupon);
                break;
        }
        // A rule's referral follows its own points: the rule is marked once.
        const bool next_is_same_rule = entry + 1 < plan.size() && plan[entry + 1].rule == planned.rule;
        if (!next_is_same_rule || plan[entry + 1].points == 0) mark_used(evaluation, rule);
    }
}

}  // namespace

Delta earn_delta(const Evaluation& evaluation, std::uint32_t rule, std::int64_t points, const Reason& reason) {
    Delta delta = evaluation.delta(DeltaKind::earn, rule, points, reason);
    delta.debit = AccountKind::program_points_issued;
    delta.credit = AccountKind::member_points;
    delta.new_lot = NewLot{evaluation.today, evaluation.program.expiry.expiry_of(evaluation.today), std::nullopt};
    hold_if_pending(evaluation, delta);
    return delta;
}

void run_earn_rules(Evaluation& evaluation, const ExpressionInput& input) {
    const CompiledProgram& program = evaluation.program;
    const Transaction& transaction = evaluation.transaction;
    const std::string_view event = transaction.kind == TransactionKind::event ? std::string_view(transaction.event_name)
                                                                              : std::string_view();
    // A trace says why each rule of this event did not fire, its channel's or not.
    const std::vector<std::size_t>& rules = evaluation.options->trace ? program.earn_index.all(event)
                                                               : program.earn_index.candidates(event, transaction.channel);
    evaluation.buffers.planned_earns.clear();
    evaluation.buffers.cap_notes.clear();
    EarnedByRule earned_by_rule(evaluation.buffers.earned_by_rule);
    // The rule that fired first in each group, and the rule that stopped the rest.
    std::vector<const EarnRule*> group_winner(program.groups.size(), nullptr);
    const EarnRule* stopped_by = nullptr;
    for (const std::size_t i : rules) {
        const EarnRule& rule = program.earn_rules[i];
        const auto skip = [&](auto reason) { evaluation.trace(rule.id, false, reason); };
        if (stopped_by) {
            skip([&] { return "rule '" + stopped_by->id + "' fired and stops the rules after it"; });
            continue;
        }
        if (rule.group && group_winner[*rule.group]) {
            skip([&] {
                return "rule '" + group_winner[*rule.group]->id + "' already fired in group '" +
                       program.groups[*rule.group].id + "', which takes the first match";
            });
            continue;
        }
        if (!rule.enabled) {
            skip([] { return std::string("switched off (enabled: false)"); });
            continue;
        }
        if (!rule.window.contains(transaction.at.utc_seconds())) {
            skip([&] {
                const ActiveWindow& window = rule.window;
                return "outside its active window" +
                       (window.from_local_seconds ? " from " + local_time_text(*window.from_local_seconds) : std::string()) +
                       (window.until_local_seconds ? " until " + local_time_text(*window.until_local_seconds) : std::string()) +
                       ", on the program's clock: it is " + local_time_text(input.local_seconds);
            });
            continue;
        }
        if (const RuleUse* use = blocking_use(evaluation, rule)) {
            skip([&] { return blocked_phrase(rule.limit, use->period_start); });
            continue;
        }
        if (!drawn(evaluation, rule)) {
            skip([&] { return "not drawn this time: it fires for about one transaction in " + std::to_string(rule.one_in); });
            continue;
        }
        if (rule.condition && !rule.condition->is_true(input)) {
            skip([&] { return rule.condition->why_false(input); });
            continue;
        }
        if (!fire(evaluation, input, i, earned_by_rule)) continue;
        if (rule.group && program.groups[*rule.group].first_match) group_winner[*rule.group] = &rule;
        if (rule.stop) stopped_by = &rule;
    }
    const std::int64_t awarded = apply_caps(evaluation);
    make_earn_deltas(evaluation);
    count_toward_caps(evaluation, awarded);
}

}  // namespace loyalty::detail
