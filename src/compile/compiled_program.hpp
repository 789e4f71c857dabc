#pragma once
// The immutable form a rule file compiles to; evaluation reads only this.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compile/earn_rule_index.hpp"
#include "core/time_zone.hpp"
#include "expr/expression.hpp"
#include "loyalty/currency.hpp"
#include "loyalty/program_digest.hpp"
#include "loyalty/decimal.hpp"
#include "loyalty/member.hpp"
#include "loyalty/money.hpp"
#include "loyalty/rounding.hpp"
#include "loyalty/rule_table.hpp"
#include "loyalty/time.hpp"

namespace loyalty::detail {

/// What a counter adds up, per purchase.
enum class CounterMeasure { purchases, items, spend };
enum class CounterPeriod { lifetime, calendar_year, calendar_month, rolling_days };

/// A member's count over a window: purchases, items (quantities) or spend (what was paid), of
/// the lines `line_filter` accepts.
struct CounterRule {
    std::string id;
    std::string description;
    CounterMeasure measure = CounterMeasure::purchases;
    CounterPeriod period = CounterPeriod::lifetime;
    int rolling_days = 0;
    std::optional<CompiledExpression> line_filter;

    /// The bucket a count made on `day` goes into.
    Date bucket_of(Date day) const;
    /// The first bucket that counts on `today`.
    Date window_start(Date today) const;
    /// Its value on `today`: the member's buckets of this counter inside the window.
    /// Nothing when the sum lies past ±10^15.
    std::optional<std::int64_t> value_on(const std::vector<CounterBucket>& buckets, Date today) const;
    /// Buckets before this day are no longer needed (the previous calendar period is kept for
    /// reviews at period close).
    Date keep_from(Date today) const;
};

/// Half-open `[from, until)`: the instants the rule file's local times name on the program's
/// clock (a time in the repeated hour when clocks go back is its first occurrence); either end open.
struct ActiveWindow {
    std::optional<std::int64_t> from_utc_seconds;
    std::optional<std::int64_t> until_utc_seconds;
    /// The same ends as written, on the program's wall clock, for traces.
    std::optional<std::int64_t> from_local_seconds;
    std::optional<std::int64_t> until_local_seconds;

    bool contains(std::int64_t utc_seconds) const {
        return (!from_utc_seconds || utc_seconds >= *from_utc_seconds) &&
               (!until_utc_seconds || utc_seconds < *until_utc_seconds);
    }
};

enum class EarnBase { net, gross };

/// A line's earn counts `factor` times when `condition` holds for it; the first match wins.
struct ItemMultiplier {
    CompiledExpression condition;
    Decimal factor;
    std::string description;
};

/// `points` per `per` of spend, summed over the lines and rounded once, to a multiple of `block`.
struct RateEarn {
    Decimal points;
    Money per;
    EarnBase base = EarnBase::net;
    /// Shipping and tax earn only when included; what points paid earns only when not excluded.
    bool with_shipping = false;
    bool with_tax = false;
    bool without_points_payment = false;
    std::int64_t block = 1;
    Rounding rounding = Rounding::floor;
    std::vector<ItemMultiplier> multipliers;
    /// The largest scale among the multipliers' factors: all lines are summed at this scale.
    int factor_scale = 0;
};

/// A fixed number of points.
struct FixedBonus {
    std::int64_t points = 0;
};

/// Extra points: (factor − 1) × the points the `targets` (earlier rules) earned.
struct EarnBoost {
    std::vector<std::size_t> targets;
    Decimal factor;
    Rounding rounding = Rounding::floor;
};

/// How often a rule may fire for one member.
struct FiringLimit {
    enum class Kind { unlimited, ever, per_calendar_year, per_calendar_month, cooldown_days };
    Kind kind = Kind::unlimited;
    int days = 0;

