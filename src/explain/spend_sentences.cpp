#include "explain/sentences.hpp"

namespace loyalty::detail {
namespace {

/// " earned on 2026-03-01", or `opening` for points of the opening balance.
void append_earned(Sentence& sentence, std::int64_t earned_on, std::string_view opening) {
    if (earned_on == Reason::opening_balance) {
        sentence.append(opening);
        return;
    }
    sentence.append(" earned on ");
    sentence.append_date(earned_on);
}

/// "60 earned on 2026-03-01, 40 earned on 2026-04-02 and 10 from the opening balance": the lots a
/// delta took from, with the day each was earned in the reason's extras.
void append_lots(Sentence& sentence) {
    const std::size_t lots = sentence.extra_groups(1);
    if (sentence.delta == nullptr || lots != sentence.delta->consumed_lots.size()) {
        sentence.mark_broken();
        return;
    }
    for (std::size_t i = 0; i < lots; ++i) {
        if (i > 0) sentence.append(i + 1 == lots ? " and " : ", ");
        sentence.append_number(sentence.delta->consumed_lots[i].points);
        append_earned(sentence, sentence.extra(i, 0, 1), " from the opening balance");
    }
}

/// The coupon a delta carries, or null (and broken).
const Coupon* coupon_of(Sentence& sentence, const Delta* delta) {
    if (delta == nullptr || !delta->coupon) {
        sentence.mark_broken();
        return nullptr;
    }
    return &*delta->coupon;
}

}  // namespace

void redemption_sentence(Sentence& sentence) {
    const RedemptionRule* rule = sentence.subject_in(sentence.program.redemptions);
    if (rule == nullptr) return;
    sentence.append("Redeemed ");
    sentence.append_points(rule->points);
    sentence.append(" for ");
    sentence.append(rule->description);
    sentence.append(": ");
    append_lots(sentence);
    sentence.append('.');
}

void points_payment_sentence(Sentence& sentence) {
    if (!sentence.program.pay_rate) {
        sentence.mark_broken();
        return;
    }
    const PointsPayRate& rate = *sentence.program.pay_rate;
    sentence.append("Paid ");
    sentence.append_money(sentence.number(0));
    sentence.append(" of this purchase with ");
    sentence.append_points(sentence.amount());
    sentence.append(" (");
    sentence.append_points(rate.points);
    sentence.append(" pay ");
    sentence.append(rate.worth.to_string());
    sentence.append("): ");
    append_lots(sentence);
    sentence.append('.');
}

void expiry_sentence(Sentence& sentence) {
    const std::size_t lots = sentence.extra_groups(2);
    const Delta* delta = sentence.delta;
    if (delta == nullptr || lots != delta->consumed_lots.size()) {
        sentence.mark_broken();
        return;
    }
    const bool pending = delta->debit == AccountKind::member_pending;
    sentence.append("Points expired: ");
    for (std::size_t i = 0; i < lots; ++i) {
        if (i > 0) sentence.append(", ");
        sentence.append_points(delta->consumed_lots[i].points);
        if (pending) sentence.append(" pending");
        append_earned(sentence, sentence.extra(i, 0, 2), " of the opening balance");
        sentence.append(" expired on ");
        sentence.append_date(sentence.extra(i, 1, 2));
    }
    const std::string& why = sentence.program.expiry.description;
    if (!why.empty()) {
        sentence.append(" (");
        sentence.append(why);
        sentence.append(')');
    }
    sentence.append('.');
}

void refund_expiry_sentence(Sentence& sentence) {
    sentence.append("Points expired: the ");
    sentence.append_points(sentence.amount());
    sentence.append(" given back expired on ");
    sentence.append_date(sentence.number(0));
    sentence.append(", as the points that paid would have.");
}

void release_sentence(Sentence& sentence) {
    sentence.append("Pending points now spendable, the return window having passed: ");
    append_lots(sentence);
    sentence.append('.');
}

void member_discount_sentence(Sentence& sentence) {
    const MemberDiscount* discount = sentence.subject_in(sentence.program.discounts);
    if (discount == nullptr) return;
    sentence.append(discount->description);
    sentence.append(": ");
    sentence.append(discount->percent.to_string());
    sentence.append(" % off ");
    sentence.append_money(sentence.number(0));
    sentence.append(", ");
    sentence.append_money(sentence.amount());
    sentence.append(" saved.");
}

void coupon_issue_sentence(Sentence& sentence) {
    const Coupon* coupon = coupon_of(sentence, sentence.delta);
    if (coupon == nullptr) return;
    append_coupon_issue_phrase(sentence.text, coupon->description, coupon->valid_from, coupon->valid_until);
}

void coupon_use_sentence(Sentence& sentence) {
    const Coupon* coupon = coupon_of(sentence, sentence.delta);
    if (coupon == nullptr) return;
    sentence.append("Coupon used: ");
    sentence.append(coupon->description);
    sentence.append('.');
}

void coupon_discount_sentence(Sentence& sentence) {
    const Delta* use = sentence.subject_in(sentence.outcome.deltas);
    const Coupon* coupon = use ? coupon_of(sentence, use) : nullptr;
    if (coupon == nullptr) return;
    sentence.append(coupon->description);
    sentence.append(": ");
    switch (coupon->benefit) {
        case CouponBenefit::percent_off:
            sentence.append(coupon->percent.to_string());
            sentence.append(" % off ");
            sentence.append_money(sentence.number(0));
            break;
        case CouponBenefit::amount_off:
            sentence.append(coupon->amount.to_string());
            sentence.append(" off");
            break;
        case CouponBenefit::free_item:
            sentence.append("one ");
            sentence.append(coupon->sku);
            sentence.append(" free");
            break;
    }
    sentence.append(", ");
    sentence.append_money(sentence.amount());
    sentence.append(" saved.");
}

}  // namespace loyalty::detail
