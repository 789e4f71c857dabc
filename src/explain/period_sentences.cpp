#include "explain/sentences.hpp"

namespace loyalty::detail {
namespace {

const TierLadder::Level* tier_of(Sentence& sentence, std::int64_t index) {
    if (!sentence.program.tiers.defined) {
        sentence.mark_broken();
        return nullptr;
    }
    return sentence.item_at(sentence.program.tiers.levels, index);
}

}  // namespace

void tier_reached_sentence(Sentence& sentence) {
    const TierLadder::Level* tier = tier_of(sentence, sentence.reason.subject);
    const CounterRule* counter = sentence.item_at(sentence.program.counters, static_cast<std::int64_t>(sentence.program.tiers.counter));
    if (tier == nullptr || counter == nullptr) return;
    sentence.append("Welcome to ");
    sentence.append(tier->name);
    sentence.append(": ");
    sentence.append_number(sentence.number(0));
    sentence.append(' ');
    sentence.append(counter->description);
    sentence.append(", kept through ");
    sentence.append_date(sentence.number(1));
    sentence.append('.');
}

void tier_review_sentence(Sentence& sentence) {
    const TierLadder::Level* tier = tier_of(sentence, sentence.reason.subject);
    if (tier == nullptr) return;
    sentence.append("Tier ");
    sentence.append(tier->name);
    sentence.append(" after the review of ");
    sentence.append_period(sentence.number(1), sentence.number(2));
    sentence.append(": ");
    sentence.append_number(sentence.number(0));
    sentence.append(" counted in ");
    sentence.append_period(sentence.number(1), sentence.number(2));
    if (sentence.number(3) != Reason::not_below) {
        const TierLadder::Level* before = tier_of(sentence, sentence.number(3));
        if (before == nullptr) return;
        sentence.append(", below ");
        sentence.append(before->name);
        sentence.append(", which was kept through ");
        sentence.append_date(sentence.number(4));
    }
    sentence.append('.');
}

void rebate_sentence(Sentence& sentence) {
    const Rebate* rebate = sentence.subject_in(sentence.program.rebates);
    if (rebate == nullptr) return;
    const std::int64_t spend = sentence.number(0);
    sentence.append(rebate->description);
    sentence.append(" for ");
    sentence.append_period(sentence.number(1), sentence.number(2));
    sentence.append(": ");
    // The brackets the spend reached, as the rebate computed them: each rate on its part for a
    // marginal rebate, the rate reached on all of it otherwise.
    const auto& brackets = rebate->brackets;
    bool first_part = true;
    for (std::size_t i = 0; i < brackets.size(); ++i) {
        if (spend < brackets[i].from) break;
        const bool last = i + 1 == brackets.size() || spend < brackets[i + 1].from;
        if (rebate->marginal) {
            const std::int64_t upper = last ? spend : brackets[i + 1].from;
            if (!first_part) sentence.append(", ");
            first_part = false;
            sentence.append(brackets[i].percent.to_string());
            sentence.append(" % of ");
            sentence.append_money(upper - brackets[i].from);
        } else if (last) {
            sentence.append(brackets[i].percent.to_string());
            sentence.append(" %");
        }
    }
    sentence.append(rebate->marginal ? " on " : " of ");
    sentence.append_money(spend);
    sentence.append(" net spend, ");
    sentence.append_money(sentence.amount());
    sentence.append(" as store credit.");
}

}  // namespace loyalty::detail