    /// The period a firing on `today` belongs to (its first day; today for cooldowns).
    Date period_of(Date today) const;
    /// Whether a firing in the period starting `used`, before or after `today`, stops one on `today`.
    bool blocks(Date used, Date today) const;
    /// Firings before this day no longer block anything.
    Date keep_from(Date today) const;
};

/// The coupon a redemption, a rule or a level issues.
struct CouponSpec {
    CouponBenefit benefit = CouponBenefit::percent_off;
    Decimal percent;
    Money amount;
    std::string sku;
    std::int64_t valid_days = 30;
    std::int64_t starts_after_days = 0;
    Rounding rounding = Rounding::half_up;
};

/// Issues a coupon when the rule fires.
struct CouponAction {
    CouponSpec coupon;
};

/// Gives a benefit (a room upgrade, free delivery) when the rule fires: one unit "benefit:NAME".
struct BenefitAction {
    std::string name;
};

struct EarnRule {
    std::string id;
    /// Its place in CompiledProgram::rules: what its deltas name it by.
    std::uint32_t number = 0;
    std::string description;
    /// A switched-off rule is still checked but never fires.
    bool enabled = true;
    /// Empty: purchases; otherwise the name of the events it acts on.
    std::string on_event;
    FiringLimit limit;
    /// Points for the member named by the buyer's attribute "referrer", when this rule fires.
    std::int64_t referrer_points = 0;
    std::optional<CompiledExpression> condition;
    ActiveWindow window;
    std::variant<RateEarn, FixedBonus, EarnBoost, CouponAction, BenefitAction> action;
    /// The group it belongs to, by index into CompiledProgram::groups.
    std::optional<std::size_t> group;
    /// When it fires, no earn rule after it does, for this transaction.
    bool stop = false;
    /// Fires only for about one transaction in this many (0: always), by a draw derived from the
    /// transaction id and the program: the same history always draws the same.
    std::int64_t one_in = 0;
};

/// Earn rules that name a group: with `first_match`, once one of them fires the later ones of
/// the group do not; otherwise all of them may fire.
struct RuleGroup {
    std::string id;
    bool first_match = false;
};

/// Something given once per counter period when a counter, this transaction included, reaches
/// `level`: a coupon, a badge or points.
struct LevelReward {
    std::string id;
    /// Its place in CompiledProgram::rules: what its deltas name it by.
    std::uint32_t number = 0;
    std::string description;
    std::size_t counter = 0;
    std::int64_t level = 0;
    std::optional<CouponSpec> coupon;
    std::string badge;
    std::int64_t points = 0;
};

/// At most `points_max` earned by the member's own earn rules in one transaction, or in one
/// period: a day, a calendar month or a calendar year.
struct EarnCap {
    std::string id;
    std::string description;
    std::int64_t points_max = 0;
    /// None: per transaction. Otherwise what the member earned in the period is kept as counter
    /// buckets under the cap's id, and this counter reads it.
    std::optional<CounterRule> period;
    /// Over the cap, refuse the transaction's whole earning rather than trim it to fit.
    bool reject = false;
};


/// A standing percentage off for members, when `condition` holds.
struct MemberDiscount {
    std::string id;
    /// Its place in CompiledProgram::rules: what its deltas name it by.
    std::uint32_t number = 0;
    std::string description;
    Decimal percent;
    Rounding rounding = Rounding::half_up;
    std::optional<CompiledExpression> condition;
};

/// `points` become a coupon: automatically when the balance reaches them, or when asked.
struct RedemptionRule {
    std::string id;
    /// Its place in CompiledProgram::rules: what its deltas name it by.
    std::uint32_t number = 0;
    std::string description;
    std::int64_t points = 0;
    bool automatic = false;
    CouponSpec coupon;
};

/// When earned points stop being spendable.
struct ExpiryPolicy {
    enum class Kind { never, months_after_earning, on_date, months_without_activity };
    Kind kind = Kind::never;
    int months = 0;
    Date date = *Date::from_ymd(1970, 1, 1);
    std::string description;

