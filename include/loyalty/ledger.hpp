#pragma once
// The double-entry side of an outcome: accounts, deltas and their postings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loyalty/member.hpp"
#include "loyalty/reason.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

enum class AccountKind {
    member_points,           ///< a member's spendable points
    program_points_issued,   ///< the program's liability for the points it issued
    program_points_redeemed, ///< where points spent on rewards go
    program_points_expired,  ///< where expired points go
    member_coupons,          ///< coupons a member holds (unit "coupons")
    member_savings,          ///< what a member saved with discounts (a currency)
    program_coupons_issued,  ///< the program's liability for the coupons it issued
    program_coupons_redeemed,///< where used coupons go
    program_discounts,       ///< discount expense (a currency)
    member_badges,           ///< badges a member holds (unit "badge:NAME")
    member_owed,             ///< points a member owes after a return took back spent points (negative)
    member_credit,           ///< a member's store credit (a currency)
    program_rebates,         ///< rebate expense (a currency)
    member_tier,             ///< tier changes of a member (unit "tier:NAME")
    program_tiers,           ///< where tier changes come from
    member_benefits,         ///< benefits a member received (unit "benefit:NAME")
    program_benefits,        ///< where benefits come from
    program_badges_awarded,  ///< where badges come from
    member_pending,          ///< a member's points held until a purchase's return window has passed
};

/// An account of the ledger: a member's (with its id) or the program's own.
struct Account {
    AccountKind kind = AccountKind::member_points;
    std::string member_id;

    /// "member:m1:points", "program:points_issued"
    std::string to_string() const;
    /// Whether it is one of a member's accounts (and so names `member_id`).
    bool is_member() const;
    friend bool operator==(const Account& a, const Account& b) {
        return a.kind == b.kind && a.member_id == b.member_id;
    }
};

/// Whether `kind` is one of a member's accounts.
bool is_member_account(AccountKind kind);

enum class DeltaKind {
    earn,          ///< points awarded: from program:points_issued to the member
    expire,        ///< points past their date: from the member to program:points_expired
    burn,          ///< points spent on a reward: from the member to program:points_redeemed
    coupon_issue,  ///< a coupon given: from program:coupons_issued to member:ID:coupons
    coupon_use,    ///< a coupon presented and used: from member:ID:coupons to program:coupons_redeemed
    discount,      ///< what a coupon took off a purchase: from program:discounts to member:ID:savings
    badge,         ///< a badge awarded: from program:badges_awarded to member:ID:badges
    clawback,      ///< points a return takes back: from the member (its points, or owed) to program:points_issued
    coupon_restore,///< a coupon given back when its whole purchase is returned
    rebate,        ///< store credit at a period close: from program:rebates to member:ID:credit
    tier_change,   ///< the member moves to a tier: one unit "tier:NAME", program:tiers to member:ID:tier
    benefit,       ///< a benefit such as a room upgrade: one unit "benefit:NAME"
    refund,        ///< points that paid for returned lines, given back: from program:points_redeemed to the member
    release,       ///< pending points become spendable: from member:ID:pending to member:ID:points
};

std::string_view to_string(DeltaKind kind);

/// Points taken from one lot of a member.
struct LotChange {
    std::string lot_id;
    std::int64_t points = 0;
};

/// The lot a delta crediting a member's points creates; the lot's id is the delta's id.
struct NewLot {
    Date earned_on = *Date::from_ymd(1970, 1, 1);
    std::optional<Date> expires_on;
    /// Set when the delta credits `member:ID:pending`: the first day the lot is spendable.
    std::optional<Date> pending_until;
};

/// One entry of the ledger: a signed amount on one account.
struct Posting {
    Account account;
    /// "points", or a currency code.
    std::string unit;
    std::int64_t amount = 0;
};

/// What tells apart the deltas one rule makes in one transaction: the part of the delta's id
/// after its rule, "t1/returns:referrer-points@1".
struct DeltaPart {
    enum class Kind : std::uint8_t {
        none,              ///< "t1/base@1"
        coupon,            ///< ":coupon", the coupon a rule gives
        referrer,          ///< ":referrer", a referrer's points
        pending,           ///< ":pending", pending points expired or taken back
        refund,            ///< ":refund", points a return gives back, or those of them expired
        tier,              ///< ":NAME", the tier `text` names
        coupon_use,        ///< ":use-N", the Nth coupon the transaction presents
        coupon_discount,   ///< ":discount-N", what it took off
        points,            ///< ":points", spendable points a return takes back
        owed,              ///< ":owed", points a return finds spent
        referrer_pending,  ///< ":referrer-pending", the same of the referrer's points
        referrer_points,   ///< ":referrer-points"
        referrer_owed,     ///< ":referrer-owed"
        restored_coupon,   ///< ":coupon-ID", the coupon `text` names, given back by a return
    };
    Kind kind = Kind::none;
    /// coupon_use, coupon_discount: N, from 1.
    std::uint32_t number = 0;
    /// tier: the tier's name; restored_coupon: the coupon's id. Empty otherwise.
    std::string text;

    friend bool operator==(const DeltaPart& a, const DeltaPart& b) {
        return a.kind == b.kind && a.number == b.number && a.text == b.text;
    }
};

/// A change the program makes: `amount` moves from `debit` to `credit` (the debit's posting is
/// −amount, the credit's +amount), so every delta balances by construction.
struct Delta {
    /// With the outcome's transaction id and program version, the delta's id (Outcome::delta_id):
    /// "<transaction id>/<rule id>[:<part>]@<program version>". Store deltas under it to stay
    /// idempotent.
    DeltaPart part;
    DeltaKind kind = DeltaKind::earn;
    /// The rule that made it, by its place among the program's rules (Outcome::rule_id names it).
    std::uint32_t rule = 0;
    /// The member it belongs to, by number: 0 for the buyer, k for the outcome's
    /// `other_members[k − 1]` (a referrer); Outcome::owner_id names it. `apply` folds it into this
    /// member alone.
    std::uint32_t owner = 0;
    /// Its two sides. A member account is its owner's: Outcome::account gives the account whole.
    AccountKind debit = AccountKind::program_points_issued;
    AccountKind credit = AccountKind::member_points;
    /// Of the unit its kind moves (Outcome::unit).
    std::int64_t amount = 0;
    /// Why, as numbers: Program::explain renders the sentence a support agent can read to the
    /// customer.
    Reason reason;
    /// Set when the delta credits a member's points.
    std::optional<NewLot> new_lot;
    /// When the delta debits a member's points (or pending points): the lots it takes them from, in order (soonest
    /// expiry first, then oldest, lots that never expire last), adding up to `amount`.
    std::vector<LotChange> consumed_lots;
    /// coupon_issue: the coupon the member receives; coupon_use: the coupon used (its id).
    std::optional<Coupon> coupon;
};

}  // namespace loyalty
