#pragma once
// The sentence of each kind of reason, written into a Sentence.

#include "explain/sentence.hpp"

namespace loyalty::detail {

// Earning (earn_sentences.cpp).
void earn_rate_sentence(Sentence& sentence);
void earn_bonus_sentence(Sentence& sentence);
void earn_boost_sentence(Sentence& sentence);
void level_points_sentence(Sentence& sentence);
void referral_sentence(Sentence& sentence);
void benefit_sentence(Sentence& sentence);
void badge_sentence(Sentence& sentence);
/// " Pending until …": points a purchase credits wait out the program's pending days.
void pending_note(Sentence& sentence);
/// " Limited by …", one for each cap that trimmed the delta.
void cap_notes(Sentence& sentence);

// Spending, expiring, coupons and discounts (spend_sentences.cpp).
void redemption_sentence(Sentence& sentence);
void points_payment_sentence(Sentence& sentence);
void expiry_sentence(Sentence& sentence);
void refund_expiry_sentence(Sentence& sentence);
void release_sentence(Sentence& sentence);
void member_discount_sentence(Sentence& sentence);
void coupon_issue_sentence(Sentence& sentence);
void coupon_use_sentence(Sentence& sentence);
void coupon_discount_sentence(Sentence& sentence);

// Returns (return_sentences.cpp).
void refund_sentence(Sentence& sentence);
void clawback_pending_sentence(Sentence& sentence);
void clawback_points_sentence(Sentence& sentence);
void clawback_owed_sentence(Sentence& sentence);
void coupon_restore_sentence(Sentence& sentence);

// Period closes and tiers (period_sentences.cpp).
void tier_reached_sentence(Sentence& sentence);
void tier_review_sentence(Sentence& sentence);
void rebate_sentence(Sentence& sentence);

}  // namespace loyalty::detail
