#pragma once
// A member's state as the engine needs it; the host stores it between transactions.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loyalty/attributes.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/money.hpp"
#include "loyalty/points.hpp"
#include "loyalty/recent_transactions.hpp"
#include "loyalty/rounding.hpp"
#include "loyalty/time.hpp"

namespace loyalty {

/// Points earned together, spent and expired together: one earn delta makes one lot.
struct PointsLot {
    /// The id of the delta that earned it; "opening" for a balance carried in from elsewhere.
    std::string id;
    /// The day it was earned, on the program's wall clock.
    Date earned_on = *Date::from_ymd(1970, 1, 1);
    /// The first day its points are no longer spendable; none: they never expire.
    std::optional<Date> expires_on;
    /// What is left of it.
    Points points;
    /// Points held after a purchase: not spendable before this day.
    std::optional<Date> pending_until;

    static constexpr std::string_view opening_id = "opening";
    /// Whether it is the balance carried in (the lengths compared first: every evaluation asks
    /// this of every lot).
    bool is_opening_balance() const { return std::string_view(id) == opening_id; }
};

/// What a coupon gives the purchase that presents it.
enum class CouponBenefit {
    percent_off,  ///< a percentage of what the purchase costs
    amount_off,   ///< a fixed amount, at most what the purchase costs
    free_item,    ///< one unit of a SKU in the basket, free
};

/// A coupon the member holds. Valid from the start of `valid_from` through the end of
/// `valid_until`, on the program's wall clock; consumed by the purchase that presents it.
struct Coupon {
    /// The id of the delta that issued it: what the member presents.
    std::string id;
    /// Names the reward in explanations: "10 % off your next purchase".
    std::string description;
    CouponBenefit benefit = CouponBenefit::percent_off;
    /// percent_off: the percentage.
    Decimal percent;
    /// amount_off: the amount.
    Money amount;
    /// free_item: the SKU.
    std::string sku;
    /// percent_off: how the discount becomes whole minor units.
    Rounding rounding = Rounding::half_up;
    Date valid_from = *Date::from_ymd(1970, 1, 1);
    Date valid_until = *Date::from_ymd(1970, 1, 1);
    /// The purchase that used it, once used.
    std::string used_by;
};

/// What one counter counted in one bucket: a day for rolling windows, the first day of the period
/// for calendar periods, 1970-01-01 for a lifetime count.
struct CounterBucket {
    std::string counter_id;
    Date day = *Date::from_ymd(1970, 1, 1);
    /// Purchases, items, or spend in minor units.
    std::int64_t value = 0;
};

/// A rule limited to once per period (or once ever) fired in the period starting `period_start`.
struct RuleUse {
    std::string rule_id;
    Date period_start = *Date::from_ymd(1970, 1, 1);
};

/// Orders uses by rule, then period; a rule's uses are found by its id alone (`equal_range(id)`).
struct RuleUseOrder {
    using is_transparent = void;
    bool operator()(const RuleUse& a, const RuleUse& b) const {
        return a.rule_id != b.rule_id ? a.rule_id < b.rule_id : a.period_start < b.period_start;
    }
    bool operator()(const RuleUse& use, std::string_view rule_id) const { return use.rule_id < rule_id; }
    bool operator()(std::string_view rule_id, const RuleUse& use) const { return rule_id < use.rule_id; }
};

/// What a purchase did, kept for the return window, so a return can undo its share exactly.
struct PurchaseRecord {
    struct Line {
        std::string sku;
        std::int64_t quantity = 0;
        /// What the line cost after discounts and coupons, minor units.
        std::int64_t paid = 0;
        std::int64_t returned_quantity = 0;
    };
    struct Counted {
        std::string counter_id;
        Date bucket = *Date::from_ymd(1970, 1, 1);
        std::int64_t amount = 0;
    };