    /// The first day points earned on `earned_on` are no longer spendable, if that is known when
    /// they are earned (not under months_without_activity).
    std::optional<Date> expiry_of(Date earned_on) const;
    /// Under months_without_activity: the first day all of the member's points are gone unless
    /// the member is active before it. Activity is the member's last, or else its latest lot.
    std::optional<Date> inactivity_deadline(const Member& member) const;
};

/// `points` pay `worth` of a purchase.
struct PointsPayRate {
    std::int64_t points = 0;
    Money worth;
};

/// How long purchases can be returned, and so how long their records are kept.
struct ReturnPolicy {
    bool accepted = false;
    std::int64_t window_days = 0;
    /// Points already spent when a return takes them back: false, recorded as owed; true, the
    /// balance goes below zero.
    bool negative_balance = false;
    /// The points a purchase gave the buyer's referrer: false, a return takes them back in the
    /// proportion it takes the buyer's; true, the referrer keeps them.
    bool keep_referrer_points = false;
};

/// Store credit at a period close, on a spend counter's value for the period closed.
struct Rebate {
    struct Bracket {
        std::int64_t from = 0;  // minor units
        Decimal percent;
    };
    std::string id;
    /// Its place in CompiledProgram::rules: what its deltas name it by.
    std::uint32_t number = 0;
    std::string description;
    std::size_t counter = 0;
    /// whole: the bracket reached applies to all of it; marginal: each bracket's rate on its part.
    bool marginal = false;
    std::vector<Bracket> brackets;  // ascending by `from`
    Rounding rounding = Rounding::half_up;
};

/// Tiers by a counter: reached as soon as the counter gets there, kept through the end of the
/// next period, reviewed at each period close.
struct TierLadder {
    struct Level {
        std::string name;
        std::int64_t from = 0;
    };
    bool defined = false;
    std::size_t counter = 0;
    std::vector<Level> levels;  // ascending by `from`; the first starts at 0

    /// The highest level whose `from` the value reaches.
    std::size_t level_for(std::int64_t value) const;
    /// The index of `name` among the levels, or 0 (the bottom) for a name it does not know.
    std::size_t index_of(const std::string& name) const;
};

/// The rules the engine itself names its deltas by, first among CompiledProgram::rules, in
/// this order.
enum class BuiltInRule : std::uint32_t { expiry, pending, points_payment, coupons, returns, tiers };
inline constexpr const char* built_in_rule_ids[] = {"expiry", "pending", "points_payment", "coupons", "returns", "tiers"};

struct CompiledProgram {
    std::string name;
    std::string version;
    /// Of the rule file's content (compile/program_digest.hpp): what ledgers know the program by.
    ProgramDigest digest;
    /// The rule file as it was read: what a ledger keeps so that an auditor can evaluate its
    /// transactions again under the program that recorded them.
    std::string source;
    Currency currency;
    TimeZone time_zone;
    ExpiryPolicy expiry;
    std::optional<PointsPayRate> pay_rate;
    /// Points a purchase credits are pending this many days before they are spendable (0: never).
    std::int64_t pending_days = 0;
    ReturnPolicy returns;
    /// A transaction up to this many days before the member's latest is judged in its own
    /// periods; an older one is refused (T032). What members keep is kept this much longer.
    std::int64_t late_days_allowed = 7;
    std::vector<CounterRule> counters;
    std::vector<RuleGroup> groups;
    std::vector<EarnRule> earn_rules;
    EarnRuleIndex earn_index;
    std::vector<EarnCap> caps;
    std::vector<RedemptionRule> redemptions;
    std::vector<MemberDiscount> discounts;
    std::vector<LevelReward> levels;
    std::vector<Rebate> rebates;
    TierLadder tiers;
    /// Every rule that makes deltas, by number (Delta::rule): the built-in ones, then the earn
    /// rules, redemptions, discounts, levels and rebates, each in the file's order. Shared with
    /// the outcomes evaluated, which render delta ids and units from it without the program.
    std::shared_ptr<const RuleTable> rules;

    /// Numbers the rules and writes `rules`; once, when the program is compiled.
    void number_rules();
};

}  // namespace loyalty::detail
