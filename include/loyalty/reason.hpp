#pragma once
// Why a delta is what it is, kept as numbers: the sentence is rendered from them on demand.

#include <array>
#include <cstdint>
#include <limits>

namespace loyalty {

/// What a delta's explanation is rendered from (Program::explain): which sentence, the program's
/// rule it names, and the amounts and dates in it. Evaluating writes no text; a host that never
/// shows explanations never pays for them.
///
/// Amounts are minor units of the program's currency, dates are days since 1970-01-01, points are
/// points. `extras` and `cap_notes` are ranges of Outcome::reason_numbers, so that a sentence
/// with a part per lot, per multiplier or per returned line keeps a fixed size here.
struct Reason {
    enum class Kind : std::uint8_t {
        /// An earn rate. subject: the earn rule. numbers: points before any cap, the spend counted,
        /// what points paid and the rate does not count (0 when it counts it), flags (rounded 1,
        /// with shipping 2, with tax 4). extras: the spend each of the rule's multipliers took.
        earn_rate,
        /// A fixed bonus. subject: the earn rule.
        earn_bonus,
        /// A boost of other rules' points. subject: the earn rule. numbers: points, the points
        /// boosted, flags (rounded 1). extras: the earn rules the boosted points came from.
        earn_boost,
        /// A counter level's points. subject: the level.
        level_points,
        /// A referrer's points for the buyer's purchase. subject: the earn rule.
        referral,
        /// A benefit. subject: the earn rule.
        benefit,
        /// A badge. subject: the level.
        badge,
        /// A coupon given: the sentence reads the delta's coupon.
        coupon_issue,
        /// Points spent on a redemption. subject: the redemption. extras: the day each lot taken
        /// from was earned (opening_balance for the opening balance's).
        redemption,
        /// Points paying part of a purchase. numbers: what they paid. extras: as redemption.
        points_payment,
        /// Lots past their date. extras: per lot taken, the day it was earned (or
        /// opening_balance) and the day it expired.
        expiry,
        /// Points given back by a return that expired at once. numbers: the day they expired.
        refund_expiry,
        /// Pending points become spendable. extras: as redemption.
        release,
        /// A member discount. subject: the discount. numbers: the cost it was taken off.
        member_discount,
        /// A coupon used: the sentence reads the delta's coupon.
        coupon_use,
        /// What a coupon took off. subject: the position of its coupon_use delta in the outcome.
        /// numbers: the cost before it.
        coupon_discount,
        /// The return kinds. numbers: what the returned lines paid, what the purchase paid, then
        /// as each says. extras: per returned line, its position in the purchase record the
        /// outcome keeps and the quantity returned.
        /// numbers[2]: the points that paid for the purchase.
        refund,
        /// numbers[2]: the points taken back in all; the delta's amount came from pending points.
        clawback_pending,
        /// numbers[2]: the points taken back in all; numbers[3]: those the lots held.
        clawback_points,
        /// The delta's amount had been spent and is owed.
        clawback_owed,
        /// The whole purchase came back: its coupon may be used again.
        coupon_restore,
        /// A tier reached by a purchase. subject: the tier. numbers: the counter's value, the
        /// day the tier is kept through.
        tier_reached,
        /// A tier given by a period's review. subject: the tier. numbers: the counter's value, the
        /// period's first day, 1 for a month's period (0 for a year's), and for a tier below the
        /// one before: that tier's position in the ladder and the day it was kept through.
        tier_review,
        /// A rebate at a period's close. subject: the rebate. numbers: the net spend, the period's
        /// first day, 1 for a month's period.
        rebate,
    };
    /// In place of a lot's earning day: the lot is the opening balance.
    static constexpr std::int64_t opening_balance = std::numeric_limits<std::int64_t>::min();
    /// The flags of an earn rate's numbers[3] and a boost's numbers[2].
    static constexpr std::int64_t rounded = 1;
    static constexpr std::int64_t with_shipping = 2;
    static constexpr std::int64_t with_tax = 4;
    /// In numbers[3] of a tier_review: the tier did not go below the one before.
    static constexpr std::int64_t not_below = -1;

    Kind kind = Kind::earn_bonus;
    std::uint32_t subject = 0;
    std::array<std::int64_t, 5> numbers{};
    std::uint32_t first_extra = 0;
    std::uint32_t extra_count = 0;
    /// Caps that limited the delta's points: triples of the cap's position, the points it had
    /// counted already in its period, and the points over it that were not awarded.
    std::uint32_t first_cap_note = 0;
    std::uint32_t cap_note_count = 0;

    friend bool operator==(const Reason& a, const Reason& b) {
        return a.kind == b.kind && a.subject == b.subject && a.numbers == b.numbers && a.first_extra == b.first_extra &&
               a.extra_count == b.extra_count && a.first_cap_note == b.first_cap_note &&
               a.cap_note_count == b.cap_note_count;
    }
    friend bool operator!=(const Reason& a, const Reason& b) { return !(a == b); }
};

}  // namespace loyalty