    std::string id;
    Date day = *Date::from_ymd(1970, 1, 1);
    /// The purchase's instant: a return dated before it is refused. None in states written
    /// before it was kept; the day alone decides then.
    std::optional<Timestamp> at;
    std::vector<Line> lines;
    /// Points the purchase's earn rules gave the member, after caps.
    std::int64_t points = 0;
    /// The member its earn rules gave referral points, and how many; a return takes back their
    /// share too, unless the program's `returns.referrer_points` is `keep`.
    std::string referrer;
    std::int64_t referrer_points = 0;
    std::vector<Counted> counted;
    std::vector<std::string> coupons_used;
    /// Points that paid part of the purchase, and the soonest expiry among the lots they came
    /// from: a return gives them back with that expiry.
    std::int64_t points_paid = 0;
    std::optional<Date> points_paid_expires_on;
    /// Running totals of what returns took back and gave back.
    std::int64_t returned_paid = 0;
    std::int64_t points_taken_back = 0;
    std::int64_t points_paid_back = 0;
    std::int64_t referrer_points_taken_back = 0;
    std::vector<std::int64_t> counted_taken_back;

    std::int64_t paid() const;
    bool fully_returned() const;
};

/// The state of one member. Hosts keep it (see json.hpp) and pass it to every evaluation;
/// `apply` returns the next state. A plain value type: safe to copy and share between threads.
struct Member {
    std::string id;
    /// The member's tier name, as the program's conditions see it (`member.tier`).
    std::string tier;
    /// The last day the tier is kept whatever the counts; a review at a period close after it may
    /// lower the tier.
    std::optional<Date> tier_kept_until;
    /// Store credit from rebates, in minor units of the program's currency.
    std::int64_t store_credit = 0;
    Attributes attributes;
    /// Points lots, spendable and pending, soonest to expire first, as `apply` keeps them.
    std::vector<PointsLot> lots;
    /// Coupons issued to the member, used or not, by id: found in constant time however many a
    /// member holds. In no order; `coupons_by_id()` lists them in order.
    std::unordered_map<std::string, Coupon> coupons;
    /// The earliest last valid day among the coupons, kept by `apply` and computed by
    /// `member_from_json` (a host that changes `coupons` itself calls `find_earliest_coupon_end`):
    /// finding no coupon old enough to forget then takes no look through them.
    std::optional<Date> earliest_coupon_end;
    /// What the program's counters counted, in the periods it still needs.
    std::vector<CounterBucket> counters;
    /// Which once-limited rules fired in which period, by rule.
    std::set<RuleUse, RuleUseOrder> rule_uses;
    /// Purchases still inside the program's return window (and its allowance for late
    /// transactions), by id, in no order; `purchases_by_id()` lists them in order.
    std::unordered_map<std::string, PurchaseRecord> purchases;
    /// The horizon (see `latest_day`) as of which the member last forgot what no window needs:
    /// until a later transaction moves the horizon past it, there is nothing more to forget.
    std::optional<Date> forgotten_as_of;
    /// Points taken back by returns after they were spent: the member's debt to the program.
    Points owed;
    /// Under `returns.spent: negative_balance`, what a return took back beyond the balance: the
    /// balance is minus this, and the next points credited fill it first.
    Points below_zero;
    /// The last day the member earned or spent points or made a purchase; kept under an expiry
    /// policy of months without activity.
    std::optional<Date> last_active_on;
    /// The day, on the program's clock, of the latest transaction of this member's applied: a
    /// transaction more than the program's `late_transactions.allowed_days` before it is refused.
    std::optional<Date> latest_day;
    /// The latest applied transactions, oldest first: at least the latest
    /// limits::recent_transactions_max, at most twice as many (the oldest half is forgotten at once).
    RecentTransactions recent_transactions;

    /// The recent entry for `transaction_id`, or null.
    const AppliedTransaction* find_applied(const std::string& transaction_id) const;
    /// Spendable points: the sum of the lots that are not pending, less `below_zero`. Throws
    /// ArithmeticError past ±Points::value_max; `checked_points` returns nothing instead.
    Points points() const;
    std::optional<Points> checked_points() const;
    /// Points held as pending: the sum of the pending lots; checked the same way.
    Points pending_points() const;
    std::optional<Points> checked_pending_points() const;
    /// Sets `earliest_coupon_end` from the coupons.
    void find_earliest_coupon_end();
    /// The coupons, and the purchase records, in the order of their ids: what JSON writes.
    std::vector<const Coupon*> coupons_by_id() const;
    std::vector<const PurchaseRecord*> purchases_by_id() const;
    /// Replaces the lots with one "opening" lot of `points` (zero or more; std::invalid_argument
    /// for less) that never expires: a balance carried in from another system.
    void set_opening_balance(Points points);
};

}  // namespace loyalty
