#include <variant>

#include "explain/sentences.hpp"

namespace loyalty::detail {
namespace {

/// The earn rule a reason names, when its action is `Action`.
template <typename Action>
const Action* action_of(Sentence& sentence, const EarnRule*& rule) {
    rule = sentence.subject_in(sentence.program.earn_rules);
    const Action* action = rule ? std::get_if<Action>(&rule->action) : nullptr;
    if (action == nullptr) sentence.mark_broken();
    return action;
}

/// Says how the points were rounded, when they were, and ends the sentence.
void end_sentence(Sentence& sentence, bool rounded, Rounding rounding) {
    if (rounded) {
        sentence.append(", ");
        sentence.append(rounding_phrase(rounding));
    }
    sentence.append('.');
}

}  // namespace

void earn_rate_sentence(Sentence& sentence) {
    const EarnRule* rule = nullptr;
    const RateEarn* rate = action_of<RateEarn>(sentence, rule);
    if (rate == nullptr) return;
    const std::int64_t flags = sentence.number(3);
    sentence.append(rule->description);
    sentence.append(": ");
    sentence.append_points(sentence.number(0));
    sentence.append(" for ");
    sentence.append_money(sentence.number(1));
    sentence.append(rate->base == EarnBase::net ? " paid" : " spent before discounts");
    const bool shipping = (flags & Reason::with_shipping) != 0;
    const bool tax = (flags & Reason::with_tax) != 0;
    if (shipping || tax) {
        sentence.append(" with ");
        if (shipping) sentence.append("shipping");
        if (shipping && tax) sentence.append(" and ");
        if (tax) sentence.append("tax");
    }
    if (sentence.number(2) > 0) {
        sentence.append(", not counting ");
        sentence.append_money(sentence.number(2));
        sentence.append(" paid with points");
    }
    sentence.append(" at ");
    sentence.append(points_phrase(rate->points));
    sentence.append(" per ");
    sentence.append(rate->per.to_string());
    const std::size_t multipliers = sentence.extra_groups(1);
    if (multipliers != rate->multipliers.size()) sentence.mark_broken();
    for (std::size_t m = 0; m < multipliers && m < rate->multipliers.size(); ++m) {
        const std::int64_t spend = sentence.extra(m, 0, 1);
        if (spend == 0) continue;
        sentence.append(", ×");
        sentence.append(rate->multipliers[m].factor.to_string());
        sentence.append(" on ");
        sentence.append_money(spend);
        sentence.append(" (");
        sentence.append(rate->multipliers[m].description);
        sentence.append(')');
    }
    if (rate->block > 1) {
        sentence.append(", in multiples of ");
        sentence.append_number(rate->block);
    }
    end_sentence(sentence, (flags & Reason::rounded) != 0, rate->rounding);
}

void earn_bonus_sentence(Sentence& sentence) {
    const EarnRule* rule = nullptr;
    const FixedBonus* bonus = action_of<FixedBonus>(sentence, rule);
    if (bonus == nullptr) return;
    sentence.append(rule->description);
    sentence.append(": ");
    sentence.append_points(bonus->points);
    sentence.append(" bonus.");
}

void earn_boost_sentence(Sentence& sentence) {
    const EarnRule* rule = nullptr;
    const EarnBoost* boost = action_of<EarnBoost>(sentence, rule);
    if (boost == nullptr) return;
    sentence.append(rule->description);
    sentence.append(": ");
    sentence.append_points(sentence.number(0));
    sentence.append(" more, ×");
    sentence.append(boost->factor.to_string());
    sentence.append(" on the ");
    sentence.append_points(sentence.number(1));
    sentence.append(" from ");
    const std::size_t sources = sentence.extra_groups(1);
    for (std::size_t i = 0; i < sources; ++i) {
        const EarnRule* source = sentence.item_at(sentence.program.earn_rules, sentence.extra(i, 0, 1));
        if (source == nullptr) return;
        if (i > 0) sentence.append(", ");
        sentence.append(source->description);
    }
    end_sentence(sentence, (sentence.number(2) & Reason::rounded) != 0, boost->rounding);
}

void level_points_sentence(Sentence& sentence) {
    const LevelReward* level = sentence.subject_in(sentence.program.levels);
    if (level == nullptr) return;
    sentence.append(level->description);
    sentence.append(": ");
    sentence.append_points(level->points);
    sentence.append(" bonus.");
}

void referral_sentence(Sentence& sentence) {
    const EarnRule* rule = sentence.subject_in(sentence.program.earn_rules);
    if (rule == nullptr) return;
    sentence.append(rule->description);
    sentence.append(": ");
    sentence.append_points(rule->referrer_points);
    sentence.append(" for referring ");
    sentence.append(sentence.outcome.member_id);
    sentence.append('.');
}

void benefit_sentence(Sentence& sentence) {
    const EarnRule* rule = sentence.subject_in(sentence.program.earn_rules);
    if (rule == nullptr) return;
    sentence.append(rule->description);
    sentence.append('.');
}

void badge_sentence(Sentence& sentence) {
    const LevelReward* level = sentence.subject_in(sentence.program.levels);
    if (level == nullptr) return;
    sentence.append("Badge '");
    sentence.append(level->badge);
    sentence.append("': ");
    sentence.append(level->description);
    sentence.append('.');
}

void pending_note(Sentence& sentence) {
    const Delta* delta = sentence.delta;
    if (delta == nullptr || !delta->new_lot || !delta->new_lot->pending_until) return;
    sentence.append(" Pending until ");
    sentence.append_date(delta->new_lot->pending_until->days_since_epoch());
    sentence.append(", after the return window.");
}

void cap_notes(Sentence& sentence) {
    const Reason& reason = sentence.reason;
    const std::vector<std::int64_t>& numbers = sentence.outcome.reason_numbers;
    if (std::uint64_t{reason.first_cap_note} + std::uint64_t{reason.cap_note_count} * 3 > numbers.size()) {
        sentence.mark_broken();
        return;
    }
    for (std::size_t note = 0; note < reason.cap_note_count; ++note) {
        const std::size_t at = reason.first_cap_note + note * 3;
        const EarnCap* cap = sentence.item_at(sentence.program.caps, numbers[at]);
        if (cap == nullptr) return;
        sentence.append(" Limited by ");
        sentence.append(cap->description);
        sentence.append(" to ");
        sentence.append_points(cap->points_max);
        sentence.append(' ');
        sentence.append(cap_period_phrase(*cap));
        if (cap->period) {
            sentence.append(" (");
            sentence.append_points(numbers[at + 1]);
            sentence.append(" already earned)");
        }
        sentence.append(": ");
        sentence.append_points(numbers[at + 2]);
        sentence.append(" over the cap not awarded.");
    }
}

}  // namespace loyalty::detail
