#include "explain/explanation.hpp"

#include "explain/sentences.hpp"

namespace loyalty::detail {
namespace {

void write(Sentence& sentence) {
    switch (sentence.reason.kind) {
        case Reason::Kind::earn_rate: earn_rate_sentence(sentence); return;
        case Reason::Kind::earn_bonus: earn_bonus_sentence(sentence); return;
        case Reason::Kind::earn_boost: earn_boost_sentence(sentence); return;
        case Reason::Kind::level_points: level_points_sentence(sentence); return;
        case Reason::Kind::referral: referral_sentence(sentence); return;
        case Reason::Kind::benefit: benefit_sentence(sentence); return;
        case Reason::Kind::badge: badge_sentence(sentence); return;
        case Reason::Kind::coupon_issue: coupon_issue_sentence(sentence); return;
        case Reason::Kind::redemption: redemption_sentence(sentence); return;
        case Reason::Kind::points_payment: points_payment_sentence(sentence); return;
        case Reason::Kind::expiry: expiry_sentence(sentence); return;
        case Reason::Kind::refund_expiry: refund_expiry_sentence(sentence); return;
        case Reason::Kind::release: release_sentence(sentence); return;
        case Reason::Kind::member_discount: member_discount_sentence(sentence); return;
        case Reason::Kind::coupon_use: coupon_use_sentence(sentence); return;
        case Reason::Kind::coupon_discount: coupon_discount_sentence(sentence); return;
        case Reason::Kind::refund: refund_sentence(sentence); return;
        case Reason::Kind::clawback_pending: clawback_pending_sentence(sentence); return;
        case Reason::Kind::clawback_points: clawback_points_sentence(sentence); return;
        case Reason::Kind::clawback_owed: clawback_owed_sentence(sentence); return;
        case Reason::Kind::coupon_restore: coupon_restore_sentence(sentence); return;
        case Reason::Kind::tier_reached: tier_reached_sentence(sentence); return;
        case Reason::Kind::tier_review: tier_review_sentence(sentence); return;
        case Reason::Kind::rebate: rebate_sentence(sentence); return;
    }
    // A kind no case names: a value the outcome was edited to.
    sentence.mark_broken();
}

}  // namespace

bool append_explanation(std::string& text, const CompiledProgram& program, const Outcome& outcome, const Delta& delta) {
    Sentence sentence(text, program, outcome, delta.reason, &delta);
    write(sentence);
    pending_note(sentence);
    cap_notes(sentence);
    return !sentence.broken();
}

bool append_reason(std::string& text, const CompiledProgram& program, const Outcome& outcome, const Reason& reason) {
    Sentence sentence(text, program, outcome, reason, nullptr);
    write(sentence);
    return !sentence.broken();
}

}  // namespace loyalty::detail
